package rules

import (
	"errors"
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var UnsplittableCommand = Register(&Rule{
	ID:       "unsplittable-command",
	Severity: diag.Error,
	Title:    "A [processes], release or console command cannot be split into words",
	Since:    "0.1.0",
	Why: "A `[processes]` command, `[deploy] release_command` or `console_command` has a quote that is never closed or ends with a backslash, so flyctl cannot split it into words and refuses to deploy.\n\n" +
		"flyctl splits these commands itself, the way a shell splits words, but runs no shell: quotes group words, a backslash escapes the next character, and `#` at the start of a word begins a comment. " +
		"An unbalanced quote is usually an apostrophe inside single quotes (`'it's'`) or a quote lost in TOML escaping; close it, or write the apostrophe inside double quotes.\n\n" +
		"When the command splits for flyctl but flylint cannot read it as shell words (for example it contains `(`, `|` or `&&`), this is reported as info: flylint did not check the ports that process listens on, and those characters reach the program as plain arguments, since no shell runs the command.",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  web = "bin/server --motd 'it's up'"`,
	Good: `[processes]
  web = "bin/server --motd \"it's up\""`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-processes-section",
		"https://fly.io/docs/reference/configuration/#run-one-off-commands-before-releasing-a-deployment",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "processes"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		reported := map[string]bool{}
		for _, proc := range cfg.Processes {
			if proc == nil || !proc.Command.OK {
				continue
			}
			if reportSplit(p, proc.Command, fmt.Sprintf("The command of process group %q", proc.Name)) {
				reported[proc.Name] = true
			}
		}
		if d := cfg.Deploy; d != nil && d.ReleaseCommand.OK {
			reportSplit(p, d.ReleaseCommand, "release_command")
		}
		if cfg.ConsoleCommand.OK {
			reportSplit(p, cfg.ConsoleCommand, "console_command")
		}
		for _, g := range p.App.Groups {
			var le *workspace.LoadError
			if g.CommandErr == nil || reported[g.Name] || !errors.As(g.CommandErr, &le) {
				continue
			}
			p.Report(diag.Diagnostic{Range: le.Range, Severity: diag.Info, Message: fmt.Sprintf(
				"flylint could not read the command of process group %q as shell words, so it did not check which ports it listens on. "+
					"flyctl splits it without a shell, so characters such as ( ) | && ; reach the program as plain arguments; to run a shell, write sh -c \"...\".", g.Name)})
		}
	},
})

// reportSplit reports a command flyctl's splitter rejects and says whether
// it did.
func reportSplit(p *Pass, cmd flytoml.Field[string], what string) bool {
	off, kind, bad := shellSplitError(cmd.V)
	if !bad {
		return false
	}
	r := cmd.Value
	if offs, ok := stringOffsets(p, cmd.Value, cmd.V); ok && off < len(offs) {
		r = tomlRange(p, offs[off], offs[off]+1)
	}
	var msg string
	switch kind {
	case splitOpenQuote:
		msg = fmt.Sprintf("%s has a %c quote that is never closed, so flyctl cannot split it into words and refuses to deploy. Close the quote, or put an apostrophe inside double quotes.", what, cmd.V[off])
	default:
		msg = fmt.Sprintf("%s ends with a backslash that escapes nothing, so flyctl cannot split it into words and refuses to deploy. Remove the trailing backslash.", what)
	}
	p.Report(diag.Diagnostic{Range: r, Message: msg})
	return true
}

type splitErrorKind int

const (
	splitOpenQuote splitErrorKind = iota + 1
	splitTrailingEscape
)

// shellSplitError finds why flyctl's word splitter (github.com/google/shlex)
// would fail on s: only an unclosed quote or a backslash at the very end
// make it fail. off is the byte offset of the opening quote or the
// backslash. Only ASCII bytes matter to it, so walking bytes is exact.
func shellSplitError(s string) (off int, kind splitErrorKind, bad bool) {
	const (
		start = iota
		word
		escape
		dquote
		dquoteEscape
		squote
		comment
	)
	state, open, esc := start, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\r' || c == '\n'
		switch state {
		case start, word:
			switch {
			case space:
				state = start
			case c == '"':
				state, open = dquote, i
			case c == '\'':
				state, open = squote, i
			case c == '\\':
				state, esc = escape, i
			case c == '#' && state == start:
				state = comment
			default:
				state = word
			}
		case escape:
			state = word
		case dquote:
			switch c {
			case '"':
				state = word
			case '\\':
				state, esc = dquoteEscape, i
			}
		case dquoteEscape:
			state = dquote
		case squote:
			if c == '\'' {
				state = word
			}
		case comment:
			if c == '\n' {
				state = start
			}
		}
	}
	switch state {
	case escape:
		return esc, splitTrailingEscape, true
	case dquote, dquoteEscape, squote:
		return open, splitOpenQuote, true
	}
	return 0, 0, false
}
