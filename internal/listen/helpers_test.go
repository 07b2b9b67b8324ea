package listen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// execCmd builds an exec-form command whose arguments sit on line 1 of a
// file as `"a" "b" …`, so ranges can be checked against that line.
func execCmd(args ...string) Command {
	c := Command{Origin: "test"}
	col := 1
	for _, a := range args {
		col++ // opening quote
		c.Args = append(c.Args, Arg{Text: a, Range: source.Range{File: "f", Start: source.Pos{Line: 1, Col: col, Offset: col - 1}, End: source.Pos{Line: 1, Col: col + len(a), Offset: col - 1 + len(a)}}})
		col += len(a) + 2 // closing quote and space
	}
	return c
}

// shellCmd is a shell-form command written from column 5 of line 1, as
// after `CMD `.
func shellCmd(script string) Command {
	return Command{Shell: true, Args: []Arg{{Text: script, Range: source.Range{File: "f", Start: source.Pos{Line: 1, Col: 5, Offset: 4}, End: source.Pos{Line: 1, Col: 5 + len(script), Offset: 4 + len(script)}}}}}
}

// lineOf rebuilds line 1 of the file the test command stands for.
func lineOf(c Command) string {
	if c.Shell {
		return "CMD " + c.Args[0].Text
	}
	var b strings.Builder
	for i, a := range c.Args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Quote(a.Text))
	}
	return b.String()
}

// textAt is the text a range covers on line, checking that line, column
// and offset agree.
func textAt(line string, r source.Range) string {
	if r == (source.Range{}) {
		return "<none>"
	}
	if r.Start.Line != 1 || r.End.Line != 1 || r.Start.Offset != r.Start.Col-1 || r.End.Offset != r.End.Col-1 ||
		r.Start.Offset < 0 || r.End.Offset > len(line) || r.Start.Offset > r.End.Offset {
		return fmt.Sprintf("bad range %d:%d-%d:%d", r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
	}
	return strconv.Quote(line[r.Start.Offset:r.End.Offset])
}

// summary is what a test asserts about a listener, in one line: proto,
// host class and text, where host and port come from, and the exact text
// each range covers.
func summary(line string, l Listener) string {
	s := fmt.Sprintf("%s %s %q", l.Proto, l.Host.Class, l.Host.Text)
	if l.Host.Default {
		s += " (default host)"
	}
	if l.Host.Env != "" {
		s += " hostenv=" + l.Host.Env
	}
	s += fmt.Sprintf(" port=%d", l.Port.Number)
	if l.Port.Env != "" {
		s += fmt.Sprintf(" env=%s set=%v def=%d req=%v", l.Port.Env, l.Port.EnvSet, l.Port.Default, l.Port.Required)
	}
	if l.Port.IsDefault {
		s += " (default port)"
	}
	s += " @" + textAt(line, l.Range)
	if l.HostRange != (source.Range{}) {
		s += " host@" + textAt(line, l.HostRange)
	}
	if l.PortRange != (source.Range{}) {
		s += " port@" + textAt(line, l.PortRange)
	}
	return s
}
