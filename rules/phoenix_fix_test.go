package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/fix"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// The loopback-bind fix writes an Elixir tuple into a Phoenix config, not
// the text "0.0.0.0", and the fixed config binds what the fix says: the
// rule finds nothing in it.
func TestPhoenixHostFix(t *testing.T) {
	src := filepath.Join("testdata", "loopback-bind", "bad-phoenix-ip")
	if got, want := fixesOf(t, LoopbackBind, src), []string{"6:14 {0, 0, 0, 0}"}; !slices.Equal(got, want) {
		t.Fatalf("fixes = %q, want %q", got, want)
	}
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load([]string{dir}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Run(ws, []*Rule{LoopbackBind})
	if err != nil || len(ds) != 1 || len(ds[0].Fixes) != 1 {
		t.Fatalf("findings %v, %v", ds, err)
	}
	changed, skipped, err := fix.Apply(ws.Files, ds[0].Fixes)
	if err != nil || len(skipped) > 0 || len(changed) != 1 {
		t.Fatalf("apply: %v, skipped %v, changed %d files", err, skipped, len(changed))
	}
	for file, data := range changed {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err = workspace.Load([]string{dir}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ls := ws.Apps[0].Groups[0].Listeners; len(ls) != 1 || ls[0].Host.Text != "0.0.0.0" {
		t.Fatalf("listeners after the fix = %v", ls)
	}
	if ds, _ := Run(ws, []*Rule{LoopbackBind}); len(ds) != 0 {
		t.Errorf("still reported after the fix: %v", ds)
	}
}

// Without rewrite_on, the advice is Plug.SSL's, not nginx's locations.
func TestPhoenixSchemeAdvice(t *testing.T) {
	ws, err := workspace.Load([]string{filepath.Join("testdata", "check-redirected-to-https", "bad-phoenix-scheme")}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Run(ws, []*Rule{CheckRedirectedToHTTPS})
	if err != nil || len(ds) != 1 {
		t.Fatalf("findings %v, %v", ds, err)
	}
	if msg := ds[0].Message; !strings.Contains(msg, `exclude: [paths: [...], hosts: ["localhost", "127.0.0.1"]]`) || !strings.Contains(msg, "Phoenix (force_ssl) on port 8080") {
		t.Errorf("message: %s", msg)
	}
}
