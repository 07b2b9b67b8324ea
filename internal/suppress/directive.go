// Package suppress reads inline "flylint:ignore" directives and applies
// them to diagnostics.
//
//	# flylint:ignore RULE[,RULE] reason      fly.toml, Dockerfile
//	//flylint:ignore RULE[,RULE] reason      Go
//
// A directive at the end of a line covers that line; a directive on a
// line of its own covers the next line that is not itself a comment, so
// directives can be stacked above one line. Dockerfiles have no trailing
// comments ("EXPOSE 80 # x" passes "#" and "x" to EXPOSE), so there a
// directive always sits on its own line.
//
// Rules are named explicitly: there is no "all", because a blanket
// suppression also hides the findings nobody has looked at yet.
package suppress

import (
	"bytes"
	"path"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Lang selects the comment syntax of a file.
type Lang int

const (
	TOML Lang = iota + 1
	Dockerfile
	Go
)

// LangOf guesses a file's Lang from its name; 0 when flylint does not
// read such files.
func LangOf(name string) Lang {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, ".toml"):
		return TOML
	case strings.HasSuffix(lower, ".go"):
		return Go
	case strings.HasPrefix(lower, "dockerfile"), strings.HasPrefix(lower, "containerfile"),
		strings.HasSuffix(lower, ".dockerfile"), strings.HasSuffix(lower, ".containerfile"):
		return Dockerfile
	}
	return 0
}

// Directive is one "flylint:ignore" comment.
type Directive struct {
	Rules      []string
	RuleRanges []source.Range // parallel to Rules: where each id is written
	Reason     string         // "" when missing, which is itself reported
	Range      source.Range   // the whole comment, from '#' or "//"
	Line       int            // the line it covers
	Used       bool           // set by Apply when it suppressed something
}

const keyword = "flylint:ignore"

// comment is a real comment found by a language scanner. start and end
// are byte offsets; end stops before the line terminator.
type comment struct {
	start, end int
	marker     int  // length of "#" or "//"
	trailing   bool // code precedes it on its line
}

// Parse returns the directives in content, a file of the given Lang.
// Only real comments count: "#" inside a TOML string or a Dockerfile
// heredoc, and "//" inside a Go string, are not comments.
func Parse(file string, content []byte, lang Lang) []Directive {
	if !bytes.Contains(content, []byte(keyword)) {
		return nil // most files; and no need to scan 50 MB of anything
	}
	var comments []comment
	var commentOnly map[int]bool // lines holding only comments
	var lineOf func(offset int) source.Pos
	switch lang {
	case TOML, Dockerfile:
		lines := source.NewLines(content)
		lineOf = lines.Pos
		if lang == TOML {
			comments = tomlComments(content)
		} else {
			comments = dockerfileComments(content)
		}
		commentOnly = map[int]bool{}
		for _, c := range comments {
			if !c.trailing {
				commentOnly[lines.Pos(c.start).Line] = true
			}
		}
	case Go:
		if bytes.IndexByte(content, 0) >= 0 {
			// The Go compiler rejects NUL bytes, so this is no Go
			// source; go/scanner would crawl through it byte by byte.
			return nil
		}
		comments, commentOnly, lineOf = goComments(file, content)
	default:
		return nil
	}

	// next[l] is the first line after comment-only line l that is not
	// comment-only, filled as directives ask, so that a long run of
	// stacked comments is walked once, not once per directive.
	next := map[int]int{}
	cover := func(l int) int {
		var path []int
		for commentOnly[l] {
			if n, ok := next[l]; ok {
				l = n
				break
			}
			path = append(path, l)
			l++
		}
		for _, p := range path {
			next[p] = l
		}
		return l
	}
	var dirs []Directive
	for _, c := range comments {
		d, ok := parseDirective(content, c, file, lineOf)
		if !ok {
			continue
		}
		if !c.trailing {
			d.Line = cover(d.Line + 1)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// parseDirective reads "flylint:ignore a,b reason" from one comment.
func parseDirective(content []byte, c comment, file string, pos func(int) source.Pos) (Directive, bool) {
	i := c.start + c.marker
	for i < c.end && isBlank(content[i]) {
		i++
	}
	if !strings.HasPrefix(string(content[i:c.end]), keyword) {
		return Directive{}, false
	}
	i += len(keyword)
	if i < c.end && !isBlank(content[i]) {
		return Directive{}, false // "flylint:ignored", "flylint:ignore-next"...
	}
	rng := func(s, e int) source.Range { return source.Range{File: file, Start: pos(s), End: pos(e)} }
	d := Directive{Range: rng(c.start, c.end)}
	d.Line = d.Range.Start.Line

	// The id list is one word, or several when a comma ends a word
	// ("a, b"), so that a reason can start right after the last id.
	for {
		for i < c.end && isBlank(content[i]) {
			i++
		}
		start := i
		for i < c.end && !isBlank(content[i]) {
			i++
		}
		word := content[start:i]
		if len(word) == 0 {
			break
		}
		for j := 0; j < len(word); {
			k := j
			for k < len(word) && word[k] != ',' {
				k++
			}
			if k > j {
				d.Rules = append(d.Rules, string(word[j:k]))
				d.RuleRanges = append(d.RuleRanges, rng(start+j, start+k))
			}
			j = k + 1
		}
		if word[len(word)-1] != ',' {
			break
		}
	}
	d.Reason = strings.TrimSpace(string(content[i:c.end]))
	return d, true
}
