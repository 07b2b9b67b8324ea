package fix

import (
	"bytes"
	"path/filepath"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Diff returns a unified diff of old and new, with three lines of
// context and "a/" and "b/" headers, as `git diff` prints it; nil when
// they are equal. Lines keep their terminators, so a CRLF file diffs as
// CRLF and a last line without a newline is marked as diff(1) marks it.
//
// go-udiff is x/tools' diff package exported; its line diff bounds how
// deep it searches, so any input is diffed in bounded time and memory
// (still a correct diff, if not always the shortest).
func Diff(path string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	p := filepath.ToSlash(path)
	o, n := string(old), string(new)
	out, err := udiff.ToUnified("a/"+p, "b/"+p, o, udiff.Lines(o, n), 3)
	if err != nil {
		// ToUnified fails only on edits that do not fit the text, which
		// Lines never returns; should it happen, replacing the whole file
		// is still a correct diff.
		out, _ = udiff.ToUnified("a/"+p, "b/"+p, o, []udiff.Edit{{Start: 0, End: len(o), New: n}}, 3)
	}
	return []byte(out)
}
