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
		"A port shared through soheilhy/cmux between a gRPC server and an HTTP server is reported as a warning: cmux gives the gRPC server only connections that open with HTTP/2, so behind the `http` handler the HTTP side works and the gRPC calls fail. " +
		"That is fine if gRPC clients reach the app over the private network only; otherwise use `handlers = [\"tls\"]` with `tls_options = { alpn = [\"h2\", \"http/1.1\"] }`, so each client's protocol reaches cmux as sent.\n\n" +
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
				if (l.App != listen.AppGRPC && l.App != listen.AppGRPCHTTP) || l.Proto != listen.TCP || !l.Port.Known() {
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
//
// A listener cmux splits between gRPC and HTTP (listen.AppGRPCHTTP) is
// reported the same way, as a warning: soheilhy/cmux v0.1.5
// matchers.go hands a connection to gRPC only by its HTTP/2 preface or
// headers (HTTP2, HTTP2HeaderField, HTTP2MatchHeaderFieldSendSettings),
// so behind a proxy that speaks HTTP/1.1 to the app the HTTP side still
// works and only the gRPC calls fail, which an app whose gRPC clients
// reach it over the private network alone does not mind. Its fix is not
// h2_backend alone: that makes Fly Proxy speak HTTP/2 to the app for
// every request, which cmux's HTTP/1 matchers then never see.
func checkGRPCService(p *Pass, s *workspace.Service, l listen.Listener) {
	related := []diag.Related{relatedListener(l, l.Origin+" opens the listener the gRPC server serves")}
	server := "the gRPC server (" + describe(l) + ")"
	sev := diag.Severity(0) // the rule's
	// needs ends each message's "but": what the server needs and what
	// fails; through is the same for a port ("... fails through it").
	needs := func(through string) string {
		return server + " speaks only HTTP/2, so every gRPC call" + through + " fails"
	}
	fixHTTP, alpnFix := "", "alpn = [\"h2\"] for a gRPC-only port"
	if l.App == listen.AppGRPCHTTP {
		sev, alpnFix = diag.Warning, "alpn = [\"h2\", \"http/1.1\"] for gRPC beside HTTP"
		needs = func(string) string {
			return "cmux hands the gRPC server sharing that port with an HTTP server (" + describe(l) + ") only connections that open with HTTP/2, " +
				"so the HTTP side works and every gRPC call through Fly Proxy fails"
		}
		fixHTTP = "If gRPC clients come through Fly Proxy, use [[services]] with handlers = [\"tls\"] and tls_options = { alpn = [\"h2\", \"http/1.1\"] }, so each client's HTTP/2 or HTTP/1.1 reaches cmux as sent; " +
			"h2_backend = true would send every request as HTTP/2, which suits only a cmux that also hands HTTP/2 to the HTTP server."
	}
	if s.HTTP != nil {
		// [http_service] is ports 80 and 443, both through the http
		// handler, configured once.
		if !h2Backend(s.HTTP.HTTPOptions) {
			at, fix := s.Header, "Add [http_service.http_options] with h2_backend = true."
			if o := s.HTTP.HTTPOptions; o != nil && o.H2Backend.Set {
				at, fix = o.H2Backend.Value, "Set h2_backend = true."
			}
			if fixHTTP != "" {
				fix = fixHTTP
			}
			p.Report(diag.Diagnostic{
				Range:    at,
				Severity: sev,
				Message: "[http_service] sends requests through Fly Proxy's http handler, which speaks HTTP/1.1 to the app unless http_options.h2_backend = true, " +
					"but " + needs("") + ". " + fix,
				Related: related,
			})
		}
		checkALPN(p, s.HTTP.TLSOptions, "[http_service]", needs(""), alpnFix, sev, related)
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
			fix := "Set h2_backend = true under [services.ports.http_options], or use handlers = [\"tls\"] with tls_options = { alpn = [\"h2\"] } so Fly passes HTTP/2 through."
			if fixHTTP != "" {
				fix = fixHTTP
			}
			p.Report(diag.Diagnostic{
				Range:    at,
				Severity: sev,
				Message: fmt.Sprintf("%s of %s has the http handler, which speaks HTTP/1.1 to the app unless http_options.h2_backend = true, "+
					"but %s. %s",
					port, serviceName(s), needs(" through it"), fix),
				Related: related,
			})
		}
		if portHasHandler(e.Handlers, "tls") {
			checkALPN(p, cfg.TLSOptions, port+" of "+serviceName(s), needs(""), alpnFix, sev, related)
		}
	}
}

// checkALPN reports an alpn list clients cannot negotiate HTTP/2 from.
func checkALPN(p *Pass, o *flytoml.TLSOptions, where, needs, alpnFix string, sev diag.Severity, related []diag.Related) {
	if o == nil || !o.ALPN.OK || slices.ContainsFunc(o.ALPN.V, func(s string) bool { return strings.EqualFold(s, "h2") }) {
		return
	}
	at := o.ALPN.Value
	if !at.IsValid() {
		at = o.Header
	}
	p.Report(diag.Diagnostic{
		Range:    at,
		Severity: sev,
		Message: fmt.Sprintf("tls_options.alpn of %s leaves out \"h2\", so clients cannot negotiate HTTP/2 with Fly Proxy, "+
			"but %s. Put \"h2\" in alpn (%s).", where, needs, alpnFix),
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
