// Package nodepkg reads a Node package.json and resolves the package
// manager commands that start an app (npm start, yarn dev, pnpm run x,
// bun run x, npx y) into the commands its scripts run, each with its exact
// place inside package.json, so that start-command interpretation can see
// through them. Nothing is executed.
package nodepkg

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/flylint-dev/flylint/internal/source"
)

// MaxSize bounds the package.json flylint reads: the repository is
// untrusted, and a real manifest is a few kilobytes.
const MaxSize = 1 << 20

// Field is one string value of package.json and where it is written.
type Field struct {
	Value string
	// Range is the whole JSON string, quotes included.
	Range source.Range
	// raw[i] is the file offset of byte i of Value; raw[len(Value)] is
	// the offset of the closing quote. verbatim[i] is true when byte i is
	// written as itself (not an escape, not a repaired invalid byte).
	raw      []int
	verbatim []bool
}

// Sub returns where bytes [i, j) of the value are written. It is exact
// when they are written without escapes; otherwise it is the empty range
// at the string's opening quote, which no consumer can mistake for the
// text itself (the whole string could have the text's length by chance).
func (f Field) Sub(i, j int) (source.Range, bool) {
	if i < 0 || j > len(f.Value) || i > j || len(f.raw) != len(f.Value)+1 {
		return f.inexact(), false
	}
	for k := i; k < j; k++ {
		// Equal lengths are not enough: an escape and a repaired byte
		// can cancel out.
		if !f.verbatim[k] {
			return f.inexact(), false
		}
	}
	s, e := f.raw[i], f.raw[j]
	return source.Range{File: f.Range.File, Start: shiftPos(f.Range, s), End: shiftPos(f.Range, e)}, true
}

func (f Field) inexact() source.Range {
	return source.Range{File: f.Range.File, Start: f.Range.Start, End: f.Range.Start}
}

func shiftPos(r source.Range, off int) source.Pos {
	// Script values are one JSON string: no raw newline can occur inside
	// it, so the line is the string's and only the column moves.
	return source.Pos{Line: r.Start.Line, Col: r.Start.Col + off - r.Start.Offset, Offset: off}
}

// Package is what flylint uses of a package.json.
type Package struct {
	Path    string
	Scripts map[string]Field
	// Order is the scripts' names as written, for stable output.
	Order []string
	// Main and Module name the entry file when set.
	Main, Module *Field
	// PackageManager is the "packageManager" field ("yarn@4.1.0").
	PackageManager string
	// Type is "module" or "commonjs" ("" when unset).
	Type string
	// Deps are the names in dependencies and devDependencies: some
	// framework entry files are recognised only with their framework.
	Deps map[string]bool
}

// Parse reads package.json content. path is used in positions. Only a
// top-level object is accepted; fields of an unexpected type are
// ignored, as npm ignores them.
func Parse(path string, data []byte) (*Package, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d flylint reads", path, len(data), MaxSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := &Package{Path: path, Scripts: map[string]Field{}, Deps: map[string]bool{}}
	r := &reader{dec: json.NewDecoder(bytes.NewReader(data)), data: data, lines: source.NewLines(data), path: path}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("%s: package.json must be a JSON object", path)
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, r.fail(err)
		}
		key, _ := tok.(string)
		switch key {
		case "scripts":
			if err := r.scripts(p); err != nil {
				return nil, err
			}
		case "main", "module":
			f, ok, err := r.str()
			if err != nil {
				return nil, err
			}
			if ok && key == "main" {
				p.Main = &f
			} else if ok {
				p.Module = &f
			}
		case "dependencies", "devDependencies":
			if err := r.deps(p); err != nil {
				return nil, err
			}
		case "packageManager", "type":
			f, ok, err := r.str()
			if err != nil {
				return nil, err
			}
			if ok && key == "type" {
				p.Type = f.Value
			} else if ok {
				p.PackageManager = f.Value
			}
		default:
			if err := r.skip(); err != nil {
				return nil, err
			}
		}
	}
	if _, err := r.dec.Token(); err != nil {
		return nil, r.fail(err)
	}
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: not valid JSON: text after the top-level object", r.lines.Range(path, int(r.dec.InputOffset()), int(r.dec.InputOffset())))
	}
	return p, nil
}

type reader struct {
	dec   *json.Decoder
	data  []byte
	lines *source.Lines
	path  string
}

