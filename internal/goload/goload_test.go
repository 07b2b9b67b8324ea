package goload_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/listen"
)

func TestAnalyze(t *testing.T) {
	res, err := goload.Analyze(context.Background(), "testdata/app", []string{"./..."}, goload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mains) != 2 {
		t.Fatalf("got %d main packages, want 2", len(res.Mains))
	}
	broken, server := res.Mains[0], res.Mains[1]
	if broken.Path != "example.com/app/cmd/broken" || server.Path != "example.com/app/cmd/server" {
		t.Fatalf("mains = %s, %s", broken.Path, server.Path)
	}
	// A package that does not type-check is reported and contributes no
	// sites.
	if len(res.Errors) != 1 || res.Errors[0].Path != "example.com/app/cmd/broken" || !strings.Contains(res.Errors[0].Error(), "cannot use") {
		t.Errorf("errors = %v", res.Errors)
	}
	// The type checker's error only: not also the compiler output that
	// `go list -export` attaches to a package that does not build.
	if len(res.Errors) == 1 {
		if msgs := res.Errors[0].Messages; len(msgs) != 1 || !strings.HasSuffix(msgs[0], `cmd/broken/main.go:7:14: cannot use "not an int" (untyped string constant) as int value in variable declaration`) {
			t.Errorf("broken package messages = %q", msgs)
		}
	}
	if len(broken.Sites) != 0 {
		t.Errorf("broken package sites = %d", len(broken.Sites))
	}
	var got []string
	for _, s := range server.Sites {
		got = append(got, s.String()+" "+s.Origin+" "+s.Program)
	}
	want := []string{
		"tcp 127.0.0.1:9091 (loopback) net.Listen example.com/app/cmd/server",
		"tcp :8080 (dual-stack wildcard) http.ListenAndServe example.com/app/cmd/server",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := server.Sites[0]; s.Host.Env != "METRICS_ADDR" || !s.Host.WholeAddr || s.Port.Env != "METRICS_ADDR" || s.Proto != listen.TCP {
		t.Errorf("env site = %+v", s.Listener)
	}
	if s := server.Sites[1]; !s.Via.IsValid() || s.Via.Start.Line != 16 {
		t.Errorf("refined site via = %v", s.Via)
	}
}

func TestMainPackageFor(t *testing.T) {
	for _, tc := range []struct {
		bin  string
		runs []string
		want string
		ok   bool
	}{
		{"/app", []string{"go mod download", "CGO_ENABLED=0 go build -ldflags '-s -w' -o /app ./cmd/server"}, "./cmd/server", true},
		{"/app/server", []string{"go build -o /app/ ./cmd/server"}, "./cmd/server", true},
		{"/usr/local/bin/app", []string{"go build -v -o /usr/local/bin/app ."}, ".", true},
		{"/go/bin/server", []string{"go install ./cmd/server"}, "./cmd/server", true},
		{"/server", []string{"cd src && \\\n go build -o /server"}, ".", true},
		{"/other", []string{"go build -o /app ./cmd/server"}, "", false},
		{"/app", []string{"echo hi"}, "", false},
		// File arguments build their directory's package (superfly/bfaas,
		// FACorreiaa/go-website); without -o the binary is named after the
		// first file.
		{"/usr/local/bin/coord", []string{"go build -v -o /coord ./cmd/coord/main.go"}, "./cmd/coord", true},
		{"./main", []string{"CGO_ENABLED=1 GOOS=linux go build -o main ./main.go"}, ".", true},
		{"/src/main", []string{"go build main.go util.go"}, ".", true},
		{"/src/util", []string{"go build main.go util.go"}, "", false},
		{"/src/cmd", []string{"go build ./cmd/main.go"}, "", false},
	} {
		got, ok := goload.MainPackageFor(tc.bin, tc.runs)
		if got != tc.want || ok != tc.ok {
			t.Errorf("MainPackageFor(%q, %q) = %q, %v; want %q, %v", tc.bin, tc.runs, got, ok, tc.want, tc.ok)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for b.Loop() {
		if _, err := goload.Analyze(context.Background(), "testdata/app", []string{"./..."}, goload.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzMainPackageFor(f *testing.F) {
	f.Add("/app", "CGO_ENABLED=0 go build -o /app ./cmd/server")
	f.Add("/x", "go install\x00 -tags \"a b\" ./...")
	f.Add("", "go build -o")
	f.Fuzz(func(t *testing.T, bin, run string) {
		pkg, ok := goload.MainPackageFor(bin, []string{run})
		if !ok && pkg != "" {
			t.Errorf("not found but package %q", pkg)
		}
	})
}

// A call into another module named like a server start leaves the
// program's listeners open-ended (that module's code is not analysed);
// a call with another name does not. References to other Fly apps in
// string literals are collected.
func TestOpaqueCallsAndRefs(t *testing.T) {
	// The module replaces srvlib with its sibling directory: lint both.
	res, err := goload.Analyze(context.Background(), "testdata/opaque/app", []string{"./..."}, goload.Options{Root: "testdata/opaque"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mains) != 1 || len(res.Errors) != 0 {
		t.Fatalf("mains %d, errors %v", len(res.Mains), res.Errors)
	}
	m := res.Mains[0]
	if len(m.Sites) != 1 {
		t.Errorf("sites = %d, want the one net/http call", len(m.Sites))
	}
	var opaque []string
	for _, r := range m.Opaque {
		opaque = append(opaque, fmt.Sprintf("%d:%d", r.Start.Line, r.Start.Col))
	}
	if got := strings.Join(opaque, " "); got != "15:6 17:6" {
		t.Errorf("opaque calls at %s, want srvlib.Run at 15:6 and exec.Command at 17:6", got)
	}
	if len(m.Refs) != 1 || m.Refs[0].Text != "http://api.internal:8080" || m.Refs[0].Range.Start.Line != 10 || m.Refs[0].Range.Start.Col != 17 || !m.Refs[0].Exact {
		t.Errorf("refs = %+v, want http://api.internal:8080 at 10:17", m.Refs)
	}
}

func TestProgress(t *testing.T) {
	var mu sync.Mutex
	var calls [][2]int
	_, err := goload.Analyze(context.Background(), "testdata/app", []string{"./..."}, goload.Options{
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, [2]int{done, total})
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Three packages: cmd/broken, cmd/server, internal/serve. The two
	// that type-check are counted as they finish; the last call covers
	// the broken one too.
	want := [][2]int{{0, 3}, {1, 3}, {2, 3}, {3, 3}}
	if !slices.Equal(calls, want) {
		t.Fatalf("progress calls = %v; want %v", calls, want)
	}
}

// Dependencies are compiled for their export data without optimisation,
// inlining or debug information, the cheapest compile that still writes
// the types: afterwards the build cache holds them under those flags.
func TestExportDataCompiledUnoptimised(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/m\n\ngo 1.22\n",
		"main.go": "package main\n\nimport \"unicode/utf8\"\n\nfunc main() { _ = utf8.RuneLen('x') }\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"GOCACHE=" + cache, "GOFLAGS=-gcflags=all=-notaflag"}
	res, err := goload.Analyze(context.Background(), dir, []string{"./..."}, goload.Options{Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mains) != 1 || len(res.Errors) != 0 {
		t.Fatalf("mains %d, errors %v", len(res.Mains), res.Errors)
	}
	// go build -n prints a "# path" header for each package it would
	// compile, that is, each one not in the cache under these flags.
	cmd := exec.Command("go", "build", "-n", "-gcflags=all=-N -l -dwarf=false", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=", "CGO_ENABLED=0", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build -n: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "\n# unicode/utf8\n") || strings.HasPrefix(string(out), "# unicode/utf8\n") {
		t.Errorf("unicode/utf8 was not compiled with -N -l -dwarf=false:\n%s", out)
	}
}

// An analysis whose context ends once its packages are loaded analyses
// none of them and returns the context's error, not a result missing
// the packages it left out. (Progress(0, n) is called as the loaded
// packages are handed to the analysis: a deterministic point between
// packages. The checker runs tiny packages faster than a later progress
// call could cancel.)
func TestCancelStopsBetweenPackages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/m\n\ngo 1.22\n",
		"main.go": "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/m/b\"\n)\n\nfunc main() { b.B(); _ = http.ListenAndServe(\":8080\", nil) }\n",
		"b/b.go":  "package b\n\nfunc B() {}\n",
	}
	for name, src := range files {
		full := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	most := 0
	res, err := goload.Analyze(ctx, dir, []string{"./..."}, goload.Options{Progress: func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done == 0 {
			cancel()
		}
		if done < total {
			most = max(most, done)
		}
	}})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("Analyze after cancel = %v, %v; want nil, context.Canceled", res, err)
	}
	if most > 0 {
		t.Errorf("%d of 2 packages analysed after the cancel", most)
	}
	// Uncancelled, the same module is analysed whole.
	res, err = goload.Analyze(context.Background(), dir, []string{"./..."}, goload.Options{})
	if err != nil || len(res.Mains) != 1 || len(res.Mains[0].Sites) != 1 {
		t.Fatalf("uncancelled: %+v, %v; want one main with one site", res, err)
	}
}
