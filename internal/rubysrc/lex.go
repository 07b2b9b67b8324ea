// Package rubysrc reads just enough Ruby to find literal settings in a
// Rails configuration file, with exact positions. It is a tokenizer, not
// a parser: it knows every construct that can hide a keyword or a brace
// from a naive scan (comments, =begin blocks, strings with #{}
// interpolation, heredocs, %-literals, symbols, regexp literals, character
// literals), and reports ErrCannotRead on anything it does not handle, so
// that a caller treats the file as unknown instead of guessing.
//
// No pure-Go Ruby parser is kept up (the only complete ones are C or
// tree-sitter, which needs cgo), hence this narrow reader. It never runs
// the code it reads.
package rubysrc

import (
	"errors"
	"fmt"
	"strings"
)

// Limits: the repository is not trusted (DESIGN.md §2). A generated
// config/environments/production.rb is about 4 KB; the largest seen in
// real apps is under 20 KB. Interpolation nests by recursion, so its
// depth is bounded too.
const (
	MaxFileLen = 256 << 10
	MaxNesting = 32
)

// Kind is a token's class.
type Kind int

const (
	Ident   Kind = iota + 1 // foo, foo?, foo!, also keywords
	Const                   // Foo
	Label                   // foo: (a hash key or keyword argument)
	IVar                    // @foo, @@foo, $foo
	Number                  // 1, 0x1f, 1_000, 1.5e3
	String                  // '…', "…", %q(), heredoc, `…`, ?c
	Symbol                  // :foo, :"foo", %s()
	Words                   // %w[], %i[]
	Regexp                  // /…/, %r{}
	Op                      // operators and punctuation
	Newline                 // a line end that can end a statement
)

// Token is one token. Off and End are byte offsets into the source.
type Token struct {
	Kind Kind
	Text string // the source text
	// Value is the content of a String or Symbol without interpolation,
	// escapes undone for the simple ones (\\, \', \", \n, \t); Interp is
	// set when it has #{} and Value is not known.
	Value    string
	Interp   bool
	Off, End int
	// SpaceBefore: whitespace precedes the token on its line.
	SpaceBefore bool
}

// ErrCannotRead is wrapped by every error Tokenize returns.
var ErrCannotRead = errors.New("cannot read this Ruby")

// Error says where and why the source could not be read.
type Error struct {
	Off int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Off, e.Msg) }
func (e *Error) Unwrap() error { return ErrCannotRead }

// Tokenize splits src into tokens. Comments, whitespace and line
// continuations are dropped; a Newline token stands for each line end
// outside brackets that is not a continuation.
func Tokenize(src []byte) ([]Token, error) {
	if len(src) > MaxFileLen {
		return nil, &Error{0, fmt.Sprintf("the file is %d bytes, past the limit of %d", len(src), MaxFileLen)}
	}
	lx := &lexer{src: string(src)}
	if err := lx.code(0, false); err != nil {
		return nil, err
	}
	return lx.toks, nil
}

type lexer struct {
	src  string
	pos  int
	toks []Token
	// heredocs waiting for their bodies, which start on the next line.
	pending []heredoc
	depth   int
}

type heredoc struct {
	id       string
	squiggly bool // <<~ or <<-: the terminator may be indented
	raw      bool // <<~'X': no interpolation
	tok      int  // index of its token
}

func (lx *lexer) fail(off int, format string, args ...any) error {
	return &Error{off, fmt.Sprintf(format, args...)}
}

// valueEnd says whether the last token ends a value, after which / % ?
// << are operators rather than the start of a literal.
func (lx *lexer) valueEnd() bool {
	if len(lx.toks) == 0 {
		return false
	}
	t := lx.toks[len(lx.toks)-1]
	switch t.Kind {
	case Const, IVar, Number, String, Symbol, Words, Regexp:
		return true
	case Ident:
		return !keywords[t.Text]
	case Op:
		return t.Text == ")" || t.Text == "]" || t.Text == "}"
	}
	return false
}

// lastIsIdent: a bare method name before a literal makes the literal
// ambiguous (`foo /x/` is a call with a regexp, `foo / x` a division).
func (lx *lexer) lastIsIdent() bool {
	if len(lx.toks) == 0 {
		return false
	}
	t := lx.toks[len(lx.toks)-1]
	return t.Kind == Ident && !keywords[t.Text]
}

