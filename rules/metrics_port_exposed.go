package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var MetricsPortExposed = Register(&Rule{
	ID:       "metrics-port-exposed",
	Severity: diag.Warning,
	Title:    "The [metrics] port is also a public service port",
	Since:    "0.1.0",
	Why: "A `[[metrics]]` port is the `internal_port` of a service, so the metrics endpoint is served to the internet too.\n\n" +
		"`[metrics]` tells Fly where to scrape custom Prometheus metrics, and the port needs no service for that (a metrics-only port such as 9091 works). Once the same port is a service's `internal_port`, anyone can fetch the metrics path through the app's public address, and Prometheus metrics reveal routes, traffic, errors and sometimes user or tenant identifiers. Serve metrics on a separate port that no service routes (for example 9091) and point `[metrics] port` at it.",
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080

[metrics]
  port = 8080
  path = "/metrics"`,
	Good: `[http_service]
  internal_port = 8080

[metrics]
  port = 9091
  path = "/metrics"`,
	URLs: []string{
		"https://fly.io/docs/monitoring/metrics/#custom-metrics",
		"https://fly.io/docs/reference/configuration/#the-metrics-section",
		"https://fly.io/docs/networking/services/",
	},
	Tags: []string{"exposure", "ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || p.App.Flycast {
			return
		}
		for _, m := range cfg.Metrics {
			if m == nil || !m.Port.OK || m.Port.V <= 0 {
				continue
			}
			for _, s := range p.App.Services {
				if s.Proto != listen.TCP || !s.InternalPort.OK || s.InternalPort.V != m.Port.V || !metricsSharesGroup(m.Processes.V, s.Groups) {
					continue
				}
				path := "/metrics"
				if m.Path.OK && m.Path.V != "" {
					path = m.Path.V
				}
				p.Report(diag.Diagnostic{
					Range: m.Port.Value,
					Message: fmt.Sprintf("Metrics port %d is also the internal_port of %s, so %s is served to the internet. "+
						"Fly's metrics scraper needs no service to reach the port, but everything a service routes is public; "+
						"serve metrics on a port no service routes and set [metrics] port to it.", m.Port.V, serviceName(s), path),
					Related: []diag.Related{relatedService(s, "the service that makes this port public")},
				})
				break
			}
		}
	},
})

// metricsSharesGroup reports whether a [metrics] entry's groups (all when it
// names none) meet a service's.
func metricsSharesGroup(metricsGroups, serviceGroups []string) bool {
	if len(metricsGroups) == 0 {
		return true
	}
	for _, g := range metricsGroups {
		if slices.Contains(serviceGroups, g) {
			return true
		}
	}
	return false
}
