package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var InternalTargetPort = Register(&Rule{
	ID:       "internal-target-port",
	Severity: diag.Warning,
	Title:    "An .internal address names a port the target app does not listen on",
	Since:    "0.1.0",
	Why: "A reference to `<app>.internal:<port>` (port 80 for `http://`) names a port that app's processes do not listen on.\n\n" +
		"`.internal` names resolve to the Machines' private IPv6 addresses, and connections go straight to the process, bypassing Fly Proxy: the external ports of `[http_service]` and `[[services]]` (80, 443) play no part, and only the port the process itself listens on answers. A common slip is `http://<app>.internal` (port 80) for an app whose server listens on 8080. Use the port the process listens on, e.g. `http://<app>.internal:8080`.\n\n" +
		"flylint reports this only when it knows every port the target's processes listen on.",
	ExampleFile: "fly.toml",
	Bad: `# web/fly.toml
[env]
  API_URL = "http://api.internal"

# api/fly.toml: app = "api"
#   [processes]
#     app = "uvicorn main:app --host :: --port 8080"`,
	Good: `# web/fly.toml
[env]
  API_URL = "http://api.internal:8080"

# api/fly.toml: app = "api"
#   [processes]
#     app = "uvicorn main:app --host :: --port 8080"`,
	URLs: []string{
		"https://fly.io/docs/networking/private-networking/",
		"https://fly.io/docs/networking/app-services/",
	},
	Tags: []string{"private-networking", "ports"},
	Check: func(p *Pass) {
		internalRefs(p, func(r *workspace.Ref, targets []*workspace.App) {
			port := refPort(r)
			if port <= 0 {
				return
			}
			// Each target must be known to leave the port unserved: no
			// group listens on it and every group's listeners are known.
			perTarget, ok := holdsForAll(targets, func(t *workspace.App) ([]listen.Listener, bool) {
				var all []listen.Listener
				for _, g := range t.Groups {
					on, complete := listenersOn(g, port)
					if len(on) > 0 || !complete {
						return nil, false
					}
					all = append(all, g.Listeners...)
				}
				return all, len(t.Groups) > 0
			})
			// Something must be known to listen somewhere, or there is
			// nothing to say the reference should have used instead.
			listening := slices.Concat(perTarget...)
			if !ok || len(listening) == 0 {
				return
			}
			d := diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s connects to port %d of %s, but its processes listen only on %s. "+
					".internal addresses reach the Machine directly, bypassing Fly Proxy, so service ports such as 80 and 443 do not apply and nothing answers on port %d; "+
					"use the port the process listens on.", r.Text, port, appLabel(targets[0]), certainPortList(listening), port),
			}
			for _, l := range listening {
				d.Related = append(d.Related, relatedListener(l, describe(l)))
			}
			p.Report(d)
		})
	},
})

// certainPortList lists listeners' distinct ports for messages.
func certainPortList(ls []listen.Listener) string {
	var parts []string
	seen := map[int]bool{}
	for _, l := range ls {
		if n, ok := certainPort(l); ok && !seen[n] {
			seen[n] = true
			parts = append(parts, strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ", ")
}
