package flycasthttps

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/flyrefs"
	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "flycast-https-url"

var Analyzer = &analysis.Analyzer{
	Name:     "flycasthttps",
	Doc:      "report TLS URLs to Flycast addresses, which are HTTP only",
	URL:      project.RuleDocs + "flycast-https-url.md",
	Requires: []*analysis.Analyzer{flyrefs.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res, _ := pass.ResultOf[flyrefs.Analyzer].(*flyrefs.Result)
	if res == nil {
		return nil, nil
	}
	for _, r := range res.Refs {
		if r.Kind != "flycast" || (r.Scheme != "https" && r.Scheme != "wss") {
			continue
		}
		plain := strings.TrimSuffix(r.Scheme, "s")
		d := analysis.Diagnostic{
			Pos: r.Pos, End: r.End, Category: Rule,
			Message: fmt.Sprintf("%s uses %s:// to reach %s.flycast, but Flycast is HTTP only and Fly issues no certificates for .flycast names. "+
				"Every request fails the TLS handshake; use %s:// (the private network is already encrypted by WireGuard).", r.Text, r.Scheme, r.Target, plain),
		}
		// Only the scheme changes, and only when the literal spells the
		// URL out; an explicit port (https://x.flycast:443) or a password
		// needs more than a new scheme.
		if r.Exact && !strings.Contains(r.Text[len(r.Scheme)+len("://"):], ":") {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Use " + plain + "://",
				TextEdits: []analysis.TextEdit{{Pos: r.Pos, End: r.Pos + token.Pos(len(r.Scheme)), NewText: []byte(plain)}},
			}}
		}
		check.Report(pass, d)
	}
	return nil, nil
}
