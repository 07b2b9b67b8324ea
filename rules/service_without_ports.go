package rules

import (
	"strconv"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var ServiceWithoutPorts = Register(&Rule{
	ID:       "service-without-ports",
	Severity: diag.Error,
	Title:    "A [[services]] entry has no [[services.ports]]",
	Since:    "0.1.0",
	Why: `A ` + "`[[services]]`" + ` entry has no ` + "`[[services.ports]]`" + `, so Fly Proxy has no port on which to accept connections for it and the service routes nothing.

Fly's configuration reference requires at least one ` + "`[[services.ports]]`" + ` per service (flyctl prints "Service must expose at least one port" when it validates the file). This applies to private services too: ` + "`<app>.flycast`" + ` reaches a service only through its ports, while ` + "`<app>.internal`" + ` needs no service at all. Add a ` + "`[[services.ports]]`" + ` with the port clients connect to, or remove the service if only 6PN is used.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 8080
  protocol = "tcp"`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://fly.io/docs/reference/configuration/#services-ports",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
		// A [services.concurrency] meant for [http_service] made a
		// service with no ports, internal_port or protocol.
		"https://github.com/superfly/flyctl/issues/2521",
	},
	Tags: []string{"flyctl", "ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		for _, s := range cfg.Services {
			if s == nil || len(s.Ports) > 0 {
				continue
			}
			if strayConcurrency(cfg, s) {
				// flyctl#2521: the user meant [http_service.concurrency].
				p.Reportf(sectionAt(p, s.Section),
					"[services.concurrency] does not belong to [http_service]: TOML makes it a [[services]] entry of its own, with no [[services.ports]], internal_port or protocol, "+
						"so flyctl creates a service that accepts no connections and [http_service] keeps its default concurrency. "+
						"To set [http_service]'s limits, rename the table [http_service.concurrency].")
				continue
			}
			port := "its internal_port"
			if s.InternalPort.OK {
				port = "internal_port " + strconv.Itoa(s.InternalPort.V)
			}
			p.Reportf(sectionAt(p, s.Section),
				"This [[services]] entry has no [[services.ports]], so Fly Proxy accepts no connections for %s. "+
					"Every service needs at least one [[services.ports]] with the port clients connect to (Flycast included); "+
					"add one, or remove the service if the app is reached only over .internal.", port)
		}
	},
})

// strayConcurrency reports a service made by nothing but a
// [services.concurrency] header in an app with an [http_service]: a
// concurrency table put under the wrong section.
func strayConcurrency(cfg *flytoml.Config, s *flytoml.Service) bool {
	return cfg.HTTPService != nil && s.Concurrency != nil && s.Header == s.Concurrency.Header &&
		!s.InternalPort.Set && !s.Protocol.Set && len(s.TCPChecks) == 0 && len(s.HTTPChecks) == 0
}
