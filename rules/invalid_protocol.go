package rules

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

var InvalidProtocol = Register(&Rule{
	ID:       "invalid-protocol",
	Severity: diag.Error,
	Title:    `A [[services]] protocol is not "tcp" or "udp"`,
	Since:    "0.1.0",
	Why: `A ` + "`[[services]]`" + ` entry has a ` + "`protocol`" + ` other than ` + "`\"tcp\"`" + ` or ` + "`\"udp\"`" + ` (an error), or none at all (a warning).

Fly Proxy routes only TCP and UDP; HTTP and TLS are not protocols but connection handlers on a TCP port (` + "`handlers = [\"tls\", \"http\"]`" + `). flyctl compares the value exactly, so ` + "`\"TCP\"`" + ` is not ` + "`\"tcp\"`" + ` to it either. A service without a protocol is accepted by flyctl and sent to the platform as it is; write ` + "`protocol = \"tcp\"`" + ` so it is clear what the service routes.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 8080
  protocol = "http"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://fly.io/docs/networking/services/#connection-handlers",
		"https://github.com/superfly/flyctl/issues/2521",
	},
	Tags: []string{"flyctl", "ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		for _, s := range cfg.Services {
			if s == nil || strayConcurrency(cfg, s) {
				continue // service-without-ports says what the table was meant for
			}
			pr := s.Protocol
			switch {
			case !pr.Set:
				p.Report(diag.Diagnostic{Range: sectionAt(p, s.Section), Severity: diag.Warning,
					Message: `This [[services]] entry sets no protocol. flyctl passes the service to the platform without one, ` +
						`and Fly routes only "tcp" and "udp"; add protocol = "tcp" (or "udp" for a UDP service).`})
			case !pr.OK || pr.V == "tcp" || pr.V == "udp":
				// A non-string is invalid-value-type's.
			default:
				d := diag.Diagnostic{Range: pr.Value}
				lower := strings.ToLower(strings.TrimSpace(pr.V))
				switch lower {
				case "tcp", "udp":
					d.Message = `protocol "` + pr.V + `" is not "` + lower + `": flyctl compares the protocol exactly, so it does not treat this service as ` + strings.ToUpper(lower) + `. Write protocol = "` + lower + `".`
					d.Fixes = replaceStringFix(p, pr.Value, lower, `Write "`+lower+`"`)
				case "http", "https", "tls", "http2", "h2", "grpc", "ws", "wss", "websocket":
					d.Message = `protocol "` + pr.V + `" is not a protocol Fly routes: a service is "tcp" or "udp". ` +
						`HTTP and TLS are connection handlers on a TCP port; write protocol = "tcp" and set handlers (for example ["tls", "http"]) on its [[services.ports]].`
				default:
					d.Message = `protocol "` + pr.V + `" is not a protocol Fly routes: a service is "tcp" or "udp". Write protocol = "tcp" or protocol = "udp".`
				}
				p.Report(d)
			}
		}
	},
})
