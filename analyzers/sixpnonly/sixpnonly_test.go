package sixpnonly_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/sixpnonly"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), sixpnonly.Analyzer, "app")
}
