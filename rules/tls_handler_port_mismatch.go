package rules

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

var TLSHandlerPortMismatch = Register(&Rule{
	ID:       "tls-handler-port-mismatch",
	Severity: diag.Warning,
	Title:    "Port 443 serves HTTP without TLS, or port 80 expects TLS",
	Since:    "0.1.0",
	Why: "A `[[services.ports]]` entry handles port 443 with `http` but no `tls`, or port 80 with `tls`.\n\n" +
		"Browsers and HTTP clients speak TLS to port 443 and plain HTTP to port 80. With `handlers = [\"http\"]` on 443, Fly Proxy tries to read HTTP from a TLS handshake and every `https://` request fails; with `tls` on 80, every `http://` request fails the handshake. Use `handlers = [\"tls\", \"http\"]` on 443 and `handlers = [\"http\"]` on 80 (what `[http_service]` does). A port with no handlers at all passes TLS through to the app, which is fine and not reported.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "tcp"
  internal_port = 8080

  [[services.ports]]
    port = 443
    handlers = ["http"]`,
	Good: `[[services]]
  protocol = "tcp"
  internal_port = 8080

  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/networking/services/#connection-handlers",
		"https://fly.io/docs/reference/configuration/#services-ports-handlers",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.TCP || s.Service == nil {
				continue
			}
			for _, e := range s.Edge {
				cfg := e.Config
				if cfg == nil || e.EndPort > e.Port || !cfg.Handlers.OK {
					continue
				}
				at := cfg.Handlers.Value
				if !at.IsValid() {
					at = e.Range
				}
				switch {
				case e.Port == 443 && portHasHandler(e.Handlers, "http") && !portHasHandler(e.Handlers, "tls"):
					d := diag.Diagnostic{
						Range: at,
						Message: "Port 443 has the http handler but no tls, so Fly Proxy reads HTTP from clients that send a TLS handshake. " +
							"Every https:// request to the app fails; use handlers = [\"tls\", \"http\"] so Fly terminates TLS and then handles HTTP.",
					}
					if len(e.Handlers) == 1 && cfg.Handlers.Kind == flytoml.KindArray && strings.HasPrefix(textAt(p, at), "[") {
						d.Fixes = []diag.Fix{{Message: "Terminate TLS before HTTP", Edits: []diag.Edit{{Range: at, NewText: `["tls", "http"]`}}}}
					}
					p.Report(d)
				case e.Port == 80 && portHasHandler(e.Handlers, "tls"):
					r := at
					for i, h := range cfg.Handlers.V {
						if strings.EqualFold(h, "tls") && i < len(cfg.Handlers.Elems) {
							r = cfg.Handlers.Elems[i]
						}
					}
					p.Report(diag.Diagnostic{
						Range: r,
						Message: "Port 80 has the tls handler, but clients speak plain HTTP to port 80. " +
							"Every http:// request fails the TLS handshake; use handlers = [\"http\"] on port 80 (with force_https = true to redirect to HTTPS) and tls on 443.",
					})
				}
			}
		}
	},
})

// textAt is the source text at r, or "" when r is not in a read file.
func textAt(p *Pass, r source.Range) string {
	data := p.Workspace.Files[r.File]
	if !r.IsValid() || r.Start.Offset < 0 || r.End.Offset > len(data) || r.Start.Offset > r.End.Offset {
		return ""
	}
	return string(data[r.Start.Offset:r.End.Offset])
}
