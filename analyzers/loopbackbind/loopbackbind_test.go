package loopbackbind_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint/flylint/analyzers/loopbackbind"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), loopbackbind.Analyzer, "web", "nonfly", "lib")
}

// TestIgnoreDirectives: the analyzer honours //flylint:ignore as the
// flylint command does, so go vet and golangci-lint agree with it.
func TestIgnoreDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), loopbackbind.Analyzer, "ignored")
}
