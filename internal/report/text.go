// Package report writes diagnostics in flylint's text, JSON and GitHub
// workflow-command formats, and in the formats other CI systems and
// editors read: Checkstyle XML, JUnit XML, GitLab Code Quality and one
// line per finding. (SARIF lives in package sarif.)
package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// Text writes one diagnostic per paragraph:
//
//	web/fly.toml:12:19: error: internal_port 8080 is … [internal-port-mismatch]
//	   12 |   internal_port = 8080
//	      |                   ^~~~
//	  web/Dockerfile:9:14: the process listens on 3000 here
//
// files supplies source lines; a diagnostic whose file is unknown is
// printed without them.
func Text(w io.Writer, diags []diag.Diagnostic, files map[string][]byte) error {
	return TextStyled(w, diags, files, TextStyle{})
}

// TextStyle is how the text report looks.
type TextStyle struct {
	// Color marks up the report with ANSI SGR sequences: the location in
	// bold, the severity in its colour, the rule dim, the caret green.
	Color bool
}

// SGR sequences, the subset every terminal since the VT100 reads.
const (
	sgrReset = "\x1b[0m"
	sgrBold  = "\x1b[1m"
	sgrDim   = "\x1b[2m"
	sgrGreen = "\x1b[32m"
)

// SeverityColor is the SGR sequence for a severity: red errors, yellow
// warnings, blue infos, all bold.
func SeverityColor(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "\x1b[1;31m"
	case diag.Warning:
		return "\x1b[1;33m"
	}
	return "\x1b[1;34m"
}

// paint wraps s in sgr when colour is on.
func (st TextStyle) paint(sgr, s string) string {
	if !st.Color {
		return s
	}
	return sgr + s + sgrReset
}

// TextStyled is Text in the given style.
func TextStyled(w io.Writer, diags []diag.Diagnostic, files map[string][]byte, st TextStyle) error {
	// A bufio.Writer keeps its first write error and Flush returns it,
	// so the writes below need no check of their own.
	bw := bufio.NewWriter(w)
	cache := map[string]*source.Lines{}
	for _, d := range diags {
		// Messages quote the user's files; a control byte in them (an
		// escape sequence in a fly.toml value) must not reach the terminal.
		_, _ = fmt.Fprintf(bw, "%s: %s: %s %s\n", st.paint(sgrBold, sanitize(location(d.Range))),
			st.paint(SeverityColor(d.Severity), d.Severity.String()), sanitize(d.Message), st.paint(sgrDim, "["+d.Rule+"]"))
		quote(bw, d.Range, files, cache, st)
		for _, r := range d.Related {
			_, _ = fmt.Fprintf(bw, "  %s: %s\n", st.paint(sgrBold, sanitize(location(r.Range))), sanitize(r.Message))
		}
	}
	return bw.Flush()
}

func location(r source.Range) string {
	if !r.Start.IsValid() {
		return r.File
	}
	return r.File + ":" + strconv.Itoa(r.Start.Line) + ":" + strconv.Itoa(r.Start.Col)
}

// quote prints the diagnostic's first line with a caret under the range.
// It writes to the caller's bufio.Writer, whose Flush reports errors.
func quote(w *bufio.Writer, r source.Range, files map[string][]byte, cache map[string]*source.Lines, st TextStyle) {
	content, ok := files[r.File]
	if !ok || !r.Start.IsValid() {
		return
	}
	lines := cache[r.File]
	if lines == nil {
		lines = source.NewLines(content)
		cache[r.File] = lines
	}
	start, end := lines.LineBounds(content, r.Start.Line)
	text := content[start:end]
	const maxQuote = 200 // a minified line would drown the report
	col := r.Start.Col - 1
	if col > len(text) {
		col = len(text)
	}
	if len(text) > maxQuote || col > maxQuote {
		return
	}
	width := 1
	if r.End.Line == r.Start.Line && r.End.Col > r.Start.Col {
		width = r.End.Col - r.Start.Col
	}
	if col+width > len(text) {
		width = max(1, len(text)-col)
	}
	// Keep tabs in the caret line so it lines up under the source.
	var pad strings.Builder
	for _, c := range text[:col] {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	gutter := strconv.Itoa(r.Start.Line)
	_, _ = fmt.Fprintf(w, " %s | %s\n", gutter, sanitize(string(text)))
	_, _ = fmt.Fprintf(w, " %s | %s%s\n", strings.Repeat(" ", len(gutter)), pad.String(), st.paint(sgrGreen, "^"+strings.Repeat("~", width-1)))
}

// sanitize keeps control bytes (from a binary file, or quoted from a
// user's file into a message) out of the terminal and the CI log: each
// becomes '?', as does invalid UTF-8. Tabs stay.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || (r >= 0x20 && r != 0x7f && r != 0xfffd) {
			return r
		}
		return '?'
	}, s)
}
