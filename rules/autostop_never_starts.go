package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
)

var AutostopNeverStarts = Register(&Rule{
	ID:       "autostop-never-starts",
	Severity: diag.Warning,
	Title:    "Fly Proxy stops this service's Machines and never starts them again",
	Since:    "0.2.0",
	Why: "A service has `auto_stop_machines` on (`\"stop\"`, `\"suspend\"` or `true`), `auto_start_machines = false`, and no `min_machines_running`.\n\n" +
		"Fly Proxy stops (or suspends) a Machine whenever a region has spare capacity, down to `min_machines_running` (0 by default), and with `auto_start_machines = false` it never starts one again when requests arrive. " +
		"After the first quiet spell every Machine is stopped and the app answers nothing until someone runs `fly machine start` or deploys. " +
		"Fly Proxy applies the lowest `auto_stop_machines` among the services of a process group (flyctl's deploy says so, an unset one counting as `\"off\"`), so the rule stays quiet when another service of the group keeps autostop off.\n\n" +
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
		"https://github.com/superfly/flyctl/blob/ad0172face303b77584eea95b46fa3ddc61d5ddd/internal/command/deploy/machines_deploymachinesapp.go#L386-L404",
	},
	Tags: []string{"availability"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			// auto_start_machines does nothing for UDP, which never
			// passes through Fly Proxy: udp-auto-stop tells that case.
			// And Fly Proxy takes the lowest auto_stop_machines of a
			// group's services, so the Machines stop only when every
			// service of some group of this one lets them.
			if s.Proto == listen.UDP {
				continue
			}
			if g, _ := stoppableGroup(p.App, s); g == "" {
				continue
			}
			switch {
			case s.HTTP != nil:
				checkAutostop(p, "[http_service]", s.HTTP.AutoStopMachines, s.HTTP.AutoStartMachines, s.HTTP.MinMachinesRunning)
			case s.Service != nil:
				checkAutostop(p, "This [[services]] entry", s.Service.AutoStopMachines, s.Service.AutoStartMachines, s.Service.MinMachinesRunning)
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
