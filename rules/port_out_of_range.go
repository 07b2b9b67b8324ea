package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var PortOutOfRange = Register(&Rule{
	ID:       "port-out-of-range",
	Severity: diag.Error,
	Title:    "A port is outside 1-65535 or a port range is incomplete",
	Since:    "0.1.0",
	Why: `A port in fly.toml is outside 1–65535, a port range has ` + "`start_port`" + ` after ` + "`end_port`" + ` or only one of the two, or a ` + "`[[services.ports]]`" + ` entry sets no port at all.

TCP and UDP ports are 16-bit numbers from 1 to 65535; port 0 cannot be listened on or connected to. A ` + "`[[services.ports]]`" + ` entry needs either ` + "`port`" + `, or both ` + "`start_port`" + ` and ` + "`end_port`" + ` for a range, with the start not after the end. Fix the number, or complete the range.`,
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  internal_port = 80800
  protocol = "tcp"
  [[services.ports]]
    start_port = 9000`,
	Good: `[[services]]
  internal_port = 8080
  protocol = "tcp"
  [[services.ports]]
    start_port = 9000
    end_port = 9009`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#services-ports",
		"https://fly.io/docs/reference/configuration/#the-checks-section",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		check := func(f flytoml.Field[int], what string) bool {
			if f.Set && f.OK && (f.V < 1 || f.V > 65535) {
				p.Reportf(f.Value, "%s %d is not a port: ports are 1 to 65535, and nothing can listen on or connect to %d. Set it to the port you mean.", what, f.V, f.V)
				return false
			}
			return true
		}
		if h := cfg.HTTPService; h != nil {
			check(h.InternalPort, "internal_port")
		}
		for _, s := range cfg.Services {
			if s == nil {
				continue
			}
			check(s.InternalPort, "internal_port")
			for _, sp := range s.Ports {
				if sp != nil {
					checkServicePort(p, sp, check)
				}
			}
		}
		for _, c := range cfg.Checks {
			if c != nil {
				check(c.Port, fmt.Sprintf("[checks.%s] port", c.Name))
			}
		}
		for _, m := range cfg.Metrics {
			if m != nil {
				check(m.Port, "[[metrics]] port")
			}
		}
	},
})

func checkServicePort(p *Pass, sp *flytoml.ServicePort, check func(flytoml.Field[int], string) bool) {
	check(sp.Port, "port")
	okStart := check(sp.StartPort, "start_port")
	okEnd := check(sp.EndPort, "end_port")
	start, end := sp.StartPort, sp.EndPort
	switch {
	case start.Set && !end.Set:
		p.Reportf(start.Key, "start_port is set without end_port, so this port range has no end. A range needs both; add end_port (the last port of the range), or use port = %s for a single port.", rangeValue(start))
	case end.Set && !start.Set:
		p.Reportf(end.Key, "end_port is set without start_port, so this port range has no start. A range needs both; add start_port (the first port of the range), or use port = %s for a single port.", rangeValue(end))
	case start.OK && end.OK && okStart && okEnd && start.V > end.V:
		p.Report(diag.Diagnostic{Range: start.Value,
			Message: fmt.Sprintf("start_port %d is after end_port %d, so the range holds no port. Swap them: start_port = %d, end_port = %d.", start.V, end.V, end.V, start.V)})
	case !sp.Port.Set && !start.Set && !end.Set:
		p.Reportf(sectionAt(p, sp.Section), "This [[services.ports]] entry sets no port, so it accepts connections on none. Add port = <external port>, or start_port and end_port for a range.")
	}
}

// rangeValue is the value of a half range for a suggestion, or a
// placeholder when it is not a number.
func rangeValue(f flytoml.Field[int]) string {
	if f.OK {
		return fmt.Sprint(f.V)
	}
	return "<port>"
}