var keywords = map[string]bool{
	"alias": true, "and": true, "begin": true, "break": true, "case": true, "class": true,
	"def": true, "defined?": true, "do": true, "else": true, "elsif": true, "end": true,
	"ensure": true, "false": false, "for": true, "if": true, "in": true, "module": true,
	"next": true, "nil": false, "not": true, "or": true, "redo": true, "rescue": true,
	"retry": true, "return": true, "self": false, "super": false, "then": true, "true": false,
	"undef": true, "unless": true, "until": true, "when": true, "while": true, "yield": true,
	"__FILE__": false, "__LINE__": false, "__method__": false,
}

// endsValue reports whether t ends an expression, so that an if, unless,
// while or until after it is a modifier (`x = 1 if y`). A label (key:)
// never does: a value follows it. Unlike lexer.valueEnd it counts
// return, yield, end and the like, after which a regexp can start.
func endsValue(t Token) bool {
	switch t.Kind {
	case Const, IVar, Number, String, Symbol, Words, Regexp:
		return true
	case Ident:
		switch t.Text {
		case "return", "break", "next", "redo", "retry", "yield", "super", "end":
			return true
		}
		return !keywords[t.Text] // true, false, nil and self are not keywords here
	case Op:
		return t.Text == ")" || t.Text == "]" || t.Text == "}"
	}
	return false
}

func (lx *lexer) emit(k Kind, start int, space bool) *Token {
	lx.toks = append(lx.toks, Token{Kind: k, Text: lx.src[start:lx.pos], Off: start, End: lx.pos, SpaceBefore: space})
	return &lx.toks[len(lx.toks)-1]
}

// ops are the multi-byte operators, longest first.
var ops = []string{
	"**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "&.",
	"**", "==", "!=", ">=", "<=", "&&", "||", "<<", ">>", "=~", "!~", "::", "..", "=>", "->",
	"+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=",
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' }

// atLineStart: only whitespace-free line starts begin =begin and __END__.
func (lx *lexer) atLineStart() bool { return lx.pos == 0 || lx.src[lx.pos-1] == '\n' }

// code reads code until the end, or (inInterp) until the } that closes an
// interpolation, which it consumes.
func (lx *lexer) code(base int, inInterp bool) error {
	lx.depth++
	defer func() { lx.depth-- }()
	if lx.depth > MaxNesting {
		return lx.fail(lx.pos, "interpolation nests deeper than %d", MaxNesting)
	}
	braces := 0 // { } opened inside this level
	space := false
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		start := lx.pos
		switch {
		case c == '\n':
			lx.pos++
			if inInterp && len(lx.pending) > 0 {
				return lx.fail(start, "a heredoc starts inside an interpolation")
			}
			if err := lx.heredocBodies(); err != nil {
				return err
			}
			// Every line end is a Newline, inside brackets too: an
			// if or a block inside [ ] or ( ) holds statements, and a
			// reader skips them where an expression goes on. A line
			// starting with .method continues the one before.
			if !lx.continuedByDot() {
				lx.emit(Newline, start, space)
			}
			space = false
			continue
		case c == '\r' && lx.pos+1 < len(lx.src) && lx.src[lx.pos+1] == '\n':
			lx.pos++
			continue
		case isSpace(c):
			lx.pos++
			space = true
			continue
		case c == '\\' && lx.pos+1 < len(lx.src) && (lx.src[lx.pos+1] == '\n' || strings.HasPrefix(lx.src[lx.pos+1:], "\r\n")):
			// A line continuation: the statement goes on.
			lx.pos += 2
			if lx.src[lx.pos-1] == '\r' {
				lx.pos++
			}
			if err := lx.heredocBodies(); err != nil {
				return err
			}
			space = true
			continue
		case c == '#':
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
				lx.pos++
			}
			continue
		case c == '=' && lx.atLineStart() && strings.HasPrefix(lx.src[lx.pos:], "=begin") &&
			(lx.pos+6 == len(lx.src) || isSpace(lx.src[lx.pos+6]) || lx.src[lx.pos+6] == '\n' || lx.src[lx.pos+6] == '\r'):
			if err := lx.blockComment(); err != nil {
				return err
			}
			continue
		case c == '_' && lx.atLineStart() && (lx.src[lx.pos:] == "__END__" || strings.HasPrefix(lx.src[lx.pos:], "__END__\n") || strings.HasPrefix(lx.src[lx.pos:], "__END__\r\n")):
			if inInterp {
				return lx.fail(start, "__END__ inside an interpolation")
			}
			lx.pos = len(lx.src)
			continue
		}
		if err := lx.token(&braces, space, inInterp); err != nil {
			if errors.Is(err, errInterpEnd) {
				return nil
			}
			return err
		}
		space = false
	}
	if inInterp {
		return lx.fail(base, "an interpolation #{ is not closed")
	}
	if len(lx.pending) > 0 {
		return lx.fail(lx.toks[lx.pending[0].tok].Off, "heredoc %s has no body", lx.pending[0].id)
	}
	return nil
}

