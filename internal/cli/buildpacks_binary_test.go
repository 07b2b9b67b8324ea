package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Apps built without a Dockerfile, through the real binary: a Paketo
// Node app gets its npm start analysed and its port mismatch reported at
// internal_port, and a Paketo Go app whose cmd/ is too large to search
// stays within the bounds of a hostile run and says what it left out.
func TestBuildpackAppsBinary(t *testing.T) {
	write := func(t *testing.T, p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("paketo node", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, filepath.Join(dir, "fly.toml"), "app = \"n\"\n\n[build]\n  builder = \"paketobuildpacks/builder:full\"\n\n[http_service]\n  internal_port = 8080\n")
		write(t, filepath.Join(dir, "package.json"), `{"scripts":{"start":"node server.js"},"dependencies":{"express":"4"}}`)
		write(t, filepath.Join(dir, "server.js"), "const app = require('express')();\napp.listen(process.env.PORT || 3000);\n")
		r := runBinary(t, binOpts{Dir: dir}, ".")
		if r.Code != 1 || !strings.Contains(r.Stdout, "fly.toml:7:19: error: internal_port 8080") || !strings.Contains(r.Stdout, "server.js:2:5") {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
		}
	})
	t.Run("paketo go, cmd too large", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, filepath.Join(dir, "fly.toml"), "app = \"g\"\n\n[build]\n  builder = \"paketobuildpacks/builder:base\"\n")
		write(t, filepath.Join(dir, "go.mod"), "module g\n\ngo 1.22\n")
		for i := range 12000 {
			write(t, filepath.Join(dir, "cmd", "a", fmt.Sprintf("f%d.txt", i)), "")
		}
		write(t, filepath.Join(dir, "cmd", "z", "main.go"), "package main\n\nfunc main() {}\n")
		r := runBinary(t, binOpts{Dir: dir}, ".")
		if !strings.Contains(r.Stdout, "fly.toml:4:13") || !strings.Contains(r.Stdout, "BP_GO_TARGETS") {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
		}
	})
}
