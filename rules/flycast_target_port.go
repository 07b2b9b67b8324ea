package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var FlycastTargetPort = Register(&Rule{
	ID:       "flycast-target-port",
	Severity: diag.Error,
	Title:    "A .flycast address names a port the target app does not expose",
	Since:    "0.1.0",
	Why: "A reference to `<app>.flycast:<port>` (port 80 for `http://`) names a port that none of that app's services exposes.\n\n" +
		"Flycast goes through Fly Proxy, which routes by the services' external ports (`[[services.ports]] port`, or 80 and 443 for `[http_service]`), exactly as for public traffic; it does not connect to the process's own port. A connection to any other port is refused. Call the external port the service defines, or add a service for the port.",
	ExampleFile: "fly.toml",
	Bad: `# api/fly.toml
[env]
  ORDERS_URL = "http://orders.flycast:8080"

# orders/fly.toml: app = "orders"
#   [http_service]
#     internal_port = 8080`,
	Good: `# api/fly.toml
[env]
  ORDERS_URL = "http://orders.flycast"

# orders/fly.toml: app = "orders"
#   [http_service]
#     internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/networking/services/",
	},
	Tags: []string{"flycast", "private-networking", "ports"},
	Check: func(p *Pass) {
		for _, r := range flyRefs(p) {
			port := refPort(r)
			// https:// without a port is flycast-https-url's finding.
			if r.Kind != "flycast" || port <= 0 || (r.Port == 0 && (r.Scheme == "https" || r.Scheme == "wss")) {
				continue
			}
			targets := refTargets(p, r)
			if len(targets) == 0 {
				continue
			}
			exposed := false
			var svcs []*workspace.Service
			for _, t := range targets {
				ts := tcpServices(t)
				if len(ts) == 0 {
					exposed = true // flycast-target-no-service says what is wrong
					break
				}
				svcs = append(svcs, ts...)
				for _, s := range ts {
					for _, e := range s.Edge {
						if edgeCovers(e, port) {
							exposed = true
						}
					}
				}
				if exposed {
					break
				}
			}
			if exposed {
				continue
			}
			d := diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s connects to port %d of %s.flycast, but %s exposes no service on port %d; its services' external ports are %s. "+
					"Flycast goes through Fly Proxy, which routes by a service's external port, not the process's own port, so the connection is refused; "+
					"use one of those ports or add a service for port %d.", r.Text, port, r.Target, appLabel(targets[0]), port, edgePortList(svcs), port),
			}
			for _, s := range svcs {
				d.Related = append(d.Related, diag.Related{Range: s.Header, Message: fmt.Sprintf("a service of %s, on external ports %s", appLabel(targets[0]), edgePortList([]*workspace.Service{s}))})
			}
			p.Report(d)
		}
	},
})
