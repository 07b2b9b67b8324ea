package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

var NoListenerForService = Register(&Rule{
	ID:       "no-listener-for-service",
	Severity: diag.Warning,
	Title:    "The Go program opens no listener for a service",
	Since:    "0.1.0",
	Why: "flylint analysed the Go program a process group runs, found every listen call, and none of them is of the service's protocol.\n\n" +
		"Fly Proxy forwards the service's traffic to `internal_port`; with nothing listening, every request fails and health checks never pass. Start a server on `internal_port`, or remove the service (a worker needs none).",
	ExampleFile: "fly.toml",
	Bad: `# main.go only runs a queue consumer: no net.Listen, no http.ListenAndServe
[http_service]
  internal_port = 8080`,
	Good: `# main.go only runs a queue consumer: no service needed
app = "worker"`,
	URLs: []string{"https://fly.io/docs/networking/app-services/"},
	Tags: []string{"ports", "go"},
	Check: func(p *Pass) {
		for _, s := range p.App.Services {
			if !s.InternalPort.OK {
				continue
			}
			for _, g := range serviceGroups(p.App, s) {
				if g.GoMain == "" || !g.ListenersKnown || len(listenersOf(g, s.Proto)) > 0 {
					continue
				}
				p.Report(diag.Diagnostic{
					Range:   internalPortRange(s),
					Message: fmt.Sprintf("Nothing in Go program %s listens on %s: flylint found no %s listener in it, but %s routes port %d to process group %q. Start a server on %d, or remove the service.", g.GoMain, strings.ToUpper(string(s.Proto)), strings.ToUpper(string(s.Proto)), serviceName(s), s.InternalPort.V, g.Name, s.InternalPort.V),
				})
			}
		}
	},
})
