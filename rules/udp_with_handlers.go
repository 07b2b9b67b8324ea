package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

var UDPWithHandlers = Register(&Rule{
	ID:       "udp-with-handlers",
	Severity: diag.Error,
	Title:    "A UDP port has TCP-only handlers or options",
	Since:    "0.1.0",
	Why: "A `[[services.ports]]` entry of a UDP service sets `handlers`, `force_https`, `tls_options`, `http_options` or `proxy_proto_options`.\n\n" +
		"Handlers (`tls`, `http`, `pg_tls`, `proxy_proto`) are Fly Proxy middleware for TCP connections. UDP packets never pass through Fly Proxy: they are forwarded to `fly-global-services` as they are, so there is no TLS to terminate, no HTTP to redirect and no PROXY header to add. Remove these settings from the UDP service; if the app also speaks TCP on the port, give it a separate `protocol = \"tcp\"` service.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "udp"
  internal_port = 5000

  [[services.ports]]
    port = 5000
    handlers = ["tls"]`,
	Good: `[[services]]
  protocol = "udp"
  internal_port = 5000

  [[services.ports]]
    port = 5000`,
	URLs: []string{
		"https://fly.io/docs/networking/udp-and-tcp/",
		"https://fly.io/docs/networking/services/#connection-handlers",
	},
	Tags: []string{"udp", "flyctl"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.UDP || s.Service == nil {
				continue
			}
			for _, port := range s.Service.Ports {
				if port == nil {
					continue
				}
				report := func(r source.Range, what string) {
					p.Reportf(r, "A UDP port sets %s, which applies only to TCP connections through Fly Proxy. "+
						"Fly forwards UDP packets to fly-global-services untouched, so no TCP middleware can act on them; "+
						"remove it, and define a separate protocol = \"tcp\" service if the port also serves TCP.", what)
				}
				if h := port.Handlers; h.Set && len(h.V) > 0 {
					report(h.Key, fmt.Sprintf("handlers = [%s]", quotedList(h.V)))
				}
				if f := port.ForceHTTPS; f.Set && f.OK && f.V {
					report(f.Key, "force_https = true")
				}
				if port.TLSOptions != nil {
					report(port.TLSOptions.Header, "tls_options")
				}
				if port.HTTPOptions != nil {
					report(port.HTTPOptions.Header, "http_options")
				}
				if port.ProxyProtoOptions != nil {
					report(port.ProxyProtoOptions.Header, "proxy_proto_options")
				}
			}
		}
	},
})

func quotedList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
