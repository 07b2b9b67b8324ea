package lsp

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs a real editor: headless Neovim with testdata/nvim's
// init.lua starts the flylint binary's `lsp` on the fixture app, waits
// for the findings in fly.toml and in main.go at the expected places,
// then either applies the kill_signal quickfix and writes the file (the
// result is checked on disk), or edits internal_port without saving and
// waits for main.go's finding to go. .ci/run installs Debian's neovim;
// without nvim the test is skipped.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install neovim); .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("builds flylint and runs an editor")
	}
	bin := filepath.Join(t.TempDir(), "flylint")
	build := exec.Command("go", "build", "-o", bin, "github.com/flylint-dev/flylint/cmd/flylint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	script, err := filepath.Abs("testdata/nvim/init.lua")
	if err != nil {
		t.Fatal(err)
	}
	run := func(mode string) (string, string) {
		dir, fly, _ := fixtureApp(t)
		out := filepath.Join(t.TempDir(), "out")
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-u", "NONE", "-c", "luafile "+script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "FLYLINT_BIN="+bin, "FLYLINT_ROOT="+dir, "FLYLINT_MODE="+mode, "FLYLINT_OUT="+out)
		combined, err := cmd.CombinedOutput()
		got, _ := os.ReadFile(out)
		if err != nil {
			t.Fatalf("nvim (%s): %v\n%s\noutput file:\n%s", mode, err, combined, got)
		}
		disk, _ := os.ReadFile(fly)
		return string(got), string(disk)
	}

	// Neovim's columns are bytes: "\tgo http.ListenAndServe(/*🚀*/" is 32
	// bytes, 30 UTF-16 units on the wire.
	const before = "fly.toml invalid-kill-signal@1:14\nmain.go loopback-bind@5:32\n"
	got, disk := run("quickfix")
	if want := before + "after fly.toml \n"; got != want {
		t.Errorf("quickfix run wrote\n%s\nwant\n%s", got, want)
	}
	if want := strings.Replace(flyTOML, `"TERM"`, `"SIGTERM"`, 1); disk != want {
		t.Errorf("fly.toml on disk after the quickfix and :write =\n%s\nwant\n%s", disk, want)
	}

	got, disk = run("port")
	if want := before + "after main.go []\n"; got != want {
		t.Errorf("internal_port run wrote\n%s\nwant\n%s", got, want)
	}
	if disk != flyTOML {
		t.Errorf("fly.toml on disk changed without :write:\n%s", disk)
	}
}
