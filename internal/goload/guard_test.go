package goload

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkInspect is the walk guard adds before every load: over the
// module BenchmarkAnalyze loads, and over flylint's own module (some
// 1,000 files, with nested test modules).
func BenchmarkInspect(b *testing.B) {
	for _, dir := range []string{"testdata/app", ".."} {
		b.Run(filepath.Base(dir), func(b *testing.B) {
			for b.Loop() {
				g, err := inspect(dir, dir, nil)
				if err != nil || g.fatal != nil || len(g.notes) != 0 {
					b.Fatalf("inspect: %v %v %v", err, g.fatal, g.notes)
				}
			}
		})
	}
}

func TestSafeGOFLAGS(t *testing.T) {
	envFile := filepath.Join(t.TempDir(), "env")
	if err := os.WriteFile(envFile, []byte("GOFLAGS=-tags=prod -mod=mod --toolexec=./x\nGOPROXY=off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		env  []string
		want string
	}{
		{[]string{"GOFLAGS=-mod=mod -trimpath -toolexec=./evil -overlay=/o.json -modfile=../x.mod -race -pgo=auto -buildvcs=true -compiler=gccgo -tags=a,b"}, "-trimpath -tags=a,b"},
		{[]string{"GOFLAGS=-tags=a", "GOFLAGS=--modfile=../x.mod"}, ""}, // the last value wins, as in exec
		// Unset: go env -w's file, as the go command reads it.
		{[]string{"GOENV=" + envFile}, "-tags=prod"},
		{[]string{"GOENV=" + envFile, "GOFLAGS="}, ""},
		{[]string{"GOENV=off"}, ""},
	} {
		if got := safeGOFLAGS(tt.env); got != tt.want {
			t.Errorf("safeGOFLAGS(%q) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

// guard.buffers drops a buffer below a package directory that leads out
// of the tree: the go command does not list such a file today, but the
// overlay must not name it in the first place.
func TestGuardBuffers(t *testing.T) {
	outside, dir := t.TempDir(), t.TempDir()
	for p, body := range map[string]string{
		filepath.Join(outside, "main.go"): "package main\n",
		filepath.Join(dir, "go.mod"):      "module example.com/web\n",
		filepath.Join(dir, "main.go"):     "package main\n",
	} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "other")); err != nil {
		t.Fatal(err)
	}
	g, err := inspect(dir, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "main.go"), filepath.Join(dir, "other", "main.go")
	got := g.buffers(map[string][]byte{in: []byte("package main // edited\n"), out: []byte("package main // edited\n")})
	if len(got) != 1 || got[in] == nil {
		t.Errorf("buffers = %q, want main.go's only", got)
	}
}
