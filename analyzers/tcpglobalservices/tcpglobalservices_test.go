package tcpglobalservices_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/tcpglobalservices"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), tcpglobalservices.Analyzer, "app")
}
