package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var FlycastForceHTTPS = Register(&Rule{
	ID:       "flycast-force-https",
	Severity: diag.Error,
	Title:    "A Flycast app sets force_https",
	Since:    "0.1.0",
	Why: "An app reached over Flycast sets `force_https = true`.\n\n" +
		"Flycast is HTTP only: Fly issues no certificates for `<app>.flycast` names, so the redirect to `https://<app>.flycast` that `force_https` sends every request can never be followed, and callers on the private network get a redirect instead of a response. Set `force_https = false` (or remove it). flylint treats an app as Flycast when another linted app calls `<app>.flycast`, when its fly.toml has a `# flylint:flycast` line, or when `.flylint.toml` says so.",
	ExampleFile: "fly.toml",
	Bad: `# flylint:flycast
app = "orders"

[http_service]
  internal_port = 8080
  force_https = true`,
	Good: `# flylint:flycast
app = "orders"

[http_service]
  internal_port = 8080
  force_https = false`,
	URLs: []string{
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/networking/app-services/",
	},
	Tags: []string{"flycast", "private-networking"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || !p.App.Flycast {
			return
		}
		var related []diag.Related
		for _, r := range refsTo(p.Workspace, p.App.Name, "flycast") {
			related = append(related, refRelated(r, "this app is called over Flycast here"))
		}
		report := func(f flytoml.Field[bool]) {
			if !f.Set || !f.OK || !f.V {
				return
			}
			d := diag.Diagnostic{
				Range: f.Value,
				Message: "force_https = true on an app reached over Flycast redirects every private request to https://<app>.flycast, which cannot work. " +
					"Flycast is HTTP only and Fly issues no certificates for .flycast names; set force_https = false.",
				Related: related,
			}
			d.Fixes = replaceBoolFix(p, f.Value, "false", "Set force_https = false")
			p.Report(d)
		}
		if h := cfg.HTTPService; h != nil {
			report(h.ForceHTTPS)
		}
		for _, s := range cfg.Services {
			if s == nil {
				continue
			}
			for _, port := range s.Ports {
				if port != nil {
					report(port.ForceHTTPS)
				}
			}
		}
	},
})
