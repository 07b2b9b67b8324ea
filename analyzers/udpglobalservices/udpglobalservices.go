package udpglobalservices

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "udp-not-fly-global-services"

var Analyzer = &analysis.Analyzer{
	Name:     "udpglobalservices",
	Doc:      "report UDP listeners that do not bind fly-global-services",
	URL:      project.RuleDocs + "udp-not-fly-global-services.md",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, s := range check.Sites(pass) {
		if s.App == nil || s.Proto != listen.UDP || len(s.App.UDP) == 0 {
			continue
		}
		switch s.Host.Class {
		case listen.HostDualStack, listen.HostIPv4Wildcard, listen.HostIPv6Wildcard:
		default:
			continue
		}
		if s.Port.Known() && !s.App.UDP[s.Port.Number] {
			continue
		}
		port := check.PortText(s.Site)
		pos, end := check.HostPos(pass, s.Site)
		d := analysis.Diagnostic{
			Pos: pos, End: end, Category: Rule,
			Related: check.CallRelated(s.Site, pos),
			Message: "UDP listener on port " + port + " binds the wildcard address instead of fly-global-services, so replies to Fly's UDP service leave from the wrong address and are dropped. " +
				"Fly routes UDP only through fly-global-services; listen on \"fly-global-services:" + port + "\" (or pick it when FLY_APP_NAME is set).",
		}
		if old, ok := check.Literal(s.Site); ok {
			d.SuggestedFixes = check.ReplaceHost(pass, s.Site, old, "fly-global-services", "Bind fly-global-services")
		}
		check.Report(pass, d)
	}
	return nil, nil
}
