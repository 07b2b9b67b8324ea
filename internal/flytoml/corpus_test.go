package flytoml

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real apps, next to the repository.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

func corpusFiles(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s: %v", corpusDir, err)
	}
	var files []string
	for _, dir := range []string{"apps", "apps-b"} {
		filepath.WalkDir(filepath.Join(corpusDir, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if d.IsDir() && (name == ".git" || name == "node_modules" || name == "vendor") {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.HasPrefix(name, "fly") && strings.HasSuffix(name, ".toml") ||
				name == "fly.io" && strings.Contains(path, "FACorreiaa__go-website")) {
				files = append(files, path)
			}
			return nil
		})
	}
	return files
}

// TestCorpus parses every real fly.toml. Each unknown key reported there
// was checked against flyctl: neither its Config structs nor its patches
// know it.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) < 50 {
		t.Fatalf("only %d fly.toml files in the corpus", len(files))
	}
	var unknown []string
	coerced := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(f, data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, p := range c.Problems {
			rel, _ := filepath.Rel(corpusDir, f)
			switch p.Kind {
			case ProblemUnknownKey:
				unknown = append(unknown, filepath.ToSlash(rel)+": "+p.Path)
			case ProblemCoerced:
				coerced++
			default:
				t.Errorf("%s: unexpected problem %s", p.Range, p.Message)
			}
		}
	}
	sort.Strings(unknown)
	want := []string{
		// docker build contexts are a flag of fly deploy, not a [build] key.
		"apps-b/0x0000dead__whales-identification/fly.toml: build.context",
		// Service checks have no port: they probe internal_port.
		"apps/fly-apps__globe-request-mapper/fly.toml: services[0].tcp_checks[0].port",
	}
	if !reflect.DeepEqual(unknown, want) {
		t.Errorf("unknown keys:\n%s\nwant:\n%s", strings.Join(unknown, "\n"), strings.Join(want, "\n"))
	}
	// Old `fly launch` output quotes external ports.
	if coerced != 15 {
		t.Errorf("%d coerced values, want 15", coerced)
	}
}
