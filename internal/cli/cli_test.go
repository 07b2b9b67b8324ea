package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// writeApp makes a one-app directory from name→content pairs.
func writeApp(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const cleanApp = `app = "ok"
[env]
  PORT = "8080"
[http_service]
  internal_port = 8080
`

func TestExitCodes(t *testing.T) {
	clean := writeApp(t, "fly.toml", cleanApp)
	broken := writeApp(t, "fly.toml", "app = \"x\n")
	empty := t.TempDir()
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"clean app", []string{clean}, ExitClean, ""},
		{"toml syntax error is a finding", []string{broken}, ExitFindings, ""},
		{"syntax error below -fail-on", []string{"-fail-on", "error", broken}, ExitFindings, ""},
		{"missing path", []string{filepath.Join(empty, "nope")}, ExitUsage, "no such file or directory"},
		{"directory without apps", []string{empty}, ExitUsage, "no fly.toml"},
		{"unknown flag", []string{"-frobnicate", clean}, ExitUsage, "flag provided but not defined"},
		{"unknown format", []string{"-format", "xml", clean}, ExitUsage, "unknown format"},
		{"unknown rule", []string{"-disable", "no-such-rule", clean}, ExitUsage, "unknown rule"},
		{"bad severity", []string{"-fail-on", "fatal", clean}, ExitUsage, "unknown severity"},
		{"flags after paths", []string{clean, "-format", "json"}, ExitClean, ""},
		{"explain unknown", []string{"explain", "nope"}, ExitUsage, `unknown rule "nope" (flylint rules lists them)`},
		{"explain the go vet analyzer's name", []string{"explain", "loopbackbind"}, ExitUsage, `unknown rule "loopbackbind"; did you mean "loopback-bind"?`},
		{"explain an analyzer named unlike its rule", []string{"explain", "ipv6only"}, ExitUsage, `did you mean "proxied-port-ipv6-only"?`},
		{"explain with underscores and capitals", []string{"explain", "Loopback_Bind"}, ExitUsage, `did you mean "loopback-bind"?`},
		{"explain a typo", []string{"explain", "loopback-bnd"}, ExitUsage, `did you mean "loopback-bind"?`},
		{"version", []string{"version"}, ExitClean, ""},
		{"-version", []string{"-version"}, ExitClean, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.args...)
			if strings.HasSuffix(tc.name, "version") && stdout != "flylint "+build().String()+"\n" {
				t.Errorf("stdout %q, want the version", stdout)
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.inStderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tc.inStderr)
			}
		})
	}
}

