package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var InvalidDeployStrategy = Register(&Rule{
	ID:       "invalid-deploy-strategy",
	Severity: diag.Error,
	Title:    "[deploy] strategy is not one flyctl supports",
	Since:    "0.1.0",
	Why: "`[deploy] strategy` is not one of `\"rolling\"`, `\"immediate\"`, `\"canary\"` or `\"bluegreen\"`, so flyctl refuses to deploy.\n\n" +
		"flyctl compares the name exactly (\"unsupported deployment strategy\"): `\"blue-green\"`, `\"Rolling\"` and Apps v1 names such as `\"simple\"` are all rejected. " +
		"Write one of the four names, or remove `strategy` to get the default, `rolling`.",
	ExampleFile: "fly.toml",
	Bad: `[deploy]
  strategy = "blue-green"`,
	Good: `[deploy]
  strategy = "bluegreen"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#picking-a-deployment-strategy",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "deploy"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Deploy == nil {
			return
		}
		s := cfg.Deploy.Strategy
		// An empty strategy means the default, as in flyctl.
		if !s.OK || s.V == "" || slices.Contains(flytoml.DeployStrategies, s.V) {
			return
		}
		d := diag.Diagnostic{Range: s.Value, Message: fmt.Sprintf(
			`Deploy strategy %q is not one flyctl supports, so fly deploy fails with "unsupported deployment strategy". Use "rolling" (the default), "immediate", "canary" or "bluegreen".`, s.V)}
		// Only spelling variants of a real name get a fix: case, '-', '_'
		// and spaces are all flyctl rejects about them.
		fold := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(s.V))
		if slices.Contains(flytoml.DeployStrategies, fold) {
			d.Message = fmt.Sprintf(`Deploy strategy %q is not %q: flyctl compares the name exactly, so fly deploy fails with "unsupported deployment strategy". Write strategy = %q.`, s.V, fold, fold)
			d.Fixes = replaceStringFix(p, s.Value, fold, fmt.Sprintf("Write %q", fold))
		}
		p.Report(d)
	},
})
