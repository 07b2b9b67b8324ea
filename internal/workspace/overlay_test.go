package workspace

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
)

// An editor's unsaved buffer is what the loader reads, for fly.toml and
// the Dockerfile alike; a buffer for a file outside the linted tree is
// not read, as the file would not be.
func TestOverlayReplacesDisk(t *testing.T) {
	top := t.TempDir()
	t.Chdir(top)
	writeTestFile(t, "app/fly.toml", "app = 'disk'\n")
	writeTestFile(t, "app/Dockerfile", "FROM alpine\nCMD [\"disk\"]\n")
	writeTestFile(t, "other/Dockerfile", "FROM alpine\n")
	abs := func(p string) string { return filepath.Join(top, p) }
	ws, err := Load([]string{"app"}, Options{Overlay: map[string][]byte{
		abs("app/fly.toml"):     []byte("app = 'buffer'\n[build]\n  dockerfile = 'Dockerfile'\n"),
		abs("app/Dockerfile"):   []byte("FROM alpine\nCMD [\"buffer\"]\n"),
		abs("other/Dockerfile"): []byte("FROM secret\n"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	a := ws.Apps[0]
	if a.Name != "buffer" {
		t.Errorf("app name = %q, want the buffer's %q", a.Name, "buffer")
	}
	if got := string(ws.Files["app/Dockerfile"]); !strings.Contains(got, "buffer") {
		t.Errorf("Dockerfile read = %q, want the buffer", got)
	}
	for f := range ws.Files {
		if strings.HasPrefix(f, "other/") {
			t.Errorf("read %s, outside the linted tree", f)
		}
	}
}

// GoAnalyze stands in for goload.Analyze, once per module, so that a
// cache can answer for it.
func TestGoAnalyzeHook(t *testing.T) {
	top := t.TempDir()
	t.Chdir(top)
	writeTestFile(t, "app/go.mod", "module example.com/app\n\ngo 1.22\n")
	writeTestFile(t, "app/main.go", "package main\n\nfunc main() {}\n")
	writeTestFile(t, "app/fly.toml", "app = 'a'\n")
	var mods []string
	_, err := Load([]string{"app"}, Options{Go: true, GoAnalyze: func(_ context.Context, mod string, _ goload.Options) (*goload.Result, error) {
		mods = append(mods, mod)
		return &goload.Result{}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 1 || mods[0] != filepath.Join(top, "app") {
		t.Errorf("GoAnalyze called for %q, want once for %s", mods, filepath.Join(top, "app"))
	}
}
