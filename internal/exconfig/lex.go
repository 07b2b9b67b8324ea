// Package exconfig reads the subset of Elixir that Mix config files
// (config/config.exs, config/<env>.exs, config/runtime.exs) and mix.exs
// are written in, with exact positions, without running any of it
// (DESIGN.md §2). What it does not understand it reports as an error
// ("cannot read"), and callers then treat the file's settings as
// unknown rather than guessed.
package exconfig

import (
	"fmt"
	"strings"
)

// Limits on untrusted input: a config file of a real app is a few KB
// (the five Phoenix apps in flylint's corpus: 1.5–4.5 KB each) and nests
// 4–5 deep.
const (
	MaxFileLen = 256 << 10
	MaxNesting = 64
	// maxTokens bounds the tokens of one file, interpolations included.
	maxTokens = 64 << 10
)

// Error is what the reader could not handle, at a byte offset.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

type tokKind uint8

const (
	tEOF     tokKind = iota
	tNewline         // one or more newlines (or ;)
	tIdent           // foo, foo?, do, end, true...
	tAlias           // Foo (dots are separate tokens)
	tAtom            // :foo, :"foo"
	tKwKey           // foo: (text without the colon)
	tInt
	tFloat
	tString // "..." or """...""" (parts)
	tChars  // '...' charlist
	tSigil  // ~w(...)
	tOp     // operators and punctuation
)

type strPart struct {
	lit        string
	interp     bool
	start, end int     // the source bytes of the #{...} contents
	toks       []token // their tokens, for the parser
}

// token is kept small: a file has a token per 6–20 bytes, and the
// string parts only strings and sigils carry live behind str.
type token struct {
	kind   tokKind
	space  bool   // whitespace (not a newline) precedes it
	quoted bool   // :"atom" or "key": with interpolation possible
	text   string // identifier, operator, atom name, sigil letter
	start  int
	end    int
	intVal int64
	str    *strData
}

type strData struct {
	parts     []strPart
	sigilMods string
}

func (t token) parts() []strPart {
	if t.str == nil {
		return nil
	}
	return t.str.parts
}

func (t token) sigilMods() string {
	if t.str == nil {
		return ""
	}
	return t.str.sigilMods
}

// ops, longest first within each first byte, is every operator the
// reader knows.
var ops = []string{
	"===", "!==", "|||", "&&&", "<<<", ">>>", "...", "<~>", "<<~", "~>>", "^^^", "+++", "---",
	"==", "!=", "=~", "<=", ">=", "->", "<-", "=>", "::", "||", "&&", "|>", "<>", "++", "--",
	"..", "//", "\\\\", "<<", ">>", "%{", "~>", "<~",
	"=", "<", ">", "|", "&", "+", "-", "*", "/", "!", "^", "@", ".", ",", "(", ")", "[", "]", "{", "}", "%",
}

// opsByFirst lists ops by their first byte, longest first.
var opsByFirst = func() (m [256][]string) {
	for _, o := range ops {
		m[o[0]] = append(m[o[0]], o)
	}
	return m
}()

// op returns the longest operator at the read position, "" if none.
func (l *lexer) op() string {
	rest := l.src[l.pos:]
	for _, o := range opsByFirst[rest[0]] {
		if len(rest) >= len(o) && string(rest[:len(o)]) == o {
			return o
		}
	}
	return ""
}

type lexer struct {
	src    []byte
	pos    int
	toks   []token
	count  *int
	depth  int
	closer byte // '}' when lexing an interpolation
}

// lex reads src[start:end]. With interp it reads the code of a #{}
// and stops at its closing brace, returning that brace's offset.
func lex(src []byte, start, end int, count *int, depth int, interp bool) ([]token, int, error) {
	if depth > MaxNesting {
		return nil, start, &Error{start, fmt.Sprintf("interpolation nested deeper than %d", MaxNesting)}
	}
	// Real config files hold a token per 6–20 bytes (comments count):
	// sized near that, the slice grows once or twice at most. An interpolation
	// runs to its brace, not to end, and is short.
	size := (end-start)/16 + 4
	if interp {
		size = 4
	}
	l := &lexer{src: src[:end], pos: start, count: count, depth: depth, toks: make([]token, 0, size)}
	if interp {
		l.closer = '}'
	}
	err := l.run()
	return l.toks, l.pos, err
}

