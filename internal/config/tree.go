package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/tomlscan"
)

// The config schema is tiny, but TOML lets users write it many ways
// ([severity] tables, dotted keys, inline tables). tree.go folds all of
// them into one tree that keeps the position of every key and value, so
// that the schema check in load.go reports exact places without caring
// how the file was spelled.

type kind int

const (
	kString kind = iota + 1
	kBool
	kInteger
	kFloat
	kDateTime
	kArray
	kTable      // [header], implicit or dotted-key table
	kInline     // inline table: closed once written
	kArrayTable // [[header]]
)

func (k kind) String() string {
	switch k {
	case kString:
		return "a string"
	case kBool:
		return "a boolean"
	case kInteger:
		return "an integer"
	case kFloat:
		return "a float"
	case kDateTime:
		return "a date-time"
	case kArray:
		return "an array"
	case kTable:
		return "a table"
	case kInline:
		return "an inline table"
	case kArrayTable:
		return "an array of tables"
	}
	return "a value"
}

type value struct {
	kind   kind
	keyRng source.Range // the key that defined it; headers for tables
	valRng source.Range // the value itself (tables: the header or the first key)
	str    string       // decoded strings; raw text of other scalars
	b      bool
	elems  []*value // arrays
	tbl    *table   // tables and inline tables
	tbls   []*table // arrays of tables
}

type table struct {
	keys   []string // in file order, so errors come out in file order
	m      map[string]*value
	header bool // defined by its own [header]
	dotted bool // created by a dotted key; may not be reopened by a header
}

func newTable() *table { return &table{m: map[string]*value{}} }

func (t *table) set(k string, v *value) {
	t.keys = append(t.keys, k)
	t.m[k] = v
}

// builder turns unstable parser expressions into the tree.
type builder struct {
	file  string
	data  []byte
	base  int // offset of the parser's input in data (after a BOM)
	lines *source.Lines
	p     *unstable.Parser
	root  *table
	cur   *table
	errs  ErrorList
}

func parseTree(file string, data []byte) (*table, ErrorList) {
	b := &builder{file: file, data: data, lines: source.NewLines(data), root: newTable()}
	b.cur = b.root
	input := data
	if strings.HasPrefix(string(data[:min(3, len(data))]), "\uFEFF") {
		// Editors on Windows write a BOM; TOML parsers differ on it, so
		// strip it and keep offsets of the original bytes.
		b.base = 3
		input = data[3:]
	}
	b.p = &unstable.Parser{}
	b.p.Reset(input)
	for b.p.NextExpression() {
		b.expr(b.p.Expression())
	}
	if err := b.p.Error(); err != nil {
		b.syntaxError(err, input)
	}
	return b.root, b.errs
}

func (b *builder) syntaxError(err error, input []byte) {
	start, end := len(input), len(input)
	msg := err.Error()
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		// Highlight is a subslice of the input; its capacity gives its
		// offset. Check the arithmetic rather than trust it: never panic.
		off := cap(input) - cap(perr.Highlight)
		if off >= 0 && off+len(perr.Highlight) <= len(input) {
			start, end = off, off+len(perr.Highlight)
		}
		msg = perr.Message
	}
	b.errorAt(b.rng(start+b.base, end+b.base), "invalid TOML: %s", msg)
}

func (b *builder) rng(start, end int) source.Range {
	return b.lines.Range(b.file, start, end)
}

func (b *builder) rawRange(r unstable.Range) source.Range {
	start := int(r.Offset) + b.base
	return b.rng(start, start+int(r.Length))
}

func (b *builder) errorAt(r source.Range, format string, args ...any) {
	b.errs = append(b.errs, &Error{Range: r, Message: fmt.Sprintf(format, args...)})
}

type keyPart struct {
	name string
	rng  source.Range
}

func (b *builder) keyParts(it unstable.Iterator) []keyPart {
	var parts []keyPart
	for it.Next() {
		n := it.Node()
		parts = append(parts, keyPart{name: string(n.Data), rng: b.rawRange(n.Raw)})
	}
	return parts
}

func dottedName(parts []keyPart) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.name
	}
	return strings.Join(names, ".")
}

func (b *builder) expr(n *unstable.Node) {
	switch n.Kind {
	case unstable.Table:
		b.header(b.keyParts(n.Key()), false)
	case unstable.ArrayTable:
		b.header(b.keyParts(n.Key()), true)
	case unstable.KeyValue:
		b.keyValue(b.cur, n)
	}
}

