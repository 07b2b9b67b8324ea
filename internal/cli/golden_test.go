package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is where paths in the golden files are relative to, as when a
// user runs flylint from the top of their repository.
func chdirRepoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

// TestGolden runs the real CLI over the bundled examples in every output
// format, and over the Go example apps, and compares the reports byte for
// byte.
func TestGolden(t *testing.T) {
	chdirRepoRoot(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"examples.txt", []string{"testdata/examples"}},
		{"examples.json", []string{"-format", "json", "testdata/examples"}},
		{"examples.github", []string{"-format", "github", "testdata/examples"}},
		{"examples.sarif", []string{"-format", "sarif", "-sarif-category", "flylint", "testdata/examples"}},
		{"examples.checkstyle", []string{"-format", "checkstyle", "testdata/examples"}},
		{"examples.junit", []string{"-format", "junit", "testdata/examples"}},
		{"examples.gitlab", []string{"-format", "gitlab", "testdata/examples"}},
		{"examples.compact", []string{"-format", "compact", "testdata/examples"}},
		// The Go apps, end to end with Go analysis on.
		{"go.txt", []string{"testdata/go"}},
		{"go.json", []string{"-format", "json", "testdata/go"}},
		{"go.sarif", []string{"-format", "sarif", "-sarif-category", "flylint", "testdata/go"}},
		{"go.checkstyle", []string{"-format", "checkstyle", "testdata/go"}},
		{"go.junit", []string{"-format", "junit", "testdata/go"}},
		{"go.gitlab", []string{"-format", "gitlab", "testdata/go"}},
		{"go.compact", []string{"-format", "compact", "testdata/go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(tc.args, &stdout, &stderr)
			if code != ExitFindings {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, ExitFindings, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("unexpected stderr:\n%s", stderr.String())
			}
			compareGolden(t, filepath.Join("testdata", "golden", tc.name), stdout.Bytes())
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the report (go test ./internal/cli -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
