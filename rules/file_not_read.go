package rules

import (
	"errors"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/workspace"
)

var FileNotRead = Register(&Rule{
	ID:       "file-not-read",
	Severity: diag.Error,
	Title:    "A file the app needs cannot be read",
	Since:    "0.1.0",
	Why: `A fly.toml or the Dockerfile it names could not be read, so flylint could not check it and ` + "`fly deploy`" + ` would most likely fail too.

This covers a ` + "`[build] dockerfile`" + ` that does not exist, a ` + "`build-target`" + ` that names no stage, an unreadable or oversized file, and a path that leads outside the linted directory (flylint never reads outside it, and never fetches URLs). Fix the path, or lint from a directory that contains the file.`,
	ExampleFile: "fly.toml",
	Bad: `app = "web"
[build]
  dockerfile = "Dockerfile.prod"  # no such file`,
	Good: `app = "web"
[build]
  dockerfile = "Dockerfile"`,
	URLs: []string{"https://fly.io/docs/reference/configuration/#the-build-section"},
	Tags: []string{"io"},
	Check: func(p *Pass) {
		for _, err := range []error{p.App.ConfigErr, p.App.DockerfileErr} {
			var le *workspace.LoadError
			if errors.As(err, &le) {
				p.Reportf(le.Range, "%s.", trimPeriod(le.Message))
			}
		}
	},
})
