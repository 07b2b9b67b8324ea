package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
)

var ServiceMissingInternalPort = Register(&Rule{
	ID:       "service-missing-internal-port",
	Severity: diag.Error,
	Title:    "A service has no internal_port",
	Since:    "0.1.0",
	Why: `A ` + "`[http_service]`" + ` or ` + "`[[services]]`" + ` entry sets no ` + "`internal_port`" + `, so Fly Proxy forwards its connections to port 0 of the Machine, where nothing can listen.

flyctl does not fill in a default: the service is created with ` + "`internal_port`" + ` 0 (its listening-address warning then asks you to listen on ` + "`0.0.0.0:0`" + `). Set ` + "`internal_port`" + ` to the port your process listens on. A common cause is a misspelt key such as ` + "`internal-port`" + `, which flyctl ignores. A ` + "`[[services]]`" + ` with no ` + "`[[services.ports]]`" + ` is left to ` + "`service-without-ports`" + `: no connection reaches it, so its ` + "`internal_port`" + ` does not matter yet.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  force_https = true`,
	Good: `[http_service]
  internal_port = 8080
  force_https = true`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-http_service-section",
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://github.com/superfly/flyctl/issues/2387",
		"https://github.com/superfly/flyctl/issues/2521",
	},
	Tags: []string{"flyctl", "ports"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			if s.InternalPort.Set {
				continue // a bad value is invalid-value-type or port-out-of-range
			}
			if s.Service != nil && len(s.Service.Ports) == 0 {
				// No connection ever reaches it, so internal_port is moot:
				// service-without-ports reports the stub.
				continue
			}
			name := "[[services]]"
			if s.HTTP != nil {
				name = "[http_service]"
			}
			p.Reportf(s.Header,
				"%s has no internal_port, so Fly Proxy forwards its connections to port 0 of the Machine, where nothing listens. "+
					"flyctl supplies no default; set internal_port to the port the app listens on.", name)
		}
	},
})
