package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ProxiedPortIPv6Only = Register(&Rule{
	ID:       "proxied-port-ipv6-only",
	Severity: diag.Warning,
	Title:    "A proxied port is bound IPv6-only",
	Since:    "0.1.0",
	Why: `A port that Fly Proxy routes to is bound to IPv6 only (Go's ` + "`tcp6`" + ` network, an IPv6 literal, or an IPv6-only wildcard).

Fly Proxy connects to the Machine's private IPv4 address; an IPv6-only socket does not accept it. Use a dual-stack wildcard: in Go, network ` + "`tcp`" + ` with ` + "`:<port>`" + `; elsewhere ` + "`[::]`" + ` without IPv6-only.`,
	ExampleFile: "main.go",
	Bad:         `ln, err := net.Listen("tcp6", ":8080")`,
	Good:        `ln, err := net.Listen("tcp", ":8080")`,
	URLs:        []string{"https://fly.io/docs/networking/app-services/"},
	Tags:        []string{"bind"},
	Check: func(p *Pass) {
		checkBind(p, func(l listen.Listener) bool {
			return l.Host.Class == listen.HostIPv6Wildcard || l.Host.Class == listen.HostIPv6
		}, func(l listen.Listener, svc string) string {
			return describe(l) + " accepts only IPv6, so Fly Proxy, which dials the Machine's private IPv4 address, cannot reach it for " + svc + ". Listen on a dual-stack wildcard instead."
		}, "", "")
	},
})
