package rules

import (
	"errors"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// fileNotReadID is named apart so that Unread can use it: FileNotRead
// itself would make an initialization cycle through Check.
const fileNotReadID = "file-not-read"

var FileNotRead = Register(&Rule{
	ID:       fileNotReadID,
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
				p.Report(notReadDiagnostic(le, le == p.App.Unread))
			}
		}
	},
})

// Unread returns a file-not-read error for everything ws could not read
// of what it was asked to check (workspace.Workspace.Unread). The rule
// reports the apps among them too, with the same words; these are the
// findings that the configuration, suppressions and a baseline can never
// remove, so that an app nobody checked never passes.
func Unread(ws *workspace.Workspace) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, le := range ws.Unread() {
		out = append(out, notReadDiagnostic(le, true))
	}
	return out
}

func notReadDiagnostic(le *workspace.LoadError, unread bool) diag.Diagnostic {
	msg := trimPeriod(le.Message) + "."
	if unread {
		// Said in the finding itself: a user who disabled the rule or
		// baselined the finding sees why it is still there.
		msg += " flylint could not check what is in it, and the run fails until it can, whatever -disable, [severity], flylint:ignore, exclude or a baseline say."
	}
	return diag.Diagnostic{Rule: fileNotReadID, Severity: diag.Error, Range: le.Range, Message: msg}
}
