package udpglobalservices_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/udpglobalservices"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), udpglobalservices.Analyzer, "echo")
}
