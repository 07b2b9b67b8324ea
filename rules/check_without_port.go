package rules

import (
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

var CheckWithoutPort = Register(&Rule{
	ID:       "check-without-port",
	Severity: diag.Error,
	Title:    "A [checks] entry has no port and its group has no [http_service]",
	Since:    "0.1.0",
	Why: `A top-level ` + "`[checks.<name>]`" + ` has no ` + "`port`" + `, and a process group it applies to has no ` + "`[http_service]`" + ` whose ` + "`internal_port`" + ` flyctl could use instead, so ` + "`fly deploy`" + ` fails.

flyctl fills in a missing check port from the ` + "`[http_service]`" + ` of the same process group and otherwise stops with "Check '<name>' for process group '<group>' has no port set and the group has no http_service to take it from". A ` + "`[[services]]`" + ` section does not count. Set ` + "`port`" + ` to the port the check should probe. A check without ` + "`processes`" + ` applies to the default group (` + "`app`" + `, or the first group by name).`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]

[checks.alive]
  type = "http"
  path = "/healthz"`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]

[checks.alive]
  type = "http"
  port = 8080
  path = "/healthz"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-checks-section",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
	},
	Tags: []string{"flyctl", "checks"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		var httpGroups []string
		if h := cfg.HTTPService; h != nil {
			httpGroups = sectionGroups(cfg, h.Processes)
		}
		for _, c := range cfg.Checks {
			if c == nil || c.Port.Set {
				continue
			}
			var missing []string
			for _, g := range sectionGroups(cfg, c.Processes) {
				if !slices.Contains(httpGroups, g) {
					missing = append(missing, g)
				}
			}
			if len(missing) == 0 {
				continue
			}
			why := "the app has no [http_service]"
			if cfg.HTTPService != nil {
				why = "the [http_service] does not route to it"
				if len(missing) > 1 {
					why = "the [http_service] does not route to them"
				}
			}
			p.Reportf(sectionAt(p, c.Section),
				"Check %q has no port, and flyctl can take one only from the [http_service] of the check's process group; for %s %s %s, so fly deploy fails. Set port = <the port to probe>.",
				c.Name, nounPlural(len(missing), "group"), strings.Join(quoteEach(missing), ", "), why)
		}
	},
})
