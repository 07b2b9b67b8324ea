package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ProxiedPort6PNOnly = Register(&Rule{
	ID:       "proxied-port-6pn-only",
	Severity: diag.Error,
	Title:    "A proxied port is bound only to the 6PN private address",
	Since:    "0.1.0",
	Why: `A port that Fly Proxy routes to is bound only to ` + "`fly-local-6pn`" + `, an ` + "`fdaa:`" + ` address or ` + "`$FLY_PRIVATE_IP`" + `: the Machine's IPv6 private-network address.

Fly Proxy, for public traffic and Flycast alike, connects to the Machine's private IPv4 address, so it never reaches a socket bound to the 6PN address. Bind a dual-stack wildcard (` + "`[::]`" + `, or Go's ` + "`:<port>`" + `) to serve both the proxy and ` + "`<app>.internal`" + `.`,
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "socat TCP6-LISTEN:8080,bind=fly-local-6pn,fork EXEC:/app/handler"

[http_service]
  internal_port = 8080`,
	Good: `[processes]
  app = "socat TCP6-LISTEN:8080,fork EXEC:/app/handler"

[http_service]
  internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/networking/app-services/",
		"https://fly.io/docs/networking/private-networking/",
	},
	Tags: []string{"bind", "private-networking"},
	Check: func(p *Pass) {
		checkBind(p, func(l listen.Listener) bool { return l.Host.Class == listen.Host6PN },
			func(l listen.Listener, svc string) string {
				return describe(l) + " is bound only to the Machine's 6PN IPv6 address, so Fly Proxy cannot reach it for " + svc + ". Fly Proxy dials the private IPv4 address; bind [::] to serve both the proxy and 6PN."
			}, "", "")
	},
})