// header opens [a.b] or [[a.b]]; later key/values go into the table.
func (b *builder) header(parts []keyPart, array bool) {
	b.cur = newTable() // a throwaway target if the header is rejected
	t := b.root
	for i, p := range parts {
		last := i == len(parts)-1
		v, ok := t.m[p.name]
		if !ok {
			nt := newTable()
			if !last {
				t.set(p.name, &value{kind: kTable, keyRng: p.rng, valRng: p.rng, tbl: nt})
				t = nt
				continue
			}
			if array {
				t.set(p.name, &value{kind: kArrayTable, keyRng: p.rng, valRng: p.rng, tbls: []*table{nt}})
			} else {
				nt.header = true
				t.set(p.name, &value{kind: kTable, keyRng: p.rng, valRng: p.rng, tbl: nt})
			}
			b.cur = nt
			return
		}
		switch {
		case last && array && v.kind == kArrayTable:
			nt := newTable()
			v.tbls = append(v.tbls, nt)
			b.cur = nt
			return
		case last && !array && v.kind == kTable && !v.tbl.header && !v.tbl.dotted:
			v.tbl.header = true
			b.cur = v.tbl
			return
		case last:
			b.errorAt(p.rng, "%s is already defined at line %d", dottedName(parts), v.keyRng.Start.Line)
			return
		case v.kind == kTable:
			t = v.tbl
		case v.kind == kArrayTable:
			t = v.tbls[len(v.tbls)-1]
		default:
			b.notTable(p.rng, parts[:i+1], v)
			return
		}
	}
}

func (b *builder) notTable(at source.Range, parts []keyPart, v *value) {
	if v.kind == kInline {
		b.errorAt(at, "%s is an inline table (line %d), which TOML closes where it is written; move these keys into it", dottedName(parts), v.keyRng.Start.Line)
		return
	}
	b.errorAt(at, "%s is %s (line %d), not a table", dottedName(parts), v.kind, v.keyRng.Start.Line)
}

// keyValue adds `a.b = v` to t, creating the tables a dotted key implies.
func (b *builder) keyValue(t *table, n *unstable.Node) {
	parts := b.keyParts(n.Key())
	if len(parts) == 0 {
		return
	}
	for i, p := range parts[:len(parts)-1] {
		v, ok := t.m[p.name]
		if !ok {
			nt := newTable()
			nt.dotted = true
			t.set(p.name, &value{kind: kTable, keyRng: p.rng, valRng: p.rng, tbl: nt})
			t = nt
			continue
		}
		if v.kind != kTable {
			b.notTable(p.rng, parts[:i+1], v)
			return
		}
		t = v.tbl
	}
	last := parts[len(parts)-1]
	if prev, ok := t.m[last.name]; ok {
		b.errorAt(last.rng, "%s is already set at line %d", dottedName(parts), prev.keyRng.Start.Line)
		return
	}
	v, _ := b.value(n.Value(), b.valueStart(last))
	v.keyRng = last.rng
	t.set(last.name, v)
}

// valueStart is the offset where the value of a key/value begins: arrays
// carry no position of their own in the unstable AST.
func (b *builder) valueStart(last keyPart) int {
	i := last.rng.End.Offset
	for i < len(b.data) && b.data[i] != '=' {
		i++
	}
	return tomlscan.SkipTrivia(b.data, i+1)
}

// value converts n, which starts at offset start, and returns the offset
// just past its end, which arrays and inline tables do not record.
func (b *builder) value(n *unstable.Node, start int) (*value, int) {
	v := &value{}
	end := start + 1
	if n.Raw.Length > 0 {
		start = int(n.Raw.Offset) + b.base
		end = start + int(n.Raw.Length)
	}
	switch n.Kind {
	case unstable.String:
		v.kind, v.str = kString, string(n.Data)
	case unstable.Bool:
		v.kind, v.b = kBool, string(n.Data) == "true"
	case unstable.Integer:
		v.kind, v.str = kInteger, string(n.Data)
	case unstable.Float:
		v.kind, v.str = kFloat, string(n.Data)
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		v.kind, v.str = kDateTime, string(n.Data)
	case unstable.Array:
		v.kind = kArray
		cursor := start + 1 // past '['
		it := n.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			e, eEnd := b.value(c, tomlscan.SkipTrivia(b.data, cursor))
			v.elems = append(v.elems, e)
			cursor = eEnd
		}
		end = tomlscan.Close(b.data, cursor, ']')
	case unstable.InlineTable:
		v.kind, v.tbl = kInline, newTable()
		cursor := start + 1 // past '{'
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				b.keyValue(v.tbl, c)
				cursor = int(c.Raw.Offset+c.Raw.Length) + b.base
			}
		}
		end = tomlscan.Close(b.data, cursor, '}')
	}
	v.valRng = b.rng(start, end)
	return v, end
}
