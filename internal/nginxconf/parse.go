// Package nginxconf reads nginx configuration files for the sockets nginx
// opens: every listen directive of every server block, and where each
// server proxies to. The grammar is nginx's own (ngx_conf_file.c, 1.27):
// words separated by blanks, a directive ended by ";" or a "{...}" block,
// "#" comments, single and double quotes with backslash escapes. No
// maintained Go parser is served to this project (nginx-go-crossplane is
// not), and the token grammar is small enough to keep exact positions
// without one.
package nginxconf

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/source"
)

// MaxDepth bounds block nesting; real configurations stay under 8.
const MaxDepth = 64

// MaxDirectives bounds the directives one file may hold, so a hostile
// file costs a bounded amount of memory.
const MaxDirectives = 100_000

// Directive is one simple or block directive.
type Directive struct {
	Name  Word
	Args  []Word
	Block []*Directive // nil for a simple directive
	// HasBlock is true for "name args { ... }", even when empty.
	HasBlock bool
}

// Word is one token: its text with quotes and escapes removed, and where
// it stands.
type Word struct {
	Text  string
	Range source.Range
	// Start is the byte offset in the file of Text's first byte; Exact
	// is true when Text is the file's bytes from Start unchanged (no
	// escapes), so a part of it maps to an exact range.
	Start int
	Exact bool
}

// File is one parsed configuration file.
type File struct {
	Path       string
	Directives []*Directive
	lines      *source.Lines
}

// RangeOf returns the range of Text[i:j] of w in the file, or w's whole
// range when the text was not written byte for byte.
func (f *File) RangeOf(w Word, i, j int) source.Range {
	if !w.Exact || i < 0 || j > len(w.Text) || i > j {
		return w.Range
	}
	return f.lines.Range(f.Path, w.Start+i, w.Start+j)
}

// SyntaxError is a file nginx would refuse to load.
type SyntaxError struct {
	Range   source.Range
	Message string
}

func (e *SyntaxError) Error() string { return e.Range.String() + ": " + e.Message }

