package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var EnvPortMismatch = Register(&Rule{
	ID:       "env-port-mismatch",
	Severity: diag.Error,
	Title:    "PORT differs from internal_port, and the process listens on PORT",
	Since:    "0.1.0",
	Why: "The process takes its port from an environment variable (usually `PORT`) whose effective value differs from the service's `internal_port`.\n\n" +
		"Fly does not set `PORT`: the value comes from fly.toml `[env]` (which overrides the Dockerfile's `ENV`). Fly Proxy forwards to `internal_port`, so the process listens where the proxy never connects. Make the two agree.",
	ExampleFile: "fly.toml",
	Bad: `[env]
  PORT = "3000"

[processes]
  app = "gunicorn app:app"   # gunicorn binds 0.0.0.0:$PORT

[http_service]
  internal_port = 8080`,
	Good: `[env]
  PORT = "8080"

[processes]
  app = "gunicorn app:app"

[http_service]
  internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-env-variables-section",
		"https://fly.io/docs/machines/runtime-environment/",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		for _, s := range p.App.Services {
			if !s.InternalPort.OK {
				continue
			}
			for _, g := range serviceGroups(p.App, s) {
				ls := listenersOf(g, s.Proto)
				// "Nothing listens" needs every listener known, as in
				// internal-port-mismatch: a process that may open ports
				// flylint did not see (a Phoenix release also runs the
				// app's code; a Node entry file not fully read) may serve
				// the service's port itself.
				if len(ls) == 0 || !g.ListenersKnown {
					continue
				}
				ports, ok := concretePorts(ls)
				if !ok || ports[s.InternalPort.V] {
					continue
				}
				for _, l := range ls {
					if l.Port.Env == "" || !l.Port.EnvSet || behindProxy(g, l) {
						continue
					}
					v := p.App.Env[l.Port.Env]
					r := v.Range
					if !r.IsValid() {
						r = listenerRange(l, "port")
					}
					d := diag.Diagnostic{
						Range: r,
						Message: fmt.Sprintf("%s is %q (%s), but internal_port is %d: %s reads its port from $%s. Fly Proxy forwards to %d, where nothing listens; set %s to %d or change internal_port.",
							l.Port.Env, v.Value, v.Origin, s.InternalPort.V, l.Origin, l.Port.Env, s.InternalPort.V, l.Port.Env, s.InternalPort.V),
						Related: []diag.Related{
							relatedService(s, "Fly Proxy forwards to this port"),
							relatedListener(l, describe(l)),
						},
					}
					if v.Origin == "fly.toml [env]" && r.IsValid() {
						d.Fixes = []diag.Fix{{Message: fmt.Sprintf("Set %s to %d", l.Port.Env, s.InternalPort.V), Edits: []diag.Edit{{Range: r, NewText: fmt.Sprintf("%q", fmt.Sprint(s.InternalPort.V))}}}}
					}
					p.Report(d)
				}
			}
		}
	},
})
