package rules

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var PortAsString = Register(&Rule{
	ID:       "port-as-string",
	Severity: diag.Info,
	Title:    "A [[services]] port is written as a string",
	Since:    "0.1.0",
	Why: `A ` + "`[[services]]`" + ` ` + "`internal_port`" + ` or ` + "`[[services.ports]]`" + ` ` + "`port`" + ` is written as a quoted string; flyctl converts it to a number, but nothing else has to.

flyctl has a compatibility patch that turns ` + "`internal_port = \"8080\"`" + ` into 8080 inside ` + "`[[services]]`" + ` only; the same string in ` + "`[http_service]`" + ` makes the file invalid, and other tools that read fly.toml (and your own scripts) may not convert it at all. Remove the quotes.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = "8080"
  protocol = "tcp"
  [[services.ports]]
    port = "443"
    handlers = ["tls", "http"]`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://github.com/superfly/flyctl/pull/1739",
	},
	Tags: []string{"flyctl", "ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		v := newFixVerifier(p)
		for _, pr := range cfg.Problems {
			if pr.Kind != flytoml.ProblemCoerced || pr.Code != flytoml.CodePortAsString {
				continue
			}
			d := diag.Diagnostic{Range: pr.Range, Message: pr.Message}
			if text, ok := tomlText(p, pr.Range); ok && len(text) >= 2 {
				if n, err := strconv.Atoi(strings.TrimSpace(text[1 : len(text)-1])); err == nil {
					edits := []diag.Edit{{Range: pr.Range, NewText: strconv.Itoa(n)}}
					if v.verify(edits) {
						d.Fixes = []diag.Fix{{Message: "Write the port as a number", Edits: edits}}
					}
				}
			}
			p.Report(d)
		}
	},
})
