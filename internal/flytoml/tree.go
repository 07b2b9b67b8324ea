package flytoml

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/tomlscan"
)

// The document tree is the TOML data with a range on every key and value.
// go-toml's unstable parser gives ranges but leaves TOML's table semantics
// (no key defined twice, no table reopened) to its decoder, whose duplicate
// tracking is quadratic in the number of keys; the tree enforces the same
// rules with maps so that a 50 MB file stays linear.

// value is one TOML value. Tables made by [headers] and dotted keys are
// values of KindTable too, and an array of tables is a KindArray of them,
// so that readers need not care how a table was written.
type value struct {
	kind Kind
	rng  source.Range // as written; for a table, its header or key
	text string       // a string's decoded content; other scalars' raw text
	i    int64        // KindInt
	f    float64      // KindFloat
	b    bool         // KindBool

	elems []*value // KindArray
	tbl   *table   // KindTable
	// headers is true for an array made of [[header]] tables.
	headers bool
	// inline is true for a table written { ... }.
	inline bool
}

// entryKind says how an entry came to be, which decides what may extend it.
type entryKind uint8

const (
	// entryValue: a key = value; nothing may add to it.
	entryValue entryKind = iota
	// entryDotted: a table made by a dotted key; only dotted keys of the
	// same table and sub-table headers may add to it.
	entryDotted
	// entryTable: a table made by a [header] (explicit) or named on the way
	// to a longer header (implicit, so one [header] may still define it).
	entryTable
	// entryArrayTables: an array made by [[header]]s.
	entryArrayTables
)

type entry struct {
	name     string
	key      source.Range // where the key was (last) defined
	kind     entryKind
	explicit bool
	val      *value
}

type table struct {
	entries []*entry // in file order
	// index is built once a table grows past smallTable entries; most
	// fly.toml tables have a handful of keys and a scan is cheaper.
	index map[string]*entry
}

const smallTable = 16

func newTable() *table { return &table{} }

func (t *table) get(name string) *entry {
	if t == nil {
		return nil
	}
	if t.index != nil {
		return t.index[name]
	}
	for _, e := range t.entries {
		if e.name == name {
			return e
		}
	}
	return nil
}

// at returns key's entry together with its dotted path under prefix, so a
// decoder call names each key once and the reported path cannot drift from
// the key that was read.
func (t *table) at(prefix, key string) (*entry, string) {
	return t.get(key), prefix + "." + key
}

func (t *table) add(e *entry) {
	t.entries = append(t.entries, e)
	switch {
	case t.index != nil:
		t.index[e.name] = e
	case len(t.entries) > smallTable:
		t.index = make(map[string]*entry, 2*len(t.entries))
		for _, e := range t.entries {
			t.index[e.name] = e
		}
	}
}

// builder turns the parser's expressions into a tree.
type builder struct {
	data  []byte // the whole file
	base  int    // offset in data of the parsed part (after a BOM)
	file  string
	lines *source.Lines
	root  *table
	cur   *table
}

// keyPart is one segment of a dotted key.
type keyPart struct {
	name string
	rng  source.Range
	end  int // offset just past the segment
}

func (b *builder) rng(start, end int) source.Range { return b.lines.Range(b.file, start, end) }

func (b *builder) nodeRange(n *unstable.Node) (start, end int) {
	start = b.base + int(n.Raw.Offset)
	return start, start + int(n.Raw.Length)
}

func (b *builder) keyParts(n *unstable.Node) []keyPart {
	var parts []keyPart
	it := n.Key()
	for it.Next() {
		k := it.Node()
		s, e := b.nodeRange(k)
		parts = append(parts, keyPart{name: string(k.Data), rng: b.rng(s, e), end: e})
	}
	return parts
}

func (b *builder) syntaxError(r source.Range, format string, args ...any) *SyntaxError {
	return &SyntaxError{Range: r, Message: fmt.Sprintf(format, args...)}
}

// parsers recycles go-toml parsers. A parser keeps the node arena it grew
// (64 nodes at first, more for a long expression), so one reused over many
// files allocates it once rather than once per file: in a 10,000-app run
// that arena was the largest single allocation. The tree copies what it
// keeps out of the nodes, so nothing refers to a parser once build returns.
var parsers = sync.Pool{New: func() any { return new(unstable.Parser) }}

