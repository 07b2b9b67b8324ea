package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var UDPMultiGroup = Register(&Rule{
	ID:       "udp-multi-group",
	Severity: diag.Warning,
	Title:    "UDP services route to more than one process group",
	Since:    "0.1.0",
	Why: "The app's UDP services send packets to Machines of more than one process group.\n\n" +
		"Fly forwards UDP with a small in-kernel program rather than Fly Proxy, and that forwarding has routed by the app's IP address, not by IP and port: every UDP port of the app went to the same Machine, whichever process group's service named the port. Fly has announced per-port UDP routing; until the app is known to have it, packets meant for one group's port can land on another group's Machine, where nothing listens. Serve all UDP ports from one process group, or move the second UDP workload to its own app.",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  dns = "/app/dns"
  game = "/app/game"

[[services]]
  protocol = "udp"
  internal_port = 53
  processes = ["dns"]
  [[services.ports]]
    port = 53

[[services]]
  protocol = "udp"
  internal_port = 27015
  processes = ["game"]
  [[services.ports]]
    port = 27015`,
	Good: `[processes]
  dns = "/app/dns"
  game = "/app/game"

[[services]]
  protocol = "udp"
  internal_port = 53
  processes = ["dns"]
  [[services.ports]]
    port = 53

[[services]]
  protocol = "tcp"
  internal_port = 27015
  processes = ["game"]
  [[services.ports]]
    port = 27015`,
	URLs: []string{
		"https://community.fly.io/t/per-port-udp-service-routing-is-now-available/26270",
		"https://fly.io/docs/networking/udp-and-tcp/",
	},
	Tags: []string{"udp"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		var seen []string
		var first *workspace.Service
		for _, s := range p.App.Services {
			if s.Proto != listen.UDP {
				continue
			}
			var gs []string
			for _, g := range serviceGroups(p.App, s) {
				gs = append(gs, g.Name)
			}
			if len(gs) == 0 {
				continue
			}
			var added []string
			for _, g := range gs {
				if !slices.Contains(seen, g) {
					added = append(added, g)
				}
			}
			all := append(slices.Clone(seen), added...)
			if len(added) > 0 && len(all) > 1 {
				d := diag.Diagnostic{
					Range: serviceProcessesRange(s),
					Message: fmt.Sprintf("UDP services of this app route to %d process groups (%s), but Fly has routed UDP by IP address, not by port. "+
						"Unless the app has Fly's per-port UDP routing, every UDP port goes to the same Machine, so packets for one group's port reach another group's Machine; "+
						"serve all UDP ports from one process group, or give the second UDP workload its own app.", len(all), strings.Join(all, ", ")),
				}
				if first != nil && first != s {
					d.Related = []diag.Related{{Range: serviceProcessesRange(first), Message: "the UDP service of process group " + strings.Join(seen, ", ")}}
				}
				p.Report(d)
			}
			seen = all
			if first == nil {
				first = s
			}
		}
	},
})

// serviceProcessesRange is where a service names its process groups, or its
// header when it names none.
func serviceProcessesRange(s *workspace.Service) source.Range {
	switch {
	case s.Service != nil && s.Service.Processes.Set:
		return s.Service.Processes.Value
	case s.HTTP != nil && s.HTTP.Processes.Set:
		return s.HTTP.Processes.Value
	}
	return s.Header
}
