package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var DuplicateEdgePort = Register(&Rule{
	ID:       "duplicate-edge-port",
	Severity: diag.Error,
	Title:    "Two services claim the same external port",
	Since:    "0.1.0",
	Why: `Two services that run on the same process group claim the same protocol and external port; ` + "`[http_service]`" + ` claims TCP ports 80 and 443.

An external port of an app leads to one service: Fly Proxy has to pick one ` + "`internal_port`" + ` for each connection to it, so the two definitions contradict each other. This often happens when ` + "`[[services]]`" + ` copied from an old fly.toml is kept next to a newer ` + "`[http_service]`" + `. Remove the port from one service, move it to another external port, or merge the services. TCP and UDP on the same number do not conflict.

Services of different process groups that claim the same external port are reported as a warning. Fly's process-group guide says that Fly Proxy does not know about process groups and balances requests among all Machines that have a service on the requested port, and tells you to give each group that takes connections its own external port. Otherwise, a share of the requests meant for the web group goes to the worker group's Machines, which often do not listen on that port or serve something else. flyctl accepts this configuration, so you only find out when some requests fail.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080

[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	Good: `[http_service]
  internal_port = 8080

[[services]]
  internal_port = 9000
  protocol = "tcp"
  [[services.ports]]
    port = 9443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-http_service-section",
		"https://fly.io/docs/reference/configuration/#services-ports",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/service.go",
		// "Make sure processes handle connections on different external
		// ports. Fly Proxy doesn't know about process groups; it
		// load-balances requests among all Machines with a service
		// configured on the requested port." (superfly/docs#645, merged
		// 2023-03, apps/processes.html.md.erb)
		"https://fly.io/docs/apps/processes/",
	},
	Tags: []string{"ports", "flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		type claim struct {
			svc    *workspace.Service
			edge   workspace.EdgePort
			groups []string
		}
		var claims []claim
		for _, s := range p.App.Services {
			groups := sectionGroups(cfg, svcProcesses(s))
			for _, e := range s.Edge {
				if e.Port >= 1 && e.EndPort >= e.Port && e.EndPort <= 65535 {
					claims = append(claims, claim{s, e, groups})
				}
			}
		}
		// Report the claim that comes later in the file, pointing at the
		// one it collides with. Single ports are looked up by number;
		// ranges are compared with every earlier claim, within a budget
		// that only a machine-made file can exhaust.
		slices.SortStableFunc(claims, func(a, b claim) int { return a.edge.Range.Start.Offset - b.edge.Range.Start.Offset })
		type key struct {
			proto string
			port  int
		}
		singles := map[key][]int{}
		var ranges []int
		budget := pairBudget
		// conflict says whether claims i and b collide and which process
		// groups they share; a collision with no shared group is one
		// between process groups.
		conflict := func(i int, b claim) ([]string, bool) {
			a := claims[i]
			if a.svc.Proto != b.svc.Proto || a.edge.Port > b.edge.EndPort || b.edge.Port > a.edge.EndPort {
				return nil, false
			}
			return commonGroups(a.groups, b.groups), true
		}
		for j, b := range claims {
			// first is the earliest claim b collides with in a shared
			// group (an error); cross the earliest it collides with in
			// another group only (a warning, reported when there is no
			// error to report).
			first, shared, cross := -1, []string(nil), -1
			try := func(i int) bool {
				if budget--; budget < 0 {
					return false
				}
				if first >= 0 && i > first {
					return true
				}
				g, overlap := conflict(i, b)
				switch {
				case len(g) > 0:
					first, shared = i, g
				case overlap && len(claims[i].groups) > 0 && len(b.groups) > 0 && (cross < 0 || i < cross):
					cross = i
				}
				return true
			}
			ok := true
			if b.edge.Port == b.edge.EndPort {
				for _, i := range singles[key{string(b.svc.Proto), b.edge.Port}] {
					if ok = try(i); !ok || first >= 0 {
						break
					}
				}
				for _, i := range ranges {
					if !ok || i > first && first >= 0 {
						break
					}
					ok = try(i)
				}
			} else {
				for i := 0; i < j && ok && first < 0; i++ {
					ok = try(i)
				}
			}
			if !ok {
				return
			}
			switch {
			case first >= 0:
				a := claims[first]
				port := max(a.edge.Port, b.edge.Port)
				where := "this service"
				if a.svc == b.svc {
					where = "another [[services.ports]] of the same service"
				}
				fix := "; remove the port from one service or give it another external port."
				if a.svc != b.svc && a.svc.InternalPort.OK && b.svc.InternalPort.OK && a.svc.InternalPort.V == b.svc.InternalPort.V {
					// duplicate-service stays silent for this pair (see
					// shareEdgePort): its advice is said here.
					fix = fmt.Sprintf(". Both also route to internal_port %d, and the Machines API keeps one service per protocol and internal port: "+
						"merge them into one service that lists each external port once.", b.svc.InternalPort.V)
				}
				p.Report(diag.Diagnostic{Range: b.edge.Range,
					Related: []diag.Related{{Range: a.edge.Range, Message: fmt.Sprintf("%s port %d is claimed here by %s", svcProto(a.svc), port, svcSection(a.svc))}},
					Message: fmt.Sprintf("%s port %d is claimed twice for process group %s: by %s (line %d) and by %s. "+
						"Fly Proxy sends each connection on an external port to one internal_port, so the two definitions contradict each other%s",
						svcProto(b.svc), port, strings.Join(quoteEach(shared), ", "), svcSection(a.svc), a.edge.Range.Start.Line, where, fix)})
			case cross >= 0:
				a := claims[cross]
				port := max(a.edge.Port, b.edge.Port)
				p.Report(diag.Diagnostic{Range: b.edge.Range, Severity: diag.Warning,
					Related: []diag.Related{{Range: a.edge.Range, Message: fmt.Sprintf("%s port %d is claimed here for process group %s", svcProto(a.svc), port, strings.Join(quoteEach(a.groups), ", "))}},
					Message: fmt.Sprintf("%s port %d is claimed by process group %s here and by process group %s in %s (line %d): "+
						"Fly Proxy does not know about process groups and balances the connections on an external port among every Machine with a service on it, "+
						"so part of the traffic meant for one group reaches the other group's Machines. "+
						"Give each group's service its own external port, or remove the port from the group that should not receive it.",
						svcProto(b.svc), port, strings.Join(quoteEach(b.groups), ", "), strings.Join(quoteEach(a.groups), ", "), svcSection(a.svc), a.edge.Range.Start.Line)})
			}
			if b.edge.Port == b.edge.EndPort {
				k := key{string(b.svc.Proto), b.edge.Port}
				singles[k] = append(singles[k], j)
			} else {
				ranges = append(ranges, j)
			}
		}
	},
})
