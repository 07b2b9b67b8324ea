// Package source describes places in the files flylint reads.
//
// Lines and columns are 1-based and columns count bytes, as Go tools print
// them. Offsets are 0-based byte offsets; fixes and the SARIF writer
// (which needs UTF-16 columns) work from them.
package source

import (
	"fmt"
	"sort"
)

// Pos is a point in a file.
type Pos struct {
	Line   int // 1-based
	Col    int // 1-based, in bytes
	Offset int // 0-based byte offset
}

// IsValid reports whether p names a real place.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Range is a span of one file. End is exclusive.
type Range struct {
	File  string
	Start Pos
	End   Pos
}

// IsValid reports whether r names a real place.
func (r Range) IsValid() bool { return r.File != "" && r.Start.IsValid() }

func (r Range) String() string {
	if !r.Start.IsValid() {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Col)
}

// Lines maps byte offsets of one file's content to lines and columns.
type Lines struct {
	starts []int // byte offset of the start of each line
	size   int
}

// NewLines indexes content. "\n", "\r\n" and a lone "\r" end a line, as
// TOML and Dockerfile parsers treat them.
func NewLines(content []byte) *Lines {
	l := &Lines{starts: []int{0}, size: len(content)}
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '\n':
			l.starts = append(l.starts, i+1)
		case '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				i++
			}
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Starts returns the byte offset where each line starts, line 1 first.
// The slice is the index itself: callers must not change it.
func (l *Lines) Starts() []int { return l.starts }

// Pos returns the position of a byte offset; offsets past the end clamp to it.
func (l *Lines) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > l.size {
		offset = l.size
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return Pos{Line: i + 1, Col: offset - l.starts[i] + 1, Offset: offset}
}

// Offset returns the byte offset of a 1-based line and column, clamped to the file.
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return l.size
	}
	off := l.starts[line-1] + col - 1
	if off > l.size {
		off = l.size
	}
	if off < l.starts[line-1] {
		off = l.starts[line-1]
	}
	return off
}

// At returns the position of a 1-based line and column.
func (l *Lines) At(line, col int) Pos { return l.Pos(l.Offset(line, col)) }

// Range returns the range between two byte offsets of file.
func (l *Lines) Range(file string, start, end int) Range {
	return Range{File: file, Start: l.Pos(start), End: l.Pos(end)}
}

// LineCount is the number of lines.
func (l *Lines) LineCount() int { return len(l.starts) }

// LineBounds returns the byte offsets of the start and end (before the
// line terminator) of a 1-based line.
func (l *Lines) LineBounds(content []byte, line int) (start, end int) {
	if line < 1 || line > len(l.starts) {
		return l.size, l.size
	}
	start = l.starts[line-1]
	end = l.size
	if line < len(l.starts) {
		end = l.starts[line]
	}
	for end > start && (content[end-1] == '\n' || content[end-1] == '\r') {
		end--
	}
	return start, end
}
