package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var DuplicateStaticPrefix = Register(&Rule{
	ID:       "duplicate-static-prefix",
	Severity: diag.Warning,
	Title:    "Two [[statics]] mappings have the same url_prefix",
	Since:    "0.2.0",
	Why: "Two `[[statics]]` entries map the same `url_prefix`.\n\n" +
		"Each `[[statics]]` entry tells Fly Proxy to answer requests under `url_prefix` with files from `guest_path` (or a Tigris bucket) without passing them to the app. " +
		"Fly's configuration reference says the guest paths of two mappings may overlap but their URL prefixes may not: two mappings to `/public/foo` and `/public/bar` are fine, two mappings to `/public` are not. " +
		"flyctl does not check this and sends both mappings to the Machines; the reference says only one static mapping is honoured for a given prefix (since superfly/docs#2110, merged as beb0725b) without saying which, so files that only one of the directories holds can be missing from the site. " +
		"Keep one mapping per prefix: merge the directories in the image, or give each its own prefix. " +
		"Only identical prefixes are reported, since the reference does not say how Fly treats `/public` next to `/public/`.",
	ExampleFile: "fly.toml",
	Bad: `[[statics]]
  guest_path = "/app/public"
  url_prefix = "/static"

[[statics]]
  guest_path = "/app/assets"
  url_prefix = "/static"`,
	Good: `[[statics]]
  guest_path = "/app/public"
  url_prefix = "/static"

[[statics]]
  guest_path = "/app/assets"
  url_prefix = "/assets"`,
	URLs: []string{
		// "The "guest path" ... can overlap with other static mappings;
		// the URL prefix should not (so, two mappings to /public/foo and
		// /public/bar are fine, but two mappings to /public are not)."
		// (superfly/docs reference/configuration, the statics section)
		"https://fly.io/docs/reference/configuration/#the-statics-sections",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/config.go",
	},
	Tags: []string{"statics"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		// The first mapping of each prefix; a later one is reported
		// against it. At most one map entry per [[statics]] table, so the
		// work is linear in the file.
		first := map[string]int{}
		for i, s := range cfg.Statics {
			if !s.URLPrefix.OK {
				continue
			}
			j, seen := first[s.URLPrefix.V]
			if !seen {
				first[s.URLPrefix.V] = i
				continue
			}
			a := cfg.Statics[j]
			p.Report(diag.Diagnostic{Range: s.URLPrefix.Value,
				Related: []diag.Related{{Range: a.URLPrefix.Value, Message: fmt.Sprintf("the first [[statics]] mapping of %q", s.URLPrefix.V)}},
				Message: fmt.Sprintf("url_prefix %q is already mapped by the [[statics]] on line %d. "+
					"Fly's configuration reference does not allow two mappings with one URL prefix and does not say which one Fly Proxy serves, so files only one of the directories holds may be missing; "+
					"merge the two directories into one guest_path or give this mapping another url_prefix.",
					s.URLPrefix.V, a.Header.Start.Line)})
		}
	},
})
