package listensite_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flylint-dev/flylint/analyzers/listensite"
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
	// The machine is shared: CPU time says more than wall time.
	start := cpuTime()
	n := 0
	for b.Loop() {
		if _, err := checker.Analyze([]*analysis.Analyzer{listensite.Analyzer}, pkgs, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
