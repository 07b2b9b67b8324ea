package rules

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/source"
)

var UnknownKey = Register(&Rule{
	ID:       "unknown-key",
	Severity: diag.Warning,
	Title:    "fly.toml has a key flyctl does not know",
	Since:    "0.1.0",
	Why: `fly.toml has a key flyctl does not know, so the setting silently has no effect; most often it is a misspelling of a real key.

flyctl ignores unknown keys when it deploys (only ` + "`fly config validate --strict`" + ` lists them), so ` + "`force_http = true`" + ` deploys without redirecting to HTTPS, ` + "`internal-port = 3000`" + ` leaves the service without an internal port, and ` + "`[http_service.check]`" + ` configures no health check. Rename the key to the one flyctl reads (the message suggests it when one is close), or delete it.`,
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080
  force_http = true`,
	Good: `[http_service]
  internal_port = 8080
  force_https = true`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/",
		"https://fly.io/docs/flyctl/config-validate/",
	},
	Tags: []string{"flyctl", "syntax"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		v := newFixVerifier(p)
		for _, pr := range cfg.Problems {
			if pr.Kind != flytoml.ProblemUnknownKey {
				continue
			}
			d := diag.Diagnostic{Range: pr.Range, Message: pr.Message}
			if pr.Code == flytoml.CodeMisplacedTopLevel {
				if edits := moveLineEdits(p, pr.Range, pr.MoveTo); edits != nil && v.verify(edits) {
					d.Fixes = []diag.Fix{{Message: "Move the line above the first table header", Edits: edits}}
				}
				p.Report(d)
				continue
			}
			if pr.Suggestion != "" && plainWord(pr.Suggestion) {
				// The rename is offered only when the file still parses
				// afterwards: the suggested key may already be set, or
				// take a value of another type.
				edits := []diag.Edit{{Range: pr.Range, NewText: pr.Suggestion}}
				if v.verify(edits) {
					d.Fixes = []diag.Fix{{Message: "Rename the key to " + pr.Suggestion, Edits: edits}}
				}
			}
			p.Report(d)
		}
	},
})

// moveLineEdits moves the line that holds key (only the key = value and
// perhaps a comment on it) to the start of line to.Line: one edit
// deleting the line, one inserting it. nil when the line holds anything
// before the key. A value that runs over several lines moves only in
// part, which no longer parses, so the fix verifier turns it down.
func moveLineEdits(p *Pass, key source.Range, to source.Pos) []diag.Edit {
	data := tomlData(p)
	if data == nil || !to.IsValid() || to.Line >= key.Start.Line {
		return nil
	}
	lines := source.NewLines(data)
	start, end := lines.LineBounds(data, key.Start.Line)
	if key.Start.Offset < start || key.Start.Offset > end || strings.TrimSpace(string(data[start:key.Start.Offset])) != "" {
		return nil
	}
	next := end
	for next < len(data) && (data[next] == '\r' || data[next] == '\n') {
		next++
		if data[next-1] == '\n' {
			break
		}
	}
	text := string(data[key.Start.Offset:end]) + string(data[end:next])
	if next == end { // the last line, without a newline
		text += "\n"
	}
	insertAt, _ := lines.LineBounds(data, to.Line)
	at := lines.Pos(insertAt)
	return []diag.Edit{
		{Range: source.Range{File: key.File, Start: at, End: at}, NewText: text},
		{Range: source.Range{File: key.File, Start: lines.Pos(start), End: lines.Pos(next)}},
	}
}
