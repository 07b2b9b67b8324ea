package flytomlschema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/flytoml"
)

// CandidateKind says what a completion candidate inserts.
type CandidateKind uint8

const (
	// Table: a table name after "[" or "[[".
	Table CandidateKind = iota + 1
	// Key: a key inside a table.
	Key
	// Value: an enumerated value after "key = ".
	Value
)

func (k CandidateKind) String() string {
	switch k {
	case Table:
		return "table"
	case Key:
		return "key"
	case Value:
		return "value"
	}
	return "unknown"
}

// Candidate is one completion.
type Candidate struct {
	Label  string
	Kind   CandidateKind
	Detail string // type and default, e.g. "integer, default 8080"
	Doc    string // Markdown
	// InsertText replaces the bytes [ReplaceStart, ReplaceEnd) of the
	// buffer: the partial word typed so far (a key, a table name, or a
	// value with its quotes), empty when nothing is typed yet.
	InsertText               string
	ReplaceStart, ReplaceEnd int
}

// Hover returns Markdown for the fly.toml key, table header or enumerated
// value at byte offset off, and the byte range [start,end) it covers. ok
// is false elsewhere: in comments, on keys flylint does not know, on
// names the app chooses ([env] variables, [checks.<name>]) and on values
// that are not one of a key's enumerated values.
func Hover(src []byte, off int) (md string, start, end int, ok bool) {
	if off < 0 || off > len(src) {
		return "", 0, 0, false
	}
	s := scan(src, -1)
	t, found := tokenAt(s.toks, off)
	if !found {
		return "", 0, 0, false
	}
	p := resolve(t.path)
	if !p.ok || p.key == nil || p.name {
		// Unknown, or a name the app chose: an [env] variable, a check.
		return "", 0, 0, false
	}
	if t.kind == tokValue {
		md, ok := valueHover(p, t)
		return md, t.start, t.end, ok
	}
	return keyHover(p), t.start, t.end, true
}

// tokenAt is the token under off: one that contains it, else one that
// ends at it (the cursor just after a word).
func tokenAt(toks []token, off int) (token, bool) {
	for _, t := range toks {
		if t.start <= off && off < t.end {
			return t, true
		}
	}
	for _, t := range toks {
		if t.end == off && t.start < t.end {
			return t, true
		}
	}
	return token{}, false
}

func keyHover(p place) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**`%s`** (%s)", p.display, typeText(p.key))
	if p.key.Legacy {
		b.WriteString(", old spelling")
	}
	b.WriteString("\n\n")
	writeDoc(&b, p)
	return b.String()
}

// writeDoc writes what the key does, its default and values, and the link.
func writeDoc(b *strings.Builder, p place) {
	e, _ := entryFor(p.path)
	b.WriteString(e.doc)
	if e.def != "" {
		b.WriteString("\n\nDefault: " + e.def + ".")
	}
	if vs := values(p.key); len(vs) > 0 {
		b.WriteString("\n\nValues: ")
		for i, v := range vs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("`" + v + "`")
		}
		b.WriteString(".")
	}
	fmt.Fprintf(b, "\n\n[Fly's reference](%s)", link(p.path))
}

