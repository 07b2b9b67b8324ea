package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/flylint-dev/flylint/internal/diag"
)

// JUnit XML in the shape golangci-lint's junit-xml and tflint's junit
// write, which GitLab (artifacts:reports:junit) and Jenkins (junit step)
// show as failed tests: one <testsuite> per file, one <testcase> per
// finding, each with a <failure>:
//
//	<testsuites>
//	  <testsuite name="web/fly.toml" tests="1" errors="0" failures="1">
//	    <testcase name="internal-port-mismatch" classname="web/fly.toml:12:19">
//	      <failure message="web/fly.toml:12:19: …" type="error">error: …</failure>
//	    </testcase>
//	  </testsuite>
//	</testsuites>
//
// GitLab names a test "classname name" in the merge request widget and
// shows the failure's text; Jenkins needs the tests and failures counts.
// Severity mapping: JUnit has no severities, so every finding is a
// <failure> and its severity is the failure's type; a run that passes
// writes an empty <testsuites/>, as golangci-lint does.
type junitReport struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Errors   int         `xml:"errors,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string       `xml:"name,attr"`
	ClassName string       `xml:"classname,attr"`
	Failure   junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes the report; encoding/xml escapes what the messages quote
// from the user's files.
func JUnit(w io.Writer, diags []diag.Diagnostic) error {
	var rep junitReport
	index := map[string]int{}
	for _, d := range diags {
		i, ok := index[d.File]
		if !ok {
			i = len(rep.Suites)
			index[d.File] = i
			rep.Suites = append(rep.Suites, junitSuite{Name: d.File})
		}
		at := location(d.Range)
		text := fmt.Sprintf("%s: %s [%s]", d.Severity, d.Message, d.Rule)
		for _, r := range d.Related {
			text += "\n" + location(r.Range) + ": " + r.Message
		}
		s := &rep.Suites[i]
		s.Tests++
		s.Failures++
		s.Cases = append(s.Cases, junitCase{
			Name:      d.Rule,
			ClassName: at,
			Failure:   junitFailure{Message: at + ": " + d.Message, Type: d.Severity.String(), Text: text},
		})
	}
	return writeXML(w, rep)
}
