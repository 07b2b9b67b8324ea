package lsp

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"unicode/utf8"

	"github.com/flylint-dev/flylint/internal/source"
)

// Position encodings (LSP 3.17, PositionEncodingKind). UTF-16 is what a
// client that says nothing gets; flylint's own columns are bytes, so a
// client that offers UTF-8 is given UTF-8.
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
	encUTF32 = "utf-32"
)

// chooseEncoding picks the first encoding of the client's list the server
// speaks (the list is in the client's order of preference); without a
// list, LSP mandates UTF-16.
func chooseEncoding(offered []string) string {
	for _, e := range offered {
		switch e {
		case encUTF8, encUTF16, encUTF32:
			return e
		}
	}
	return encUTF16
}

// units is how many code units of enc the UTF-8 text b takes. Bytes
// that are not UTF-8 count as one unit each, as they decode to U+FFFD.
func units(b []byte, enc string) int {
	if enc == encUTF8 {
		return len(b)
	}
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if enc == encUTF16 && r >= 0x10000 && r <= utf8.MaxRune {
			n++ // a surrogate pair
		}
	}
	return n
}

// lineIndex maps between byte offsets and LSP positions in one text.
// LSP ends lines at "\n", "\r\n" and "\r" (3.17, "Text Documents").
type lineIndex struct {
	text   []byte
	lines  *source.Lines
	starts []int
}

func newLineIndex(text []byte) *lineIndex {
	// source.Lines ends lines where LSP does: "\n", "\r\n" and "\r".
	lines := source.NewLines(text)
	return &lineIndex{text: text, lines: lines, starts: lines.Starts()}
}

// lineEnd is the offset where line i's content ends, before its break.
func (li *lineIndex) lineEnd(i int) int {
	_, end := li.lines.LineBounds(li.text, i+1)
	return end
}

// offset is the byte offset of p. A line past the end is the end of the
// text and a character past the end of its line is the line's end, as
// the specification asks of both; a position inside a character (the
// second half of a surrogate pair) is the start of that character.
func (li *lineIndex) offset(p Position, enc string) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(li.starts) {
		return len(li.text)
	}
	off, end := li.starts[p.Line], li.lineEnd(p.Line)
	if enc == encUTF8 {
		return min(off+max(p.Character, 0), end)
	}
	for n := 0; off < end; {
		r, size := utf8.DecodeRune(li.text[off:end])
		w := 1
		if enc == encUTF16 && r >= 0x10000 {
			w = 2
		}
		if n+w > p.Character {
			break
		}
		n += w
		off += size
	}
	return off
}

// position is the LSP position of byte offset off.
func (li *lineIndex) position(off int, enc string) Position {
	p := li.lines.Pos(off) // clamped to the text
	return Position{Line: p.Line - 1, Character: units(li.text[li.starts[p.Line-1]:p.Offset], enc)}
}

func (li *lineIndex) rangeOf(start, end int, enc string) Range {
	return Range{Start: li.position(start, enc), End: li.position(end, enc)}
}

// applyChange applies one didChange event to text: a whole new text
// without a range, else the replacement of the range.
func applyChange(text []byte, ch TextDocumentContentChangeEvent, enc string) ([]byte, error) {
	if ch.Range == nil {
		return []byte(ch.Text), nil
	}
	li := newLineIndex(text)
	start, end := li.offset(ch.Range.Start, enc), li.offset(ch.Range.End, enc)
	if end < start {
		return nil, fmt.Errorf("change range ends (%d:%d) before it starts (%d:%d)", ch.Range.End.Line, ch.Range.End.Character, ch.Range.Start.Line, ch.Range.Start.Character)
	}
	if len(text)-(end-start)+len(ch.Text) > maxMessage {
		return nil, errors.New("the document would pass the size flylint accepts")
	}
	out := make([]byte, 0, len(text)-(end-start)+len(ch.Text))
	out = append(out, text[:start]...)
	out = append(out, ch.Text...)
	return append(out, text[end:]...), nil
}

// pathOf turns a file: URI into a clean absolute path.
func pathOf(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("bad document URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q is not a file: URI; flylint lints files on disk", uri)
	}
	if !filepath.IsAbs(u.Path) {
		return "", fmt.Errorf("document URI %q has no absolute path", uri)
	}
	return filepath.Clean(u.Path), nil
}

// uriOf is the file: URI of an absolute path.
func uriOf(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
