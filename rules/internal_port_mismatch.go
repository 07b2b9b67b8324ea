package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var InternalPortMismatch = Register(&Rule{
	ID:       "internal-port-mismatch",
	Severity: diag.Error,
	Title:    "internal_port is not a port the process listens on",
	Since:    "0.1.0",
	Why: "A service's `internal_port` is not among the ports its process group listens on.\n\n" +
		"Fly Proxy forwards each connection to `internal_port` on the Machine; if the process listens elsewhere, every request fails with a 502 and health checks never pass. Make `internal_port` the port the process listens on, or start the process on `internal_port`.\n\n" +
		"flylint reports this only when it knows every port the process opens (a recognised server with literal ports, or Go code it analysed whole).",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "gunicorn --bind 0.0.0.0:8000 app:app"

[http_service]
  internal_port = 8080`,
	Good: `[processes]
  app = "gunicorn --bind 0.0.0.0:8080 app:app"

[http_service]
  internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-http_service-section",
		"https://fly.io/docs/networking/app-services/",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		for _, s := range p.App.Services {
			if !s.InternalPort.OK {
				continue
			}
			want := s.InternalPort.V
			for _, g := range serviceGroups(p.App, s) {
				if !g.ListenersKnown {
					continue
				}
				ls := listenersOf(g, s.Proto)
				if len(ls) == 0 {
					if g.HasCommand && len(g.Listeners) == 0 && g.Interpreted.Known {
						p.Report(diag.Diagnostic{
							Range:   internalPortRange(s),
							Message: fmt.Sprintf("Nothing listens on internal_port %d: process group %q runs %s, which opens no %s port. Fly Proxy forwards %s to port %d, so every request would fail; start a server on %d or remove the service.", want, g.Name, quoteArgv(g.Command), strings.ToUpper(string(s.Proto)), serviceName(s), want, want),
						})
					}
					continue
				}
				ports, ok := concretePorts(ls)
				if !ok || ports[want] || envDecides(g, ls) {
					continue
				}
				d := diag.Diagnostic{
					Range:   internalPortRange(s),
					Message: fmt.Sprintf("internal_port %d is not a port process group %q listens on; it listens on %s. Fly Proxy forwards %s to port %d, where nothing answers; set internal_port to the port the process listens on, or make the process listen on %d.", want, g.Name, portList(ls), serviceName(s), want, want),
				}
				for _, l := range ls {
					d.Related = append(d.Related, relatedListener(l, describe(l)))
				}
				p.Report(d)
			}
		}
	},
})

// concretePorts returns the set of ports when every listener's port is
// known; ok is false if any is unknown, since then the service's port may
// be among them.
func concretePorts(ls []listen.Listener) (map[int]bool, bool) {
	ports := map[int]bool{}
	for _, l := range ls {
		if !l.Port.Known() {
			return nil, false
		}
		ports[l.Port.Number] = true
	}
	return ports, len(ports) > 0
}

// envDecides reports whether a listener takes its port from an
// environment variable the app sets: env-port-mismatch reports that case
// at the variable, which is where the fix goes.
func envDecides(g *workspace.Group, ls []listen.Listener) bool {
	for _, l := range ls {
		if l.Port.Env != "" && l.Port.EnvSet && !behindProxy(g, l) {
			return true
		}
	}
	return false
}

func portList(ls []listen.Listener) string {
	var parts []string
	seen := map[int]bool{}
	for _, l := range ls {
		if !seen[l.Port.Number] {
			seen[l.Port.Number] = true
			parts = append(parts, strconv.Itoa(l.Port.Number))
		}
	}
	return strings.Join(parts, ", ")
}

func quoteArgv(c listen.Command) string {
	var parts []string
	for _, a := range c.Args {
		parts = append(parts, a.Text)
	}
	s := strings.Join(parts, " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return "`" + s + "`"
}
