package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

var UnexpandedEnvInExecForm = Register(&Rule{
	ID:       "unexpanded-env-in-exec-form",
	Severity: diag.Warning,
	Title:    "A variable in an exec-form command is never expanded",
	Since:    "0.1.0",
	Why: "An exec-form `CMD`/`ENTRYPOINT`, a `[processes]` command, an `[experimental] cmd` or `[deploy] release_command` contains `$VAR` or `${VAR}`, but no shell runs it, so the program receives the literal text `$PORT`.\n\n" +
		"Docker's exec form (`CMD [\"…\"]`) and Fly's `[processes]` commands and `release_command` (split like a shell by flyctl, but run without one) do not expand variables. Wrap the command in `sh -c '…'` (with `exec` so signals reach the server), or use the shell form.",
	ExampleFile: "Dockerfile",
	Bad:         `CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]`,
	Good:        `CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]`,
	URLs: []string{
		"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
		"https://fly.io/docs/reference/configuration/#the-processes-section",
		"https://fly.io/docs/reference/configuration/#run-one-off-commands-before-releasing-a-deployment",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
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
				m := envRef().FindStringSubmatchIndex(a.Text)
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
		checkReleaseCommand(p)
	},
})

// checkReleaseCommand reports $VAR in [deploy] release_command. flyctl
// splits it into words itself and hands them to the release Machine as
// its command (appconfig.ToReleaseMachineConfig: Init.Cmd =
// shlex.Split), after the image's ENTRYPOINT or [experimental]
// entrypoint; no shell sees it unless that entrypoint is one.
func checkReleaseCommand(p *Pass) {
	cfg := p.App.Config
	if cfg == nil || cfg.Deploy == nil || !cfg.Deploy.ReleaseCommand.OK {
		return
	}
	rc := cfg.Deploy.ReleaseCommand
	if releaseEntrypointIsShell(p) {
		return
	}
	// A command that starts a shell itself: sh -c "… $X …". The words
	// before the script never hold quotes, so splitting on spaces finds
	// them as flyctl's splitter would.
	if f := strings.Fields(rc.V); len(f) >= 3 {
		args := []listen.Arg{{Text: f[0]}, {Text: f[1]}, {Text: f[2]}}
		if isShell(args[1], args, 2) {
			return
		}
	}
	offs, exact := stringOffsets(p, rc.Value, rc.V)
	for _, m := range envRef().FindAllStringSubmatchIndex(rc.V, -1) {
		if inSingleQuotes(rc.V, m[0]) {
			continue // still literal, but written so on purpose
		}
		var name string
		if m[2] >= 0 {
			name = rc.V[m[2]:m[3]]
		} else {
			name = rc.V[m[4]:m[5]]
		}
		r := rc.Value
		if exact && m[1]-1 < len(offs) {
			r = tomlRange(p, offs[m[0]], offs[m[1]-1]+1)
		}
		p.Report(diag.Diagnostic{
			Range: r,
			Message: fmt.Sprintf("%s is passed literally: flyctl runs release_command without a shell, so $%s is never expanded and the program receives the text %q. "+
				"Wrap the command in sh -c '…' (release_command = \"sh -c '…'\") or read the variable in the program.", rc.V[m[0]:m[1]], name, rc.V[m[0]:m[1]]),
		})
	}
}

// releaseEntrypointIsShell reports whether the entrypoint the release
// Machine keeps is a shell that runs its arguments as a script, such as
// ENTRYPOINT ["sh", "-c"].
func releaseEntrypointIsShell(p *Pass) bool {
	var args []listen.Arg
	if e := p.App.Config.Experimental; e != nil && e.Entrypoint.OK {
		for _, a := range e.Entrypoint.V {
			args = append(args, listen.Arg{Text: a})
		}
	} else if img := p.App.Image; img != nil && img.Entrypoint != nil {
		if img.Entrypoint.Command.Shell {
			return false // ENTRYPOINT in shell form ignores the command
		}
		args = img.Entrypoint.Command.Args
	}
	n := len(args)
	return n >= 2 && isShell(args[n-1], append(args, listen.Arg{}), n)
}

// inSingleQuotes reports whether byte i of a command flyctl splits sits
// inside single quotes.
func inSingleQuotes(s string, i int) bool {
	in := false
	for j := 0; j < i; j++ {
		switch {
		case s[j] == '\\' && !in:
			j++
		case s[j] == '\'':
			in = !in
		}
	}
	return in
}

// envRef matches $NAME and ${NAME...}.
var envRef = lazyre.New(`\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\})`)

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
