package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOneApp is the per-app work of a one-app run (`flylint -go off
// <app>`) without the process start-up, over the apps of
// ../shared/corpus/apps that have no package.json: the apps issue 12's
// "one-app run within 1.2x" goal is about (scripts/bench -one-app
// measures whole processes, start-up included).
func BenchmarkOneApp(b *testing.B) {
	// Absolute, as scripts/bench passes them: a path with ".." takes the
	// workspace reader's slower, symlink-resolving way.
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "apps"))
	if err != nil {
		b.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		b.Skipf("corpus not found beside the repository: %v", err)
	}
	var apps []string
	for _, e := range entries {
		app := filepath.Join(root, e.Name())
		if e.IsDir() && hasFile(filepath.Join(app, "fly.toml")) && !hasFile(filepath.Join(app, "package.json")) {
			apps = append(apps, app)
		}
	}
	if len(apps) == 0 {
		b.Skip("no corpus app without package.json")
	}
	for b.Loop() {
		for _, app := range apps {
			if code := Run([]string{"-go", "off", app}, io.Discard, io.Discard); code != ExitClean && code != ExitFindings {
				b.Fatalf("%s: exit %d", app, code)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(apps)), "ns/app")
}

func hasFile(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