func (l *lexer) errf(off int, format string, a ...any) error {
	return &Error{off, fmt.Sprintf(format, a...)}
}

func (l *lexer) emit(t token) error {
	*l.count++
	if *l.count > maxTokens {
		return l.errf(t.start, "more than %d tokens", maxTokens)
	}
	l.toks = append(l.toks, t)
	return nil
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' }
func isAliasStart(c byte) bool { return c >= 'A' && c <= 'Z' }
func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (l *lexer) run() error {
	braces := 0 // inside an interpolation, the { } it opens
	space := false
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		start := l.pos
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
			space = true
			continue
		case c == '\\' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n':
			l.pos += 2 // a line continuation
			space = true
			continue
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
			continue
		case c == '\n' || c == ';':
			l.pos++
			if n := len(l.toks); n == 0 || l.toks[n-1].kind != tNewline {
				if err := l.emit(token{kind: tNewline, start: start, end: l.pos}); err != nil {
					return err
				}
			}
			space = false
			continue
		}
		if c >= 0x80 {
			return l.errf(start, "non-ASCII text outside a string")
		}
		var t token
		var err error
		switch {
		case l.closer != 0 && c == '}' && braces == 0:
			return nil
		case isIdentStart(c) || isAliasStart(c):
			t = l.word()
		case isDigit(c):
			t, err = l.number()
		case c == ':' && l.pos+1 < len(l.src) && l.src[l.pos+1] != ':':
			t, err = l.atom()
		case c == '"':
			t, err = l.str('"', true)
			if err == nil && l.pos < len(l.src) && l.src[l.pos] == ':' && !t.heredoc() && l.pos+1 < len(l.src) && isSpace(l.src[l.pos+1]) {
				l.pos++
				t.kind, t.quoted, t.end = tKwKey, true, l.pos
			}
		case c == '\'':
			t, err = l.str('\'', true)
			t.kind = tChars
		case c == '~':
			t, err = l.sigil()
		case c == '?' && l.pos+1 < len(l.src):
			// A character literal: ?a is the integer 97.
			ch := l.src[l.pos+1]
			l.pos += 2
			if ch == '\\' && l.pos < len(l.src) {
				l.pos++
			}
			t = token{kind: tInt, start: start, end: l.pos, intVal: int64(ch), text: string(l.src[start:l.pos])}
		default:
			op := l.op()
			if op == "" {
				return l.errf(start, "unexpected %q", c)
			}
			l.pos += len(op)
			switch op {
			case "{", "%{":
				braces++
			case "}":
				braces--
			}
			t = token{kind: tOp, text: op, start: start, end: l.pos}
		}
		if err != nil {
			return err
		}
		t.space = space
		space = false
		if err := l.emit(t); err != nil {
			return err
		}
	}
	if l.closer != 0 {
		return l.errf(l.pos, "interpolation not closed")
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (t token) heredoc() bool {
	return t.kind == tString && t.end-t.start >= 6 && t.text == `"""`
}

func (l *lexer) word() token {
	start := l.pos
	alias := isAliasStart(l.src[l.pos])
	for l.pos < len(l.src) && isIdentByte(l.src[l.pos]) {
		l.pos++
	}
	if !alias && l.pos < len(l.src) && (l.src[l.pos] == '?' || l.src[l.pos] == '!') {
		l.pos++
	}
	text := string(l.src[start:l.pos])
	// "port: 4000": a keyword key is a word followed by ':' and a space.
	if l.pos+1 < len(l.src) && l.src[l.pos] == ':' && isSpace(l.src[l.pos+1]) {
		l.pos++
		return token{kind: tKwKey, text: text, start: start, end: l.pos}
	}
	if alias {
		return token{kind: tAlias, text: text, start: start, end: l.pos}
	}
	return token{kind: tIdent, text: text, start: start, end: l.pos}
}

func (l *lexer) number() (token, error) {
	start := l.pos
	t := token{kind: tInt, start: start}
	base := int64(10)
	if l.src[l.pos] == '0' && l.pos+1 < len(l.src) {
		switch l.src[l.pos+1] {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 10 {
			l.pos += 2
		}
	}
	digits := 0
	var v int64
	overflow := false
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		d := int64(-1)
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = int64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = int64(c-'A') + 10
		case c == '_' && digits > 0 && l.pos+1 < len(l.src) && isIdentByte(l.src[l.pos+1]):
			l.pos++
			continue
		}
		if d < 0 || d >= base {
			break
		}
		if v > (1<<62)/base {
			overflow = true
		}
		v = v*base + d
		digits++
		l.pos++
	}
	if digits == 0 {
		return t, l.errf(start, "malformed number")
	}
	if base == 10 && l.pos+1 < len(l.src) && l.src[l.pos] == '.' && isDigit(l.src[l.pos+1]) {
		t.kind = tFloat
		l.pos++
		for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '_') {
			l.pos++
		}
		if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
			l.pos++
			if l.pos < len(l.src) && (l.src[l.pos] == '+' || l.src[l.pos] == '-') {
				l.pos++
			}
			for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
				l.pos++
			}
		}
	}
	if l.pos < len(l.src) && isIdentByte(l.src[l.pos]) {
		return t, l.errf(l.pos, "malformed number")
	}
	if overflow && t.kind == tInt {
		return t, l.errf(start, "integer too large")
	}
	t.intVal = v
	t.end = l.pos
	t.text = string(l.src[start:l.pos])
	return t, nil
}

