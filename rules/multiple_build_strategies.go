package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

var MultipleBuildStrategies = Register(&Rule{
	ID:       "multiple-build-strategies",
	Severity: diag.Warning,
	Title:    "[build] configures more than one way to build the image",
	Since:    "0.1.0",
	Why: "`[build]` sets more than one of `image`, a buildpack builder (`builder`/`buildpacks`) and a Dockerfile (`dockerfile`/`build-target`), so flyctl warns \"more than one build configuration found\" and silently uses only one.\n\n" +
		"A prebuilt `image` skips the build altogether, and a `builder` is tried before a Dockerfile, so the settings of the others have no effect; flylint also checks the Dockerfile that may never be built. " +
		"Keep the one way the app is really built and delete the others.",
	ExampleFile: "fly.toml",
	Bad: `[build]
  image = "registry.example.com/web:1.4"
  dockerfile = "Dockerfile.prod"`,
	Good: `[build]
  dockerfile = "Dockerfile.prod"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-build-section",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "build"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Build == nil {
			return
		}
		b := cfg.Build
		type strategy struct {
			what string
			at   source.Range
		}
		var found []strategy
		// Each strategy is where its first key is written; flyctl counts
		// only non-empty values.
		add := func(what string, keys ...source.Range) {
			var at source.Range
			for _, k := range keys {
				if k.IsValid() && (!at.IsValid() || k.Start.Offset < at.Start.Offset) {
					at = k
				}
			}
			if at.IsValid() {
				found = append(found, strategy{what, at})
			}
		}
		if b.Image.OK && b.Image.V != "" {
			add(fmt.Sprintf("the Docker image %q", b.Image.V), b.Image.Key)
		}
		var bp []source.Range
		if b.Builder.OK && b.Builder.V != "" {
			bp = append(bp, b.Builder.Key)
		}
		if b.Buildpacks.OK && len(b.Buildpacks.V) > 0 {
			bp = append(bp, b.Buildpacks.Key)
		}
		add("a buildpack builder", bp...)
		var df []source.Range
		if b.Dockerfile.OK && b.Dockerfile.V != "" {
			df = append(df, b.Dockerfile.Key)
		}
		if b.Target.OK && b.Target.V != "" {
			df = append(df, b.Target.Key)
		}
		add("a Dockerfile", df...)
		if len(found) < 2 {
			return
		}
		slices.SortStableFunc(found, func(a, b strategy) int { return a.at.Start.Offset - b.at.Start.Offset })
		first := found[0]
		for _, s := range found[1:] {
			p.Report(diag.Diagnostic{Range: s.at,
				Related: []diag.Related{{Range: first.at, Message: "the first build configuration"}},
				Message: fmt.Sprintf("[build] configures %s as well as %s (line %d); flyctl warns \"more than one build configuration found\" and builds with only one of them. "+
					"Keep the settings of the one way the app is built and delete the others.", s.what, first.what, first.at.Start.Line)})
		}
	},
})
