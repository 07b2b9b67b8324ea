package listensite_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flylint/flylint/analyzers/listensite"
)

// BenchmarkAnalyze runs the analyzer over every testdata program,
// loaded once, so that it measures the analysis and not the loading.
func BenchmarkAnalyze(b *testing.B) {
	gopath, err := filepath.Abs("testdata")
	if err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "basic", "values", "servers", "frameworks", "interproc/...", "shapes/...")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("packages do not load")
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := checker.Analyze([]*analysis.Analyzer{listensite.Analyzer}, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
