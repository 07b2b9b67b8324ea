package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var InternalURLAutostop = Register(&Rule{
	ID:       "internal-url-autostop",
	Severity: diag.Info,
	Title:    "An .internal address names an app whose Machines auto-stop",
	Since:    "0.1.0",
	Why: "A reference to `<app>.internal` names an app whose services stop idle Machines (`auto_stop_machines = \"stop\"` or `\"suspend\"`) with no `min_machines_running`.\n\n" +
		"Fly Proxy stops and starts Machines by the traffic it routes, but `.internal` connections go straight to the Machines over the private network and never pass through the proxy: they neither wake a stopped Machine nor keep one running, and stopped Machines drop out of `.internal` DNS. Once the app scales to zero, the name stops resolving. Call the app over Flycast (`http://<app>.flycast`, after `fly ips allocate-v6 --private`), which starts Machines on demand, or keep one running with `min_machines_running = 1`.",
	ExampleFile: "fly.toml",
	Bad: `# web/fly.toml
[env]
  API_URL = "http://api.internal:8080"

# api/fly.toml: app = "api"
#   [http_service]
#     internal_port = 8080
#     auto_stop_machines = "stop"`,
	Good: `# web/fly.toml
[env]
  API_URL = "http://api.flycast"

# api/fly.toml: app = "api"
#   [http_service]
#     internal_port = 8080
#     auto_stop_machines = "stop"`,
	URLs: []string{
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/blueprints/autostart-internal-apps/",
		"https://fly.io/docs/launch/autostop-autostart/",
	},
	Tags: []string{"private-networking", "flycast"},
	Check: func(p *Pass) {
		internalRefs(p, func(r *workspace.Ref, targets []*workspace.App) {
			stops, ok := holdsForAll(targets, func(t *workspace.App) (*flytoml.Field[string], bool) {
				f := autoStopField(t)
				return f, f != nil
			})
			if !ok {
				return
			}
			p.Report(diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s reaches %s over the private network, but that app stops idle Machines (auto_stop_machines = %q). "+
					".internal connections bypass Fly Proxy, so they never start a stopped Machine and stopped Machines leave .internal DNS; "+
					"call http://%s.flycast instead, which starts Machines on demand, or keep one running with min_machines_running = 1.", r.Text, appLabel(targets[0]), stops[0].V, r.Target),
				Related: []diag.Related{{Range: stops[0].Value, Message: "the target app stops idle Machines here"}},
			})
		})
	},
})

// autoStopField returns the setting by which an app's services stop all
// their idle Machines, or nil when every service keeps at least one
// running (min_machines_running > 0) or none stops any.
func autoStopField(a *workspace.App) *flytoml.Field[string] {
	cfg := a.Config
	if cfg == nil {
		return nil
	}
	check := func(stop *flytoml.Field[string], min flytoml.Field[int]) *flytoml.Field[string] {
		if !stop.Set || !stop.OK || (stop.V != "stop" && stop.V != "suspend") {
			return nil
		}
		if min.OK && min.V > 0 {
			return nil
		}
		return stop
	}
	if h := cfg.HTTPService; h != nil {
		if f := check(&h.AutoStopMachines, h.MinMachinesRunning); f != nil {
			return f
		}
	}
	for _, s := range cfg.Services {
		if s == nil {
			continue
		}
		if f := check(&s.AutoStopMachines, s.MinMachinesRunning); f != nil {
			return f
		}
	}
	return nil
}
