package loopbackbind_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint/flylint/analyzers/loopbackbind"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), loopbackbind.Analyzer, "web", "nonfly", "lib")
}
