package report

import (
	"encoding/json"
	"io"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// The JSON report is a stable, documented interface (DESIGN.md §4): add
// fields, never rename or remove them.
type jsonReport struct {
	Version     string           `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonSpan struct {
	File      string `json:"file"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
}

type jsonDiagnostic struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	jsonSpan
	Message string        `json:"message"`
	Related []jsonRelated `json:"related,omitempty"`
	Fixes   []jsonFix     `json:"fixes,omitempty"`
}

type jsonRelated struct {
	jsonSpan
	Message string `json:"message"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	jsonSpan
	NewText string `json:"newText"`
}

func span(r source.Range) jsonSpan {
	s := jsonSpan{File: r.File}
	if r.Start.IsValid() {
		s.Line, s.Column = r.Start.Line, r.Start.Col
		if r.End.IsValid() {
			s.EndLine, s.EndColumn = r.End.Line, r.End.Col
		}
	}
	return s
}

// JSON writes the report as one JSON document.
func JSON(w io.Writer, diags []diag.Diagnostic, version string) error {
	rep := jsonReport{Version: version, Diagnostics: make([]jsonDiagnostic, 0, len(diags))}
	for _, d := range diags {
		jd := jsonDiagnostic{Rule: d.Rule, Severity: d.Severity.String(), jsonSpan: span(d.Range), Message: d.Message}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{jsonSpan: span(r.Range), Message: r.Message})
		}
		for _, f := range d.Fixes {
			jf := jsonFix{Message: f.Message, Edits: []jsonEdit{}}
			for _, e := range f.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{jsonSpan: span(e.Range), NewText: e.NewText})
			}
			jd.Fixes = append(jd.Fixes, jf)
		}
		rep.Diagnostics = append(rep.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
