package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ExposeMismatch = Register(&Rule{
	ID:       "expose-mismatch",
	Severity: diag.Info,
	Title:    "The Dockerfile EXPOSEs ports but not internal_port",
	Since:    "0.1.0",
	Why: "The Dockerfile's `EXPOSE` lists ports, and a service's `internal_port` is not among them.\n\n" +
		"Fly ignores `EXPOSE` at run time, but `fly launch` copies the first exposed port into `internal_port`, and readers take `EXPOSE` as documentation of where the app listens: a disagreement usually means one of the two is stale. Make them agree.",
	ExampleFile: "Dockerfile",
	Bad: `EXPOSE 3000
CMD ["node", "server.js"]
# fly.toml: [http_service] internal_port = 8080`,
	Good: `EXPOSE 8080
CMD ["node", "server.js"]
# fly.toml: [http_service] internal_port = 8080`,
	URLs: []string{"https://fly.io/docs/reference/configuration/#the-http_service-section", "https://docs.docker.com/reference/dockerfile/#expose"},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		img := p.App.Image
		if img == nil || len(img.Expose) == 0 {
			return
		}
		for _, s := range p.App.Services {
			if !s.InternalPort.OK {
				continue
			}
			var listed []string
			found := false
			for _, e := range img.Expose {
				if e.Port == 0 {
					return // an unresolved EXPOSE $VAR may be the port
				}
				// An EXPOSE without "/proto" is TCP.
				if e.Proto != s.Proto && (e.Proto != "" || s.Proto != listen.TCP) {
					continue
				}
				listed = append(listed, e.Text)
				if s.InternalPort.V >= e.Port && s.InternalPort.V <= max(e.Port, e.EndPort) {
					found = true
				}
			}
			if found || len(listed) == 0 {
				continue
			}
			p.Report(diag.Diagnostic{
				Range:   internalPortRange(s),
				Message: fmt.Sprintf("internal_port %d is not among the ports the Dockerfile EXPOSEs (%s). Fly ignores EXPOSE at run time, but the disagreement usually means one of them is stale; make them agree.", s.InternalPort.V, strings.Join(listed, ", ")),
				Related: []diag.Related{{Range: img.Expose[0].Range, Message: "EXPOSE"}},
			})
		}
	},
})
