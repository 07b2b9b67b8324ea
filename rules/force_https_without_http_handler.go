package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ForceHTTPSWithoutHTTPHandler = Register(&Rule{
	ID:       "force-https-without-http-handler",
	Severity: diag.Error,
	Title:    "force_https is set on a port without the http handler",
	Since:    "0.1.0",
	Why: `A ` + "`[[services.ports]]`" + ` entry sets ` + "`force_https = true`" + ` but its ` + "`handlers`" + ` do not include ` + "`\"http\"`" + `, so there is no HTTP for Fly Proxy to redirect.

The redirect to HTTPS is an HTTP response that Fly Proxy's ` + "`http`" + ` handler sends; on a port that passes raw TCP or only terminates TLS, Fly Proxy never reads a request, and the setting cannot work. Add ` + "`\"http\"`" + ` to the port's handlers (port 80 is usually ` + "`handlers = [\"http\"]`" + `), or remove ` + "`force_https`" + `.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 80
    force_https = true`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 80
    handlers = ["http"]
    force_https = true`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#services-ports",
		"https://fly.io/docs/networking/services/#http-handler",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			// [http_service] always has the http handler; on UDP ports
			// udp-with-handlers reports force_https.
			if s.Service == nil || s.Proto == listen.UDP {
				continue
			}
			for _, sp := range s.Service.Ports {
				if sp == nil || !sp.ForceHTTPS.OK || !sp.ForceHTTPS.V || !sp.Handlers.OK && sp.Handlers.Set {
					continue
				}
				if slices.Contains(sp.Handlers.V, "http") {
					continue
				}
				have := "no handlers, so connections pass through as raw TCP"
				var related []diag.Related
				if sp.Handlers.Set {
					have = fmt.Sprintf("handlers [%s] only", quotedList(sp.Handlers.V))
					related = []diag.Related{{Range: sp.Handlers.Value, Message: "the port's handlers"}}
				}
				p.Report(diag.Diagnostic{Range: sp.ForceHTTPS.Value, Related: related,
					Message: fmt.Sprintf(`force_https = true has no effect on this port, which has %s. `+
						`The HTTPS redirect is sent by Fly Proxy's http handler; add "http" to handlers, or remove force_https.`, have)})
			}
		}
	},
})
