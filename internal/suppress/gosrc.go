package suppress

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// goComments finds the line comments of a Go file with go/scanner, so
// that "//" inside a string or a rune is not a comment. Positions are
// go/token's (lines end at '\n'), the ones Go diagnostics carry.
func goComments(file string, content []byte) ([]comment, map[int]bool, func(int) source.Pos) {
	fset := token.NewFileSet()
	tf := fset.AddFile(file, -1, len(content))
	var s scanner.Scanner
	// Errors are ignored: a file that does not compile still has
	// comments, and the compiler reports the errors better.
	s.Init(tf, content, nil, scanner.ScanComments)

	var out []comment
	var codeLines []bool // by line; a slice, since every token sets one
	setCode := func(l int) {
		for len(codeLines) <= l {
			codeLines = append(codeLines, false)
		}
		codeLines[l] = true
	}
	isCode := func(l int) bool { return l < len(codeLines) && codeLines[l] }
	var commentLines []int
	for {
		p, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		line := tf.Line(p)
		switch {
		case tok == token.COMMENT:
			if len(lit) >= 2 && lit[1] == '/' {
				// go/scanner drops '\r' from comment text, so the end
				// comes from the content, not from len(lit).
				off := tf.Offset(p)
				end := off
				for end < len(content) && content[end] != '\n' {
					end++
				}
				if end > off && content[end-1] == '\r' {
					end--
				}
				out = append(out, comment{start: off, end: end, marker: 2, trailing: isCode(line)})
			}
			commentLines = append(commentLines, line)
		case tok == token.SEMICOLON && lit == "\n":
			// An inserted semicolon is not code someone wrote.
		default:
			// A raw string may span lines; code then ends on its last.
			for n := strings.Count(lit, "\n"); n >= 0; n-- {
				setCode(line + n)
			}
		}
	}
	commentOnly := map[int]bool{}
	for _, l := range commentLines {
		if !isCode(l) {
			commentOnly[l] = true
		}
	}
	pos := func(off int) source.Pos {
		if off < 0 {
			off = 0
		}
		if off > len(content) {
			off = len(content)
		}
		pp := tf.Position(tf.Pos(off))
		return source.Pos{Line: pp.Line, Col: pp.Column, Offset: off}
	}
	return out, commentOnly, pos
}
