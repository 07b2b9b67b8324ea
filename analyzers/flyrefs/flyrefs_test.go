package flyrefs_test

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/flyrefs"
)

// show reports each reference in flyrefs' Result where it was found, so
// that // want comments check the Result, positions included.
var show = &analysis.Analyzer{
	Name:     "showrefs",
	Doc:      "test helper: report flyrefs' result",
	Requires: []*analysis.Analyzer{flyrefs.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[flyrefs.Analyzer].(*flyrefs.Result)
		for _, r := range res.Refs {
			exact := "inexact"
			if r.Exact {
				exact = "exact"
				data, err := os.ReadFile(r.Range.File)
				if err != nil || string(data[r.Range.Start.Offset:r.Range.End.Offset]) != r.Text {
					pass.Reportf(r.Pos, "range %v does not hold %q", r.Range, r.Text)
				}
			}
			pass.Reportf(r.Pos, "%s %s %s %d %s", r.Text, r.Kind, r.Target, r.Port, exact)
		}
		return nil, nil
	},
}

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), show, "client")
}
