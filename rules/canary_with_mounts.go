package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var CanaryWithMounts = Register(&Rule{
	ID:       "canary-with-mounts",
	Severity: diag.Error,
	Title:    "The canary or bluegreen deploy strategy is used with volumes",
	Since:    "0.1.0",
	Why: "`[deploy] strategy = \"canary\"` is set while fly.toml has `[[mounts]]`, which flyctl refuses (\"canary deployment strategy is not supported when using mounted volumes\"); `\"bluegreen\"` with mounts is reported as a warning.\n\n" +
		"Both strategies boot new Machines next to the running ones before stopping them, and a volume can be attached to only one Machine: the new Machines would need volumes of their own. " +
		"flyctl rejects `canary` with any `[[mounts]]` before deploying; Fly's docs say `bluegreen` cannot be used with attached volumes either, though flyctl does not check it. " +
		"Use `strategy = \"rolling\"` (the default) or `\"immediate\"` for apps with volumes.",
	ExampleFile: "fly.toml",
	Bad: `[deploy]
  strategy = "canary"

[[mounts]]
  source = "data"
  destination = "/data"`,
	Good: `[deploy]
  strategy = "rolling"

[[mounts]]
  source = "data"
  destination = "/data"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#picking-a-deployment-strategy",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "deploy", "volumes"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Deploy == nil || len(cfg.Mounts) == 0 || cfg.Mounts[0] == nil {
			return
		}
		s := cfg.Deploy.Strategy
		if !s.OK {
			return
		}
		related := []diag.Related{{Range: sectionAt(p, cfg.Mounts[0].Section), Message: "the volume mount"}}
		switch s.V {
		case "canary":
			p.Report(diag.Diagnostic{Range: s.Value, Related: related, Message: fmt.Sprintf(
				`The canary strategy cannot be used with volumes, and this fly.toml has %d [[mounts]]; flyctl refuses to deploy it. `+
					`A canary Machine boots beside the running ones and would need a volume of its own. Use strategy = "rolling" or "immediate".`, len(cfg.Mounts))})
		case "bluegreen":
			p.Report(diag.Diagnostic{Range: s.Value, Related: related, Severity: diag.Warning, Message: fmt.Sprintf(
				`Fly's docs say the bluegreen strategy cannot be used with volumes, and this fly.toml has %d [[mounts]]. `+
					`Bluegreen boots a new Machine beside each running one, and a volume attaches to only one Machine; flyctl does not check this before deploying. Use strategy = "rolling" or "immediate".`, len(cfg.Mounts))})
		}
	},
})
