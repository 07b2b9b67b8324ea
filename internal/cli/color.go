package cli

import (
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/report"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// getenv is os.Getenv; tests replace it.
var getenv = os.Getenv

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorFor decides whether output to w is coloured under -color mode:
// never and always say so; auto colours a terminal unless NO_COLOR is
// set (no-color.org), and FORCE_COLOR (force-color.org) colours any w.
// TERM=dumb turns colour off in auto mode, as terminals that set it
// cannot show it.
func colorFor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "never":
		return false, nil
	case "always":
		return true, nil
	case "auto", "":
	default:
		return false, usagef("-color: want auto, always or never, not %q", mode)
	}
	if getenv("NO_COLOR") != "" {
		return false, nil
	}
	if f := getenv("FORCE_COLOR"); f != "" && f != "0" && f != "false" {
		return true, nil
	}
	return isTerminal(w) && getenv("TERM") != "dumb", nil
}

// printSummary writes the line that ends a text report on stderr:
// "flylint: 2 errors, 1 warning in 3 apps". A clean run says so only on
// a terminal, so hooks and scripts stay quiet when all is well.
func printSummary(stderr io.Writer, diags []diag.Diagnostic, ws *workspace.Workspace, color bool) {
	counts := map[diag.Severity]int{}
	for _, d := range diags {
		counts[d.Severity]++
	}
	apps := plural(len(ws.Apps), "app")
	if len(diags) == 0 {
		if isTerminal(stderr) {
			say(stderr, "flylint: no findings in %s\n", apps)
		}
		return
	}
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if n := counts[s]; n > 0 {
			part := plural(n, s.String())
			if color {
				part = report.SeverityColor(s) + part + "\x1b[0m"
			}
			parts = append(parts, part)
		}
	}
	say(stderr, "flylint: %s in %s\n", strings.Join(parts, ", "), apps)
}