func (l *lexer) atom() (token, error) {
	start := l.pos
	l.pos++ // ':'
	c := l.src[l.pos]
	switch {
	case c == '"':
		t, err := l.str('"', false)
		t.kind, t.quoted, t.start = tAtom, true, start
		return t, err
	case isIdentStart(c) || isAliasStart(c):
		for l.pos < len(l.src) && isIdentByte(l.src[l.pos]) {
			l.pos++
		}
		if l.pos < len(l.src) && (l.src[l.pos] == '?' || l.src[l.pos] == '!' || l.src[l.pos] == '@') {
			l.pos++
		}
		// :"Elixir.Foo" is written :Foo.Bar only through an alias; a dot
		// after an atom is a call on it, which the parser sees.
		return token{kind: tAtom, text: string(l.src[start+1 : l.pos]), start: start, end: l.pos}, nil
	}
	switch o := l.op(); o {
	case "", ",", "(", ")", "[", "]", "{", "}", "%{":
	default:
		l.pos += len(o)
		return token{kind: tAtom, text: o, start: start, end: l.pos}, nil
	}
	return token{}, l.errf(start, "unexpected ':'")
}

// str reads a string or charlist starting at its quote, and a heredoc
// (three quotes of either kind) when heredocOK; #{} in it is always
// read as code.
func (l *lexer) str(q byte, heredocOK bool) (token, error) {
	start := l.pos
	t := token{kind: tString, start: start, text: string(q)}
	trip := string([]byte{q, q, q})
	if heredocOK && strings.HasPrefix(string(l.src[l.pos:min(l.pos+3, len(l.src))]), trip) {
		return l.heredoc(q)
	}
	l.pos++
	parts, err := l.body(start, func() bool { return l.src[l.pos] == q }, true)
	if err != nil {
		return t, err
	}
	l.pos++ // closing quote
	t.str, t.end = &strData{parts: parts}, l.pos
	return t, nil
}

// body reads string contents up to the byte at which closing reports
// true, which it leaves unread.
func (l *lexer) body(start int, closing func() bool, interp bool) ([]strPart, error) {
	var parts []strPart
	var lit strings.Builder
	for {
		if l.pos >= len(l.src) {
			return nil, l.errf(start, "string not closed")
		}
		if closing() {
			break
		}
		c := l.src[l.pos]
		switch {
		case c == '\\' && l.pos+1 < len(l.src):
			e := l.src[l.pos+1]
			l.pos += 2
			switch e {
			case 'n':
				lit.WriteByte('\n')
			case 't':
				lit.WriteByte('\t')
			case 'r':
				lit.WriteByte('\r')
			case '0':
				lit.WriteByte(0)
			case '\n':
			default:
				// \x, \u and the rest: the value is not needed exactly,
				// only never mistaken for a known one.
				if e == 'x' || e == 'u' {
					lit.WriteString("\\" + string(e))
				} else {
					lit.WriteByte(e)
				}
			}
		case interp && c == '#' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '{':
			if lit.Len() > 0 {
				parts = append(parts, strPart{lit: lit.String()})
				lit.Reset()
			}
			inner := l.pos + 2
			toks, end, err := lex(l.src, inner, len(l.src), l.count, l.depth+1, true)
			if err != nil {
				return nil, err
			}
			parts = append(parts, strPart{interp: true, start: inner, end: end, toks: toks})
			l.pos = end + 1
		default:
			lit.WriteByte(c)
			l.pos++
		}
	}
	if lit.Len() > 0 || len(parts) == 0 {
		parts = append(parts, strPart{lit: lit.String()})
	}
	return parts, nil
}

