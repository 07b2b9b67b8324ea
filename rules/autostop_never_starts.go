package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var AutostopNeverStarts = Register(&Rule{
	ID:       "autostop-never-starts",
	Severity: diag.Warning,
	Title:    "Fly Proxy stops this service's Machines and never starts them again",
	Since:    "0.2.0",
	Why: "A service has `auto_stop_machines` on (`\"stop\"`, `\"suspend\"` or `true`), `auto_start_machines = false`, and no `min_machines_running`.\n\n" +
		"Fly Proxy stops (or suspends) a Machine whenever a region has spare capacity, down to `min_machines_running` (0 by default), and with `auto_start_machines = false` it never starts one again when requests arrive. " +
		"After the first quiet spell every Machine is stopped and the app answers nothing until someone runs `fly machine start` or deploys. " +
		"Set `auto_start_machines = true` (what `fly launch` writes), keep Machines running with `min_machines_running = 1`, or turn `auto_stop_machines` off.",
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080
  auto_stop_machines = "stop"
  auto_start_machines = false`,
	Good: `[http_service]
  internal_port = 8080
  auto_stop_machines = "stop"
  auto_start_machines = true
  min_machines_running = 0`,
	URLs: []string{
		"https://fly.io/docs/launch/autostop-autostart/",
		"https://fly.io/docs/reference/fly-proxy-autostop-autostart/",
	},
	Tags: []string{"availability"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		if h := cfg.HTTPService; h != nil {
			checkAutostop(p, "[http_service]", h.AutoStopMachines, h.AutoStartMachines, h.MinMachinesRunning)
		}
		for _, s := range cfg.Services {
			// auto_start_machines does nothing for UDP, which never
			// passes through Fly Proxy: udp-auto-stop tells that case.
			if s != nil && !(s.Protocol.OK && strings.EqualFold(s.Protocol.V, "udp")) {
				checkAutostop(p, "This [[services]] entry", s.AutoStopMachines, s.AutoStartMachines, s.MinMachinesRunning)
			}
		}
	},
})

func checkAutostop(p *Pass, what string, stop flytoml.Field[string], start flytoml.Field[bool], minRunning flytoml.Field[int]) {
	if !stop.OK || stop.V == "off" || !start.OK || start.V || (minRunning.OK && minRunning.V > 0) {
		return
	}
	d := diag.Diagnostic{
		Range: start.Value,
		Message: fmt.Sprintf("%s lets Fly Proxy stop idle Machines (auto_stop_machines = %q) but never start them (auto_start_machines = false), and keeps none running (min_machines_running is 0), "+
			"so after the first quiet spell the app stays down until someone starts a Machine by hand. Set auto_start_machines = true, or min_machines_running = 1.", what, stop.V),
	}
	d.Fixes = replaceBoolFix(p, start.Value, "true", "Let Fly Proxy start Machines on demand")
	p.Report(d)
}
