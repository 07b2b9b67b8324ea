package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

var UnknownHandler = Register(&Rule{
	ID:       "unknown-handler",
	Severity: diag.Error,
	Title:    "A [[services.ports]] handler is not one Fly Proxy has",
	Since:    "0.1.0",
	Why: `A ` + "`[[services.ports]]`" + ` entry names a handler Fly Proxy does not have; the valid handlers are ` + "`\"http\"`" + `, ` + "`\"tls\"`" + `, ` + "`\"pg_tls\"`" + ` and ` + "`\"proxy_proto\"`" + `.

Handlers are middleware Fly Proxy runs on a TCP connection before it reaches the app: ` + "`tls`" + ` terminates TLS, ` + "`http`" + ` speaks HTTP to the client, ` + "`pg_tls`" + ` handles PostgreSQL's TLS, ` + "`proxy_proto`" + ` prepends a PROXY protocol header. HTTPS is ` + "`[\"tls\", \"http\"]`" + `, not ` + "`\"https\"`" + `; HTTP/2 to the app is ` + "`http_options.h2_backend`" + `, not a handler. flyctl passes the names through unchecked and compares them exactly, so write them in lower case. ` + "`edge_http`" + ` exists in Fly's API but not in its documentation; it is reported as info, and ` + "`http`" + ` is the documented choice.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["https"]`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/networking/services/#connection-handlers",
		"https://fly.io/docs/reference/configuration/#services-ports",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			// Handlers on a UDP port are wrong whatever their names;
			// udp-with-handlers reports them.
			if s.Service == nil || s.Proto == listen.UDP {
				continue
			}
			for _, sp := range s.Service.Ports {
				if sp == nil || !sp.Handlers.OK {
					continue
				}
				for i, h := range sp.Handlers.V {
					if slices.Contains(flytoml.Handlers, h) {
						continue
					}
					r := sp.Handlers.Value
					if i < len(sp.Handlers.Elems) {
						r = sp.Handlers.Elems[i]
					}
					p.Report(handlerDiag(p, h, r))
				}
			}
		}
	},
})

func handlerDiag(p *Pass, h string, r source.Range) diag.Diagnostic {
	const valid = `Fly Proxy's handlers are "http", "tls", "pg_tls" and "proxy_proto"`
	fold := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(h)), "-", "_")
	switch {
	case fold == "edge_http":
		return diag.Diagnostic{Range: r, Severity: diag.Info,
			Message: fmt.Sprintf(`Handler %q appears in Fly's API but not in its documentation. %s; use "http" unless Fly told you otherwise.`, h, valid)}
	case slices.Contains(flytoml.Handlers, fold):
		return diag.Diagnostic{Range: r,
			Message: fmt.Sprintf(`Handler %q is not %q: flyctl passes handler names on exactly as written. Write %q.`, h, fold, fold),
			Fixes:   replaceStringFix(p, r, fold, fmt.Sprintf("Write %q", fold))}
	}
	hint := ""
	switch fold {
	case "https", "ssl", "http_tls", "tls_http":
		hint = ` For HTTPS use handlers = ["tls", "http"].`
	case "h2", "http2", "h2c", "grpc":
		hint = ` For HTTP/2 to the app, keep "http" and set http_options.h2_backend = true.`
	case "proxy", "proxy_protocol", "proxyprotocol", "proxyproto":
		hint = ` Did you mean "proxy_proto"?`
	case "tcp", "udp":
		hint = ` Plain TCP needs no handler: leave handlers out to pass connections through unchanged.`
	default:
		if n := nearestName(fold, flytoml.Handlers); n != "" {
			hint = fmt.Sprintf(" Did you mean %q?", n)
		}
	}
	return diag.Diagnostic{Range: r,
		Message: fmt.Sprintf("Handler %q is not a Fly Proxy handler, so the port cannot be set up as written. %s.%s", h, valid, hint)}
}
