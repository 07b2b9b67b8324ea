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

// A Go buffer on standard input is what the Go analysis reads in place
// of the file: the loopback bind on disk is not reported when the buffer
// binds the wildcard, and one only in the buffer is, at the buffer's
// position. The disk is left as it was.
func TestStdinFilenameGo(t *testing.T) {
	const onDisk = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\"127.0.0.1:5000\", nil)\n}\n"
	dir := writeApp(t,
		"fly.toml", "app = \"web\"\n\n[http_service]\n  internal_port = 5000\n",
		"go.mod", "module example.com/web\n\ngo 1.22\n",
		"main.go", onDisk)
	t.Chdir(dir)
	code, out, errs := runStdin(t, onDisk, "-format", "compact", "-stdin-filename", "main.go", "-")
	if code != ExitFindings || !strings.HasPrefix(out, "main.go:6:22: ") || !strings.Contains(out, "[loopback-bind]") {
		t.Fatalf("buffer as on disk: exit %d, out %q, stderr %q", code, out, errs)
	}
	fixed := strings.Replace(onDisk, "127.0.0.1", "0.0.0.0", 1)
	code, out, errs = runStdin(t, fixed, "-format", "compact", "-stdin-filename", "main.go", "-")
	if code != ExitClean || out != "" {
		t.Errorf("wildcard buffer: exit %d, out %q, stderr %q", code, out, errs)
	}
	// Two lines further down in the buffer only.
	moved := strings.Replace(onDisk, "func main() {\n", "func main() {\n\t// a comment\n\t// and another\n", 1)
	code, out, errs = runStdin(t, moved, "-format", "compact", "-stdin-filename", "main.go", "-")
	if code != ExitFindings || !strings.HasPrefix(out, "main.go:8:22: ") {
		t.Errorf("moved buffer: exit %d, out %q, stderr %q", code, out, errs)
	}
	// A directive only in the buffer is honoured: it is read from the
	// buffer the Go analysis was given.
	ignored := strings.Replace(onDisk, "\thttp.", "\t//flylint:ignore loopback-bind served through a sidecar\n\thttp.", 1)
	code, out, errs = runStdin(t, ignored, "-format", "compact", "-stdin-filename", "main.go", "-")
	if code != ExitClean || out != "" {
		t.Errorf("ignored in the buffer: exit %d, out %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile("main.go"); string(b) != onDisk {
		t.Error("the buffer was written to disk")
	}
}
