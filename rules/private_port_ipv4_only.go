package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var PrivatePortIPv4Only = Register(&Rule{
	ID:       "private-port-ipv4-only",
	Severity: diag.Warning,
	Title:    "A port no service routes is bound IPv4-only, so nothing outside the Machine reaches it",
	Since:    "0.1.0",
	Why: "A process listens on an IPv4-only address (such as `0.0.0.0` in Python or Node) on a port that no `[http_service]` or `[[services]]` routes.\n\n" +
		"Without a service, Fly Proxy never connects to the port; the only way in from outside the Machine is the private network (`<app>.internal`, 6PN), which is IPv6 only. An IPv4-only socket there is reachable from nowhere but the Machine itself. Bind the dual-stack wildcard `::` (or `fly-local-6pn`) if other apps should reach it over `.internal`; bind `127.0.0.1` if only processes on the same Machine use it.",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "gunicorn -b 0.0.0.0:8080 app:app"
  admin = "uvicorn admin:app --host 0.0.0.0 --port 9000"

[http_service]
  internal_port = 8080
  processes = ["app"]`,
	Good: `[processes]
  app = "gunicorn -b 0.0.0.0:8080 app:app"
  admin = "uvicorn admin:app --host :: --port 9000"

[http_service]
  internal_port = 8080
  processes = ["app"]`,
	URLs: []string{
		"https://fly.io/docs/networking/private-networking/",
		"https://fly.io/docs/networking/app-services/#a-note-on-ipv4-and-ipv6-wildcards",
	},
	Tags: []string{"private-networking", "bind"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		// Ports Fly itself dials on the Machine (metrics scraping, machine
		// checks) are not this rule's business.
		var platformPorts []int
		for _, m := range cfg.Metrics {
			if m != nil && m.Port.OK {
				platformPorts = append(platformPorts, m.Port.V)
			}
		}
		for _, c := range cfg.Checks {
			if c != nil && c.Port.OK {
				platformPorts = append(platformPorts, c.Port.V)
			}
		}
		for _, g := range p.App.Groups {
			if routesUnknownPort(p.App, g) {
				continue
			}
			for _, l := range g.Listeners {
				n, ok := certainPort(l)
				if !ok || (l.Host.Class != listen.HostIPv4Wildcard && l.Host.Class != listen.HostIPv4) || slices.Contains(platformPorts, n) {
					continue
				}
				if _, routed := routedPorts(p.App, g, l.Proto)[n]; routed {
					continue
				}
				// A single server next to a single service is that
				// service's listener on the wrong port: internal-port-
				// mismatch reports it.
				if proxiedService(p.App, g, l) != nil || sameProcessReaches(g, l, listen.HostClass.SixPNReachable) {
					continue
				}
				// The upstream of a proxy in the same group (Rails behind
				// Thruster, an app behind nginx) serves that proxy on this
				// Machine, which reaches it over IPv4.
				if behindProxy(g, l) {
					continue
				}
				fix := "bind :: to serve other apps over .internal, or 127.0.0.1 if only this Machine uses it."
				if ipv4OnlyByNetwork(l) {
					fix = networkFix(l) + ", to serve other apps over .internal."
				}
				p.Report(diag.Diagnostic{
					Range: listenerRange(l, "host"),
					Message: fmt.Sprintf("%s accepts IPv4 only, and no service routes port %d, so nothing outside the Machine can reach it. "+
						"Without a service only the private network (<app>.internal) reaches the port, and it is IPv6 only; %s", describe(l), n, fix),
					Related: listenCall(l, "host"),
				})
			}
		}
	},
})

// routesUnknownPort reports whether a group gets traffic from a service
// whose internal_port flylint could not read, which may be any port.
func routesUnknownPort(a *workspace.App, g *workspace.Group) bool {
	for _, s := range a.Services {
		if !s.InternalPort.OK && slices.Contains(s.Groups, g.Name) {
			return true
		}
	}
	return false
}
