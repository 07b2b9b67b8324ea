package rules

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var InvalidValueType = Register(&Rule{
	ID:       "invalid-value-type",
	Severity: diag.Error,
	Title:    "A fly.toml value has a type flyctl cannot use",
	Since:    "0.1.0",
	Why: `A fly.toml value has a type flyctl cannot decode, such as a quoted number where a number is expected, so ` + "`fly deploy`" + ` rejects the whole file.

flyctl reads fly.toml into typed Go structs. It forgives a few old spellings (a quoted ` + "`internal_port`" + ` in ` + "`[[services]]`" + `, a bare number for a check interval), but anything else of the wrong type makes decoding fail: ` + "`[http_service] internal_port = \"8080\"`" + `, ` + "`auto_stop_machines = \"yes\"`" + `, ` + "`handlers = \"http\"`" + ` (a list is needed), a table written as a number. Write the value with the type the message names.

A bare number where flyctl applies no unit (` + "`[deploy] wait_timeout = 600`" + `, ` + "`[[http_service.checks]] interval = 10000`" + `) is reported as a warning: flyctl reads it as nanoseconds, not seconds or milliseconds. Write a duration string such as ` + "`\"10s\"`" + `.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = "8080"
  auto_stop_machines = "yes"`,
	Good: `[http_service]
  internal_port = 8080
  auto_stop_machines = "stop"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/patches.go",
	},
	Tags: []string{"flyctl", "syntax"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		v := newFixVerifier(p)
		for _, pr := range cfg.Problems {
			switch {
			case pr.Kind == flytoml.ProblemType:
				p.Report(diag.Diagnostic{Range: pr.Range, Message: pr.Message, Fixes: typeFixes(p, v, pr)})
			case pr.Kind == flytoml.ProblemCoerced && pr.Code != flytoml.CodePortAsString:
				// flyctl accepts these but reads them as something else
				// than the file seems to say.
				p.Report(diag.Diagnostic{Range: pr.Range, Message: pr.Message, Severity: diag.Warning})
			}
		}
	},
})

// typeFixes proposes the one rewrite of a mistyped value that is clearly
// what was meant (a quoted number or boolean unquoted, a lone string made
// a list), and only when the edited file parses with this problem gone
// and no new one.
func typeFixes(p *Pass, v *fixVerifier, pr flytoml.Problem) []diag.Fix {
	text, ok := tomlText(p, pr.Range)
	if !ok || len(text) < 2 || (text[0] != '"' && text[0] != '\'') || text[len(text)-1] != text[0] {
		return nil
	}
	inner := text[1 : len(text)-1]
	var candidates []diag.Fix
	if n, err := strconv.Atoi(strings.TrimSpace(inner)); err == nil {
		candidates = append(candidates, diag.Fix{Message: "Write the number without quotes", Edits: []diag.Edit{{Range: pr.Range, NewText: strconv.Itoa(n)}}})
	}
	if inner == "true" || inner == "false" {
		candidates = append(candidates, diag.Fix{Message: "Write the boolean without quotes", Edits: []diag.Edit{{Range: pr.Range, NewText: inner}}})
	}
	candidates = append(candidates, diag.Fix{Message: "Make it a list of one string", Edits: []diag.Edit{{Range: pr.Range, NewText: "[" + text + "]"}}})
	for _, f := range candidates {
		if v.verify(f.Edits) {
			return []diag.Fix{f}
		}
	}
	return nil
}