// maxPooledInput bounds what a pooled parser may have grown to: a parser
// that read a larger file is left to the collector with its arena.
const maxPooledInput = 16 << 10

// build reads every expression. It returns a *SyntaxError for text that is
// not TOML or breaks TOML's rules on keys and tables.
func (b *builder) build() error {
	b.root = newTable()
	b.cur = b.root
	p := parsers.Get().(*unstable.Parser)
	defer func() {
		p.Reset(nil) // hold no file in the pool
		if len(b.data) <= maxPooledInput {
			parsers.Put(p)
		}
	}()
	p.Reset(b.data[b.base:])
	for p.NextExpression() {
		n := p.Expression()
		var err error
		switch n.Kind {
		case unstable.KeyValue:
			err = b.keyValue(b.cur, n)
		case unstable.Table:
			err = b.header(n, false)
		case unstable.ArrayTable:
			err = b.header(n, true)
		}
		if err != nil {
			return err
		}
	}
	if err := p.Error(); err != nil {
		return b.parserError(err)
	}
	return nil
}

// parserError places a parse error: its Highlight is a slice of the input.
func (b *builder) parserError(err error) error {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return b.syntaxError(b.rng(b.base, b.base), "%v", err)
	}
	parsed := b.data[b.base:]
	start := cap(parsed) - cap(pe.Highlight)
	if pe.Highlight == nil || start < 0 || start > len(parsed) {
		start = len(parsed)
	}
	end := start + len(pe.Highlight)
	if end > len(parsed) {
		end = len(parsed)
	}
	msg := pe.Message
	if strings.HasPrefix(msg, keyStartMsg) && start < len(parsed) && parsed[start] >= utf8.RuneSelf {
		// go-toml names the first byte of the key as if it were a whole
		// character: U+00D1 'Ñ' for a Cyrillic і (U+0456), which looks
		// like the i it stands in for. Name the character really there.
		r, size := utf8.DecodeRune(parsed[start:])
		if r != utf8.RuneError || size > 1 {
			msg = fmt.Sprintf("%s%#U, which is not an ASCII letter, digit, - or _ (a key with other characters must be quoted)", keyStartMsg, r)
		} else {
			msg = keyStartMsg + "a byte that is not UTF-8"
		}
	}
	return b.syntaxError(b.rng(b.base+start, b.base+end), "%s", msg)
}

// keyStartMsg starts go-toml's message for a key that begins with a
// character a bare key cannot have.
const keyStartMsg = "invalid character at start of key: "

// keyValue adds `a.b.c = v` to t. Dotted segments make or reuse tables
// that dotted keys made; any other existing key is a redefinition.
func (b *builder) keyValue(t *table, n *unstable.Node) error {
	parts := b.keyParts(n)
	if len(parts) == 0 {
		return nil // the parser never yields a key-value without a key
	}
	for _, k := range parts[:len(parts)-1] {
		e := t.get(k.name)
		if e == nil {
			e = &entry{name: k.name, key: k.rng, kind: entryDotted,
				val: &value{kind: KindTable, rng: k.rng, tbl: newTable()}}
			t.add(e)
		} else if e.kind != entryDotted {
			return b.redefined(k, e)
		}
		t = e.val.tbl
	}
	last := parts[len(parts)-1]
	if e := t.get(last.name); e != nil {
		return b.redefined(last, e)
	}
	start := b.valueStart(last.end)
	_, kvEnd := b.nodeRange(n)
	v, _, err := b.value(n.Value(), start)
	if err != nil {
		return err
	}
	// A top-level key-value's range is exact; nested arrays and inline
	// tables computed their own end, which agrees.
	v.rng = b.rng(start, kvEnd)
	t.add(&entry{name: last.name, key: last.rng, kind: entryValue, val: v})
	return nil
}

func (b *builder) redefined(k keyPart, prev *entry) error {
	what := "key"
	switch prev.kind {
	case entryTable, entryDotted:
		what = "table"
	case entryArrayTables:
		what = "array of tables"
	}
	return b.syntaxError(k.rng, "%s %q is already defined at line %d; TOML does not allow defining a key twice",
		what, k.name, prev.key.Start.Line)
}