func valueHover(p place, t token) (string, bool) {
	k := p.key
	if k == nil || k.Form != flytoml.FormValue {
		return "", false
	}
	var doc string
	switch {
	case t.quoted && slices.Contains(k.Values, t.text):
		doc = valueDoc(p.path, t.text)
	case !t.quoted && acceptsBool(k) && (t.text == "true" || t.text == "false"):
		doc = boolDoc(p, t.text == "true")
	default:
		return "", false
	}
	label := t.text
	if t.quoted {
		label = quote(t.text)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**`%s`** in `%s`\n\n%s\n\n[Fly's reference](%s)", label, p.display, doc, link(p.path))
	return b.String(), true
}

// boolDoc documents true or false for a key: auto_stop_machines maps them
// onto its strings, other keys simply turn on or off.
func boolDoc(p place, v bool) string {
	if slices.Equal(p.key.Values, flytoml.AutoStopValues) {
		if v {
			return "The same as `\"stop\"`: " + valueDoc(p.path, "stop")
		}
		return "The same as `\"off\"`: " + valueDoc(p.path, "off")
	}
	if v {
		return "Turns this on."
	}
	return "Turns this off."
}

// Complete returns what may be typed at byte offset off: table names after
// "[" / "[[", keys inside a table, enumerated values after "key = ".
// Candidates are in a stable order; the editor filters them by what is
// typed in [ReplaceStart, ReplaceEnd).
func Complete(src []byte, off int) []Candidate {
	if off < 0 || off > len(src) {
		return nil
	}
	s := scan(src, off)
	switch s.ctx.kind {
	case ctxHeader:
		return completeHeader(s.ctx)
	case ctxKey:
		return completeKey(s, s.ctx)
	case ctxValue:
		return completeValue(s.ctx)
	}
	return nil
}

func completeHeader(c context) []Candidate {
	var out []Candidate
	prefix := strings.Join(c.path, ".")
	var walk func(keys []*flytoml.Key, path []string)
	walk = func(keys []*flytoml.Key, path []string) {
		for _, k := range keys {
			if k.Legacy {
				continue
			}
			kp := append(slices.Clip(path), k.Name)
			name := strings.Join(kp, ".")
			want := k.Form == flytoml.FormTables
			if !c.array {
				want = k.Form == flytoml.FormTable || k.Form == flytoml.FormMap || k.Form == flytoml.FormNamed
			}
			if want && (prefix == "" || strings.HasPrefix(name, prefix+".")) {
				p := resolve(kp)
				insert := name
				switch {
				case k.Form == flytoml.FormNamed:
					// The name is the user's to type.
					insert += "."
				case c.closed:
				case c.array:
					insert += "]]"
				default:
					insert += "]"
				}
				label := name
				if k.Form == flytoml.FormNamed {
					label += ".<name>"
				}
				out = append(out, Candidate{Label: label, Kind: Table, Detail: detail(p),
					Doc: docOnly(p), InsertText: insert, ReplaceStart: c.start, ReplaceEnd: c.end})
			}
			if k.Form == flytoml.FormTable || k.Form == flytoml.FormTables {
				walk(k.Keys, kp)
			}
		}
	}
	walk(flytoml.Schema(), nil)
	return out
}

func completeKey(s *scanner, c context) []Candidate {
	p := resolve(c.path)
	if !p.ok || p.free || p.keys == nil {
		return nil
	}
	var out []Candidate
	for _, k := range p.keys {
		if k.Legacy || k.Form == flytoml.FormTables {
			// Arrays of tables are written as [[headers]], not keys.
			continue
		}
		kp := append(slices.Clip(c.path), k.Name)
		if k.Form == flytoml.FormValue && alreadySet(s, kp, c) {
			continue
		}
		insert := k.Name + " = "
		switch {
		case k.Form != flytoml.FormValue:
			// A table written with dotted keys: concurrency.type = ...
			insert = k.Name + "."
		case c.eqFollows:
			insert = k.Name
		}
		kpl := resolve(kp)
		out = append(out, Candidate{Label: k.Name, Kind: Key, Detail: detail(kpl), Doc: docOnly(kpl),
			InsertText: insert, ReplaceStart: c.start, ReplaceEnd: c.end})
	}
	return out
}

// alreadySet: the key at path is set in the same table block as the
// offset, so completing it again would make the TOML invalid.
func alreadySet(s *scanner, path []string, c context) bool {
	for _, t := range s.toks {
		typing := t.start == c.start && t.end == c.end
		if t.kind == tokKey && t.block == s.offBlock && slices.Equal(t.path, path) && !typing {
			return true
		}
	}
	return false
}

func completeValue(c context) []Candidate {
	p := resolve(c.path)
	if !p.ok || p.key == nil || p.key.Form != flytoml.FormValue {
		return nil
	}
	list := p.key.Type == "list of strings"
	var out []Candidate
	for _, v := range values(p.key) {
		insert := v
		if list && !c.array {
			insert = "[" + v + "]"
		}
		raw := strings.Trim(v, `"`)
		doc := valueDoc(p.path, raw)
		if v == "true" || v == "false" {
			doc = boolDoc(p, v == "true")
		}
		out = append(out, Candidate{Label: v, Kind: Value, Detail: p.display + " (" + p.key.Type + ")",
			Doc: doc, InsertText: insert, ReplaceStart: c.start, ReplaceEnd: c.end})
	}
	return out
}

// detail is a key's type and default in one line.
func detail(p place) string {
	d := typeText(p.key)
	if e, ok := entryFor(p.path); ok && e.def != "" {
		d += ", default " + strings.ReplaceAll(e.def, "`", "")
	}
	return d
}

// docOnly is a key's documentation without its heading.
func docOnly(p place) string {
	var b strings.Builder
	writeDoc(&b, p)
	return b.String()
}
