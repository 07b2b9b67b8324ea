package rules

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/source"
)

var PortAsString = Register(&Rule{
	ID:       "port-as-string",
	Severity: diag.Info,
	Title:    "A [[services]] port is written as a string",
	Since:    "0.1.0",
	Why: `A ` + "`[[services]]`" + ` ` + "`internal_port`" + ` or ` + "`[[services.ports]]`" + ` ` + "`port`" + ` is written as a quoted string. This rule is off by default.

flyctl has a compatibility patch (superfly/flyctl PR #1739) that turns ` + "`port = \"80\"`" + ` into 80 inside ` + "`[[services]]`" + `, because many existing fly.toml files write ports so, Fly's own example apps among them (fly-apps/flygreeting, flycurl, udp-echo-). The quoted form therefore deploys exactly like a number, and reporting it in every run would be noise; turn the rule on (` + "`enable = [\"port-as-string\"]`" + ` in ` + "`.flylint.toml`" + `) to keep fly.toml files tidy for other tools and scripts that read them without the patch. The same string in ` + "`[http_service]`" + ` is not converted and makes the file invalid: ` + "`invalid-value-type`" + ` reports that, on by default.

Where ` + "`raw-tcp-on-shared-ipv4`" + ` reports the same port, that finding says to write it as a number and carries the fix, and this rule's finding there is dropped.`,
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
	Tags:     []string{"flyctl", "ports", "style"},
	Optional: true,
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		v := newFixVerifier(p)
		for _, pr := range cfg.Problems {
			if !isPortAsString(pr) {
				continue
			}
			d := diag.Diagnostic{Range: pr.Range, Message: pr.Message}
			if fix, ok := portAsStringFix(p, v, pr); ok {
				d.Fixes = []diag.Fix{fix}
			}
			p.Report(d)
		}
	},
})

func isPortAsString(pr flytoml.Problem) bool {
	return pr.Kind == flytoml.ProblemCoerced && pr.Code == flytoml.CodePortAsString
}

// portAsStringAt is the port-as-string problem at r, if any.
func portAsStringAt(p *Pass, r source.Range) (flytoml.Problem, bool) {
	if p.App.Config == nil {
		return flytoml.Problem{}, false
	}
	for _, pr := range p.App.Config.Problems {
		if isPortAsString(pr) && pr.Range == r {
			return pr, true
		}
	}
	return flytoml.Problem{}, false
}

// portAsStringFix unquotes the port, when the edit is proven safe.
func portAsStringFix(p *Pass, v *fixVerifier, pr flytoml.Problem) (diag.Fix, bool) {
	text, ok := tomlText(p, pr.Range)
	if !ok || len(text) < 2 {
		return diag.Fix{}, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(text[1 : len(text)-1]))
	if err != nil {
		return diag.Fix{}, false
	}
	edits := []diag.Edit{{Range: pr.Range, NewText: strconv.Itoa(n)}}
	if !v.verify(edits) {
		return diag.Fix{}, false
	}
	return diag.Fix{Message: "Write the port as a number", Edits: edits}, true
}
