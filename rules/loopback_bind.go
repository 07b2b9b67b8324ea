package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var LoopbackBind = Register(&Rule{
	ID:       "loopback-bind",
	Severity: diag.Error,
	Title:    "A proxied service listens on a loopback address",
	Since:    "0.1.0",
	Why: `A process that Fly Proxy routes traffic to binds 127.0.0.1, localhost or ::1, which nothing outside the Machine can reach.

Fly Proxy connects to the Machine on its private IPv4 address at the service's ` + "`internal_port`" + `, so the process must listen on ` + "`0.0.0.0:<port>`" + ` (or a dual-stack wildcard such as ` + "`[::]`" + ` or Go's ` + "`:<port>`" + `). With a loopback bind the deploy succeeds, health checks fail, and every request ends in a 502. Bind the wildcard instead.`,
	ExampleFile: "Dockerfile",
	Bad:         `CMD ["gunicorn", "--bind", "127.0.0.1:8080", "app:app"]`,
	Good:        `CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]`,
	URLs: []string{
		"https://fly.io/docs/networking/app-services/",
		"https://fly.io/docs/getting-started/troubleshooting/#app-is-not-listening-on-the-expected-address",
	},
	Tags: []string{"bind"},
	Check: func(p *Pass) {
		checkBind(p, func(l listen.Listener) bool { return l.Host.Class == listen.HostLoopback && !l.Host.Default },
			func(l listen.Listener, svc string) string {
				return describe(l) + " binds a loopback address, so Fly Proxy cannot reach it for " + svc + ". Fly Proxy dials the Machine's private IPv4 address; bind 0.0.0.0 (or [::]) instead."
			}, "0.0.0.0", "Listen on all interfaces")
	},
})

// checkBind reports listeners of proxied services whose host bad accepts.
func checkBind(p *Pass, bad func(listen.Listener) bool, message func(l listen.Listener, svc string) string, fixHost, fixMsg string) {
	for _, g := range p.App.Groups {
		for _, l := range g.Listeners {
			if !bad(l) {
				continue
			}
			s := proxiedService(p.App, g, l)
			if s == nil || sameProcessReaches(g, l, listen.HostClass.ProxyReachable) {
				continue
			}
			d := diag.Diagnostic{
				Range:   listenerRange(l, "host"),
				Message: message(l, serviceName(s)),
				Related: append(listenCall(l, "host"), relatedService(s, "Fly Proxy routes this service to the process")),
			}
			if fixHost != "" {
				d.Fixes = hostFix(p, l, fixHost, fixMsg)
			}
			p.Report(d)
		}
	}
}

// sameProcessReaches reports whether the group also listens on l's port
// and protocol at an address of a class reach accepts: nginx's default
// server opens "listen 80" and "listen [::]:80", and the IPv4 socket is
// what Fly Proxy dials, the IPv6 one what 6PN peers dial.
func sameProcessReaches(g *workspace.Group, l listen.Listener, reach func(listen.HostClass) bool) bool {
	if !l.Port.Known() {
		return false
	}
	for _, o := range g.Listeners {
		if o.Proto == l.Proto && o.Port.Number == l.Port.Number && o.Host.Class != l.Host.Class && o.Host.Class != listen.HostUnknown && reach(o.Host.Class) {
			return true
		}
	}
	return false
}
