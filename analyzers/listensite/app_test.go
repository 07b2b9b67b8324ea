package listensite_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
)

// TestDecideKeepsApp: finishing a site against the app's environment
// rebuilds its listener, which must still say it serves gRPC.
func TestDecideKeepsApp(t *testing.T) {
	results := analysistest.Run(ignoreWants{}, analysistest.TestData(), listensite.Analyzer, "shapes/grpcenvbranch")
	if len(results) != 1 || results[0].Err != nil {
		t.Fatalf("%d results", len(results))
	}
	sites := results[0].Result.(*listensite.Result).Sites
	if len(sites) != 1 {
		t.Fatalf("%d sites", len(sites))
	}
	l := sites[0].Decide(func(string) (string, bool) { return "", false })
	if l.Host.Text != "0.0.0.0" || l.App != listen.AppGRPC {
		t.Errorf("decided listener = %+v, want host 0.0.0.0 serving gRPC", l)
	}
}
