package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestDeterminism runs the CLI several times over the same trees, once
// on one CPU and otherwise on all, in every format: the reports must be
// identical byte for byte, whatever the goroutine scheduling. (lint's
// TestRunIsDeterministic checks the findings; this checks the bytes the
// user gets, map iteration in the writers included.)
//
// Each run is the real binary with its own GOMAXPROCS.
func TestDeterminism(t *testing.T) {
	generated := t.TempDir()
	for i := range 200 {
		// Cross-app references, findings in both files, and apps that
		// share a name, so that ordering across apps matters.
		toml := fmt.Sprintf("app = \"app%d\"\n[env]\n  UPSTREAM = \"http://app%d.internal:%d\"\n  PEER = \"app%d.flycast\"\n[http_service]\n  internal_port = %d\n",
			i%150, (i+1)%200, 9000+i%7, (i+3)%200, []int{8080, 0, 3000, 70000}[i%4])
		write(t, generated, fmt.Sprintf("g%03d/fly.toml", i), toml)
		if i%3 == 0 {
			write(t, generated, fmt.Sprintf("g%03d/Dockerfile", i), fmt.Sprintf("FROM alpine\nEXPOSE %d\nCMD [\"python\", \"-m\", \"http.server\", \"--bind\", \"127.0.0.1\", \"%d\"]\n", 8000+i, 8080))
		}
	}
	trees := map[string]string{
		"examples":  filepath.Join("..", "..", "testdata", "examples"),
		"generated": generated,
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for name, tree := range trees {
		for _, format := range []string{"text", "json", "sarif", "github"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				var first []byte
				for i, procs := range []int{1, 0, 0, 1, 0} {
					if procs == 0 {
						procs = max(runtime.NumCPU(), 4)
					}
					r := runBinary(t, binOpts{Dir: wd, Env: []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}}, "-format", format, tree)
					if r.Code != ExitFindings {
						t.Fatalf("run %d: exit %d, want %d; stderr: %s", i, r.Code, ExitFindings, r.Stderr)
					}
					if i == 0 {
						first = []byte(r.Stdout)
						continue
					}
					if !bytes.Equal(first, []byte(r.Stdout)) {
						t.Fatalf("run %d (GOMAXPROCS %d) differs from run 0 (GOMAXPROCS 1):\n%s", i, procs, firstDiff(first, []byte(r.Stdout)))
					}
				}
			})
		}
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("line %d:\n  run 0: %.300s\n  now:   %.300s", i+1, x, y)
		}
	}
	return "(same lines, different bytes)"
}
