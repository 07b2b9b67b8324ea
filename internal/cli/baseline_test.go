package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// copyTree copies the directory src into a new temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// examplesCopy copies testdata/examples to a temporary directory and
// makes it the working directory.
func examplesCopy(t *testing.T) {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	dir := copyTree(t, src)
	// A .git marks the repository root: nothing above it is read.
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

func edit(t *testing.T, path string, f func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(f(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// jsonRules runs flylint with -format json and returns "file:line rule"
// for each finding.
func jsonRules(t *testing.T, wantCode int, args ...string) []string {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"-format", "json"}, args...)...)
	if code != wantCode {
		t.Fatalf("flylint %q: exit %d, want %d; stderr:\n%s", args, code, wantCode, stderr)
	}
	var rep struct {
		Diagnostics []struct {
			Rule string
			File string
			Line int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, stdout)
	}
	out := []string{}
	for _, d := range rep.Diagnostics {
		out = append(out, d.File+":"+itoa(d.Line)+" "+d.Rule)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestBaselineRoundTrip(t *testing.T) {
	examplesCopy(t)
	code, stdout, stderr := run(t, "-write-baseline", ".flylint-baseline.json", ".")
	if code != ExitClean || stdout != "" || stderr != "flylint: wrote 8 findings to .flylint-baseline.json\n" {
		t.Fatalf("-write-baseline: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(".flylint-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\"file\": \"storefront/fly.toml\",\n      \"fingerprint\": ") {
		t.Errorf("baseline paths are not relative to it:\n%s", data)
	}

	code, stdout, stderr = run(t, "-baseline", ".flylint-baseline.json", ".")
	if code != ExitClean || stdout != "" || stderr != "" {
		t.Fatalf("-baseline right after writing: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}

	// Lines added above the findings and re-indentation move them; they
	// stay baselined.
	edit(t, "storefront/fly.toml", func(s string) string {
		return "# storefront\n\n# owned by the web team\n" + strings.ReplaceAll(s, "\n  ", "\n    ")
	})
	edit(t, "python-web/Dockerfile", func(s string) string { return "# syntax=docker/dockerfile:1\n\n" + s })
	if got := jsonRules(t, ExitClean, "-baseline", ".flylint-baseline.json", "."); len(got) != 0 {
		t.Errorf("moved findings reported: %q", got)
	}

	// Changing the flagged line makes it a new finding.
	edit(t, "storefront/fly.toml", func(s string) string {
		return strings.Replace(s, "https://orders-api.flycast/v1", "https://orders-api.flycast/v2", 1)
	})
	want := []string{"storefront/fly.toml:8 flycast-https-url"}
	if got := jsonRules(t, ExitFindings, "-baseline", ".flylint-baseline.json", "."); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("changed line: got %q, want %q", got, want)
	}

	// A new bad app is reported; the old ones are not.
	if err := os.Mkdir("new-app", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("new-app/fly.toml", []byte("app = \"new-app\"\n[http_service]\n  internal_port = \"8080\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := jsonRules(t, ExitFindings, "-baseline", ".flylint-baseline.json", "-disable", "flycast-https-url", ".")
	if len(got) == 0 {
		t.Fatal("the new app's findings are hidden")
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "new-app/") {
			t.Errorf("old finding reported: %s (all: %q)", g, got)
		}
	}

	// Run from a subdirectory: the baseline's paths still match.
	t.Chdir("python-web")
	if code, stdout, stderr := run(t, "-baseline", "../.flylint-baseline.json", "-v", "."); code != ExitClean || stdout != "" ||
		!strings.Contains(stderr, "flylint: baseline ../.flylint-baseline.json hid 3 findings; 0 entries no longer match (fixed or changed)\n") {
		t.Errorf("from a subdirectory: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

func TestBaselineIdenticalLines(t *testing.T) {
	// Two services with the same mistake on identical lines have distinct
	// fingerprints; a third such service is a new finding that a baseline
	// of two does not hide. (Identical fingerprints are counted too; the
	// baseline package tests that.)
	const two = "app = \"x\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = \"80\"\n[[services]]\n  internal_port = 8081\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = \"80\"\n"
	dir := writeApp(t, "fly.toml", two, ".git/HEAD", "")
	t.Chdir(dir)
	if code, _, stderr := run(t, "-enable", "port-as-string", "-write-baseline", "b.json", "."); code != ExitClean || stderr != "flylint: wrote 2 findings to b.json\n" {
		t.Fatalf("write: %d %s", code, stderr)
	}
	edit(t, "fly.toml", func(s string) string {
		return s + "[[services]]\n  internal_port = 8082\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = \"80\"\n"
	})
	got := jsonRules(t, ExitFindings, "-enable", "port-as-string", "-fail-on", "info", "-baseline", "b.json", ".")
	if want := "fly.toml:16 port-as-string"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := writeApp(t, "fly.toml", "app = \"x\n",
		"corrupt.json", `{"version": 1, "tool": "flylint", "findings": [`,
		"v2.json", `{"version": 2, "tool": "flylint", "findings": []}`,
		"sarif.json", `{"version": "2.1.0", "runs": []}`)
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-baseline", "missing.json", "."}, "flylint: -baseline: missing.json does not exist; record one with -write-baseline missing.json\n"},
		{[]string{"-baseline", "corrupt.json", "."}, "flylint: -baseline: corrupt.json: not a flylint baseline: unexpected EOF\n"},
		{[]string{"-baseline", "v2.json", "."}, "flylint: -baseline: v2.json: baseline version 2 is not supported (this flylint reads version 1); write it again with -write-baseline\n"},
		{[]string{"-baseline", "sarif.json", "."}, "flylint: -baseline: sarif.json: not a flylint baseline: json: cannot unmarshal string into Go struct field Baseline.version of type int\n"},
		{[]string{"-baseline", ".", "."}, "flylint: -baseline: . is a directory, not a file\n"},
		{[]string{"-baseline", "v2.json", "-write-baseline", "b.json", "."}, "flylint: -baseline and -write-baseline do not go together: -write-baseline records every current finding\n"},
		{[]string{"-fix", "-write-baseline", "b.json", "."}, "flylint: -fix and -write-baseline do not go together: fix first, then record what is left\n"},
		{[]string{"-write-baseline", "no/such/dir/b.json", "."}, "flylint: -write-baseline no/such/dir/b.json: directory no/such/dir does not exist\n"},
	} {
		code, stdout, stderr := run(t, tc.args...)
		if code != ExitUsage || stdout != "" || !strings.HasPrefix(stderr, tc.want) {
			t.Errorf("flylint %q: exit %d, stdout %q\nstderr: %q\nwant:   %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
}

func TestBaselineWithOtherFormats(t *testing.T) {
	examplesCopy(t)
	if code, _, stderr := run(t, "-write-baseline", "b.json", "-disable", "udp-port-remap", "."); code != ExitClean {
		t.Fatalf("write: %d %s", code, stderr)
	}
	// Only the disabled rule's finding is new.
	code, stdout, stderr := run(t, "-baseline", "b.json", "-format", "sarif", ".")
	if code != ExitFindings {
		t.Fatalf("sarif: exit %d %s", code, stderr)
	}
	var sarif struct {
		Runs []struct {
			Results []struct{ RuleID string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &sarif); err != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 || sarif.Runs[0].Results[0].RuleID != "udp-port-remap" {
		t.Errorf("sarif: %v %+v", err, sarif)
	}
	if got := jsonRules(t, ExitFindings, "-baseline", "b.json", "."); strings.Join(got, "|") != "udp-game/fly.toml:9 udp-port-remap" {
		t.Errorf("json: %q", got)
	}
	// Hiding everything still gives a complete, empty report.
	code, stdout, _ = run(t, "-baseline", "b.json", "-disable", "udp-port-remap", "-format", "json", ".")
	if code != ExitClean || !strings.Contains(stdout, `"diagnostics": []`) {
		t.Errorf("empty json: exit %d %s", code, stdout)
	}
}
