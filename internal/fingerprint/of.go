package fingerprint

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// Of returns a fingerprint of d for baselines: a finding keeps it while
// lines are added or removed around it, while indentation or line endings
// change, and across flylint versions that reword messages; it changes
// when the flagged line's text changes. content is d.File's content.
//
// The form is "<16 hex digits>:<n>". The digits hash the rule, the file,
// the flagged line with spaces, tabs and a BOM removed, and the flagged
// text itself (so two findings of one rule on one line differ). n is 1
// plus the number of earlier lines of the file with the same normalised
// text, so identical lines ("internal_port = 8080" in two services) keep
// distinct fingerprints.
//
// Without a position, the fingerprint names the rule and file only. With a
// position but no content, it falls back to the message, the only stable
// text left.
func Of(d diag.Diagnostic, content []byte) string {
	return NewFile(content).Of(d)
}

// File fingerprints many diagnostics of one file, indexing it once.
type File struct {
	content []byte
	lines   *source.Lines
	occ     []int // occ[i]: 1 + earlier lines with the text of line i+1
}

// NewFile prepares content (nil when the file could not be read).
func NewFile(content []byte) *File {
	f := &File{content: content}
	if content != nil {
		f.lines = source.NewLines(content)
	}
	return f
}

// Of returns the fingerprint of d, which must be a diagnostic of this
// file; see the package function Of.
func (f *File) Of(d diag.Diagnostic) string {
	h := sha256.New()
	field := func(s []byte) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write(s)
	}
	field([]byte(d.Rule))
	field([]byte(d.File))
	n := 1
	switch {
	case !d.Start.IsValid():
		field(nil)
	case f.content == nil:
		field([]byte("message"))
		field([]byte(d.Message))
	default:
		line := min(d.Start.Line, f.lines.LineCount())
		n = f.occurrence(line)
		field([]byte("line"))
		field(f.lineText(line))
		start := f.lines.Offset(d.Start.Line, d.Start.Col)
		end := start
		if d.End.IsValid() {
			end = max(start, f.lines.Offset(d.End.Line, d.End.Col))
		}
		field(normalise(f.content[start:end]))
	}
	return hex.EncodeToString(h.Sum(nil)[:8]) + ":" + strconv.Itoa(n)
}

func (f *File) occurrence(line int) int {
	if f.occ == nil {
		f.occ = make([]int, f.lines.LineCount())
		seen := map[string]int{}
		for i := range f.occ {
			t := string(f.lineText(i + 1))
			seen[t]++
			f.occ[i] = seen[t]
		}
	}
	return f.occ[line-1]
}

func (f *File) lineText(line int) []byte {
	start, end := f.lines.LineBounds(f.content, line)
	text := f.content[start:end]
	if line == 1 {
		text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	}
	return normalise(text)
}

// normalise drops what editors and formatters change without changing
// meaning: spaces, tabs and carriage returns, as GitHub's line hash does.
func normalise(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			out = append(out, c)
		}
	}
	return out
}
