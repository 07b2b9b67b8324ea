package tcpglobalservices

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "tcp-on-fly-global-services"

var Analyzer = &analysis.Analyzer{
	Name:     "tcpglobalservices",
	Doc:      "report TCP listeners bound to fly-global-services",
	URL:      project.RuleDocs + "tcp-on-fly-global-services.md",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, s := range check.Sites(pass) {
		if s.App == nil || s.Proto != listen.TCP || s.Host.Class != listen.HostGlobalServices {
			continue
		}
		pos, end := check.HostPos(pass, s.Site)
		port := check.PortText(s.Site)
		d := analysis.Diagnostic{
			Pos: pos, End: end, Category: Rule,
			Related: check.CallRelated(s.Site, pos),
			Message: "TCP listener on port " + port + " binds fly-global-services, an address meant for UDP services, so Fly Proxy's TCP connections never reach it. " +
				"Fly Proxy delivers TCP to the Machine's private IPv4 address; bind \":" + port + "\" instead.",
		}
		if old, ok := check.Literal(s.Site); ok {
			d.SuggestedFixes = check.ReplaceHost(pass, s.Site, old, "", "Listen on all interfaces")
		}
		check.Report(pass, d)
	}
	return nil, nil
}
