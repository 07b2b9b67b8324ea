package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var UDPPortRemap = Register(&Rule{
	ID:       "udp-port-remap",
	Severity: diag.Error,
	Title:    "A UDP service's internal_port differs from its external port",
	Since:    "0.1.0",
	Why: "A UDP service forwards an external `port` to a different `internal_port`.\n\n" +
		"Fly rewrites only the IP address of UDP packets, never the port: a packet sent to port 53 arrives at port 53 inside the Machine, whatever `internal_port` says. A process listening on `internal_port` never sees it. Make `internal_port` equal to the external `port`, and have the process listen on that port (bound to `fly-global-services`).",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "udp"
  internal_port = 5353

  [[services.ports]]
    port = 53`,
	Good: `[[services]]
  protocol = "udp"
  internal_port = 53

  [[services.ports]]
    port = 53`,
	URLs: []string{"https://fly.io/docs/networking/udp-and-tcp/"},
	Tags: []string{"udp", "ports"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.UDP || !s.InternalPort.OK || s.InternalPort.V <= 0 {
				continue
			}
			in := s.InternalPort.V
			for _, e := range s.Edge {
				// A range that contains internal_port may be served by a
				// process listening on every port of it; only a range that
				// misses it entirely is certainly wrong.
				if e.Port <= 0 || edgeCovers(e, in) {
					continue
				}
				what, arrive := fmt.Sprintf("UDP port %d is", e.Port), fmt.Sprintf("port %d", e.Port)
				if e.EndPort > e.Port {
					what, arrive = fmt.Sprintf("UDP ports %d-%d are", e.Port, e.EndPort), "those ports"
				}
				p.Report(diag.Diagnostic{
					Range: e.Range,
					Message: fmt.Sprintf("%s forwarded to internal_port %d, but Fly does not rewrite UDP ports. "+
						"Packets arrive at %s inside the Machine, where a process listening on %d never sees them; "+
						"make internal_port and port the same and listen on that port at fly-global-services.", what, in, arrive, in),
					Related: []diag.Related{{Range: s.InternalPort.Value, Message: fmt.Sprintf("internal_port %d", in)}},
				})
			}
		}
	},
})
