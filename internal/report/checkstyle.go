package report

import (
	"encoding/xml"
	"io"

	"github.com/flylint-dev/flylint/internal/diag"
)

// Checkstyle XML as golangci-lint, hadolint and tflint write it, which
// Jenkins (warnings-ng), reviewdog and SonarQube import:
//
//	<checkstyle version="5.0">
//	  <file name="web/fly.toml">
//	    <error line="12" column="19" severity="error" message="…" source="flylint.internal-port-mismatch"/>
//	  </file>
//	</checkstyle>
//
// Severity mapping: Checkstyle's own levels are error, warning, info (and
// ignore), so flylint's three keep their names.
type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

// Line is always written: the Checkstyle schema requires it, and
// consumers read line 0 as "the whole file" for a finding without a
// position. Column is optional there.
type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes one <file> per file, in the order the diagnostics
// (already sorted by file) first name it. encoding/xml escapes the
// messages and replaces characters XML cannot carry, so a control byte
// quoted from a user's file cannot make the report unreadable.
func Checkstyle(w io.Writer, diags []diag.Diagnostic) error {
	rep := checkstyleReport{Version: "5.0"}
	index := map[string]int{}
	for _, d := range diags {
		i, ok := index[d.File]
		if !ok {
			i = len(rep.Files)
			index[d.File] = i
			rep.Files = append(rep.Files, checkstyleFile{Name: d.File})
		}
		e := checkstyleError{Severity: d.Severity.String(), Message: d.Message, Source: "flylint." + d.Rule}
		if d.Start.IsValid() {
			e.Line, e.Column = d.Start.Line, d.Start.Col
		}
		rep.Files[i].Errors = append(rep.Files[i].Errors, e)
	}
	return writeXML(w, rep)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
