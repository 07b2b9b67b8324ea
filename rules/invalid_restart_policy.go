package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var InvalidRestartPolicy = Register(&Rule{
	ID:       "invalid-restart-policy",
	Severity: diag.Error,
	Title:    "A [[restart]] policy or process group is invalid",
	Since:    "0.1.0",
	Why: "A `[[restart]]` entry has a `policy` other than `\"always\"`, `\"never\"` or `\"on-failure\"`, or names a process group that does not exist, so flyctl refuses to deploy.\n\n" +
		"The names differ from those of `fly machine run --restart` and the Machines API: fly.toml says `\"never\"` where the CLI says `no`, and `\"on-failure\"` where the CLI says `on-fail`. " +
		"A missing `policy` is invalid too. A `[[restart]]` without `processes` applies only to the default process group.",
	ExampleFile: "fly.toml",
	Bad: `[[restart]]
  policy = "on-fail"
  retries = 5`,
	Good: `[[restart]]
  policy = "on-failure"
  retries = 5`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-restart-section",
		"https://fly.io/docs/machines/guides-examples/machine-restart-policy/",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		groups := cfg.GroupNames()
		for _, r := range cfg.Restart {
			if r == nil {
				continue
			}
			switch pol := r.Policy; {
			case !pol.Set:
				p.Reportf(sectionAt(p, r.Section), `This [[restart]] has no policy, and flyctl refuses an empty one ("invalid restart policy"). Add policy = "on-failure", "always" or "never".`)
			case pol.OK && !slices.Contains(flytoml.RestartPolicies, pol.V):
				d := diag.Diagnostic{Range: pol.Value, Message: fmt.Sprintf(
					`Restart policy %q is not one flyctl accepts in fly.toml, so fly deploy fails with "invalid restart policy". Use "on-failure", "always" or "never".`, pol.V)}
				if to := restartPolicyMeant(pol.V); to != "" {
					d.Message = fmt.Sprintf(`Restart policy %q is not one flyctl accepts in fly.toml, so fly deploy fails with "invalid restart policy"; fly.toml spells it %q. Write policy = %q.`, pol.V, to, to)
					d.Fixes = replaceStringFix(p, pol.Value, to, fmt.Sprintf("Write %q", to))
				}
				p.Report(d)
			}
			for i, name := range r.Processes.V {
				if !r.Processes.OK || slices.Contains(groups, name) {
					continue
				}
				at := r.Processes.Value
				if i < len(r.Processes.Elems) {
					at = r.Processes.Elems[i]
				}
				p.Reportf(at, "[[restart]] names process group %q, which does not exist (the groups are %s), so flyctl refuses to deploy. Fix the name or remove it.",
					name, strings.Join(quoteEach(groups), ", "))
			}
		}
	},
})

// restartPolicyMeant maps the spellings of the CLI and the Machines API,
// and case variants, to the fly.toml policy they mean.
func restartPolicyMeant(s string) string {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "no":
		return "never"
	case "on-fail", "on_fail", "onfail", "on_failure", "onfailure":
		return "on-failure"
	default:
		if slices.Contains(flytoml.RestartPolicies, v) {
			return v
		}
	}
	return ""
}
