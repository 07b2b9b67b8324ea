package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var CheckPortNotServed = Register(&Rule{
	ID:       "check-port-not-served",
	Severity: diag.Warning,
	Title:    "A health check targets a port the process does not listen on",
	Since:    "0.1.0",
	Why: "A `[checks]` entry's `port` is not a port the process group listens on.\n\n" +
		"Fly runs machine checks against the Machine's private address at that port; if nothing listens there the check fails forever and deploys that wait on it time out. Point the check at a port the process serves.",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "gunicorn -b 0.0.0.0:8080 app:app"

[checks.health]
  type = "http"
  port = 9090
  path = "/healthz"`,
	Good: `[processes]
  app = "gunicorn -b 0.0.0.0:8080 app:app"

[checks.health]
  type = "http"
  port = 8080
  path = "/healthz"`,
	URLs: []string{"https://fly.io/docs/reference/configuration/#the-checks-section"},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		for _, c := range cfg.Checks {
			if !c.Port.OK {
				continue
			}
			groups := c.Processes.V
			if len(groups) == 0 {
				groups = cfg.GroupNames()
			}
			for _, name := range groups {
				g := groupNamed(p.App, name)
				if g == nil || !g.ListenersKnown {
					continue
				}
				ls := listenersOf(g, listen.TCP)
				ports, ok := concretePorts(ls)
				if !ok || ports[c.Port.V] || envDecides(g, ls) {
					continue
				}
				d := diag.Diagnostic{
					Range:   c.Port.Value,
					Message: fmt.Sprintf("Check %q targets port %d, but process group %q listens on %s. The check would fail on every Machine; point it at a port the process serves.", c.Name, c.Port.V, g.Name, portList(ls)),
				}
				for _, l := range ls {
					d.Related = append(d.Related, relatedListener(l, describe(l)))
				}
				p.Report(d)
			}
		}
	},
})
