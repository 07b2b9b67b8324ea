package listen

import (
	"strings"
	"unicode/utf8"

	"github.com/flylint-dev/flylint/internal/source"
)

// A word is one argv element as the program receives it, with enough
// structure to say which part of it came from which environment variable
// and where each part was written.
//
// tmpl is the value with every simple variable reference (`$PORT`,
// `${PORT:-8080}`) replaced by one placeholder rune from a private-use
// plane, so addresses split the same way whether or not a part is a
// variable. refs[i] is the reference placeholder i stands for.
type word struct {
	tmpl  string
	refs  []ref
	rng   source.Range // the whole word in its file
	spans []span       // tmpl byte ranges and the file offsets they came from; nil when unknown
	base  source.Pos   // the position spans' offsets count from
	// opaque is true when part of the value cannot be known without
	// running something (command substitution, $@).
	opaque bool
}

// ref is one variable reference inside a word.
type ref struct {
	name   string
	value  string // what the shell substitutes, given the static env
	set    bool   // the variable is set in the static env
	env    string // its value when set
	hasDef bool   // ${X:-d} or ${X-d}
	def    string
}

// span maps tmpl[t0:t1] to file offsets base+s0 .. base+s1. lit spans map
// byte for byte; a placeholder span maps as a whole.
type span struct {
	t0, t1, s0, s1 int
	lit            bool
}

const placeholderBase = 0xF0000

func placeholder(i int) string { return string(rune(placeholderBase + i)) }

// refAt returns the reference a placeholder rune stands for.
func (w *word) refAt(r rune) (*ref, bool) {
	i := int(r) - placeholderBase
	if i < 0 || i >= len(w.refs) {
		return nil, false
	}
	return &w.refs[i], true
}

// execWord is an exec-form argument: the program receives its text as is
// (no shell expands `$PORT` there).
func execWord(a Arg) word {
	w := word{tmpl: a.Text, rng: a.Range}
	if strings.ContainsRune(a.Text, utf8.RuneError) || hasPlaceholderRunes(a.Text) {
		w.opaque = true
	}
	if exactArg(a) {
		w.base = a.Range.Start
		w.spans = []span{{0, len(a.Text), 0, len(a.Text), true}}
	}
	return w
}

func hasPlaceholderRunes(s string) bool {
	for _, r := range s {
		if r >= placeholderBase && r < placeholderBase+0x10000 {
			return true
		}
	}
	return false
}

// exactArg reports whether an argument's text is written verbatim on one
// line, so that offset i of the text is the file offset Start+i.
func exactArg(a Arg) bool {
	r := a.Range
	return r.IsValid() && r.Start.Line == r.End.Line && r.End.Offset-r.Start.Offset == len(a.Text)
}

// value is what the program receives.
func (w *word) value() string { return w.valueOf(0, len(w.tmpl)) }

func (w *word) valueOf(i, j int) string {
	s := w.tmpl[i:j]
	if len(w.refs) == 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if rf, ok := w.refAt(r); ok {
			b.WriteString(rf.value)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// onlyRef returns the reference when tmpl[i:j] is exactly one placeholder.
func (w *word) onlyRef(i, j int) (*ref, bool) {
	s := w.tmpl[i:j]
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) || n == 0 {
		return nil, false
	}
	return w.refAt(r)
}

// hasRefs reports whether tmpl[i:j] holds any placeholder.
func (w *word) hasRefs(i, j int) bool {
	for _, r := range w.tmpl[i:j] {
		if _, ok := w.refAt(r); ok {
			return true
		}
	}
	return false
}

// sub returns the file range of tmpl[i:j], when the word maps exactly.
func (w *word) sub(i, j int) (source.Range, bool) {
	if w.spans == nil || i > j {
		return source.Range{}, false
	}
	s0, ok0 := w.fileOffset(i, true)
	s1, ok1 := w.fileOffset(j, false)
	if !ok0 || !ok1 || s0 > s1 {
		return source.Range{}, false
	}
	return source.Range{File: w.rng.File, Start: shift(w.base, s0), End: shift(w.base, s1)}, true
}

// fileOffset maps a tmpl offset to a file offset relative to base. start
// says whether t begins a range (else it ends one), which decides the
// side of a span boundary; a placeholder maps only as a whole.
func (w *word) fileOffset(t int, start bool) (int, bool) {
	if len(w.spans) == 0 {
		return 0, t == 0
	}
	for _, sp := range w.spans {
		in := start && t >= sp.t0 && t < sp.t1 || !start && t > sp.t0 && t <= sp.t1
		if !in {
			continue
		}
		switch {
		case sp.lit:
			return sp.s0 + t - sp.t0, true
		case start && t == sp.t0:
			return sp.s0, true
		case !start && t == sp.t1:
			return sp.s1, true
		}
		return 0, false
	}
	// An empty range sits on a span boundary.
	for _, sp := range w.spans {
		if start && t == sp.t1 {
			return sp.s1, true
		}
		if !start && t == sp.t0 {
			return sp.s0, true
		}
	}
	return 0, false
}

// slice is the word from tmpl offset i on, as for "--bind=VALUE".
func (w *word) slice(i int) word {
	out := word{tmpl: w.tmpl[i:], refs: w.refs, rng: w.rng, base: w.base, opaque: w.opaque}
	if r, ok := w.sub(i, len(w.tmpl)); ok {
		out.rng = r
		for _, sp := range w.spans {
			if sp.t1 <= i {
				continue
			}
			if sp.t0 < i { // a literal span cut at i
				sp.s0 += i - sp.t0
				sp.t0 = i
			}
			sp.t0 -= i
			sp.t1 -= i
			out.spans = append(out.spans, sp)
		}
	}
	return out
}

// joinRange covers a flag and its value when both sit in one file.
func joinRange(a, b source.Range) source.Range {
	if a.File != b.File || !a.IsValid() || !b.IsValid() || a.Start.Offset > b.End.Offset {
		return b
	}
	return source.Range{File: a.File, Start: a.Start, End: b.End}
}

func shift(p source.Pos, off int) source.Pos {
	return source.Pos{Line: p.Line, Col: p.Col + off, Offset: p.Offset + off}
}
