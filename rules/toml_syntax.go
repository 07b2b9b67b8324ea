package rules

import (
	"errors"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var TOMLSyntax = Register(&Rule{
	ID:       "toml-syntax",
	Severity: diag.Error,
	Title:    "fly.toml is not valid TOML",
	Since:    "0.1.0",
	Why: `fly.toml must be valid TOML: flyctl refuses to deploy a file it cannot parse, and flylint cannot check anything else in it.

Fix the syntax error at the position given; common causes are a missing quote, a key defined twice, or a table header repeated with ` + "`[ ]`" + ` where ` + "`[[ ]]`" + ` (an array of tables) was meant.`,
	ExampleFile: "fly.toml",
	Bad: `app = "web
[http_service]
  internal_port = 8080`,
	Good: `app = "web"
[http_service]
  internal_port = 8080`,
	URLs: []string{"https://fly.io/docs/reference/configuration/", "https://toml.io/en/v1.0.0"},
	Tags: []string{"syntax"},
	Check: func(p *Pass) {
		var se *flytoml.SyntaxError
		if errors.As(p.App.ConfigErr, &se) {
			p.Reportf(se.Range, "This fly.toml is not valid TOML: %s. flyctl cannot deploy a file it cannot parse; fix the syntax here.", trimPeriod(se.Message))
		}
		if p.App.Config == nil {
			return
		}
		// Bytes go-toml accepts but flyctl's reader refuses (a byte order
		// mark) are syntax errors as far as a deploy is concerned.
		for _, pr := range p.App.Config.Problems {
			if pr.Kind == flytoml.ProblemRejected {
				p.Reportf(pr.Range, "%s", pr.Message)
			}
		}
	},
})