// continuedByDot reports whether the next line with code starts with
// .name or &.name, which continues the statement (Ruby allows comment
// lines in between).
func (lx *lexer) continuedByDot() bool {
	i := lx.pos
	for i < len(lx.src) {
		switch c := lx.src[i]; {
		case isSpace(c) || c == '\n' || c == '\r':
			i++
		case c == '#':
			for i < len(lx.src) && lx.src[i] != '\n' {
				i++
			}
		case c == '.':
			return i+1 < len(lx.src) && lx.src[i+1] != '.'
		case c == '&':
			return i+1 < len(lx.src) && lx.src[i+1] == '.'
		default:
			return false
		}
	}
	return false
}

// errInterpEnd signals the } that closes an interpolation.
var errInterpEnd = errors.New("interpolation end")

func (lx *lexer) blockComment() error {
	start := lx.pos
	for {
		nl := strings.IndexByte(lx.src[lx.pos:], '\n')
		if nl < 0 {
			return lx.fail(start, "=begin without =end")
		}
		lx.pos += nl + 1
		if strings.HasPrefix(lx.src[lx.pos:], "=end") {
			rest := lx.src[lx.pos+4:]
			if rest == "" || isSpace(rest[0]) || rest[0] == '\n' || rest[0] == '\r' {
				for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
					lx.pos++
				}
				return nil
			}
		}
	}
}

