package rules

import (
	"fmt"
	"path"
	"regexp"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/dockerfile"
	"github.com/flylint/flylint/listen"
	"github.com/flylint/flylint/source"
)

var UnexpandedEnvInExecForm = Register(&Rule{
	ID:       "unexpanded-env-in-exec-form",
	Severity: diag.Warning,
	Title:    "A variable in an exec-form command is never expanded",
	Since:    "0.1.0",
	Why: "An exec-form `CMD`/`ENTRYPOINT`, a `[processes]` command or an `[experimental] cmd` contains `$VAR` or `${VAR}`, but no shell runs it, so the program receives the literal text `$PORT`.\n\n" +
		"Docker's exec form (`CMD [\"…\"]`) and Fly's `[processes]` commands (split like a shell, but run without one) do not expand variables. Wrap the command in `sh -c '…'` (with `exec` so signals reach the server), or use the shell form.",
	ExampleFile: "Dockerfile",
	Bad:         `CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]`,
	Good:        `CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]`,
	URLs: []string{
		"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
		"https://fly.io/docs/reference/configuration/#the-processes-section",
	},
	Tags: []string{"ports", "commands"},
	Check: func(p *Pass) {
		seen := map[source.Pos]bool{}
		check := func(c listen.Command) {
			if c.Shell {
				return
			}
			for i, a := range c.Args {
				if i > 0 && isShell(c.Args[i-1], c.Args, i) {
					return // the rest is a script a shell expands
				}
				m := envRef.FindStringSubmatchIndex(a.Text)
				if m == nil || seen[a.Range.Start] {
					continue
				}
				seen[a.Range.Start] = true
				var name string
				if m[2] >= 0 {
					name = a.Text[m[2]:m[3]]
				} else {
					name = a.Text[m[4]:m[5]]
				}
				p.Report(diag.Diagnostic{
					Range:   a.Range,
					Message: fmt.Sprintf("%s is passed literally: %s runs without a shell, so $%s is never expanded and the program receives the text %q. Wrap the command in sh -c 'exec …' or use the shell form.", a.Text, c.Origin, name, a.Text),
				})
			}
		}
		if img := p.App.Image; img != nil {
			for _, i := range []*dockerfile.Instruction{img.Entrypoint, img.Cmd} {
				if i != nil {
					check(i.Command)
				}
			}
		}
		for _, g := range p.App.Groups {
			if g.HasCommand {
				check(g.Command)
			}
		}
	},
})

// envRef matches $NAME and ${NAME...}.
var envRef = regexp.MustCompile(`\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\})`)

// isShell reports whether args[i-1] is "-c" (or -lc, -ec) following a
// shell program: then args[i] is a script that the shell expands.
func isShell(prev listen.Arg, args []listen.Arg, i int) bool {
	if prev.Text != "-c" && prev.Text != "-lc" && prev.Text != "-ec" && prev.Text != "-xc" {
		return false
	}
	for j := i - 2; j >= 0; j-- {
		switch path.Base(args[j].Text) {
		case "sh", "bash", "ash", "dash", "zsh":
			return true
		}
	}
	return false
}
