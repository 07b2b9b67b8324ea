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
	Title:    "Two services of one process group claim the same external port",
	Since:    "0.1.0",
	Why: `Two services that run on the same process group claim the same protocol and external port; ` + "`[http_service]`" + ` claims TCP ports 80 and 443.

An external port of an app leads to one service: Fly Proxy has to pick one ` + "`internal_port`" + ` for each connection to it, so the two definitions contradict each other. This often happens when ` + "`[[services]]`" + ` copied from an old fly.toml is kept next to a newer ` + "`[http_service]`" + `. Remove the port from one service, move it to another external port, or merge the services. TCP and UDP on the same number do not conflict.`,
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
		// conflict returns the shared groups of claims i and b, if they
		// collide.
		conflict := func(i int, b claim) []string {
			a := claims[i]
			if a.svc.Proto != b.svc.Proto || a.edge.Port > b.edge.EndPort || b.edge.Port > a.edge.EndPort {
				return nil
			}
			return commonGroups(a.groups, b.groups)
		}
		for j, b := range claims {
			first, shared := -1, []string(nil)
			try := func(i int) bool {
				if budget--; budget < 0 {
					return false
				}
				if first >= 0 && i > first {
					return true
				}
				if g := conflict(i, b); len(g) > 0 {
					first, shared = i, g
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
			if first >= 0 {
				a := claims[first]
				port := max(a.edge.Port, b.edge.Port)
				where := "this service"
				if a.svc == b.svc {
					where = "another [[services.ports]] of the same service"
				}
				p.Report(diag.Diagnostic{Range: b.edge.Range,
					Related: []diag.Related{{Range: a.edge.Range, Message: fmt.Sprintf("%s port %d is claimed here by %s", svcProto(a.svc), port, svcSection(a.svc))}},
					Message: fmt.Sprintf("%s port %d is claimed twice for process group %s: by %s (line %d) and by %s. "+
						"Fly Proxy sends each connection on an external port to one internal_port, so the two definitions contradict each other; "+
						"remove the port from one service or give it another external port.",
						svcProto(b.svc), port, strings.Join(quoteEach(shared), ", "), svcSection(a.svc), a.edge.Range.Start.Line, where)})
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
