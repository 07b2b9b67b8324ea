package rules

import (
	"fmt"
	"strconv"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var HTTPSCheckOnPlainPort = Register(&Rule{
	ID:       "https-check-on-plain-port",
	Severity: diag.Warning,
	Title:    "An HTTPS health check probes a port Fly Proxy talks plain text to",
	Since:    "0.2.0",
	Why: "A service's HTTP check has `protocol = \"https\"`, but every external port of the service has the `tls` or `http` handler.\n\n" +
		"Service checks do not go through Fly Proxy's handlers: they connect to the Machine's `internal_port` directly. " +
		"Fly's handlers, on the other hand, say what that port speaks: the `tls` handler terminates TLS and forwards a plaintext connection, and the `http` handler sends HTTP/1.1 requests to the application, so the port serves plain HTTP (`[http_service]` always uses these handlers). " +
		"An HTTPS check then starts a TLS handshake with a server that does not speak TLS, so it fails on every run and deploys wait for a check that never passes; `tls_skip_verify` does not help, since there is no certificate to skip. " +
		"Remove `protocol = \"https\"` (checks speak `http` by default). " +
		"If the app redirects plain requests to HTTPS because it looks at `X-Forwarded-Proto`, which a check does not send, add that header to the check instead: `headers = { X-Forwarded-Proto = \"https\" }`.",
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080

  [[http_service.checks]]
    path = "/up"
    protocol = "https"`,
	Good: `[http_service]
  internal_port = 8080

  [[http_service.checks]]
    path = "/up"
    [http_service.checks.headers]
      X-Forwarded-Proto = "https"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#http_service-checks",
		"https://fly.io/docs/reference/configuration/#services-http_checks",
		// "The TLS middleware terminates TLS ... then forwards a plaintext
		// connection to the application process"; "the HTTP middleware
		// normalizes HTTP connections and sends HTTP 1.1 requests to the
		// application process".
		"https://fly.io/docs/networking/services/#connection-handlers",
	},
	Tags: []string{"checks"},
	Check: func(p *Pass) {
		for _, s := range p.App.Services {
			if s.Proto == listen.UDP || !plainToApp(s.Edge) {
				continue
			}
			for _, c := range httpChecks(s) {
				if !c.Protocol.OK || c.Protocol.V != "https" {
					continue
				}
				p.Report(diag.Diagnostic{Range: c.Protocol.Value,
					Related: []diag.Related{{Range: s.Header, Message: "the service whose handlers send plain text to internal_port"}},
					Message: fmt.Sprintf("This check speaks HTTPS to internal_port %s, but every port of %s uses the tls or http handler, so Fly Proxy talks plain text to that port and the app serves no TLS there. "+
						"Service checks go straight to internal_port, so the TLS handshake fails on every run; remove protocol = \"https\" "+
						"(and if the app redirects to HTTPS, send headers = { X-Forwarded-Proto = \"https\" } with the check).",
						portText(s.InternalPort), svcSection(s))})
			}
		}
	},
})

// plainToApp reports whether Fly Proxy speaks plain text to the service's
// internal_port on every external port it has: each port has the tls or
// http handler. A port without them passes the client's bytes through, so
// the app may terminate TLS itself there.
func plainToApp(edge []workspace.EdgePort) bool {
	if len(edge) == 0 {
		return false
	}
	for _, e := range edge {
		if !portHasHandler(e.Handlers, "tls") && !portHasHandler(e.Handlers, "http") {
			return false
		}
	}
	return true
}

func portText(f flytoml.Field[int]) string {
	if !f.OK {
		return "(unset)"
	}
	return strconv.Itoa(f.V)
}
