package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/config"
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
		{"examples.color.txt", []string{"-color", "always", "testdata/examples"}},
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
			// The text report ends with its summary line on stderr;
			// the other formats write nothing there.
			if strings.HasSuffix(tc.name, ".txt") {
				compareGolden(t, filepath.Join("testdata", "golden", tc.name+".stderr"), stderr.Bytes())
			} else if stderr.Len() > 0 {
				t.Errorf("unexpected stderr:\n%s", stderr.String())
			}
			got := stdout.Bytes()
			if strings.HasSuffix(tc.name, ".sarif") {
				got = placeRepoRoot(t, got)
			}
			compareGolden(t, filepath.Join("testdata", "golden", tc.name), got)
		})
	}
}

// placeRepoRoot replaces the checkout's own location in a SARIF log's
// originalUriBaseIds by file:///REPO/, so the golden holds on any
// machine. Outside a repository (a source tarball) there is no root to
// record and the golden cannot match.
func placeRepoRoot(t *testing.T, log []byte) []byte {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, ok := config.RepoRoot(wd)
	if !ok {
		t.Skip("not run inside a repository: SARIF has no originalUriBaseIds to compare")
	}
	uri := "file://" + filepath.ToSlash(root) + "/"
	if !bytes.Contains(log, []byte(`"uri": "`+uri+`"`)) {
		t.Fatalf("the log does not record the repository root %s", uri)
	}
	return bytes.ReplaceAll(log, []byte(`"uri": "`+uri+`"`), []byte(`"uri": "file:///REPO/"`))
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

// TestSARIFPathsFromRepoRoot runs flylint inside a subdirectory of the
// repository: code scanning resolves result URIs against the repository
// root, so they must name the file from there.
func TestSARIFPathsFromRepoRoot(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "testdata", "examples"))
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"-format", "sarif", "orders-api"}, &stdout, &stderr); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	log := string(placeRepoRoot(t, stdout.Bytes()))
	if !strings.Contains(log, `"uri": "testdata/examples/orders-api/fly.toml"`) {
		t.Errorf("no result URI relative to the repository root:\n%s", log)
	}
	if strings.Contains(log, `"uri": "orders-api/`) {
		t.Errorf("a result URI is relative to the working directory:\n%s", log)
	}
	if !strings.Contains(log, `"%SRCROOT%": {`) {
		t.Errorf("no originalUriBaseIds entry for %%SRCROOT%%")
	}
}
