package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request:
//
//	::error file=web/fly.toml,line=12,col=19,endLine=12,endColumn=23,title=internal-port-mismatch::message
func GitHub(w io.Writer, diags []diag.Diagnostic) error {
	// A bufio.Writer keeps its first write error and Flush returns it.
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		level := "error"
		switch d.Severity {
		case diag.Warning:
			level = "warning"
		case diag.Info:
			level = "notice"
		}
		props := []string{"file=" + escapeProperty(d.File)}
		if d.Start.IsValid() {
			props = append(props, fmt.Sprintf("line=%d", d.Start.Line), fmt.Sprintf("col=%d", d.Start.Col))
			if d.End.IsValid() {
				props = append(props, fmt.Sprintf("endLine=%d", d.End.Line), fmt.Sprintf("endColumn=%d", d.End.Col))
			}
		}
		props = append(props, "title="+escapeProperty(d.Rule))
		_, _ = fmt.Fprintf(bw, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(d.Message))
	}
	return bw.Flush()
}

// Escaping as the Actions runner's command parser expects it.
// Other control bytes (an escape sequence quoted from a user's file)
// become '?' (see sanitize), so they cannot restyle or rewrite the log.
func escapeData(s string) string {
	return sanitize(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

func escapeProperty(s string) string {
	return sanitize(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}
