package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoVet builds flylint-vet and runs it under go vet -vettool on a
// small module with a loopback bind below a fly.toml.
func TestGoVet(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not on PATH")
	}
	if testing.Short() {
		t.Skip("builds a binary")
	}
	dir := t.TempDir()
	tool := filepath.Join(dir, "flylint-vet")
	build := exec.Command(goBin, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	mod := filepath.Join(dir, "app")
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(mod, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/app\n\ngo 1.22\n")
	write("fly.toml", "app = \"app\"\n\n[http_service]\n  internal_port = 8080\n")
	// The second listen is silenced as the flylint command would silence
	// it: go vet must agree.
	write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\"127.0.0.1:8080\", nil)\n\thttp.ListenAndServe(\"127.0.0.1:8080\", nil) //flylint:ignore loopback-bind a sidecar proxies to it\n}\n")
	write("internal/ok/ok.go", "package ok\n\nimport \"net/http\"\n\nfunc Serve() { http.ListenAndServe(\":8080\", nil) }\n")

	vet := exec.Command(goBin, "vet", "-vettool="+tool, "./...")
	vet.Dir = mod
	vet.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := vet.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet passed; want a finding\n%s", out)
	}
	want := "main.go:6:22: http.ListenAndServe binds \"127.0.0.1\", a loopback address, so Fly Proxy cannot reach port 8080."
	if !strings.Contains(string(out), want) {
		t.Fatalf("go vet output lacks %q:\n%s", want, out)
	}
	if strings.Count(string(out), "loopback address") != 1 {
		t.Errorf("want exactly one finding:\n%s", out)
	}
}
