package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/fix"
	"github.com/flylint/flylint/workspace"
)

// applyFixes applies every diagnostic's first suggested fix (or prints
// the diff with -diff) and reports what is left unfixed. The exit code
// reflects the findings that remain.
func applyFixes(diags []diag.Diagnostic, ws *workspace.Workspace, diffOnly bool, stdout, stderr io.Writer) (int, error) {
	var fixes []diag.Fix
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			fixes = append(fixes, d.Fixes[0])
		}
	}
	changed, skipped, err := fix.Apply(ws.Files, fixes)
	if err != nil {
		return 0, &internalError{fmt.Errorf("applying fixes: %w", err)}
	}
	names := make([]string, 0, len(changed))
	for name := range changed {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if diffOnly {
			if _, err := stdout.Write(fix.Diff(name, ws.Files[name], changed[name])); err != nil {
				return 0, err
			}
			continue
		}
		if err := fix.WriteAtomic(filepath.FromSlash(name), changed[name]); err != nil {
			return 0, fmt.Errorf("-fix: %w", err)
		}
		say(stderr, "fixed %s\n", name)
	}
	if len(skipped) > 0 {
		say(stderr, "flylint: %d fixes overlap others and were not applied; run -fix again\n", len(skipped))
	}
	remaining := len(diags) - (len(fixes) - len(skipped))
	if remaining > 0 || (diffOnly && len(changed) > 0) {
		return ExitFindings, nil
	}
	return ExitClean, nil
}
