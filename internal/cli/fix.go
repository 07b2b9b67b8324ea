package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/fix"
	"github.com/flylint-dev/flylint/internal/outfile"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// fixResult is what applyFixes did.
type fixResult struct {
	written int // files written (not with -diff)
	// diff is the unified diff of every change, for -fix -diff.
	diff []byte
	// remaining are the findings no applied fix removed: with -diff, what
	// the fixed files would still show (a fix is offered only when it
	// removes its finding). Without -diff the files are linted again.
	remaining []diag.Diagnostic
}

// applyFixes applies every diagnostic's first suggested fix, or with
// diffOnly only computes the diff. Every changed file is checked before
// any is written, so that a file -fix may not replace (a hard link, a
// file it could not give back its owner) stops the run with nothing
// half-fixed.
func applyFixes(diags []diag.Diagnostic, ws *workspace.Workspace, diffOnly bool, stderr io.Writer) (fixResult, error) {
	var fixes []diag.Fix
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			fixes = append(fixes, d.Fixes[0])
		}
	}
	changed, skipped, err := fix.Apply(ws.Files, fixes)
	if err != nil {
		return fixResult{}, &internalError{fmt.Errorf("applying fixes: %w", err)}
	}
	var res fixResult
	for _, d := range diags {
		if len(d.Fixes) == 0 || slices.ContainsFunc(skipped, func(f diag.Fix) bool { return sameFix(f, d.Fixes[0]) }) {
			res.remaining = append(res.remaining, d)
		}
	}
	names := make([]string, 0, len(changed))
	for name := range changed {
		names = append(names, name)
	}
	slices.Sort(names)
	if len(skipped) > 0 {
		say(stderr, "flylint: %s overlap others and were not applied; run -fix again\n", plural(len(skipped), "fix"))
	}
	if diffOnly {
		var buf bytes.Buffer
		for _, name := range names {
			buf.Write(fix.Diff(name, ws.Files[name], changed[name]))
		}
		res.diff = buf.Bytes()
		return res, nil
	}
	var errs []error
	for _, name := range names {
		if err := outfile.Check(filepath.FromSlash(name), outfile.Fixed); err != nil {
			errs = append(errs, fmt.Errorf("-fix: %w", err))
		}
	}
	if len(errs) > 0 {
		return res, usagef("%v\nflylint fixed no file", errors.Join(errs...))
	}
	for _, name := range names {
		if err := outfile.Write(filepath.FromSlash(name), changed[name], outfile.Fixed); err != nil {
			return res, usagef("-fix: %v", err)
		}
		res.written++
		say(stderr, "fixed %s\n", name)
	}
	return res, nil
}

// sameFix reports whether a and b are one fix: fix.Apply hands back the
// skipped fixes by value, and their edits still share the backing array
// of the diagnostic's.
func sameFix(a, b diag.Fix) bool {
	return len(a.Edits) > 0 && len(b.Edits) > 0 && &a.Edits[0] == &b.Edits[0]
}
