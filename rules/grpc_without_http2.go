package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var GRPCWithoutHTTP2 = Register(&Rule{
	ID:       "grpc-without-http2",
	Severity: diag.Error,
	Title:    "A gRPC server sits behind a Fly Proxy port that does not speak HTTP/2 to it",
	Since:    "0.1.0",
	Why: "A service routes to a Go gRPC server (a listener handed to `grpc.Server.Serve`) through a port whose `http` handler has no `http_options.h2_backend = true`, or whose `tls_options.alpn` leaves out `\"h2\"`.\n\n" +
		"gRPC runs only over HTTP/2. Fly Proxy's `http` handler normalises requests and sends HTTP/1.1 to the app unless `h2_backend = true` says the app speaks HTTP/2 cleartext (h2c) with prior knowledge, so a gRPC server behind `[http_service]` or `handlers = [\"tls\", \"http\"]` receives HTTP/1.1 it cannot parse and every call fails. " +
		"An `alpn` list without `\"h2\"` keeps clients from negotiating HTTP/2 at the edge, which fails the same way. " +
		"Fix it with `h2_backend = true` under `http_options` (keeping `\"h2\"` in `alpn` if you set it), or with `handlers = [\"tls\"]` and `tls_options = { alpn = [\"h2\"] }`, where Fly terminates TLS and passes HTTP/2 through as h2c.\n\n" +
		"flylint sees gRPC servers in Go only, and only when the listener reaches `Serve` in the package that opens it.",
	ExampleFile: "fly.toml",
	Bad: `# main.go: lis, _ := net.Listen("tcp", ":50051"); grpc.NewServer().Serve(lis)
[[services]]
  protocol = "tcp"
  internal_port = 50051

  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	Good: `# main.go: lis, _ := net.Listen("tcp", ":50051"); grpc.NewServer().Serve(lis)
[[services]]
  protocol = "tcp"
  internal_port = 50051

  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]
    [services.ports.http_options]
      h2_backend = true`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#services-ports-http_options-h2_backend",
		"https://fly.io/docs/reference/configuration/#services-ports-tls_options",
		"https://fly.io/docs/networking/services/#connection-handlers",
	},
	Tags: []string{"ports", "protocol"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, g := range p.App.Groups {
			for _, l := range g.Listeners {
				if l.App != listen.AppGRPC || l.Proto != listen.TCP || !l.Port.Known() {
					continue
				}
				// Only the service whose internal_port is the server's
				// port: which service a server on another port was meant
				// for is a guess, and other rules report the mismatch.
				if s := routedPorts(p.App, g, listen.TCP)[l.Port.Number]; s != nil {
					checkGRPCService(p, s, l)
				}
			}
		}
	},
})

// checkGRPCService reports the ports of s that cannot carry gRPC to l.
func checkGRPCService(p *Pass, s *workspace.Service, l listen.Listener) {
	related := []diag.Related{relatedListener(l, l.Origin+" opens the listener the gRPC server serves")}
	server := "the gRPC server (" + describe(l) + ")"
	if s.HTTP != nil {
		// [http_service] is ports 80 and 443, both through the http
		// handler, configured once.
		if !h2Backend(s.HTTP.HTTPOptions) {
			at, fix := s.Header, "Add [http_service.http_options] with h2_backend = true."
			if o := s.HTTP.HTTPOptions; o != nil && o.H2Backend.Set {
				at, fix = o.H2Backend.Value, "Set h2_backend = true."
			}
			p.Report(diag.Diagnostic{
				Range: at,
				Message: "[http_service] sends requests through Fly Proxy's http handler, which speaks HTTP/1.1 to the app unless http_options.h2_backend = true, " +
					"but " + server + " speaks only HTTP/2, so every gRPC call fails. " + fix,
				Related: related,
			})
		}
		checkALPN(p, s.HTTP.TLSOptions, "[http_service]", server, related)
		return
	}
	for _, e := range s.Edge {
		cfg := e.Config
		if cfg == nil || !cfg.Handlers.OK {
			continue
		}
		port := edgeName(e)
		if portHasHandler(e.Handlers, "http") && !h2Backend(cfg.HTTPOptions) {
			at := cfg.Handlers.Value
			if o := cfg.HTTPOptions; o != nil && o.H2Backend.Set {
				at = o.H2Backend.Value
			}
			p.Report(diag.Diagnostic{
				Range: at,
				Message: fmt.Sprintf("%s of %s has the http handler, which speaks HTTP/1.1 to the app unless http_options.h2_backend = true, "+
					"but %s speaks only HTTP/2, so every gRPC call through it fails. "+
					"Set h2_backend = true under [services.ports.http_options], or use handlers = [\"tls\"] with tls_options = { alpn = [\"h2\"] } so Fly passes HTTP/2 through.",
					port, serviceName(s), server),
				Related: related,
			})
		}
		if portHasHandler(e.Handlers, "tls") {
			checkALPN(p, cfg.TLSOptions, port+" of "+serviceName(s), server, related)
		}
	}
}

// checkALPN reports an alpn list clients cannot negotiate HTTP/2 from.
func checkALPN(p *Pass, o *flytoml.TLSOptions, where, server string, related []diag.Related) {
	if o == nil || !o.ALPN.OK || slices.ContainsFunc(o.ALPN.V, func(s string) bool { return strings.EqualFold(s, "h2") }) {
		return
	}
	at := o.ALPN.Value
	if !at.IsValid() {
		at = o.Header
	}
	p.Report(diag.Diagnostic{
		Range: at,
		Message: fmt.Sprintf("tls_options.alpn of %s leaves out \"h2\", so clients cannot negotiate HTTP/2 with Fly Proxy, "+
			"but %s speaks only HTTP/2 and every gRPC call fails. Put \"h2\" in alpn (alpn = [\"h2\"] for a gRPC-only port).", where, server),
		Related: related,
	})
}

// h2Backend reports whether http_options says the app speaks h2c.
func h2Backend(o *flytoml.HTTPOptions) bool {
	return o != nil && o.H2Backend.OK && o.H2Backend.V
}

// edgeName is how messages name an external port: "port 443" or
// "ports 10000-10010".
func edgeName(e workspace.EdgePort) string {
	if e.EndPort > e.Port {
		return fmt.Sprintf("ports %d-%d", e.Port, e.EndPort)
	}
	return fmt.Sprintf("port %d", e.Port)
}