func (lx *lexer) token(braces *int, space, inInterp bool) error {
	src := lx.src
	start := lx.pos
	c := src[start]
	next := byte(0)
	if start+1 < len(src) {
		next = src[start+1]
	}
	if !isIdentStart(c) && lx.afterDef() {
		// An operator method's name: def /(other), def []=(k, v).
		for _, name := range opMethods {
			if strings.HasPrefix(src[start:], name) {
				lx.pos += len(name)
				lx.emit(Ident, start, space)
				return nil
			}
		}
	}
	switch {
	case isIdentStart(c):
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		if lx.pos < len(src) && (src[lx.pos] == '?' || src[lx.pos] == '!') &&
			(lx.pos+1 >= len(src) || src[lx.pos+1] != '=' || strings.HasPrefix(src[lx.pos+1:], "==") || strings.HasPrefix(src[lx.pos+1:], "=~")) {
			// foo? and foo! are method names; a.b ?x : y is not written
			// without a space, so ? glued to a name belongs to it.
			lx.pos++
		}
		kind := Ident
		if c >= 'A' && c <= 'Z' {
			kind = Const
		}
		// A label is name: with no space before the colon and not ::.
		if lx.pos < len(src) && src[lx.pos] == ':' && (lx.pos+1 >= len(src) || src[lx.pos+1] != ':') {
			prev := ""
			if len(lx.toks) > 0 {
				prev = lx.toks[len(lx.toks)-1].Text
			}
			// After ? (ternary), `a ? b:c` would be misread: refuse.
			if prev == "?" {
				return lx.fail(start, "a ternary's branch glued to its colon")
			}
			lx.pos++
			kind = Label
		}
		lx.emit(kind, start, space)
	case c >= '0' && c <= '9':
		lx.number()
		lx.emit(Number, start, space)
	case c == '@' || c == '$':
		lx.pos++
		if c == '@' && next == '@' {
			lx.pos++
		}
		switch {
		case lx.pos < len(src) && isIdentChar(src[lx.pos]):
			for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
				lx.pos++
			}
		case c == '$' && lx.pos < len(src) && strings.IndexByte("~*$?!@/\\;,.=:<>\"&`'+0_", src[lx.pos]) >= 0:
			lx.pos++
		case c == '$' && lx.pos+1 < len(src) && src[lx.pos] == '-' && isIdentChar(src[lx.pos+1]):
			lx.pos += 2
		default:
			return lx.fail(start, "a variable sigil without a name")
		}
		lx.emit(IVar, start, space)
	case c == '"' || c == '`':
		return lx.quoted(start, c, c, true, String, space)
	case c == '\'':
		return lx.quoted(start, '\'', '\'', false, String, space)
	case c == ':' && next == '"':
		lx.pos++
		return lx.quoted(start, '"', '"', true, Symbol, space)
	case c == ':' && next == '\'':
		lx.pos++
		return lx.quoted(start, '\'', '\'', false, Symbol, space)
	case c == ':' && next != ':' && (isIdentStart(next) || next == '@' || next == '$'):
		lx.pos++
		if next == '@' || next == '$' {
			lx.pos++
		}
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		if lx.pos < len(src) && strings.IndexByte("?!=", src[lx.pos]) >= 0 &&
			(src[lx.pos] != '=' || lx.pos+1 >= len(src) || src[lx.pos+1] != '>' && src[lx.pos+1] != '=' && src[lx.pos+1] != '~') {
			lx.pos++
		}
		t := lx.emit(Symbol, start, space)
		t.Value = strings.TrimLeft(t.Text[1:], "@$")
	case c == ':' && next != ':' && (!lx.valueEnd() || space) && next != 0 && strings.IndexByte("+-*/<=>![%&|^~`", next) >= 0:
		// An operator symbol (:+, :[], :<=>).
		for _, name := range opMethods {
			if strings.HasPrefix(src[start+1:], name) {
				lx.pos += 1 + len(name)
				t := lx.emit(Symbol, start, space)
				t.Value = name
				return nil
			}
		}
		return lx.fail(start, "an operator symbol")
	case c == '%' && (!lx.valueEnd() || lx.lastIsIdent() && space && next != ' ' && next != '=' && next != '\t'):
		if lx.lastIsIdent() && lx.valueEnd() {
			return lx.fail(start, "%% after a method name is a literal or a modulo")
		}
		return lx.percent(start, space)
	case c == '/' && (!lx.valueEnd() || lx.lastIsIdent() && space && next != ' ' && next != '=' && next != '\t'):
		if lx.lastIsIdent() && lx.valueEnd() {
			return lx.fail(start, "/ after a method name is a regexp or a division")
		}
		lx.pos++
		return lx.delimited(start, '/', '/', true, Regexp, space, true)
	case c == '?' && !lx.valueEnd() && next != 0 && !isSpace(next) && next != '\n' && next != '\r':
		// A character literal ?a or ?\n.
		lx.pos++
		if next == '\\' {
			lx.pos += 2
		} else {
			lx.pos++
		}
		if lx.pos > len(src) || lx.pos < len(src) && isIdentChar(src[lx.pos]) && isIdentChar(next) {
			return lx.fail(start, "a ? that is neither a character literal nor a ternary")
		}
		if lx.pos > len(src) {
			lx.pos = len(src)
		}
		lx.emit(String, start, space)
	case c == '<' && next == '<' && start+2 < len(src) && lx.heredocStart(space):
		return lx.heredocHead(start, space)
	default:
		for _, op := range ops {
			if strings.HasPrefix(src[start:], op) {
				lx.pos += len(op)
				lx.emit(Op, start, space)
				return nil
			}
		}
		switch c {
		case '(', '[', ')', ']':
		case '{':
			*braces++
		case '}':
			if *braces == 0 {
				if inInterp {
					lx.pos++
					return errInterpEnd
				}
				return lx.fail(start, "a } that closes nothing")
			}
			*braces--
		case ';', ',', '.', '=', '+', '-', '*', '/', '%', '<', '>', '!', '&', '|', '^', '~', '?', ':':
		default:
			return lx.fail(start, "unexpected byte %q", c)
		}
		lx.pos++
		lx.emit(Op, start, space)
	}
	return nil
}

// opMethods are the operator method names, longest first.
var opMethods = []string{"[]=", "<=>", "===", "[]", "==", "=~", "!=", "!~", "**", "+@", "-@", "~@", "!@", "<<", ">>", "<=", ">=",
	"+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^", "`"}

// afterDef reports whether the next token is the name a def defines:
// right after def, or after def self. / def obj.
func (lx *lexer) afterDef() bool {
	n := len(lx.toks)
	if n >= 1 && lx.toks[n-1].Kind == Ident && lx.toks[n-1].Text == "def" {
		return true
	}
	return n >= 3 && lx.toks[n-1].Text == "." && lx.toks[n-3].Kind == Ident && lx.toks[n-3].Text == "def"
}

