package rules

import (
	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/flytoml"
)

var UnknownKey = Register(&Rule{
	ID:       "unknown-key",
	Severity: diag.Warning,
	Title:    "fly.toml has a key flyctl does not know",
	Since:    "0.1.0",
	Why: `fly.toml has a key flyctl does not know, so the setting silently has no effect; most often it is a misspelling of a real key.

flyctl ignores unknown keys when it deploys (only ` + "`fly config validate --strict`" + ` lists them), so ` + "`force_http = true`" + ` deploys without redirecting to HTTPS, ` + "`internal-port = 3000`" + ` leaves the service without an internal port, and ` + "`[http_service.check]`" + ` configures no health check. Rename the key to the one flyctl reads (the message suggests it when one is close), or delete it.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080
  force_http = true`,
	Good: `[http_service]
  internal_port = 8080
  force_https = true`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/",
		"https://fly.io/docs/flyctl/config-validate/",
	},
	Tags: []string{"flyctl", "syntax"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		v := newFixVerifier(p)
		for _, pr := range cfg.Problems {
			if pr.Kind != flytoml.ProblemUnknownKey {
				continue
			}
			d := diag.Diagnostic{Range: pr.Range, Message: pr.Message}
			if pr.Suggestion != "" && plainWord(pr.Suggestion) {
				// The rename is offered only when the file still parses
				// afterwards: the suggested key may already be set, or
				// take a value of another type.
				edits := []diag.Edit{{Range: pr.Range, NewText: pr.Suggestion}}
				if v.verify(edits, nil) {
					d.Fixes = []diag.Fix{{Message: "Rename the key to " + pr.Suggestion, Edits: edits}}
				}
			}
			p.Report(d)
		}
	},
})