// Parse reads one file.
func Parse(path string, data []byte) (*File, error) {
	p := &parser{f: &File{Path: path, lines: source.NewLines(data)}, data: data}
	dirs, err := p.block(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(data) {
		return nil, p.errAt(p.pos, `unexpected "}"`)
	}
	p.f.Directives = dirs
	return p.f, nil
}

type parser struct {
	f     *File
	data  []byte
	pos   int
	count int
}

func (p *parser) errAt(off int, msg string) error {
	return &SyntaxError{Range: p.f.lines.Range(p.f.Path, off, min(off+1, len(p.data))), Message: msg}
}

// block reads directives until the matching "}" (left unread) or the end.
func (p *parser) block(depth int) ([]*Directive, error) {
	if depth > MaxDepth {
		return nil, p.errAt(p.pos, fmt.Sprintf("blocks nested deeper than %d", MaxDepth))
	}
	var out []*Directive
	for {
		var words []Word
		for {
			w, delim, off, err := p.token()
			if err != nil {
				return nil, err
			}
			switch delim {
			case 0:
				words = append(words, w)
				continue
			case ';':
				if len(words) == 0 {
					return nil, p.errAt(off, `unexpected ";"`)
				}
				if err := p.add(&out, &Directive{Name: words[0], Args: words[1:]}, off); err != nil {
					return nil, err
				}
			case '{':
				if len(words) == 0 {
					return nil, p.errAt(off, `unexpected "{"`)
				}
				d := &Directive{Name: words[0], Args: words[1:], HasBlock: true}
				if err := p.add(&out, d, off); err != nil {
					return nil, err
				}
				inner, err := p.block(depth + 1)
				if err != nil {
					return nil, err
				}
				if p.pos >= len(p.data) {
					return nil, p.errAt(off, `"{" is never closed`)
				}
				p.pos++ // the "}"
				d.Block = inner
				if d.Block == nil {
					d.Block = []*Directive{}
				}
			case '}':
				if len(words) > 0 {
					return nil, p.errAt(off, `unexpected "}": the directive before it has no ";"`)
				}
				p.pos = off // left for the caller
				if depth == 0 {
					return nil, p.errAt(off, `unexpected "}"`)
				}
				return out, nil
			case -1:
				if len(words) > 0 {
					return nil, p.errAt(len(p.data), "unexpected end of file, expecting \";\" or \"}\"")
				}
				return out, nil
			}
			break
		}
	}
}

func (p *parser) add(out *[]*Directive, d *Directive, off int) error {
	p.count++
	if p.count > MaxDirectives {
		return p.errAt(off, fmt.Sprintf("more than %d directives", MaxDirectives))
	}
	*out = append(*out, d)
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// token returns the next word, or a delimiter (';', '{', '}', -1 at the
// end) with its offset. A "}" is not consumed.
func (p *parser) token() (w Word, delim int, off int, err error) {
	d := p.data
	for p.pos < len(d) {
		c := d[p.pos]
		switch {
		case isSpace(c):
			p.pos++
			continue
		case c == '#':
			for p.pos < len(d) && d[p.pos] != '\n' {
				p.pos++
			}
			continue
		}
		break
	}
	if p.pos >= len(d) {
		return Word{}, -1, len(d), nil
	}
	start := p.pos
	switch d[start] {
	case ';', '{':
		p.pos++
		return Word{}, int(d[start]), start, nil
	case '}':
		return Word{}, '}', start, nil
	case '"', '\'':
		q := d[start]
		var buf []byte
		exact := true
		i := start + 1
		for ; i < len(d) && d[i] != q; i++ {
			if d[i] == '\\' && i+1 < len(d) && (d[i+1] == q || d[i+1] == '\\' || d[i+1] == 'n' || d[i+1] == 't' || d[i+1] == 'r') {
				exact = false
				i++
				switch d[i] {
				case 'n':
					buf = append(buf, '\n')
				case 't':
					buf = append(buf, '\t')
				case 'r':
					buf = append(buf, '\r')
				default:
					buf = append(buf, d[i])
				}
				continue
			}
			buf = append(buf, d[i])
		}
		if i >= len(d) {
			return Word{}, 0, start, p.errAt(start, "unterminated quoted string")
		}
		p.pos = i + 1
		// nginx wants a blank or delimiter after a closing quote, or a
		// ")" so that if ($a = "b") reads; the ")" then starts the next
		// word (ngx_conf_read_token's need_space branch in
		// src/core/ngx_conf_file.c, nginx release-1.31.4 and the 1.2x
		// releases before it).
		if p.pos < len(d) && !isSpace(d[p.pos]) && d[p.pos] != ';' && d[p.pos] != '{' && d[p.pos] != '}' && d[p.pos] != ')' {
			return Word{}, 0, p.pos, p.errAt(p.pos, "unexpected character after a quoted string")
		}
		return Word{Text: string(buf), Range: p.f.lines.Range(p.f.Path, start, p.pos), Start: start + 1, Exact: exact}, 0, start, nil
	}
	var buf []byte
	exact := true
	i := start
	for i < len(d) {
		c := d[i]
		if isSpace(c) || c == ';' || c == '}' || c == '"' && i > start || c == '\'' && i > start {
			break
		}
		if c == '{' {
			// "${name}" keeps its braces; any other "{" ends the word.
			if i == 0 || d[i-1] != '$' {
				break
			}
			j := i
			for j < len(d) && d[j] != '}' && !isSpace(d[j]) {
				j++
			}
			if j < len(d) && d[j] == '}' {
				buf = append(buf, d[i:j+1]...)
				i = j + 1
				continue
			}
			break
		}
		if c == '\\' && i+1 < len(d) {
			exact = false
			buf = append(buf, d[i+1])
			i += 2
			continue
		}
		buf = append(buf, c)
		i++
	}
	p.pos = i
	return Word{Text: string(buf), Range: p.f.lines.Range(p.f.Path, start, i), Start: start, Exact: exact}, 0, start, nil
}
