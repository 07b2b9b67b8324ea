package cli

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
)

func TestColorFor(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode string
		env  map[string]string
		tty  bool
		want bool
	}{
		{"auto on a terminal", "auto", nil, true, true},
		{"auto into a pipe", "auto", nil, false, false},
		{"NO_COLOR on a terminal", "auto", map[string]string{"NO_COLOR": "1"}, true, false},
		{"FORCE_COLOR into a pipe", "auto", map[string]string{"FORCE_COLOR": "1"}, false, true},
		{"FORCE_COLOR=0 is no force", "auto", map[string]string{"FORCE_COLOR": "0"}, false, false},
		{"NO_COLOR wins over FORCE_COLOR", "auto", map[string]string{"NO_COLOR": "1", "FORCE_COLOR": "1"}, true, false},
		{"TERM=dumb", "auto", map[string]string{"TERM": "dumb"}, true, false},
		{"always into a pipe", "always", map[string]string{"NO_COLOR": "1"}, false, true},
		{"never on a terminal", "never", map[string]string{"FORCE_COLOR": "1"}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeTerminal(t, tc.tty, tc.env)
			got, err := colorFor(tc.mode, io.Discard)
			if err != nil || got != tc.want {
				t.Errorf("colorFor(%q) = %v, %v; want %v", tc.mode, got, err, tc.want)
			}
		})
	}
	if _, err := colorFor("sometimes", io.Discard); err == nil || !strings.Contains(err.Error(), "want auto, always or never") {
		t.Errorf("a bad -color value: %v", err)
	}
}

// fakeTerminal makes every writer a terminal (or none) with env as the
// whole environment, for the rest of the test.
func fakeTerminal(t *testing.T, tty bool, env map[string]string) {
	t.Helper()
	oldTerm, oldEnv := isTerminal, getenv
	isTerminal = func(io.Writer) bool { return tty }
	getenv = func(k string) string { return env[k] }
	t.Cleanup(func() { isTerminal, getenv = oldTerm, oldEnv })
}

func TestSummaryLine(t *testing.T) {
	clean := writeApp(t, "fly.toml", "app = \"web\"\n")
	// One error (a signal Fly cannot send) and one warning (two [[vm]]
	// sections, the second ignored).
	bad := writeApp(t, "fly.toml", "app = \"web\"\nkill_signal = \"TERM\"\n[[vm]]\n  size = \"shared-cpu-1x\"\n[[vm]]\n  size = \"shared-cpu-2x\"\n")
	for _, tc := range []struct {
		name    string
		tty     bool
		args    []string
		code    int
		want    string
		noColor bool
	}{
		{"findings into a pipe", false, []string{"-color", "never", bad}, ExitFindings, "flylint: 1 error, 1 warning in 1 app\n", true},
		{"findings, coloured on a terminal", true, []string{bad}, ExitFindings, "flylint: \x1b[1;31m1 error\x1b[0m, \x1b[1;33m1 warning\x1b[0m in 1 app\n", false},
		{"clean on a terminal", true, []string{"-color", "never", clean}, ExitClean, "flylint: no findings in 1 app\n", true},
		{"clean into a pipe: quiet", false, []string{clean}, ExitClean, "", true},
		{"json: no summary", true, []string{"-format", "json", bad}, ExitFindings, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeTerminal(t, tc.tty, nil)
			var stdout, stderr bytes.Buffer
			if code := Run(tc.args, &stdout, &stderr); code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
			if stderr.String() != tc.want {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.want)
			}
			if tc.noColor && bytes.Contains(stdout.Bytes(), []byte("\x1b[")) {
				t.Errorf("colour in a report that must have none:\n%s", stdout.String())
			}
		})
	}
}

// summaryLine is the line printSummary writes.
var summaryLine = regexp.MustCompile(`(?m)^flylint: (no findings|\d+ (errors?|warnings?|infos?)(, \d+ (warnings?|infos?))*) in \d+ apps?\n`)

// withoutSummary is a run's stderr without its summary line, for tests
// of what else a run says.
func withoutSummary(stderr string) string {
	return summaryLine.ReplaceAllString(stderr, "")
}

func TestWithoutSummary(t *testing.T) {
	for in, want := range map[string]string{
		"flylint: 1 error, 2 warnings, 1 info in 3 apps\n":          "",
		"fixed fly.toml\nflylint: 1 warning in 1 app\n":             "fixed fly.toml\n",
		"flylint: no findings in 2 apps\nflylint: -o x: is a dir\n": "flylint: -o x: is a dir\n",
		"flylint: 1 error in fly.toml\n":                            "flylint: 1 error in fly.toml\n",
	} {
		if got := withoutSummary(in); got != want {
			t.Errorf("withoutSummary(%q) = %q, want %q", in, got, want)
		}
	}
}
