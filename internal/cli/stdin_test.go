package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunIO(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// -stdin-filename lints the buffer in place of the file on disk, reports
// only the buffer's findings, and writes nothing.
func TestStdinFilename(t *testing.T) {
	dir := writeApp(t,
		"web/fly.toml", "app = \"web\"\n\n[http_service]\n  internal_port = 8080\n",
		"web/Dockerfile", "FROM alpine\nCMD [\"python\", \"-m\", \"http.server\", \"8080\", \"--bind\", \"127.0.0.1\"]\n",
		"elsewhere/notes.txt", "x\n")
	t.Chdir(dir)
	buffer := "app = \"web\"\nkill_signal = \"INT\"\n\n[http_service]\n  internal_port = 8080\n"
	code, out, errs := runStdin(t, buffer, "-format", "compact", "-stdin-filename", "web/fly.toml", "-")
	if code != ExitFindings || out != "web/fly.toml:2:15: error: kill_signal = \"INT\" is not a signal Fly sends to stop a Machine, so updating the Machines fails; Fly spells it \"SIGINT\". Write kill_signal = \"SIGINT\". [invalid-kill-signal]\n" {
		t.Errorf("fly.toml buffer: exit %d, out %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile("web/fly.toml"); strings.Contains(string(b), "kill_signal") {
		t.Error("the buffer was written to disk")
	}

	// A Dockerfile buffer: its own findings only (the loopback bind), and
	// the buffer's, not the disk's: this one binds 0.0.0.0.
	code, out, _ = runStdin(t, "FROM alpine\nCMD [\"python\", \"-m\", \"http.server\", \"8080\", \"--bind\", \"0.0.0.0\"]\n",
		"-format", "compact", "-stdin-filename", filepath.Join("web", "Dockerfile"), "-")
	if code != ExitClean || out != "" {
		t.Errorf("clean Dockerfile buffer: exit %d, out %q", code, out)
	}
	code, out, _ = runStdin(t, "FROM alpine\nCMD [\"python\", \"-m\", \"http.server\", \"8080\", \"--bind\", \"127.0.0.1\"]\n",
		"-format", "compact", "-stdin-filename", "web/Dockerfile", "-")
	if code != ExitFindings || !strings.HasPrefix(out, "web/Dockerfile:2:") || strings.Contains(out, "fly.toml") {
		t.Errorf("loopback Dockerfile buffer: exit %d, out %q", code, out)
	}

	code, out, errs = runStdin(t, "x\n", "-stdin-filename", "elsewhere/notes.txt", "-")
	if code != ExitClean || out != "" || !strings.Contains(errs, "is in no Fly app") {
		t.Errorf("a file in no app: exit %d, out %q, stderr %q", code, out, errs)
	}
}

func TestStdinFilenameUsage(t *testing.T) {
	dir := writeApp(t, "fly.toml", cleanApp)
	t.Chdir(dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-"}, "needs -stdin-filename"},
		{[]string{"-stdin-filename", "fly.toml"}, "give - as the only path"},
		{[]string{"-stdin-filename", "fly.toml", "-", "."}, "give - as the only path"},
		{[]string{"-fix", "-stdin-filename", "fly.toml", "-"}, "-fix does not go with -stdin-filename"},
	} {
		code, _, errs := runStdin(t, cleanApp, c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}