func (r *reader) fail(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	off := int(r.dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	return fmt.Errorf("%s: not valid JSON: %w", r.lines.Range(r.path, off, off), err)
}

// valueStart is where the next value starts: past the whitespace, colon
// and comma the decoder has not consumed yet.
func (r *reader) valueStart() int {
	i := int(r.dec.InputOffset())
	for i < len(r.data) {
		switch r.data[i] {
		case ' ', '\t', '\n', '\r', ':', ',':
			i++
			continue
		}
		break
	}
	return i
}

// str reads one value; ok is false when it is not a string (then it is
// skipped).
func (r *reader) str() (Field, bool, error) {
	start := r.valueStart()
	if start >= len(r.data) || r.data[start] != '"' {
		return Field{}, false, r.skip()
	}
	tok, err := r.dec.Token()
	if err != nil {
		return Field{}, false, r.fail(err)
	}
	s, _ := tok.(string)
	end := int(r.dec.InputOffset())
	raw, verb, ok := rawOffsets(r.data, start, end)
	if !ok || len(raw) != len(s)+1 || len(verb) != len(s) {
		raw, verb = nil, nil // no exact map
	}
	return Field{Value: s, Range: r.lines.Range(r.path, start, end), raw: raw, verbatim: verb}, true, nil
}

// skip consumes one value of any type.
func (r *reader) skip() error {
	var v json.RawMessage
	if err := r.dec.Decode(&v); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *reader) scripts(p *Package) error {
	return r.object(func(name string) error {
		f, ok, err := r.str()
		if err != nil || !ok {
			return err
		}
		if _, dup := p.Scripts[name]; !dup {
			p.Order = append(p.Order, name)
		}
		p.Scripts[name] = f // npm keeps the last of duplicate keys
		return nil
	})
}

func (r *reader) deps(p *Package) error {
	return r.object(func(name string) error {
		p.Deps[name] = true
		return r.skip()
	})
}

// object reads a JSON object, calling member for each key with the
// decoder at its value, which member must consume; anything but an
// object is skipped.
func (r *reader) object(member func(name string) error) error {
	start := r.valueStart()
	if start >= len(r.data) || r.data[start] != '{' {
		return r.skip()
	}
	if _, err := r.dec.Token(); err != nil {
		return r.fail(err)
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err)
		}
		name, _ := tok.(string)
		if err := member(name); err != nil {
			return err
		}
	}
	if _, err := r.dec.Token(); err != nil {
		return r.fail(err)
	}
	return nil
}

// rawOffsets maps each byte of the decoded JSON string data[start:end]
// (quotes included) to its file offset.
func rawOffsets(data []byte, start, end int) (out []int, verb []bool, ok bool) {
	if end-start < 2 || end > len(data) {
		return nil, nil, false
	}
	i := start + 1
	for i < end-1 {
		c := data[i]
		if c != '\\' {
			r, n := utf8.DecodeRune(data[i:end])
			repaired := r == utf8.RuneError && n == 1
			for k := 0; k < n; k++ {
				out = append(out, i+k)
				verb = append(verb, !repaired)
			}
			if repaired {
				// The decoder writes U+FFFD, three bytes, for the one.
				out = append(out, i, i)
				verb = append(verb, false, false)
			}
			i += n
			continue
		}
		if i+1 >= end-1 {
			return nil, nil, false
		}
		if data[i+1] != 'u' {
			out = append(out, i)
			verb = append(verb, false)
			i += 2
			continue
		}
		if i+6 > end-1 {
			return nil, nil, false
		}
		v, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
		if err != nil {
			return nil, nil, false
		}
		r, n := rune(v), 6
		if utf16.IsSurrogate(r) && i+12 <= end-1 && data[i+6] == '\\' && data[i+7] == 'u' {
			if lo, err := strconv.ParseUint(string(data[i+8:i+12]), 16, 16); err == nil {
				if d := utf16.DecodeRune(r, rune(lo)); d != utf8.RuneError {
					r, n = d, 12
				}
			}
		}
		for k := 0; k < utf8.RuneLen(r) || (utf8.RuneLen(r) < 0 && k < 3); k++ {
			out = append(out, i)
			verb = append(verb, false)
		}
		i += n
	}
	return append(out, end-1), verb, true
}