func (lx *lexer) number() {
	src := lx.src
	for lx.pos < len(src) && (isIdentChar(src[lx.pos])) {
		lx.pos++
	}
	// 1.5, 1.5e-3: a dot followed by a digit continues the number.
	if lx.pos+1 < len(src) && src[lx.pos] == '.' && src[lx.pos+1] >= '0' && src[lx.pos+1] <= '9' {
		lx.pos++
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		if (src[lx.pos-1] == 'e' || src[lx.pos-1] == 'E') && lx.pos+1 < len(src) && (src[lx.pos] == '-' || src[lx.pos] == '+') {
			lx.pos++
			for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
				lx.pos++
			}
		}
	}
}

// quoted reads a string or quoted symbol whose opening quote is at
// lx.pos.
func (lx *lexer) quoted(start int, open, close byte, interp bool, k Kind, space bool) error {
	lx.pos++
	return lx.delimited(start, open, close, interp, k, space, false)
}

// delimited reads a literal body up to its closing delimiter (after which
// a regexp takes flags); bracket delimiters nest.
func (lx *lexer) delimited(start int, open, close byte, interp bool, k Kind, space, flags bool) error {
	src := lx.src
	var val strings.Builder
	hasInterp := false
	nest := 0
	for {
		if lx.pos >= len(src) {
			return lx.fail(start, "a literal is not closed")
		}
		c := src[lx.pos]
		switch {
		case c == '\\':
			if lx.pos+1 >= len(src) {
				return lx.fail(start, "a literal is not closed")
			}
			e := src[lx.pos+1]
			switch {
			case e == close || e == open || e == '\\':
				val.WriteByte(e)
			case !interp:
				val.WriteByte('\\')
				val.WriteByte(e)
			case e == 'n':
				val.WriteByte('\n')
			case e == 't':
				val.WriteByte('\t')
			default:
				// Other escapes (\u, \x, octal) are not decoded: the
				// value is not known exactly.
				hasInterp = true
			}
			lx.pos += 2
			continue
		case c == '\n' && len(lx.pending) > 0:
			// A heredoc's body would start inside this literal.
			return lx.fail(start, "a multi-line literal after a heredoc start")
		case interp && c == '#' && lx.pos+1 < len(src) && src[lx.pos+1] == '{':
			hasInterp = true
			lx.pos += 2
			// The code inside is read only to find its end: its tokens
			// are not statements of the file.
			n := len(lx.toks)
			if err := lx.code(lx.pos-2, true); err != nil {
				return err
			}
			lx.toks = lx.toks[:n]
			continue
		case open != close && c == open:
			nest++
		case c == close:
			if nest == 0 {
				lx.pos++
				if flags {
					for lx.pos < len(src) && src[lx.pos] >= 'a' && src[lx.pos] <= 'z' {
						lx.pos++
					}
				}
				t := lx.emit(k, start, space)
				t.Interp = hasInterp
				if !hasInterp {
					t.Value = val.String()
				}
				return nil
			}
			nest--
		}
		val.WriteByte(c)
		lx.pos++
	}
}

var closers = map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}

// percent reads %w[] %i[] %q() %Q() %() %r{} %s() %x() %W[] %I[].
func (lx *lexer) percent(start int, space bool) error {
	src := lx.src
	lx.pos++
	typ := byte('Q')
	if lx.pos < len(src) && (src[lx.pos] >= 'a' && src[lx.pos] <= 'z' || src[lx.pos] >= 'A' && src[lx.pos] <= 'Z') {
		typ = src[lx.pos]
		lx.pos++
	}
	if lx.pos >= len(src) {
		return lx.fail(start, "a %% literal without a delimiter")
	}
	open := src[lx.pos]
	close, ok := closers[open]
	if !ok {
		if isIdentChar(open) || isSpace(open) || open == '\n' || open == '\r' {
			return lx.fail(start, "a %% literal with delimiter %q", open)
		}
		close = open
	}
	lx.pos++
	var k Kind
	interp := false
	switch typ {
	case 'q':
		k = String
	case 'Q':
		k, interp = String, true
	case 'w', 'i':
		k = Words
	case 'W', 'I':
		k, interp = Words, true
	case 'r':
		k, interp = Regexp, true
	case 's':
		k = Symbol
	case 'x':
		k, interp = String, true
	default:
		return lx.fail(start, "%%%c is not a literal", typ)
	}
	return lx.delimited(start, open, close, interp, k, space, k == Regexp)
}

