package sixpnonly

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "proxied-port-6pn-only"

var Analyzer = &analysis.Analyzer{
	Name:     "sixpnonly",
	Doc:      "report proxied ports bound only to fly-local-6pn",
	URL:      project.RuleDocs + "proxied-port-6pn-only.md",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	sites := check.Sites(pass)
	for _, s := range sites {
		if s.App == nil || s.Proto != listen.TCP || s.Host.Class != listen.Host6PN || !s.Port.Known() || !s.App.TCP[s.Port.Number] {
			continue
		}
		if servedElsewhere(sites, s) {
			continue
		}
		pos, end := check.HostPos(pass, s.Site)
		port := check.PortText(s.Site)
		check.Report(pass, analysis.Diagnostic{
			Pos: pos, End: end, Category: Rule,
			Related: check.CallRelated(s.Site, pos),
			Message: "Port " + port + " is bound only to the 6PN private address, so Fly Proxy cannot reach the service fly.toml routes to it. " +
				"Fly Proxy connects over the Machine's private IPv4 address; bind \":" + port + "\" (dual-stack) to serve both Fly Proxy and 6PN.",
		})
	}
	return nil, nil
}

// servedElsewhere reports whether another listener serves the same port
// on an address Fly Proxy reaches.
func servedElsewhere(sites []check.Located, s check.Located) bool {
	for _, o := range sites {
		if o.Site != s.Site && o.Proto == listen.TCP && o.Port.Number == s.Port.Number && o.Host.Class.ProxyReachable() {
			return true
		}
	}
	return false
}
