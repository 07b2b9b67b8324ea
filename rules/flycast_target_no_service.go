package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var FlycastTargetNoService = Register(&Rule{
	ID:       "flycast-target-no-service",
	Severity: diag.Error,
	Title:    "A .flycast address names an app with no service",
	Since:    "0.1.0",
	Why: "A reference to `<app>.flycast` names an app whose fly.toml defines no TCP service.\n\n" +
		"Flycast addresses are served by Fly Proxy, and Fly Proxy only routes to ports that an `[http_service]` or `[[services]]` section defines. An app without one answers nothing on its Flycast address. Add a service to the target app (its `internal_port` is the port the process listens on), or call it over the private network at `<app>.internal:<port>` instead.",
	ExampleFile: "fly.toml",
	Bad: `# api/fly.toml
[env]
  CACHE_URL = "http://cache.flycast"

# cache/fly.toml: app = "cache", and no [http_service] or [[services]]`,
	Good: `# api/fly.toml
[env]
  CACHE_URL = "http://cache.flycast"

# cache/fly.toml: app = "cache"
#   [http_service]
#     internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/networking/app-services/",
	},
	Tags: []string{"flycast", "private-networking"},
	Check: func(p *Pass) {
		for _, r := range flyRefs(p) {
			if r.Kind != "flycast" {
				continue
			}
			targets := refTargets(p, r)
			if len(targets) == 0 {
				continue
			}
			none := true
			for _, t := range targets {
				if len(tcpServices(t)) > 0 {
					none = false
				}
			}
			if !none {
				continue
			}
			t := targets[0]
			p.Report(diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s calls %s.flycast, but %s (%s) defines no [http_service] or TCP [[services]]. "+
					"Flycast addresses are served by Fly Proxy, which routes only to ports a service defines, so nothing answers; "+
					"add a service to %s, or call it at %s.internal:<port> over the private network.", r.Text, r.Target, appLabel(t), t.ConfigPath, r.Target, r.Target),
				Related: []diag.Related{{Range: appRange(t), Message: "the target app, with no service"}},
			})
		}
	},
})
