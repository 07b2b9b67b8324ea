package sarif

import (
	"unicode/utf8"

	"github.com/flylint-dev/flylint/internal/fingerprint"
	"github.com/flylint-dev/flylint/internal/source"
)

// index caches, per file, what positions and hashes need: line starts,
// GitHub's line hashes and flylint's fingerprints.
type index struct {
	files  map[string][]byte
	lines  map[string]*source.Lines
	hashes map[string][]string
	fps    map[string]*fingerprint.File
	// base is prepended to relative paths in URIs (see uriBase).
	base string
}

func newIndex(files map[string][]byte) *index {
	return &index{files: files, lines: map[string]*source.Lines{}, hashes: map[string][]string{}, fps: map[string]*fingerprint.File{}}
}

func (x *index) lineHash(file string, line int) string {
	hs, ok := x.hashes[file]
	if !ok {
		hs = fingerprint.LineHashes(x.files[file])
		x.hashes[file] = hs
	}
	if line < 1 || line >= len(hs) {
		return ""
	}
	return hs[line]
}

// lineIndex returns file's line index, nil when its content is unknown.
func (x *index) lineIndex(file string) *source.Lines {
	content, ok := x.files[file]
	if !ok {
		return nil
	}
	l := x.lines[file]
	if l == nil {
		l = source.NewLines(content)
		x.lines[file] = l
	}
	return l
}

func (x *index) fingerprints(file string, content []byte) *fingerprint.File {
	f := x.fps[file]
	if f == nil {
		f = fingerprint.NewFile(content)
		x.fps[file] = f
	}
	return f
}

// utf16Col converts p's 1-based byte column to a 1-based column in UTF-16
// code units, SARIF's default column kind: "é" is two bytes and one unit,
// "😀" four bytes and two units. Without the file's content the byte
// column is the best there is.
func (x *index) utf16Col(file string, p source.Pos) int {
	l := x.lineIndex(file)
	if l == nil {
		return max(p.Col, 1)
	}
	content := x.files[file]
	start, lineEnd := l.LineBounds(content, p.Line)
	end := min(l.Offset(p.Line, p.Col), lineEnd)
	return utf16Len(content[start:end]) + 1
}

// utf16Len counts UTF-16 code units; each byte of an invalid sequence is
// one U+FFFD, one unit.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
