package loopbackbind

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "loopback-bind"

var Analyzer = &analysis.Analyzer{
	Name:     "loopbackbind",
	Doc:      "report listeners Fly Proxy cannot reach because they bind loopback",
	URL:      project.RuleDocs + "loopback-bind.md",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Name() != "main" {
		return nil, nil
	}
	for _, s := range check.Sites(pass) {
		if s.App == nil || s.Host.Class != listen.HostLoopback || s.Proto != listen.TCP {
			continue
		}
		// A loopback listener on a port fly.toml does not route is a
		// sidecar's business, not a mistake.
		if !s.App.Routed() || (s.Port.Known() && !s.App.TCP[s.Port.Number]) {
			continue
		}
		pos, end := check.HostPos(pass, s.Site)
		d := analysis.Diagnostic{
			Pos: pos, End: end, Category: Rule,
			Related: check.CallRelated(s.Site, pos),
			Message: s.Origin + " binds " + quoteHost(s.Host.Text) + ", a loopback address, so Fly Proxy cannot reach port " + check.PortText(s.Site) +
				". Fly Proxy connects to the Machine's private IPv4 address; bind the wildcard (\":" + check.PortText(s.Site) + "\" or \"0.0.0.0:" + check.PortText(s.Site) + "\") instead.",
		}
		if old, ok := check.Literal(s.Site); ok {
			d.SuggestedFixes = check.ReplaceHost(pass, s.Site, old, "", "Listen on all interfaces")
		}
		check.Report(pass, d)
	}
	return nil, nil
}

func quoteHost(h string) string {
	if h == "" {
		return "a loopback host"
	}
	return "\"" + h + "\""
}
