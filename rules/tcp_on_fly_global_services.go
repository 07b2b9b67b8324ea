package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var TCPOnFlyGlobalServices = Register(&Rule{
	ID:       "tcp-on-fly-global-services",
	Severity: diag.Error,
	Title:    "A TCP listener is bound to fly-global-services",
	Since:    "0.1.0",
	Why: "`fly-global-services` is the address Fly's UDP forwarding delivers to; TCP traffic from Fly Proxy arrives on the Machine's private IPv4 address instead, so a TCP socket bound to `fly-global-services` receives nothing.\n\n" +
		"Bind TCP listeners to `0.0.0.0` (or a dual-stack wildcard) and keep `fly-global-services` for UDP.",
	ExampleFile: "Dockerfile",
	Bad:         `CMD ["socat", "TCP-LISTEN:5000,bind=fly-global-services,fork", "EXEC:/bin/cat"]`,
	Good:        `CMD ["socat", "TCP-LISTEN:5000,fork", "EXEC:/bin/cat"]`,
	URLs:        []string{"https://fly.io/docs/networking/udp-and-tcp/"},
	Tags:        []string{"bind", "udp"},
	Check: func(p *Pass) {
		for _, g := range p.App.Groups {
			for _, l := range g.Listeners {
				if l.Proto == listen.TCP && l.Host.Class == listen.HostGlobalServices {
					p.Report(diag.Diagnostic{
						Range:   listenerRange(l, "host"),
						Message: describe(l) + " is a TCP listener bound to fly-global-services, which only Fly's UDP forwarding delivers to. Bind TCP to 0.0.0.0 (or [::]) instead.",
						Related: listenCall(l, "host"),
						Fixes:   hostFix(p, l, "0.0.0.0", "Listen on all interfaces"),
					})
				}
			}
		}
	},
})
