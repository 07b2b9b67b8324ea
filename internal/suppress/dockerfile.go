package suppress

import (
	"bytes"
	"strings"

	"github.com/flylint-dev/flylint/internal/lazyre"
)

// dockerfileComments finds a Dockerfile's comment lines the way
// BuildKit's parser does: a line whose first non-blank byte is '#' is a
// comment, even between the lines of a continued instruction, except in
// the body of a heredoc, where it is content. A '#' after an
// instruction is an argument, never a comment.
func dockerfileComments(b []byte) []comment {
	var out []comment
	escape := byte('\\')
	directives := true // parser directives may only open the file
	continued := false // the previous line ended with the escape char
	instr := ""        // keyword of the current instruction
	var pending, bodies []heredoc

	for start := 0; start < len(b); {
		end := start
		for end < len(b) && b[end] != '\n' && b[end] != '\r' {
			end++
		}
		next := end
		switch {
		case end+1 < len(b) && b[end] == '\r' && b[end+1] == '\n':
			next += 2
		case end < len(b):
			next++
		}
		line := b[start:end]
		lineStart := start
		start = next

		if len(bodies) > 0 {
			h := bodies[0]
			l := line
			if h.stripTabs {
				l = bytes.TrimLeft(l, "\t")
			}
			if string(l) == h.word {
				bodies = bodies[1:]
			}
			continue
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if directives {
			if m := parserDirective().FindSubmatch(trimmed); m != nil {
				if strings.EqualFold(string(m[1]), "escape") && len(m[2]) == 1 && (m[2][0] == '`' || m[2][0] == '\\') {
					escape = m[2][0]
				}
				continue
			}
			directives = false
		}
		if len(trimmed) > 0 && trimmed[0] == '#' {
			s := lineStart + len(line) - len(trimmed)
			out = append(out, comment{start: s, end: end, marker: 1})
			continue
		}
		if len(trimmed) == 0 {
			continue // blank lines do not end a continued instruction
		}
		if !continued {
			instr = strings.ToUpper(string(firstWord(trimmed)))
			pending = pending[:0]
		}
		if instr == "RUN" || instr == "COPY" || instr == "ADD" {
			for _, m := range heredocMarker().FindAllSubmatch(trimmed, -1) {
				pending = append(pending, heredoc{word: string(m[3]), stripTabs: len(m[1]) > 0})
			}
		}
		r := bytes.TrimRight(trimmed, " \t")
		continued = len(r) > 0 && r[len(r)-1] == escape
		if !continued && len(pending) > 0 {
			bodies = append(bodies[:0], pending...)
			pending = pending[:0]
		}
	}
	return out
}

type heredoc struct {
	word      string
	stripTabs bool // <<-WORD
}

var (
	parserDirective = lazyre.New(`^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$`)
	// <<EOF, <<-EOF, <<"EOF", <<'EOF', optionally after a file
	// descriptor number; "<<<" (a here-string) is not a heredoc.
	heredocMarker = lazyre.New(`(?:^|[ \t])[0-9]*<<(-?)(["']?)([^ \t"'<>|&;]+)(["']?)`)
)

func firstWord(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] != ' ' && b[i] != '\t' {
		i++
	}
	return b[:i]
}
