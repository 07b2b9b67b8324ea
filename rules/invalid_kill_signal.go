package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var InvalidKillSignal = Register(&Rule{
	ID:       "invalid-kill-signal",
	Severity: diag.Error,
	Title:    "kill_signal is not a signal Fly can send",
	Since:    "0.2.0",
	Why: "`kill_signal` names a signal Fly does not send to stop a Machine.\n\n" +
		"Fly stops a Machine (on every deploy, scale-down and auto-stop) by sending `kill_signal` to its main process, then waits `kill_timeout` before killing it. " +
		"Fly accepts `SIGINT` (the default), `SIGTERM`, `SIGQUIT`, `SIGUSR1`, `SIGUSR2`, `SIGKILL` and `SIGSTOP`, written exactly so: flyctl passes the value on unchecked, so the mistake shows only when the Machines are updated. " +
		"Write the full upper-case name; `SIGTERM` is what most servers (and Docker's `docker stop`) expect for a graceful shutdown.",
	ExampleFile: "fly.toml",
	Bad: `app = "web"
kill_signal = "TERM"`,
	Good: `app = "web"
kill_signal = "SIGTERM"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#runtime-options",
		"https://community.fly.io/t/new-feature-graceful-vm-shutdown-options/504",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || !cfg.KillSignal.OK || slices.Contains(flytoml.KillSignals, cfg.KillSignal.V) {
			return
		}
		ks := cfg.KillSignal
		d := diag.Diagnostic{Range: ks.Value, Message: fmt.Sprintf(
			"kill_signal = %q is not a signal Fly sends to stop a Machine, so updating the Machines fails. Use one of %s.",
			ks.V, strings.Join(flytoml.KillSignals, ", "))}
		if to := killSignalMeant(ks.V); to != "" {
			d.Message = fmt.Sprintf("kill_signal = %q is not a signal Fly sends to stop a Machine, so updating the Machines fails; Fly spells it %q. Write kill_signal = %q.", ks.V, to, to)
			d.Fixes = replaceStringFix(p, ks.Value, to, fmt.Sprintf("Write %q", to))
		}
		p.Report(d)
	},
})

// killSignalMeant maps the spellings people write for an accepted signal
// ("term", "SIGTERM " or its number) to Fly's; "" when none is meant.
func killSignalMeant(s string) string {
	v := strings.ToUpper(strings.TrimSpace(s))
	if n, err := strconv.Atoi(v); err == nil {
		// Linux numbers, which is what a Machine runs.
		v = map[int]string{2: "SIGINT", 15: "SIGTERM", 3: "SIGQUIT", 10: "SIGUSR1", 12: "SIGUSR2", 9: "SIGKILL", 19: "SIGSTOP"}[n]
	}
	if !strings.HasPrefix(v, "SIG") {
		v = "SIG" + v
	}
	if slices.Contains(flytoml.KillSignals, v) {
		return v
	}
	return ""
}
