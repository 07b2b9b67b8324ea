package listensite_test

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/source"
)

// shapeSites is sites plus where each site's host and port values are
// written, when that is outside the listen call (a flag default, a
// struct literal field, an env default): that is where a finding about
// the value belongs.
var shapeSites = &analysis.Analyzer{
	Name:     "shapesites",
	Doc:      "report listensite's result and value positions, for tests",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[listensite.Analyzer].(*listensite.Result)
		for _, s := range res.Sites {
			if !s.Pos.IsValid() {
				continue
			}
			pass.Reportf(s.Pos, "%s", describe(s))
			if s.Via.IsValid() {
				continue
			}
			host := posOf(pass, s.HostRange)
			if host.IsValid() && !within(s.HostRange, s.Range) {
				pass.Reportf(host, "host value of %s", s.Origin)
			}
			if port := posOf(pass, s.PortRange); port.IsValid() && port != host && !within(s.PortRange, s.Range) {
				pass.Reportf(port, "port value of %s", s.Origin)
			}
		}
		return nil, nil
	},
}

func within(r, outer source.Range) bool {
	return r.File == outer.File && r.Start.Offset >= outer.Start.Offset && r.End.Offset <= outer.End.Offset
}

func posOf(pass *analysis.Pass, r source.Range) token.Pos {
	if !r.IsValid() {
		return token.NoPos
	}
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.Pos()); tf != nil && tf.Name() == r.File && r.Start.Offset <= tf.Size() {
			return tf.Pos(r.Start.Offset)
		}
	}
	return token.NoPos
}

// TestShapes runs the pattern corpus: one minimal program per way real
// Go services write their listen address, each asserting the resolved
// site and where its value is written.
func TestShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), shapeSites, "shapes/...")
}
