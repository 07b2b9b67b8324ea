package loopbackbind_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/loopbackbind"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), loopbackbind.Analyzer, "web", "nonfly", "lib")
}

// TestIgnoreDirectives: the analyzer honours //flylint:ignore as the
// flylint command does, so go vet and golangci-lint agree with it.
func TestIgnoreDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), loopbackbind.Analyzer, "ignored")
}

// TestRelatedCall: a finding that stands at the literal writing the
// host (a struct literal in another function) points back at the listen
// call; one that stands in the call itself needs no such pointer.
func TestRelatedCall(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), loopbackbind.Analyzer, "web")
	if len(results) != 1 {
		t.Fatalf("%d results", len(results))
	}
	r := results[0]
	fset := r.Pass.Fset
	seen := 0
	for _, d := range r.Diagnostics {
		pos := fset.Position(d.Pos)
		switch {
		case filepath.Base(pos.Filename) == "config.go":
			seen++
			if len(d.Related) != 1 || fset.Position(d.Related[0].Pos).Line != 27 {
				t.Errorf("config.go:%d related = %+v, want the call on line 27", pos.Line, d.Related)
			}
		case pos.Line == 15 && len(d.Related) != 0:
			t.Errorf("main.go:15 related = %+v, want none: the finding is in the call", d.Related)
		}
	}
	if seen != 1 {
		t.Errorf("%d findings in config.go, want 1", seen)
	}
}
