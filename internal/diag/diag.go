// Package diag defines the diagnostics every rule reports and every
// formatter prints.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Severity orders findings; a higher value is more serious.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Related is another place that explains a diagnostic, such as the other
// side of a mismatch.
type Related struct {
	source.Range
	Message string
}

// Edit replaces the bytes of Range with NewText.
type Edit struct {
	source.Range
	NewText string
}

// Fix is a safe change that resolves a diagnostic.
type Fix struct {
	Message string
	Edits   []Edit
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	source.Range
	// Message says what is wrong, why it matters on Fly, and how to fix
	// it. Its first sentence stands alone (SARIF and GitHub show only it).
	Message string
	Related []Related
	Fixes   []Fix
}

// Compare orders diagnostics by file, line, column, rule, then message,
// so that output is the same on every run.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Start.Line, b.Start.Line),
		cmp.Compare(a.Start.Col, b.Start.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts ds in place by Compare and drops exact duplicates.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return Compare(a, b) == 0 && a.Severity == b.Severity && a.End == b.End
	})
}