// heredocStart tells <<~X, <<-X, <<X and <<'X' from the << operator: a
// heredoc follows a token that does not end a value, or a method name
// with a space before and none after.
func (lx *lexer) heredocStart(space bool) bool {
	rest := lx.src[lx.pos+2:]
	glued := rest[0] == '~' || rest[0] == '-'
	if glued {
		rest = rest[1:]
	}
	if rest == "" || !isIdentStart(rest[0]) && rest[0] != '\'' && rest[0] != '"' {
		return false
	}
	if !lx.valueEnd() {
		return true
	}
	return lx.lastIsIdent() && space && (glued || rest[0] == '\'' || rest[0] == '"' || rest[0] >= 'A' && rest[0] <= 'Z')
}

func (lx *lexer) heredocHead(start int, space bool) error {
	src := lx.src
	lx.pos += 2
	h := heredoc{}
	if src[lx.pos] == '~' || src[lx.pos] == '-' {
		h.squiggly = true
		lx.pos++
	}
	switch q := src[lx.pos]; q {
	case '\'', '"', '`':
		end := strings.IndexByte(src[lx.pos+1:], q)
		nl := strings.IndexByte(src[lx.pos+1:], '\n')
		if end < 0 || nl >= 0 && nl < end {
			return lx.fail(start, "a heredoc identifier is not closed")
		}
		h.id = src[lx.pos+1 : lx.pos+1+end]
		h.raw = q == '\''
		lx.pos += end + 2
	default:
		s := lx.pos
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		h.id = src[s:lx.pos]
	}
	if h.id == "" {
		return lx.fail(start, "a heredoc without an identifier")
	}
	lx.emit(String, start, space)
	h.tok = len(lx.toks) - 1
	lx.pending = append(lx.pending, h)
	return nil
}

// heredocBodies skips the bodies of pending heredocs, which start at
// lx.pos (just after a line end), in order.
func (lx *lexer) heredocBodies() error {
	for len(lx.pending) > 0 {
		h := lx.pending[0]
		lx.pending = lx.pending[1:]
		bodyStart := lx.pos
		for {
			if lx.pos >= len(lx.src) {
				return lx.fail(lx.toks[h.tok].Off, "heredoc %s is not closed", h.id)
			}
			end := strings.IndexByte(lx.src[lx.pos:], '\n')
			lineEnd := len(lx.src)
			if end >= 0 {
				lineEnd = lx.pos + end
			}
			line := strings.TrimSuffix(lx.src[lx.pos:lineEnd], "\r")
			if h.squiggly {
				line = strings.TrimLeft(line, " \t")
			}
			if line == h.id {
				body := lx.src[bodyStart:lx.pos]
				t := &lx.toks[h.tok]
				if !h.raw && strings.Contains(body, "#{") {
					// Interpolated code could hold anything; its value is
					// unknown, and a nested heredoc or an unbalanced brace
					// in it is beyond this reader.
					if err := lx.heredocInterp(bodyStart, lx.pos); err != nil {
						return err
					}
					t.Interp = true
				} else {
					t.Value = body
				}
				lx.pos = lineEnd
				if lx.pos < len(lx.src) {
					lx.pos++
				}
				break
			}
			lx.pos = lineEnd
			if lx.pos < len(lx.src) {
				lx.pos++
			}
		}
	}
	return nil
}

// heredocInterp checks that every #{ in a heredoc body closes within the
// body, by reading it as code in a sub-lexer of the body's text.
func (lx *lexer) heredocInterp(from, to int) error {
	sub := &lexer{src: lx.src[:to], depth: lx.depth}
	for i := from; i < to; i++ {
		switch lx.src[i] {
		case '\\':
			i++
		case '#':
			if i+1 < to && lx.src[i+1] == '{' {
				sub.pos = i + 2
				sub.toks = sub.toks[:0]
				if err := sub.code(i, true); err != nil {
					return err
				}
				if len(sub.pending) > 0 {
					return lx.fail(i, "a heredoc inside a heredoc's interpolation")
				}
				i = sub.pos - 1
			}
		}
	}
	return nil
}
