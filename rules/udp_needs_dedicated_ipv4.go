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
		"Fly delivers public UDP only to an app's dedicated IPv4 address: not to the shared IPv4 that `fly deploy` allocates by default, and not to the app's public IPv6 address (networking/services, \"Dedicated IPv4\": \"we don't support UDP over shared IPv4 or dedicated IPv6\"). Until the app has one, clients' packets are dropped. Allocate it with `fly ips allocate-v4` (without `--shared`), and check with `fly ips list`. UDP between apps over the private network (6PN) needs no public address.\n\n" +
		"flylint cannot see an app's IP addresses. Once the app has a dedicated IPv4, say so in `.flylint.toml`, and this rule and `raw-tcp-on-shared-ipv4` stay silent for it:\n\n" +
		"```toml\n[apps.echo]\ndedicated-ipv4 = true\n```\n\n" +
		"The rule reports once per app. The dedicated IPv4 carries the app's raw TCP ports too, so `raw-tcp-on-shared-ipv4` leaves such an app to this rule.",
	ExampleFile: "fly.toml",
	Bad: `app = "echo"

[[services]]
  protocol = "udp"
  internal_port = 5000

  [[services.ports]]
    port = 5000`,
	Good: `# With [apps.echo] dedicated-ipv4 = true in .flylint.toml
# once fly ips allocate-v4 has run.
app = "echo"

[[services]]
  protocol = "udp"
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
		if p.App.Config == nil || p.App.Flycast || p.App.DedicatedIPv4 {
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
			p.Reportf(r, "This UDP service (internal_port %s) is reachable only once %s has a dedicated IPv4: "+
				"Fly delivers no UDP to the shared IPv4 or to IPv6. Run fly ips allocate-v4 (without --shared).%s",
				internalPortText(s.InternalPort.V, s.InternalPort.OK), appOrThe(p.App), dedicatedIPv4Hint(p.App))
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
