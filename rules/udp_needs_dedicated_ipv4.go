package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var UDPNeedsDedicatedIPv4 = Register(&Rule{
	ID:       "udp-needs-dedicated-ipv4",
	Severity: diag.Info,
	Title:    "UDP services need a dedicated IPv4 address",
	Since:    "0.1.0",
	Why: "The app defines a UDP service, which works only on a dedicated public IPv4 address.\n\n" +
		"Fly delivers public UDP only to an app's dedicated IPv4 address: not to the shared IPv4 that `fly deploy` allocates by default, and not to the app's public IPv6 address. Until the app has one, clients' packets are dropped. Allocate it with `fly ips allocate-v4` (without `--shared`), and check with `fly ips list`. UDP between apps over the private network (6PN) needs no public address.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "udp"
  internal_port = 5000

  [[services.ports]]
    port = 5000`,
	Good: `[[services]]
  protocol = "udp" # flylint:ignore udp-needs-dedicated-ipv4 dedicated IPv4 allocated with fly ips allocate-v4
  internal_port = 5000

  [[services.ports]]
    port = 5000`,
	URLs: []string{
		"https://fly.io/docs/networking/udp-and-tcp/",
		"https://fly.io/docs/networking/services/#dedicated-ipv4",
	},
	Tags: []string{"udp"},
	Check: func(p *Pass) {
		// A private (Flycast) app has no public addresses to speak of; it
		// reaches its UDP peers over 6PN, which needs no IPv4 at all.
		if p.App.Config == nil || p.App.Flycast {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.UDP || s.Service == nil {
				continue
			}
			r := s.Header
			if s.Service.Protocol.Set {
				r = s.Service.Protocol.Value
			}
			p.Reportf(r, "This UDP service (internal_port %s) works only once %s has a dedicated public IPv4 address. "+
				"Fly does not deliver UDP to the shared IPv4 address fly deploy allocates by default, nor to public IPv6; "+
				"run fly ips allocate-v4 (without --shared) and check with fly ips list.", internalPortText(s.InternalPort.V, s.InternalPort.OK), appLabel(p.App))
			return // one reminder per app is enough
		}
	},
})

func internalPortText(n int, ok bool) string {
	if !ok {
		return "unset"
	}
	return fmt.Sprint(n)
}
