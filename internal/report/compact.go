package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/flylint-dev/flylint/internal/diag"
)

// Compact writes one line per finding and nothing else, the form editors'
// quickfix lists (Vim's errorformat, Emacs' compilation-mode) and grep
// read:
//
//	web/fly.toml:12:19: error: internal_port 8080 is … [internal-port-mismatch]
//
// It is the first line of each Text paragraph without the source quote
// and the related locations, which would start lines of their own.
func Compact(w io.Writer, diags []diag.Diagnostic) error {
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		// sanitize also turns a newline quoted into a message into '?',
		// so one finding stays one line.
		_, _ = fmt.Fprintf(bw, "%s: %s: %s [%s]\n", sanitize(location(d.Range)), d.Severity, sanitize(d.Message), d.Rule)
	}
	return bw.Flush()
}
