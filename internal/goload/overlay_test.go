package goload_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sites(t *testing.T, res *goload.Result) string {
	t.Helper()
	var out []string
	for _, m := range res.Mains {
		for _, s := range m.Sites {
			out = append(out, s.String())
		}
	}
	return strings.Join(out, "; ")
}

// An editor buffer is what the go command and the type checker read in
// place of the file: both the syntax flylint analyses and the export
// data of the package come from it, and the disk is left as it was.
func TestAnalyzeOverlay(t *testing.T) {
	dir := t.TempDir()
	const onDisk = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\"127.0.0.1:5000\", nil) }\n"
	writeTree(t, dir, map[string]string{
		"go.mod":  "module example.com/web\n\ngo 1.22\n",
		"main.go": onDisk,
		// A nested module's buffer is that module's, not this one's.
		"tools/go.mod":  "module example.com/tools\n\ngo 1.22\n",
		"tools/main.go": "package main\n\nfunc main() {}\n",
	})
	mainGo := filepath.Join(dir, "main.go")
	// The buffer also adds a package the disk does not have: the go
	// command must see the buffer's imports, not only the parser.
	buffer := "package main\n\nimport (\n\t\"net\"\n\t\"net/http\"\n)\n\nfunc main() {\n\tl, _ := net.Listen(\"tcp\", \"0.0.0.0:5000\")\n\thttp.Serve(l, nil)\n}\n"
	overlay := map[string][]byte{
		mainGo:                                   []byte(buffer),
		filepath.Join(dir, "tools", "main.go"):   []byte("package main\n"),
		filepath.Join(dir, "notes.txt"):          []byte("x"),
		filepath.Join(dir, "new.go"):             []byte("package main\n"),
		filepath.Join(filepath.Dir(dir), "x.go"): []byte("package x\n"),
	}
	if got := goload.Buffers(dir, overlay); len(got) != 1 || string(got[mainGo]) != buffer {
		t.Errorf("Buffers = %q, want main.go's only", got)
	}
	if got := goload.Buffers(dir, map[string][]byte{mainGo: []byte(onDisk)}); len(got) != 0 {
		t.Errorf("a buffer equal to the disk is a change: %q", got)
	}

	res, err := goload.Analyze(context.Background(), dir, nil, goload.Options{})
	if err != nil || len(res.Errors) != 0 {
		t.Fatalf("disk: %v %v", err, res.Errors)
	}
	if got := sites(t, res); got != "tcp 127.0.0.1:5000 (loopback)" {
		t.Errorf("disk sites = %q", got)
	}
	res, err = goload.Analyze(context.Background(), dir, nil, goload.Options{Overlay: overlay})
	if err != nil || len(res.Errors) != 0 {
		t.Fatalf("buffer: %v %v", err, res.Errors)
	}
	if got := sites(t, res); got != "tcp 0.0.0.0:5000 (dual-stack wildcard)" {
		t.Errorf("buffer sites = %q", got)
	}
	if b, _ := os.ReadFile(mainGo); string(b) != onDisk {
		t.Error("the buffer reached the disk")
	}
}

// A buffer does not bring back what guard hid: a file symlinked out of
// the tree, or one in a package directory that is a symlink out of it,
// stays out of the analysis with its note, whatever the editor holds.
func TestAnalyzeOverlayKeepsGuard(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"secret.go":   "package main\n\nfunc main() {}\n",
		"pkg/main.go": "package main\n\nfunc main() {}\n",
	})
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":   "module example.com/web\n\ngo 1.22\n",
		"serve.go": "package main\n\nimport \"net/http\"\n\nfunc serve() { http.ListenAndServe(\":8080\", nil) }\n",
	})
	link := filepath.Join(dir, "main.go")
	if err := os.Symlink(filepath.Join(outside, "secret.go"), link); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "cmd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "pkg"), filepath.Join(dir, "cmd", "other")); err != nil {
		t.Fatal(err)
	}
	const listen = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\"127.0.0.1:1\", nil) }\n"
	overlay := map[string][]byte{
		link: []byte(listen),
		filepath.Join(dir, "cmd", "other", "main.go"): []byte(listen),
	}
	res, err := goload.Analyze(context.Background(), dir, nil, goload.Options{Overlay: overlay})
	if err != nil {
		t.Fatal(err)
	}
	if got := sites(t, res); strings.Contains(got, "127.0.0.1:1") {
		t.Errorf("the buffer of a hidden file was analysed: %q", got)
	}
	for _, m := range res.Mains {
		if strings.Contains(m.Path, "other") {
			t.Errorf("the hidden package was loaded: %s", m.Path)
		}
	}
	if len(res.Notes) != 2 {
		t.Errorf("notes = %v", res.Notes)
	}
}
