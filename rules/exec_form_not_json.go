package rules

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/dockerfile"
)

var ExecFormNotJSON = Register(&Rule{
	ID:       "exec-form-not-json",
	Severity: diag.Error,
	Title:    "CMD or ENTRYPOINT looks like an exec-form array but is not valid JSON",
	Since:    "0.1.0",
	Why: "A `CMD` or `ENTRYPOINT` written as an array that is not valid JSON (single quotes, a trailing comma, a missing `]`) is silently taken as shell form: the Machine runs `/bin/sh -c '[\"node\", ...'`, the shell's `[` command fails, and the process exits before it listens on anything.\n\n" +
		"Docker accepts the file without a word, so the mistake shows only when Fly's health checks fail. Write the array as JSON: double quotes around every element, commas between them, no trailing comma.",
	ExampleFile: "Dockerfile",
	Bad: `FROM node:22-slim
COPY . .
CMD ['node', 'server.js']`,
	Good: `FROM node:22-slim
COPY . .
CMD ["node", "server.js"]`,
	URLs: []string{
		"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
		"https://fly.io/docs/languages-and-frameworks/dockerfile/",
	},
	Tags: []string{"dockerfile", "commands"},
	Check: func(p *Pass) {
		img := p.App.Image
		if img == nil {
			return
		}
		cfg := p.App.Config
		// A command fly.toml sets in place of the Dockerfile's makes the
		// Dockerfile's unused: [processes] and [experimental] cmd replace
		// CMD, [experimental] entrypoint replaces ENTRYPOINT.
		cmdUnused := cfg != nil && (cfg.HasProcesses() || (cfg.Experimental != nil && cfg.Experimental.Cmd.Set))
		entryUnused := cfg != nil && cfg.Experimental != nil && cfg.Experimental.Entrypoint.Set
		if !entryUnused {
			checkExecForm(p, "ENTRYPOINT", img.Entrypoint)
		}
		if !cmdUnused {
			checkExecForm(p, "CMD", img.Cmd)
		}
	},
})

func checkExecForm(p *Pass, what string, in *dockerfile.Instruction) {
	if in == nil || !in.Command.Shell || len(in.Command.Args) != 1 {
		return
	}
	arg := in.Command.Args[0]
	script := strings.TrimSpace(arg.Text)
	if !attemptedArray(script) {
		return
	}
	var elems []string
	err := json.Unmarshal([]byte(script), &elems)
	if err == nil {
		return // valid after all (buildkit read it as shell for another reason)
	}
	d := diag.Diagnostic{
		Range: arg.Range,
		Message: fmt.Sprintf("%s %s is not a valid JSON array (%s), so Docker runs the whole text as a shell command with /bin/sh -c; the shell's [ command fails and the process exits before anything listens. "+
			"Write it as JSON: double quotes around every element, commas between them, no trailing comma.", what, script, jsonProblem(script, err)),
	}
	// The one mistake with a certain repair: single quotes where JSON
	// wants double ones, in a text with no double quotes or escapes that
	// the swap could change the meaning of.
	if !strings.ContainsAny(script, "\"\\") && strings.Contains(script, "'") && exactText(p.Workspace, arg.Range, arg.Text) {
		fixed := strings.ReplaceAll(arg.Text, "'", "\"")
		if json.Unmarshal([]byte(strings.TrimSpace(fixed)), &elems) == nil {
			d.Fixes = []diag.Fix{{Message: "Use double quotes", Edits: []diag.Edit{{Range: arg.Range, NewText: fixed}}}}
		}
	}
	p.Report(d)
}

// attemptedArray tells an exec-form array gone wrong from a shell script
// that starts with the test command: `["node", ...` or `['node', ...` is
// an array, `[ -f /data/db ] && ...` is a shell test.
func attemptedArray(s string) bool {
	rest, ok := strings.CutPrefix(s, "[")
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || rest[0] == '"' || rest[0] == '\'' || rest[0] == ']'
}

// jsonProblem names the likely mistake in words a Dockerfile author uses.
func jsonProblem(s string, err error) string {
	switch {
	case strings.Contains(s, "'"):
		return "JSON strings take double quotes, not single"
	case !strings.HasSuffix(s, "]"):
		return "it does not end with ]"
	case strings.Contains(strings.ReplaceAll(s, " ", ""), ",]"):
		return "JSON allows no comma before ]"
	}
	return "JSON: " + err.Error()
}
