package ipv6only_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/ipv6only"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ipv6only.Analyzer, "app")
}
