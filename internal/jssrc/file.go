package jssrc

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/flylint-dev/flylint/internal/source"
)

// file is one parsed module. JavaScript is parsed as written;
// TypeScript and JSX are first turned into JavaScript by esbuild, and
// positions go back to the original through esbuild's source map.
type file struct {
	path  string // as positions name it
	orig  []byte // the file as written
	code  []byte // the JavaScript parsed (== orig for .js)
	ast   *js.AST
	lines *source.Lines // of orig
	glin  *source.Lines // of code
	// rawMap is esbuild's source map (nil when code == orig); smap is
	// it decoded, on first use: most files have no listen site.
	rawMap []byte
	smap   *sourceMap
	// toks are code's tokens, for positions the AST lacks; lexed on
	// first use (lexed reports it).
	toks  []tok
	lexed bool
}

type tok struct {
	tt       js.TokenType
	off, end int
	text     string // identifiers and punctuators only
}

// loaderFor picks esbuild's loader for a file name; ok is false for
// plain JavaScript, which needs no transform.
func loaderFor(name string) (api.Loader, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS, true
	case ".tsx":
		return api.LoaderTSX, true
	case ".jsx":
		return api.LoaderJSX, true
	}
	return api.LoaderNone, false
}

// parseFile parses one module. It never panics: a parser bug on a hostile
// file costs that file, not the run.
func parseFile(name string, data []byte) (f *file, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%s: the JavaScript parser failed: %v", name, r)
		}
	}()
	if err := guard(name, data); err != nil {
		return nil, err
	}
	f = &file{path: name, orig: data, code: data, lines: source.NewLines(data)}
	if loader, ok := loaderFor(name); ok {
		if err := f.transform(loader); err != nil {
			return nil, err
		}
	}
	if err := f.parse(); err != nil {
		// A .js file may hold JSX (Create React App, some Express views):
		// try once more through esbuild's JSX loader.
		if f.rawMap != nil {
			return nil, err
		}
		if terr := f.transform(api.LoaderJSX); terr != nil {
			return nil, err
		}
		if err := f.parse(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (f *file) transform(loader api.Loader) error {
	res := api.Transform(string(validUTF8(f.orig)), api.TransformOptions{
		Loader:     loader,
		Sourcefile: f.path,
		Sourcemap:  api.SourceMapExternal,
		// The map is only read for its mappings; not quoting the source
		// into it saves the work.
		SourcesContent: api.SourcesContentExclude,
		Target:         api.ESNext,
		LogLevel:       api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		line, col := 0, 0
		if e.Location != nil {
			line, col = e.Location.Line, e.Location.Column+1
		}
		return fmt.Errorf("%s:%d:%d: %s", f.path, line, col, e.Text)
	}
	f.code, f.rawMap = res.Code, res.Map
	return nil
}

// validUTF8 replaces each byte that is not valid UTF-8 with "?", which
// keeps every offset. esbuild 0.28.2 loops forever quoting a string that
// ends in a truncated multi-byte sequence (helpers.DecodeWTF8Rune returns
// width 0 for it), so no invalid byte may reach it.
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			out = append(out, '?')
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func (f *file) parse() error {
	// The parser's byte slices must alias f.code so that offsets can be
	// recovered from them: give the input room for its NUL terminator,
	// else parse.NewInputBytes copies.
	buf := make([]byte, len(f.code), len(f.code)+1)
	copy(buf, f.code)
	f.code = buf
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d:%d: %s", f.path, pe.Line, pe.Column, pe.Message)
		}
		return fmt.Errorf("%s: %w", f.path, err)
	}
	f.ast = ast
	return nil
}

// offsetOf returns the offset in f.code of a byte slice the parser
// returned, when it aliases f.code (identifiers and literals do; the
// parser caps their capacity, so only their address tells where they
// are). The address is only compared, never dereferenced: a slice that
// does not alias f.code is reported as such.
func (f *file) offsetOf(b []byte) (int, bool) {
	if len(b) == 0 || len(f.code) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(f.code)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if p < base || p-base+uintptr(len(b)) > uintptr(len(f.code)) {
		return 0, false
	}
	off := int(p - base)
	return off, &f.code[off] == &b[0]
}

// lex records the tokens of f.code, deciding between division and a
// regular expression from the previous token as the grammar does.
func (f *file) lex() {
	if f.lexed {
		return
	}
	f.lexed = true
	l := js.NewLexer(parse.NewInputBytes(f.code))
	prevExpr := false // the previous token ends an expression
	// Tokens, whitespace and comments included, cover the input without
	// gaps: an offset is the sum of the lengths before it.
	pos := 0
	for len(f.toks) < 1<<20 {
		tt, data := l.Next()
		if tt == js.ErrorToken {
			return
		}
		off := pos
		pos += len(data)
		if tt == js.WhitespaceToken || tt == js.LineTerminatorToken || tt == js.CommentToken || tt == js.CommentLineTerminatorToken {
			continue
		}
		if (tt == js.DivToken || tt == js.DivEqToken) && !prevExpr {
			// The rescan returns the whole expression from its "/".
			tt, data = l.RegExp()
			pos = off + len(data)
		}
		t := tok{tt: tt, off: off, end: off + len(data)}
		if js.IsIdentifierName(tt) || js.IsPunctuator(tt) || js.IsOperator(tt) {
			t.text = string(data)
		}
		f.toks = append(f.toks, t)
		switch {
		case js.IsIdentifier(tt), tt == js.NumericToken, tt == js.StringToken, tt == js.RegExpToken,
			tt == js.TemplateToken, tt == js.TemplateEndToken, tt == js.CloseParenToken, tt == js.CloseBracketToken,
			tt == js.CloseBraceToken, tt == js.ThisToken, tt == js.TrueToken, tt == js.FalseToken, tt == js.NullToken:
			prevExpr = true
		default:
			prevExpr = false
		}
	}
}

// tokAt returns the index of the token starting at off.
func (f *file) tokAt(off int) (int, bool) {
	f.lex()
	i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].off >= off })
	return i, i < len(f.toks) && f.toks[i].off == off
}

