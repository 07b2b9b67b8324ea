package rules

import (
	"fmt"
	"strconv"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ProxyTargetNotListening = Register(&Rule{
	ID:       "proxy-target-not-listening",
	Severity: diag.Error,
	Title:    "A reverse proxy in the image forwards to a port nothing on the Machine listens on",
	Since:    "0.2.0",
	Why: "nginx (`proxy_pass`), Caddy (`reverse_proxy`) or LiteFS (`proxy.target`) listens on `internal_port` and forwards each request to an address on the same Machine, but no process of the group listens on that port.\n\n" +
		"Fly Proxy reaches the reverse proxy, so health checks on its own port may pass, yet every request it forwards fails (nginx and Caddy answer 502 Bad Gateway). " +
		"flylint reports it only when it knows every socket the group opens: the proxy's configuration was read completely and the app's listen calls were found. " +
		"Point the proxy at the port the app listens on, or make the app listen on the proxy's target.",
	ExampleFile: "litefs.yml",
	Bad: `proxy:
  addr: ":8080"          # internal_port
  target: "localhost:8081"
exec:
  - cmd: "node server.js"  # listens on 3000`,
	Good: `proxy:
  addr: ":8080"
  target: "localhost:3000"
exec:
  - cmd: "node server.js"`,
	URLs: []string{
		"https://fly.io/docs/litefs/config/#http-proxy-server",
		"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass",
		"https://caddyserver.com/docs/caddyfile/directives/reverse_proxy",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		for _, g := range p.App.Groups {
			if !g.ListenersKnown {
				continue
			}
			tcp := listenersOf(g, listen.TCP)
			ports, ok := concretePorts(tcp)
			if !ok {
				continue
			}
			for _, l := range tcp {
				for _, u := range l.ProxyTo {
					if !localTarget(u.Host) || ports[u.Port] || !u.Range.IsValid() {
						continue
					}
					d := diag.Diagnostic{
						Range: u.Range,
						Message: fmt.Sprintf("%s forwards to %s, but nothing in process group %q listens on port %d: it listens on %s. Every request the proxy forwards fails; point it at the port the app listens on, or make the app listen on %d.",
							describe(l), hostPort(u), g.Name, u.Port, portList(tcp), u.Port),
						Related: []diag.Related{relatedListener(l, describe(l))},
					}
					for _, o := range tcp {
						if len(o.ProxyTo) == 0 {
							d.Related = append(d.Related, relatedListener(o, describe(o)))
						}
					}
					p.Report(d)
				}
			}
		}
	},
})

func hostPort(u listen.Upstream) string {
	h := u.Host
	if h == "" {
		h = "*"
	}
	return h + ":" + strconv.Itoa(u.Port)
}
