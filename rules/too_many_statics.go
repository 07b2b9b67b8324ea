package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

// maxStatics is Fly's documented limit on [[statics]] per app.
//
// superfly/docs reference/configuration.html.markerb, "Serving statics
// from a Fly Machine", since beb0725b (2025-07-09, superfly/docs#2110)
// and unchanged at 5c22c8c (2026-08-07): "You can define up to 10
// [[statics]] mappings per application."
const maxStatics = 10

var TooManyStatics = Register(&Rule{
	ID:       "too-many-statics",
	Severity: diag.Warning,
	Title:    "fly.toml has more [[statics]] mappings than the 10 Fly allows",
	Since:    "0.2.0",
	Why: "fly.toml has more than 10 `[[statics]]` mappings.\n\n" +
		"Fly's configuration reference says an application can define up to 10 `[[statics]]` mappings. " +
		"flyctl does not count them: it copies every mapping into each Machine's config (`updateMachineConfig`, called by `ToMachineConfig`, in `internal/appconfig/machines.go` at ad0172f), so nothing tells you before deploy, and the reference does not say what Fly does with the mappings past the tenth. " +
		"Files you expect Fly Proxy to serve may then be served by the app, or not at all. " +
		"Bring the count to 10: a request under `url_prefix` is served from the same path below `guest_path`, so one mapping of the directory that holds several mapped directories, at the matching prefix, serves the same URLs (`/app/public` at `/` serves `/css/...` and `/fonts/...` from `/app/public/css` and `/app/public/fonts`); or let the app serve the rarely used ones. " +
		"The finding is at the eleventh mapping.",
	ExampleFile: "fly.toml",
	Bad: `# eleven [[statics]] tables, one per asset directory
[[statics]]
  guest_path = "/app/public/css"
  url_prefix = "/css"
# ... nine more ...
[[statics]]
  guest_path = "/app/public/fonts"
  url_prefix = "/fonts"`,
	Good: `# one mapping of the directory that holds them all serves the same URLs
[[statics]]
  guest_path = "/app/public"
  url_prefix = "/"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-statics-sections",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
	},
	Tags: []string{"statics"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || len(cfg.Statics) <= maxStatics {
			return
		}
		first, over := cfg.Statics[0], cfg.Statics[maxStatics]
		if first == nil || over == nil {
			return
		}
		p.Report(diag.Diagnostic{Range: over.Header,
			Related: []diag.Related{{Range: first.Header, Message: "the first [[statics]] mapping"}},
			Message: fmt.Sprintf("this is [[statics]] mapping %d of %d: Fly's configuration reference allows up to %d per app, and flyctl sends them all without counting, so what Fly serves for the mappings past the %dth is not documented. "+
				"Map the directory that holds several mapped directories once, at the matching url_prefix (it serves the same URLs), or let the app serve the rest, to bring the count to %d.",
				maxStatics+1, len(cfg.Statics), maxStatics, maxStatics, maxStatics)})
	},
})
