package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/source"
)

var CheckTiming = Register(&Rule{
	ID:       "check-timing",
	Severity: diag.Error,
	Title:    "A health check has a type or timing flyctl rejects or changes",
	Since:    "0.1.0",
	Why: `A health check's type or timing is outside what flyctl accepts: for a top-level ` + "`[checks.<name>]`" + ` that stops the deploy (error); for a check inside a service the value is changed and flyctl warns (warning).

flyctl's validation requires, for ` + "`[checks.<name>]`" + `: ` + "`type`" + ` ` + "`\"http\"`" + ` or ` + "`\"tcp\"`" + `, ` + "`interval`" + ` at least 2 seconds, ` + "`timeout`" + ` at most 60 seconds. For ` + "`[[services.tcp_checks]]`" + `, ` + "`[[services.http_checks]]`" + ` and ` + "`[[http_service.checks]]`" + ` it warns that an ` + "`interval`" + ` or ` + "`timeout`" + ` under 1 second, or a non-zero ` + "`grace_period`" + ` under 1 second, will be raised to 1 second, and that any of them over 1 minute will be lowered to 1 minute. A bare number in ` + "`[checks]`" + ` and ` + "`[[services]]`" + ` checks means milliseconds (` + "`interval = 15`" + ` is 15 ms); write durations as strings such as ` + "`\"15s\"`" + `.`,
	ExampleFile: "fly.toml",
	Bad: `[checks.alive]
  type = "http"
  port = 8080
  path = "/healthz"
  interval = 1000
  timeout = "2m"`,
	Good: `[checks.alive]
  type = "http"
  port = 8080
  path = "/healthz"
  interval = "15s"
  timeout = "10s"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-checks-section",
		"https://fly.io/docs/reference/configuration/#services-tcp_checks",
		"https://fly.io/docs/reference/health-checks/",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "checks"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		t := &timingCheck{p: p, nanos: map[source.Range]bool{}}
		for _, pr := range cfg.Problems {
			if pr.Code == flytoml.CodeNanoseconds {
				t.nanos[pr.Range] = true
			}
		}
		for _, c := range cfg.Checks {
			if c != nil {
				t.machineCheck(c)
			}
		}
		if h := cfg.HTTPService; h != nil {
			for _, c := range h.Checks {
				t.serviceCheck(c, "[[http_service.checks]]")
			}
		}
		for _, s := range cfg.Services {
			if s == nil {
				continue
			}
			for _, c := range s.TCPChecks {
				t.serviceCheck(c, "[[services.tcp_checks]]")
			}
			for _, c := range s.HTTPChecks {
				t.serviceCheck(c, "[[services.http_checks]]")
			}
		}
	},
})

type timingCheck struct {
	p *Pass
	// nanos are bare numbers flyctl reads as nanoseconds;
	// invalid-value-type reports them already.
	nanos map[source.Range]bool
}

// value returns a duration that flyctl sees: set, valid, and not the
// empty string, which flyctl's patch turns into no value.
func (t *timingCheck) value(d flytoml.Duration) (time.Duration, bool) {
	if !d.Set || !d.OK || t.nanos[d.Value] || isEmptyStringLiteral(t.p, d.Value) {
		return 0, false
	}
	return d.V, true
}

// written describes how a duration was written, for messages.
func written(d flytoml.Duration) string {
	if d.Kind == flytoml.KindInt || d.Kind == flytoml.KindFloat {
		return fmt.Sprintf("%v (a bare number means milliseconds)", d.V)
	}
	return d.V.String()
}

func (t *timingCheck) machineCheck(c *flytoml.Check) {
	p := t.p
	name := fmt.Sprintf("[checks.%s]", c.Name)
	switch ty := c.Type; {
	case !ty.Set:
		p.Reportf(sectionAt(p, c.Section), `Check %q has no type, and flyctl refuses a top-level check without one ("Missing or invalid check type, must be 'http' or 'tcp'"). Add type = "http" or type = "tcp".`, c.Name)
	case ty.OK && ty.V != "http" && ty.V != "tcp":
		d := diag.Diagnostic{Range: ty.Value, Message: fmt.Sprintf(`%s type %q is not "http" or "tcp", the only check types flyctl accepts, so fly deploy fails. Write type = "http" or type = "tcp".`, name, ty.V)}
		if l := strings.ToLower(strings.TrimSpace(ty.V)); l == "http" || l == "tcp" {
			d.Message = fmt.Sprintf(`%s type %q is not %q: flyctl compares the check type exactly and refuses anything but "http" and "tcp", so fly deploy fails. Write type = %q.`, name, ty.V, l, l)
			d.Fixes = replaceStringFix(p, ty.Value, l, fmt.Sprintf("Write %q", l))
		}
		p.Report(d)
	}
	if v, ok := t.value(c.Interval); ok && v < 2*time.Second {
		p.Reportf(c.Interval.Value, "%s interval is %s, under the 2-second minimum of Fly's Machines API, so flyctl refuses to deploy. Set interval to \"2s\" or more (for example \"15s\").", name, written(c.Interval))
	}
	if v, ok := t.value(c.Timeout); ok && v > 60*time.Second {
		p.Reportf(c.Timeout.Value, "%s timeout is %s, over the 60-second maximum of Fly's Machines API, so flyctl refuses to deploy. Set timeout to \"60s\" or less.", name, written(c.Timeout))
	}
}

func (t *timingCheck) serviceCheck(c *flytoml.ServiceCheck, section string) {
	if c == nil {
		return
	}
	t.serviceDuration(c.Interval, section, "interval", false)
	t.serviceDuration(c.Timeout, section, "timeout", false)
	t.serviceDuration(c.GracePeriod, section, "grace_period", true)
}

func (t *timingCheck) serviceDuration(d flytoml.Duration, section, key string, zeroOK bool) {
	v, ok := t.value(d)
	if !ok {
		return
	}
	var msg string
	switch {
	case zeroOK && v == 0:
		return
	case v < time.Second:
		msg = fmt.Sprintf("%s %s is %s, under 1 second; flyctl warns that it will be raised to 1 second, so the check does not run as written. Set %s to \"1s\" or more.", section, key, written(d), key)
	case v > time.Minute:
		msg = fmt.Sprintf("%s %s is %s, over 1 minute; flyctl warns that it will be lowered to 1 minute, so the check does not run as written. Set %s to \"1m\" or less.", section, key, written(d), key)
	default:
		return
	}
	t.p.Report(diag.Diagnostic{Range: d.Value, Severity: diag.Warning, Message: msg})
}