// header opens [a.b.c] or appends to [[a.b.c]].
func (b *builder) header(n *unstable.Node, array bool) error {
	parts := b.keyParts(n)
	if len(parts) == 0 {
		return nil // the parser never yields a header without a key
	}
	hdr := b.headerRange(parts, array)
	t := b.root
	for _, k := range parts[:len(parts)-1] {
		e := t.get(k.name)
		if e == nil {
			e = &entry{name: k.name, key: k.rng, kind: entryTable,
				val: &value{kind: KindTable, rng: hdr, tbl: newTable()}}
			t.add(e)
		}
		switch e.kind {
		case entryTable, entryDotted:
			t = e.val.tbl
		case entryArrayTables:
			t = e.val.elems[len(e.val.elems)-1].tbl
		default:
			return b.syntaxError(k.rng, "key %q is already defined at line %d as a value, not a table; TOML does not allow adding to it",
				k.name, e.key.Start.Line)
		}
	}
	last := parts[len(parts)-1]
	e := t.get(last.name)
	if array {
		elem := &value{kind: KindTable, rng: hdr, tbl: newTable()}
		switch {
		case e == nil:
			t.add(&entry{name: last.name, key: last.rng, kind: entryArrayTables, explicit: true,
				val: &value{kind: KindArray, rng: hdr, elems: []*value{elem}, headers: true}})
		case e.kind == entryArrayTables:
			e.val.elems = append(e.val.elems, elem)
		default:
			return b.redefined(last, e)
		}
		b.cur = elem.tbl
		return nil
	}
	switch {
	case e == nil:
		e = &entry{name: last.name, key: last.rng, kind: entryTable, explicit: true,
			val: &value{kind: KindTable, rng: hdr, tbl: newTable()}}
		t.add(e)
	case e.kind == entryTable && !e.explicit:
		// Named earlier on the way to a sub-table; this header defines it.
		e.explicit = true
		e.key = last.rng
		e.val.rng = hdr
	default:
		return b.redefined(last, e)
	}
	b.cur = e.val.tbl
	return nil
}

// value converts a value node. start is where the value begins (array
// nodes carry no range); it returns the offset just past the value.
func (b *builder) value(n *unstable.Node, start int) (*value, int, error) {
	switch n.Kind {
	case unstable.Array:
		v := &value{kind: KindArray}
		pos := start + 1 // past '['
		it := n.Children()
		for it.Next() {
			elemStart := tomlscan.SkipTrivia(b.data, pos)
			ev, end, err := b.value(it.Node(), elemStart)
			if err != nil {
				return nil, 0, err
			}
			v.elems = append(v.elems, ev)
			pos = end
		}
		end := tomlscan.Close(b.data, pos, ']')
		v.rng = b.rng(start, end)
		return v, end, nil
	case unstable.InlineTable:
		s, _ := b.nodeRange(n)
		t := newTable()
		pos := s + 1
		it := n.Children()
		for it.Next() {
			kv := it.Node()
			if err := b.keyValue(t, kv); err != nil {
				return nil, 0, err
			}
			_, pos = b.nodeRange(kv)
		}
		end := tomlscan.Close(b.data, pos, '}')
		return &value{kind: KindTable, rng: b.rng(s, end), tbl: t, inline: true}, end, nil
	default:
		s, e := b.nodeRange(n)
		v := &value{rng: b.rng(s, e)}
		if err := b.scalar(n, v); err != nil {
			return nil, 0, err
		}
		return v, e, nil
	}
}

// valueStart finds the value after a key: past blanks, '=' and blanks.
func (b *builder) valueStart(i int) int {
	i = b.skipBlank(i)
	if i < len(b.data) && b.data[i] == '=' {
		i++
	}
	return b.skipBlank(i)
}

func (b *builder) skipBlank(i int) int {
	for i < len(b.data) && (b.data[i] == ' ' || b.data[i] == '\t') {
		i++
	}
	return i
}

// headerRange is the span of "[a.b]" or "[[a.b]]" around a header's key.
func (b *builder) headerRange(parts []keyPart, array bool) source.Range {
	start := parts[0].rng.Start.Offset
	brackets := 1
	if array {
		brackets = 2
	}
	for n := 0; n < brackets && start > 0; {
		start--
		if b.data[start] == '[' {
			n++
		}
	}
	end := b.skipBlank(parts[len(parts)-1].end)
	for n := 0; n < brackets && end < len(b.data) && b.data[end] == ']'; n++ {
		end++
	}
	return b.rng(start, end)
}
