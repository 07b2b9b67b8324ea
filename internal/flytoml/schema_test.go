package flytoml

import (
	"fmt"
	"strings"
	"testing"
)

// sample is a value of the type a key's Schema entry names.
func sample(k *Key) string {
	if len(k.Values) > 0 {
		if k.Type == tStrings {
			return fmt.Sprintf("[%q]", k.Values[0])
		}
		return fmt.Sprintf("%q", k.Values[0])
	}
	switch k.Type {
	case tString:
		return `"x"`
	case tInt, tNumber:
		return "1"
	case tBool:
		return "true"
	case tStrings:
		return `["x"]`
	case tDuration:
		return `"10s"`
	case "string or integer":
		return `"1gb"`
	}
	return "1"
}

// wrong is a value no reader of a key of k's type accepts, or "" when
// every TOML value is acceptable.
func wrong(k *Key) string {
	switch k.Type {
	case tString, tStrings, tDuration:
		return "{ a = 1 }"
	case tInt, tNumber:
		return `"x"`
	case tBool, "string or boolean":
		return "1"
	}
	return ""
}

// doc writes an inline TOML value holding every key of keys, each set with
// sample, except the one at path skip which is set to bad.
func doc(keys []*Key, prefix, skip, bad string) string {
	var parts []string
	for _, k := range keys {
		p := joinPath(prefix, k.Name)
		var v string
		switch k.Form {
		case FormTable:
			v = "{" + doc(k.Keys, p, skip, bad) + "}"
		case FormTables:
			v = "[{" + doc(k.Keys, p, skip, bad) + "}]"
		case FormNamed:
			v = "{ n = {" + doc(k.Keys, p, skip, bad) + "} }"
		case FormMap:
			v = `{ K = "v" }`
		default:
			v = sample(k)
			if p == skip {
				v = bad
			}
		}
		parts = append(parts, k.Name+" = "+v)
	}
	return strings.Join(parts, ", ")
}

// TestSchemaAgreesWithDecoder sets every key Schema lists to a value of
// the type it names and checks that the decoder accepts them all; then
// sets each typed key to a value of another type and checks that the
// decoder reports that key. So Schema's names and types are those the
// decoder reads, and a reader that changes a key's type fails here.
func TestSchemaAgreesWithDecoder(t *testing.T) {
	top := Schema()
	var b strings.Builder
	for _, k := range top {
		fmt.Fprintf(&b, "%s = ", k.Name)
		switch k.Form {
		case FormTable:
			b.WriteString("{" + doc(k.Keys, k.Name, "", "") + "}")
		case FormTables:
			b.WriteString("[{" + doc(k.Keys, k.Name, "", "") + "}]")
		case FormNamed:
			b.WriteString("{ n = {" + doc(k.Keys, k.Name, "", "") + "} }")
		case FormMap:
			b.WriteString(`{ K = "v" }`)
		default:
			b.WriteString(sample(k))
		}
		b.WriteString("\n")
	}
	cfg, err := Parse("fly.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for _, p := range cfg.Problems {
		t.Errorf("every key set to its Schema type: %s: %s", p.Path, p.Message)
	}

	// prefix is the schema path, where the problem path that the decoder
	// reports names the table in a FormNamed level ("checks.n.port").
	var walk func(keys []*Key, prefix, where string)
	n := 0
	walk = func(keys []*Key, prefix, where string) {
		for _, k := range keys {
			p, w := joinPath(prefix, k.Name), joinPath(where, k.Name)
			if k.Form == FormNamed {
				walk(k.Keys, p, w+".n")
				continue
			}
			if k.Keys != nil {
				walk(k.Keys, p, w)
				continue
			}
			bad := wrong(k)
			if k.Form != FormValue || bad == "" {
				continue
			}
			n++
			src := setPath(top, p, bad)
			cfg, err := Parse("fly.toml", []byte(src))
			if err != nil {
				t.Fatalf("%s: %v\n%s", p, err, src)
			}
			found := false
			for _, pr := range cfg.Problems {
				if unindexedPath(pr.Path) == w {
					found = true
				}
			}
			if !found {
				t.Errorf("%s = %s (type %s in Schema): no problem reported; problems: %v", p, bad, k.Type, cfg.Problems)
			}
		}
	}
	walk(top, "", "")
	if n < 100 {
		t.Errorf("only %d typed keys were checked", n)
	}
}

// setPath writes the smallest document that sets the key at dotted path p
// (FormNamed levels take a table named "n") to v.
func setPath(top []*Key, p, v string) string {
	segs := strings.Split(p, ".")
	keys := top
	var open, closeS string
	for i, s := range segs {
		k := Find(keys, s)
		if i == len(segs)-1 {
			return open + s + " = " + v + closeS
		}
		keys = k.Keys
		switch k.Form {
		case FormTables:
			open += s + " = [{"
			closeS = "}]" + closeS
		case FormNamed:
			open += s + " = { n = {"
			closeS = "} }" + closeS
		default:
			open += s + " = {"
			closeS = "}" + closeS
		}
	}
	return ""
}

// unindexedPath is path without its array indexes:
// "services[0].ports[0].port" is "services.ports.port".
func unindexedPath(path string) string {
	p, _ := unindexed(path)
	return p
}