// heredoc reads """ ... """: the opening line ends after the quotes, and
// the closing quotes stand first on their own line; their indentation is
// removed from every line (Elixir's rule, which only changes the value,
// not whether the file reads).
func (l *lexer) heredoc(q byte) (token, error) {
	start := l.pos
	trip := string([]byte{q, q, q})
	l.pos += 3
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\r') {
		l.pos++
	}
	if l.pos >= len(l.src) || l.src[l.pos] != '\n' {
		return token{}, l.errf(start, "heredoc quotes must end their line")
	}
	l.pos++
	first := l.pos
	closing := func() bool {
		if l.pos != first && l.src[l.pos-1] != '\n' {
			return false
		}
		i := l.pos
		for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
			i++
		}
		return strings.HasPrefix(string(l.src[i:min(i+3, len(l.src))]), trip)
	}
	parts, err := l.body(start, closing, true)
	if err != nil {
		return token{}, err
	}
	indent := 0
	for l.src[l.pos] == ' ' || l.src[l.pos] == '\t' {
		l.pos++
		indent++
	}
	l.pos += 3
	for i := range parts {
		if !parts[i].interp {
			parts[i].lit = dedent(parts[i].lit, indent)
		}
	}
	return token{kind: tString, text: trip, start: start, end: l.pos, str: &strData{parts: parts}}, nil
}

func dedent(s string, n int) string {
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		k := 0
		for k < n && k < len(ln) && (ln[k] == ' ' || ln[k] == '\t') {
			k++
		}
		lines[i] = ln[k:]
	}
	return strings.Join(lines, "\n")
}

var sigilClose = map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>', '/': '/', '|': '|', '"': '"', '\'': '\''}

func (l *lexer) sigil() (token, error) {
	start := l.pos
	l.pos++
	ns := l.pos
	if l.pos < len(l.src) && l.src[l.pos] >= 'a' && l.src[l.pos] <= 'z' {
		l.pos++
	} else {
		for l.pos < len(l.src) && (isAliasStart(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
	}
	name := string(l.src[ns:l.pos])
	if name == "" || l.pos >= len(l.src) {
		return token{}, l.errf(start, "malformed sigil")
	}
	interp := name[0] >= 'a' && name[0] <= 'z'
	open := l.src[l.pos]
	cl, ok := sigilClose[open]
	if !ok {
		return token{}, l.errf(l.pos, "unknown sigil delimiter %q", open)
	}
	t := token{kind: tSigil, text: name, start: start}
	if (open == '"' || open == '\'') && strings.HasPrefix(string(l.src[l.pos:min(l.pos+3, len(l.src))]), string([]byte{open, open, open})) {
		h, err := l.heredoc(open)
		if err != nil {
			return t, err
		}
		t.str = h.str
	} else {
		l.pos++
		depth := 0
		parts, err := l.body(start, func() bool {
			c := l.src[l.pos]
			if c == cl && depth == 0 {
				return true
			}
			// Paired delimiters nest: ~w(a (b) c) closes at the last ).
			if cl != open {
				switch c {
				case open:
					depth++
				case cl:
					depth--
				}
			}
			return false
		}, interp)
		if err != nil {
			return t, err
		}
		l.pos++
		t.str = &strData{parts: parts}
	}
	ms := l.pos
	for l.pos < len(l.src) && (isIdentByte(l.src[l.pos])) {
		l.pos++
	}
	t.str.sigilMods = string(l.src[ms:l.pos])
	t.end = l.pos
	return t, nil
}