func TestOutputFileIsAtomicAndComplete(t *testing.T) {
	app := writeApp(t, "fly.toml", "app = \"x\n")
	out := filepath.Join(t.TempDir(), "report.json")
	code, stdout, stderr := run(t, "-format", "json", "-o", out, app)
	if code != ExitFindings || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Version     string
		Diagnostics []struct{ Rule string }
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("report is not valid JSON: %v", err)
	}
	if rep.Version != build().Short() || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Rule != "toml-syntax" {
		t.Errorf("report = %+v", rep)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".flylint-*"))
	if len(leftovers) > 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}
	// An unwritable destination is an I/O error and leaves nothing behind.
	code, _, stderr = run(t, "-format", "json", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "r.json"), app)
	if code != ExitUsage || !strings.Contains(stderr, "-o") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestCleanJSONHasEmptyList(t *testing.T) {
	app := writeApp(t, "fly.toml", cleanApp)
	code, stdout, _ := run(t, "-format", "json", app)
	if code != ExitClean || !strings.Contains(stdout, `"diagnostics": []`) {
		t.Errorf("exit %d, output %s", code, stdout)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, stdout, _ := run(t, "rules")
	if code != ExitClean || !strings.Contains(stdout, "toml-syntax") {
		t.Fatalf("rules: exit %d, %s", code, stdout)
	}
	code, stdout, _ = run(t, "explain", "toml-syntax")
	if code != ExitClean || !strings.HasPrefix(stdout, "# toml-syntax\n") || !strings.Contains(stdout, "## Triggers") {
		t.Fatalf("explain: exit %d, %s", code, stdout)
	}
}

func TestConfigErrorsExit2WithPosition(t *testing.T) {
	app := writeApp(t, "fly.toml", cleanApp, ".flylint.toml", "fail-on = \"warning\"\nfail_on = \"error\"\n", ".git/HEAD", "")
	code, _, stderr := run(t, app)
	if code != ExitUsage || !strings.Contains(stderr, ".flylint.toml:2:1") || !strings.Contains(stderr, "fail-on") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestConfigDisablesAndOverridesSeverity(t *testing.T) {
	const bad = "app = \"x\"\n[experimental]\n  cmd = \"node server.js\"\n"
	app := writeApp(t, "fly.toml", bad, ".git/HEAD", "")
	if code, _, _ := run(t, app); code != ExitFindings {
		t.Fatalf("without config: exit %d, want findings", code)
	}
	os.WriteFile(filepath.Join(app, ".flylint.toml"), []byte("[severity]\nexperimental-cmd-string = \"info\"\n"), 0o644)
	code, stdout, _ := run(t, app)
	if code != ExitClean || !strings.Contains(stdout, "info:") {
		t.Errorf("severity override: exit %d, %s", code, stdout)
	}
	os.WriteFile(filepath.Join(app, ".flylint.toml"), []byte("disable = [\"experimental-cmd-string\"]\n"), 0o644)
	if code, stdout, _ := run(t, app); code != ExitClean || stdout != "" {
		t.Errorf("disabled: exit %d, %s", code, stdout)
	}
}

func TestInlineIgnore(t *testing.T) {
	const bad = "app = \"x\"\n[experimental]\n  cmd = \"node server.js\"  # flylint:ignore experimental-cmd-string the image has such a binary\n"
	app := writeApp(t, "fly.toml", bad, ".git/HEAD", "")
	if code, stdout, _ := run(t, app); code != ExitClean {
		t.Errorf("suppressed: exit %d, %s", code, stdout)
	}
	if code, _, _ := run(t, "-no-inline-ignore", app); code != ExitFindings {
		t.Errorf("-no-inline-ignore: exit %d, want findings", code)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != ExitClean {
		t.Fatalf("init: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".flylint.toml")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "init", dir); code != ExitUsage || !strings.Contains(stderr, "already exists") {
		t.Errorf("second init: exit %d, %s", code, stderr)
	}
}

func TestFixAndDiff(t *testing.T) {
	const bad = "# keep me\napp = \"x\"\n[experimental]\n  cmd = \"node server.js\"   # and me\n"
	app := writeApp(t, "fly.toml", bad, ".git/HEAD", "")
	t.Chdir(app)
	// -fix -diff exits as the lint after the fix would: clean.
	code, stdout, _ := run(t, "-fix", "-diff", ".")
	if code != ExitClean || !strings.Contains(stdout, "-  cmd = \"node server.js\"   # and me\n+  cmd = [\"node\", \"server.js\"]   # and me\n") {
		t.Fatalf("-diff: exit %d\n%s", code, stdout)
	}
	if data, _ := os.ReadFile("fly.toml"); string(data) != bad {
		t.Fatal("-diff wrote the file")
	}
	if code, _, stderr := run(t, "-fix", "."); code != ExitClean {
		t.Fatalf("-fix: exit %d, %s", code, stderr)
	}
	want := "# keep me\napp = \"x\"\n[experimental]\n  cmd = [\"node\", \"server.js\"]   # and me\n"
	if data, _ := os.ReadFile("fly.toml"); string(data) != want {
		t.Errorf("after -fix:\n%s", data)
	}
	if code, stdout, _ := run(t, "."); code != ExitClean {
		t.Errorf("after -fix, still findings: %s", stdout)
	}
}
