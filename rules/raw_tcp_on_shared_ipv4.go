package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var RawTCPOnSharedIPv4 = Register(&Rule{
	ID:       "raw-tcp-on-shared-ipv4",
	Severity: diag.Info,
	Title:    "A raw TCP port cannot be routed on a shared IPv4 address",
	Since:    "0.1.0",
	Why: "A TCP service port passes raw TCP (no `tls` or `pg_tls` handler) on a port other than HTTP on 80.\n\n" +
		"A shared IPv4 address serves many apps, and Fly tells them apart by the HTTP Host header on port 80 or by the TLS server name on other ports. Raw TCP carries neither, so on the shared IPv4 address `fly deploy` allocates by default the port is reachable over IPv6 only. Either allocate a dedicated IPv4 address (`fly ips allocate-v4`, billed monthly; flyctl offers it on the first deploy of such a config), or let Fly terminate TLS on the port with `handlers = [\"tls\"]`, which works on a shared IPv4.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "tcp"
  internal_port = 6000

  [[services.ports]]
    port = 6000`,
	Good: `[[services]]
  protocol = "tcp"
  internal_port = 6000

  [[services.ports]]
    port = 6000
    handlers = ["tls"]`,
	URLs: []string{
		"https://fly.io/docs/networking/services/#shared-ipv4",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/config.go",
	},
	Tags: []string{"ports", "exposure"},
	Check: func(p *Pass) {
		// Flycast addresses are private IPv6; shared IPv4 plays no part.
		if p.App.Config == nil || p.App.Flycast {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.TCP || s.Service == nil {
				continue
			}
			for _, e := range s.Edge {
				if e.Port <= 0 || e.Config == nil || !rawOnSharedIPv4(e) {
					continue
				}
				port := fmt.Sprint(e.Port)
				if e.EndPort > e.Port {
					port = fmt.Sprintf("%d-%d", e.Port, e.EndPort)
				}
				p.Reportf(e.Range, "TCP port %s has no tls handler, so a shared IPv4 address cannot route it; it needs a dedicated IPv4 address. "+
					"Fly tells apps on a shared IPv4 apart by the HTTP Host header on port 80 or the TLS server name, and raw TCP carries neither; "+
					"allocate a dedicated IPv4 with fly ips allocate-v4, or add handlers = [\"tls\"] so Fly terminates TLS on the port.", port)
			}
		}
	},
})

// rawOnSharedIPv4 reports whether an external port carries traffic a
// shared IPv4 address cannot attribute to an app: not TLS (which names
// the app by SNI), and not HTTP on port 80 (which names it by Host).
// 443 with an http handler and no tls is left to
// tls-handler-port-mismatch, which says what is really wrong there.
func rawOnSharedIPv4(e workspace.EdgePort) bool {
	if portHasHandler(e.Handlers, "tls") || portHasHandler(e.Handlers, "pg_tls") {
		return false
	}
	single := e.EndPort <= e.Port
	if single && e.Port == 80 && portHasHandler(e.Handlers, "http") {
		return false
	}
	if single && e.Port == 443 && portHasHandler(e.Handlers, "http") {
		return false
	}
	return true
}

func portHasHandler(hs []string, h string) bool {
	for _, x := range hs {
		if strings.EqualFold(strings.TrimSpace(x), h) {
			return true
		}
	}
	return false
}