// span is a range of f.code.
type span struct{ start, end int }

// list splits the bracketed list whose opening token is toks[open] into
// its top-level elements.
func (f *file) list(open int) []span {
	f.lex()
	if open < 0 || open >= len(f.toks) {
		return nil
	}
	var out []span
	depth, start := 1, -1
	for i := open + 1; i < len(f.toks); i++ {
		t := f.toks[i]
		closing := t.text == ")" || t.text == "]" || t.text == "}"
		if depth == 1 && start < 0 && t.text != "," && !closing {
			start = i
		}
		switch {
		case t.text == "(" || t.text == "[" || t.text == "{":
			depth++
		case closing:
			depth--
			if depth == 0 {
				if start >= 0 {
					out = append(out, span{f.toks[start].off, f.toks[i-1].end})
				}
				return out
			}
		case t.text == "," && depth == 1:
			if start >= 0 {
				out = append(out, span{f.toks[start].off, f.toks[i-1].end})
			}
			start = -1
		}
	}
	return nil
}

// argsAfter finds the argument list of the call whose callee ends with
// the token at off (the `listen` of app.listen).
func (f *file) argsAfter(off int) []span {
	i, ok := f.tokAt(off)
	if !ok || i+1 >= len(f.toks) {
		return nil
	}
	j := i + 1
	if f.toks[j].text == "?." {
		j++
	}
	if j >= len(f.toks) || f.toks[j].text != "(" {
		return nil
	}
	return f.list(j)
}

// propValue is the value part of a property span ("port: 3000" ->
// "3000"); a shorthand property is its own value.
func (f *file) propValue(s span) span {
	i, ok := f.tokAt(s.start)
	if !ok {
		return s
	}
	depth := 0
	for ; i < len(f.toks) && f.toks[i].off < s.end; i++ {
		switch f.toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ":":
			if depth == 0 && i+1 < len(f.toks) {
				return span{f.toks[i+1].off, s.end}
			}
		}
	}
	return s
}

// rangeOf maps a span of f.code to the original file.
func (f *file) rangeOf(s span) source.Range {
	if f.rawMap == nil {
		return f.lines.Range(f.path, s.start, s.end)
	}
	a, aok := f.mapOffset(s.start)
	b, bok := f.mapOffset(s.end)
	if !aok {
		return source.Range{File: f.path}
	}
	if !bok || b < a {
		b = a
	}
	return f.lines.Range(f.path, a, b)
}

func (f *file) mapOffset(off int) (int, bool) {
	if f.smap == nil {
		sm, err := decodeSourceMap(f.rawMap)
		if err != nil {
			return 0, false
		}
		f.smap, f.glin = sm, source.NewLines(f.code)
	}
	p := f.glin.Pos(off)
	line, col, ok := f.smap.lookup(p.Line-1, p.Col-1)
	if !ok {
		return 0, false
	}
	return f.lines.Offset(line+1, col+1), true
}
