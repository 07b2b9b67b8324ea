package flytomlschema

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/flytoml"
)

// place is where a key path leads in flytoml.Schema.
type place struct {
	key *flytoml.Key // nil at the root, in a free-form map or unknown
	// keys are the keys of the table the path names (nil unless it names
	// a table with a schema).
	keys []*flytoml.Key
	// path is the schema path ("checks.type": the names of [checks.<name>]
	// tables are left out), display the same with "<name>" in their place.
	path, display string
	free          bool // inside a table whose keys the app chooses
	name          bool // the name of a [checks.<name>] table
	ok            bool
}

func resolve(segs []string) place {
	p := place{keys: flytoml.Schema(), ok: true}
	var named *flytoml.Key
	for _, s := range segs {
		switch {
		case p.free:
			p.key, p.keys = nil, nil
			continue
		case named != nil:
			p = place{key: named, keys: named.Keys, path: p.path, display: p.display + ".<name>", name: true, ok: true}
			named = nil
			continue
		}
		k := flytoml.Find(p.keys, s)
		if k == nil {
			return place{}
		}
		p = place{key: k, path: join(p.path, s), display: join(p.display, s), ok: true}
		switch k.Form {
		case flytoml.FormTable, flytoml.FormTables:
			p.keys = k.Keys
		case flytoml.FormNamed:
			named = k
		case flytoml.FormMap:
			p.free = true
		}
	}
	if named != nil {
		// "[checks]" itself: a table of names.
		p.keys = nil
	}
	return p
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// entryFor is the documentation of the key at schema path p.
func entryFor(p string) (entry, bool) {
	if e, ok := docs()[p]; ok {
		return e, true
	}
	for _, sh := range shared {
		if rest, ok := strings.CutPrefix(p, sh.from); ok && (rest == "" || rest[0] == '.') {
			if e, ok := docs()[sh.to+rest]; ok {
				return e, true
			}
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		if e, ok := anyLevel()[p[i+1:]]; ok {
			return e, true
		}
	}
	e, ok := anyLevel()[p]
	return e, ok
}

// link is the reference URL for schema path p: its own anchor, else the
// nearest enclosing section's.
func link(p string) string {
	for {
		if e, ok := entryFor(p); ok && e.anchor != "" {
			return refURL + "#" + e.anchor
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return refURL
		}
		p = p[:i]
	}
}

// valueDoc documents one enumerated value of the key at schema path p.
func valueDoc(p, v string) string {
	if e, ok := entryFor(p); ok && e.values != nil {
		if d, ok := e.values[v]; ok {
			return d
		}
	}
	if strings.HasSuffix(p, "vm.size") || p == "compute.size" || p == "computes.size" || p == "deploy.release_command_vm.size" {
		if ps, ok := flytoml.VMPresets[v]; ok {
			return sizeDoc(ps)
		}
	}
	return ""
}

func sizeDoc(ps flytoml.VMPreset) string {
	cpu := "CPU"
	if ps.CPUs > 1 {
		cpu = "CPUs"
	}
	mem := strconv.Itoa(ps.MemoryMB) + " MB"
	if ps.MemoryMB >= 1024 && ps.MemoryMB%1024 == 0 {
		mem = strconv.Itoa(ps.MemoryMB/1024) + " GB"
	}
	return strconv.Itoa(ps.CPUs) + " " + ps.Kind + " " + cpu + ", " + mem + " of memory by default."
}

// typeText describes a key's form and type for people.
func typeText(k *flytoml.Key) string {
	switch k.Form {
	case flytoml.FormTable:
		return "table"
	case flytoml.FormTables:
		return "array of tables"
	case flytoml.FormMap:
		return "table of names to values"
	case flytoml.FormNamed:
		return "table of named tables"
	}
	return k.Type
}

// acceptsBool: the key's type lets true and false be written.
func acceptsBool(k *flytoml.Key) bool {
	return k.Type == "boolean" || strings.Contains(k.Type, "or boolean")
}

// values are the enumerated values of k as written in TOML.
func values(k *flytoml.Key) []string {
	var out []string
	for _, v := range k.Values {
		out = append(out, quote(v))
	}
	if acceptsBool(k) {
		out = append(out, "true", "false")
	}
	return out
}

// quote writes v as a TOML basic string. Enumerated values need no
// escapes, but quote them correctly anyway.
func quote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
