package ipv6only

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/internal/check"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
)

// Rule is the flylint rule id, used as the diagnostics' category.
const Rule = "proxied-port-ipv6-only"

var Analyzer = &analysis.Analyzer{
	Name:     "ipv6only",
	Doc:      "report proxied ports that listen on IPv6 only",
	URL:      project.RuleDocs + "proxied-port-ipv6-only.md",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, s := range check.Sites(pass) {
		if s.App == nil || s.Proto != listen.TCP || !s.Port.Known() || !s.App.TCP[s.Port.Number] {
			continue
		}
		if s.Host.Class != listen.HostIPv6Wildcard && s.Host.Class != listen.HostIPv6 {
			continue
		}
		port := check.PortText(s.Site)
		what := "network \"" + s.Network + "\""
		if s.Host.Class == listen.HostIPv6 {
			what = "the IPv6 address " + s.Host.Text
		}
		pos, end := check.HostPos(pass, s.Site)
		check.Report(pass, analysis.Diagnostic{
			Pos: pos, End: end, Category: Rule,
			Related: check.CallRelated(s.Site, pos),
			Message: "Port " + port + " listens on IPv6 only (" + what + "), so Fly Proxy, which connects over IPv4, cannot reach the service fly.toml routes to it. " +
				"Listen with network \"tcp\" on \":" + port + "\" for a dual-stack socket.",
		})
	}
	return nil, nil
}
