package rules

import (
	"fmt"
	"path"

	"github.com/flylint-dev/flylint/internal/diag"
)

var StaticIndexWithoutTigris = Register(&Rule{
	ID:       "static-index-without-tigris",
	Severity: diag.Warning,
	Title:    "index_document on a [[statics]] mapping served from the image, where Fly ignores it",
	Since:    "0.2.0",
	Why: "A `[[statics]]` mapping sets `index_document` but serves `guest_path` from the Machine's image, not from Tigris.\n\n" +
		"Fly's configuration reference says \"serving an index document is only supported for statics served directly from Tigris\" and that statics served from the container will not find `index.html` at the root: the full path must be requested. " +
		"The Machines API reference says the same of `index_document`: \"Only works for statics hosted on Tigris\". " +
		"So a request for `/docs/` under this mapping does not get `/docs/index.html`, whatever `index_document` says; it goes on to the app. " +
		"Statics are served from Tigris when the mapping names a `tigris_bucket`, or when `guest_path` is relative: flyctl then uploads that local directory to a Tigris bucket and carries `index_document` over (`internal/command/deploy/statics/deployer.go`); neither is reported. " +
		"Remove `index_document` and have the app (or links) use full paths such as `/docs/index.html`, or serve the files from Tigris.",
	ExampleFile: "fly.toml",
	Bad: `[[statics]]
  guest_path = "/app/public"
  url_prefix = "/docs"
  index_document = "index.html"`,
	Good: `[[statics]]
  guest_path = "/app/public"
  url_prefix = "/docs"
  tigris_bucket = "my-docs"
  index_document = "index.html"`,
	URLs: []string{
		// superfly/docs reference/configuration.html.markerb at 5c22c8c
		// (2026-08-07), the statics Caveats (since 7121878b, 2024-07-18):
		// "Serving an index document is only supported for statics served
		// directly from Tigris."; "For statics served from your container,
		// it will not find index.html at the root. The full path must be
		// requested."
		"https://fly.io/docs/reference/configuration/#the-statics-sections",
		// machines/api/machines-resource.html.markerb, statics:
		// "index_document ... Only works for statics hosted on Tigris".
		"https://fly.io/docs/machines/api/machines-resource/",
		// flyctl at ad0172f: StaticIsCandidateForTigrisPush (relative
		// guest_path, no bucket) and Push, which keeps IndexDocument.
		"https://github.com/superfly/flyctl/blob/master/internal/command/deploy/statics/deployer.go",
	},
	Tags: []string{"statics"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		for _, s := range cfg.Statics {
			if s == nil || !s.IndexDocument.OK || s.IndexDocument.V == "" {
				continue
			}
			// A bucket, or a guest_path flyctl pushes to Tigris, is served
			// from Tigris.
			if fromTigrisBucket(s) || !s.GuestPath.OK || !path.IsAbs(s.GuestPath.V) {
				continue
			}
			p.Report(diag.Diagnostic{Range: s.IndexDocument.Value,
				Message: fmt.Sprintf("index_document %q has no effect: Fly serves an index document only for statics from a Tigris bucket, and this mapping serves %s from the Machine's image, so a request for a directory under %s is not answered with its %s. "+
					"Remove index_document and request full paths, or serve these files from Tigris (set tigris_bucket, or a relative guest_path that flyctl uploads).",
					s.IndexDocument.V, s.GuestPath.V, prefixOr(s.URLPrefix.V, s.URLPrefix.OK), s.IndexDocument.V)})
		}
	},
})

func prefixOr(prefix string, ok bool) string {
	if !ok || prefix == "" {
		return "the url_prefix"
	}
	return fmt.Sprintf("%q", prefix)
}
