package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var DuplicateService = Register(&Rule{
	ID:       "duplicate-service",
	Severity: diag.Warning,
	Title:    "Two services of one process group have the same protocol and internal_port",
	Since:    "0.1.0",
	Why: `Two services that run on the same process group have the same protocol and ` + "`internal_port`" + `; ` + "`[http_service]`" + ` counts as a TCP service.

The Machines API keeps only one of such duplicates, so the ports, checks or concurrency settings of the other are silently lost, and health checks that belong to it fail or never run. Merge them into one service that lists all its ` + "`[[services.ports]]`" + ` (a ` + "`[[services]]`" + ` can have many), or, next to an ` + "`[http_service]`" + `, move the extra ports into a ` + "`[[services]]`" + ` that replaces it.

When the two also claim the same external port, that is one mistake, and ` + "`duplicate-edge-port`" + ` (an error) reports it once with this advice; this rule stays silent for the pair.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080

[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 8443
    handlers = ["tls", "http"]`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 80
    handlers = ["http"]
    force_https = true
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]
  [[services.ports]]
    port = 8443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://github.com/superfly/flyctl/pull/3522",
		"https://github.com/superfly/flyctl/issues/1635",
	},
	Tags: []string{"ports", "flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		var svcs []*workspace.Service
		for _, s := range p.App.Services {
			if s.InternalPort.OK {
				svcs = append(svcs, s)
			}
		}
		slices.SortStableFunc(svcs, func(a, b *workspace.Service) int {
			return a.InternalPort.Value.Start.Offset - b.InternalPort.Value.Start.Offset
		})
		type key struct {
			proto string
			port  int
		}
		seen := map[key][]*workspace.Service{}
		budget := pairBudget
		for _, b := range svcs {
			k := key{string(b.Proto), b.InternalPort.V}
			for _, a := range seen[k] {
				if budget--; budget < 0 {
					return
				}
				shared := commonGroups(sectionGroups(cfg, svcProcesses(a)), sectionGroups(cfg, svcProcesses(b)))
				if len(shared) == 0 {
					continue
				}
				if shareEdgePort(a, b) {
					break // duplicate-edge-port reports the pair, with this advice
				}
				p.Report(diag.Diagnostic{Range: b.InternalPort.Value,
					Related: []diag.Related{{Range: a.InternalPort.Value, Message: "the other service with this internal_port"}},
					Message: fmt.Sprintf("%s already routes %s to internal_port %d of process group %s (line %d). "+
						"The Machines API keeps only one service per protocol and internal port, so the ports and checks of one of them are lost; "+
						"merge the two into one service with several [[services.ports]].",
						svcSection(a), svcProto(a), b.InternalPort.V, strings.Join(quoteEach(shared), ", "), a.InternalPort.Value.Start.Line)})
				break
			}
			seen[k] = append(seen[k], b)
		}
	},
})

// shareEdgePort reports whether two services of one protocol claim an
// overlapping external port. Such a pair is one mistake (a [[services]]
// kept beside the [http_service] that replaced it, as in fly-apps/fly-etcd
// a07959e); duplicate-edge-port, the error, reports it once and says to
// merge them, so duplicate-service stays silent.
func shareEdgePort(a, b *workspace.Service) bool {
	if a.Proto != b.Proto {
		return false
	}
	for _, x := range a.Edge {
		for _, y := range b.Edge {
			if x.Port >= 1 && y.Port >= 1 && x.Port <= max(y.EndPort, y.Port) && y.Port <= max(x.EndPort, x.Port) {
				return true
			}
		}
	}
	return false
}
