package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var ExperimentalCmdString = Register(&Rule{
	ID:       "experimental-cmd-string",
	Severity: diag.Warning,
	Title:    "[experimental] cmd, entrypoint or exec is one string with spaces",
	Since:    "0.1.0",
	Why: "`[experimental] cmd`, `entrypoint` and `exec` given as a string become ONE argv element: `cmd = \"node server.js\"` runs a program literally named `node server.js`, which does not exist.\n\n" +
		"Write the command as an array of strings, or move it to `[processes]`, which Fly splits like a shell.",
	ExampleFile: "fly.toml",
	Bad: `[experimental]
  cmd = "node server.js"`,
	Good: `[experimental]
  cmd = ["node", "server.js"]`,
	URLs: []string{"https://fly.io/docs/reference/configuration/#the-experimental-section"},
	Tags: []string{"commands"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Experimental == nil {
			return
		}
		for _, f := range []struct {
			key string
			v   flytoml.Strings
		}{{"cmd", cfg.Experimental.Cmd}, {"entrypoint", cfg.Experimental.Entrypoint}, {"exec", cfg.Experimental.Exec}} {
			if !f.v.Set || f.v.Kind != flytoml.KindString || len(f.v.V) != 1 || !strings.ContainsAny(strings.TrimSpace(f.v.V[0]), " \t") {
				continue
			}
			s := f.v.V[0]
			d := diag.Diagnostic{
				Range:   f.v.Value,
				Message: fmt.Sprintf("[experimental] %s = %q is one argv element, not a command line: Fly would run a program named %q. Write it as an array of strings.", f.key, s, s),
			}
			if !strings.ContainsAny(s, `"'\$`) {
				var parts []string
				for _, w := range strings.Fields(s) {
					parts = append(parts, strconv.Quote(w))
				}
				d.Fixes = []diag.Fix{{Message: "Split into an array", Edits: []diag.Edit{{Range: f.v.Value, NewText: "[" + strings.Join(parts, ", ") + "]"}}}}
			}
			p.Report(d)
		}
	},
})
