package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var GoAnalysisIncomplete = Register(&Rule{
	ID:       "go-analysis-incomplete",
	Severity: diag.Info,
	Title:    "Some Go packages could not be analysed",
	Since:    "0.1.0",
	Why: "flylint could not load or type-check some of the app's Go packages, so it may not see every place the program listens; findings about missing listeners are held back for them.\n\n" +
		"Make `go build ./...` succeed (flylint never downloads modules or edits go.mod: run `go mod download` first in CI), or pass `-go off` to skip Go analysis.\n\n" +
		"flylint also leaves out, and says so here, what it will not hand to the go command in a repository it does not trust: files that import \"C\" (Go is loaded with `CGO_ENABLED=0`, so no C compiler runs), " +
		"a `go.work` `use` or a `replace` directory outside the linted directory, `.go` files and package directories that are symlinks leading out of it, assembly files that `#include` a file outside it, and source files that are named pipes or devices.",
	ExampleFile: "main.go",
	Bad: `package main

func main() {
	undefinedFunction()
}`,
	Good: `package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}`,
	URLs: []string{"https://pkg.go.dev/golang.org/x/tools/go/packages"},
	Tags: []string{"go"},
	Check: func(p *Pass) {
		// Each part left out on purpose where it is fixed: the note says
		// what and why.
		for _, n := range p.App.GoNotes {
			p.Reportf(n.Range, "Go analysis of this app is incomplete: %s.", n.Message)
		}
		if len(p.App.GoProblems) == 0 {
			return
		}
		// At the Go error itself when there is one, so an editor or code
		// scanning shows it where it is fixed; else at the app.
		r := p.App.GoProblemAt
		if !r.IsValid() {
			r = source.Range{File: p.App.ConfigPath}
			if p.App.Config != nil && p.App.Config.App.Set {
				r = p.App.Config.App.Key
			}
		}
		p.Reportf(r, "Go analysis of this app is incomplete: %s. Listeners in those packages are not known, so port findings for them are held back; make go build ./... succeed, or pass -go off.", trimPeriod(workspace.GoProblemSummary(p.App.GoProblems)))
	},
})
