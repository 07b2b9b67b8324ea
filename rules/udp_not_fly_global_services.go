package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var UDPNotFlyGlobalServices = Register(&Rule{
	ID:       "udp-not-fly-global-services",
	Severity: diag.Error,
	Title:    "A UDP service is not bound to fly-global-services",
	Since:    "0.1.0",
	Why: "A process serving a UDP service binds some address other than `fly-global-services`.\n\n" +
		"Fly forwards UDP packets to the `fly-global-services` address inside the Machine, and replies must leave from that same address; a socket bound to `0.0.0.0` either never sees the packets or answers from the wrong source address, so clients get nothing back. Bind `fly-global-services:<port>`.",
	ExampleFile: "Dockerfile",
	Bad:         `CMD ["socat", "UDP-LISTEN:5000,fork,bind=0.0.0.0", "EXEC:/bin/cat"]`,
	Good:        `CMD ["socat", "UDP-LISTEN:5000,fork,bind=fly-global-services", "EXEC:/bin/cat"]`,
	URLs:        []string{"https://fly.io/docs/networking/udp-and-tcp/"},
	Tags:        []string{"bind", "udp"},
	Check: func(p *Pass) {
		for _, g := range p.App.Groups {
			for _, l := range g.Listeners {
				if l.Proto != listen.UDP || l.Host.Class == listen.HostGlobalServices || l.Host.Class == listen.HostUnknown {
					continue
				}
				s := proxiedService(p.App, g, l)
				if s == nil {
					continue
				}
				p.Report(diag.Diagnostic{
					Range:   listenerRange(l, "host"),
					Message: describe(l) + " serves a UDP service but is not bound to fly-global-services, so Fly's UDP forwarding cannot deliver to it or its replies go out from the wrong address. Bind fly-global-services:<port>.",
					Related: append(listenCall(l, "host"), relatedService(s, "the UDP service routed to this process")),
					Fixes:   hostFix(p, l, "fly-global-services", "Bind fly-global-services"),
				})
			}
		}
	},
})
