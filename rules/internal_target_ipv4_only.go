package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var InternalTargetIPv4Only = Register(&Rule{
	ID:       "internal-target-ipv4-only",
	Severity: diag.Error,
	Title:    "An .internal address names an app that listens on IPv4 only",
	Since:    "0.1.0",
	Why: "A reference to `<app>.internal` names an app whose process listens on an IPv4-only address, such as `0.0.0.0` in Python or Node servers.\n\n" +
		"`.internal` names resolve only to the Machines' private IPv6 (6PN) addresses. A socket bound to `0.0.0.0` in most runtimes accepts IPv4 only, so every connection over the private network is refused, although the same app works through Fly Proxy, which dials IPv4. Bind the IPv6 wildcard `::` (dual-stack: it still accepts the proxy's IPv4 connections), or `fly-local-6pn` for private-only traffic.",
	ExampleFile: "fly.toml",
	Bad: `# web/fly.toml
[env]
  API_URL = "http://api.internal:8080"

# api/fly.toml: app = "api"
#   [processes]
#     app = "gunicorn -b 0.0.0.0:8080 app:app"`,
	Good: `# web/fly.toml
[env]
  API_URL = "http://api.internal:8080"

# api/fly.toml: app = "api"
#   [processes]
#     app = "gunicorn -b [::]:8080 app:app"`,
	URLs: []string{
		"https://fly.io/docs/networking/private-networking/",
		"https://fly.io/docs/networking/app-services/#a-note-on-ipv4-and-ipv6-wildcards",
	},
	Tags: []string{"private-networking", "bind"},
	Check: func(p *Pass) {
		internalRefs(p, func(r *workspace.Ref, targets []*workspace.App) {
			port := refPort(r)
			perTarget, ok := holdsForAll(targets, func(t *workspace.App) ([]listen.Listener, bool) {
				ls := ipv4OnlyTarget(t, port)
				return ls, ls != nil
			})
			if !ok {
				return
			}
			bad := slices.Concat(perTarget...)
			if len(bad) == 0 {
				return
			}
			l := bad[0]
			what := "port " + fmt.Sprint(port)
			if port <= 0 {
				what = "any port"
			}
			fix := "bind the dual-stack wildcard :: instead of " + hostText(l)
			if ipv4OnlyByNetwork(l) {
				fix = networkFix(l)
			}
			d := diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s reaches %s over the private IPv6 network, but its process is %s, which accepts IPv4 only. "+
					".internal names resolve only to the Machines' 6PN IPv6 addresses, so connections to %s are refused; "+
					"%s, which still serves Fly Proxy's IPv4 connections.", r.Text, appLabel(targets[0]), describe(l), what, fix),
			}
			for _, l := range bad {
				d.Related = append(d.Related, diag.Related{Range: listenerRange(l, "host"), Message: describe(l) + ", IPv4 only"})
			}
			p.Report(d)
		})
	},
})

// ipv4OnlyTarget returns the target's listeners that make a reference
// fail because they accept IPv4 only, or nil when flylint cannot be sure
// the reference fails. With a port, some process group must listen on
// it only on IPv4 and must have no listener whose port flylint does not
// know (it could be the IPv6 one). Without a port, every listener of
// every group must be known and IPv4-only.
func ipv4OnlyTarget(t *workspace.App, port int) []listen.Listener {
	var out []listen.Listener
	if port > 0 {
		for _, g := range t.Groups {
			on, _ := listenersOn(g, port)
			if len(on) == 0 || hasUncertainPort(g) {
				continue
			}
			all := true
			for _, l := range on {
				all = all && ipv4Only(l.Host.Class)
			}
			if all {
				out = append(out, on...)
			}
		}
		return out
	}
	for _, g := range t.Groups {
		if !g.ListenersKnown || hasUncertainPort(g) {
			return nil
		}
		for _, l := range g.Listeners {
			if !ipv4Only(l.Host.Class) {
				return nil
			}
			out = append(out, l)
		}
	}
	return out
}

func hasUncertainPort(g *workspace.Group) bool {
	for _, l := range g.Listeners {
		if _, ok := certainPort(l); !ok {
			return true
		}
	}
	return false
}
