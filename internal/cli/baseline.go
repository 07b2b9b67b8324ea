package cli

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/flylint-dev/flylint/internal/baseline"
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// applyBaseline runs once the findings are known (after suppressions and
// configuration). With -write-baseline it records them and done is true:
// the run ends there, and kept is what could not be read, which the
// baseline leaves out and wroteBaseline reports. With -baseline it returns
// only the findings the baseline does not hold, so old problems stop
// failing the build while new ones still do. Without either, diags come
// back as lint.Run left them, which already holds what could not be read.
func applyBaseline(o options, diags []diag.Diagnostic, ws *workspace.Workspace, stderr io.Writer) (kept []diag.Diagnostic, done bool, err error) {
	if o.writeBaseline == "" && o.baseline == "" {
		return diags, false, nil
	}
	switch {
	case o.writeBaseline != "" && o.baseline != "":
		return nil, false, usagef("-baseline and -write-baseline do not go together: -write-baseline records every current finding")
	case o.writeBaseline != "" && o.fix:
		return nil, false, usagef("-fix and -write-baseline do not go together: fix first, then record what is left")
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, false, err
	}

	if path := o.writeBaseline; path != "" {
		// Findings for what could not be read are never hidden by a
		// baseline (lint.KeepUnread), so recording them would only
		// suggest they are accepted.
		unreadDiags := rules.Unread(ws)
		unread := map[string]bool{}
		for _, d := range unreadDiags {
			unread[d.String()+"\x00"+d.Message] = true
		}
		diags = slices.DeleteFunc(slices.Clone(diags), func(d diag.Diagnostic) bool {
			return d.Rule == rules.FileNotRead.ID && unread[d.String()+"\x00"+d.Message]
		})
		b := baseline.New(diags, ws.Files, baseline.NewPaths(wd, filepath.Dir(path)))
		if err := baseline.Write(path, b); err != nil {
			return nil, false, usagef("-write-baseline %v", err)
		}
		say(stderr, "flylint: wrote %s to %s\n", plural(len(b.Findings), "finding"), path)
		return unreadDiags, true, nil
	}

	path := o.baseline
	b, err := baseline.Read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, usagef("-baseline: %s does not exist; record one with -write-baseline %s", path, path)
	case err != nil:
		var pe *fs.PathError
		var odd *safefile.NotRegularError
		if errors.As(err, &pe) || errors.As(err, &odd) {
			return nil, false, usagef("-baseline: %v", err)
		}
		return nil, false, usagef("-baseline: %s: %v", path, err)
	}
	kept, stale := b.Filter(diags, ws.Files, baseline.NewPaths(wd, filepath.Dir(path)))
	if o.verbose {
		say(stderr, "flylint: baseline %s hid %s; %s no longer match (fixed or changed)\n",
			path, plural(len(diags)-len(kept), "finding"), plural(stale, "entry"))
	}
	// A baseline may hold an unread app's finding; it must not hide it.
	return lint.KeepUnread(ws, kept), false, nil
}

func plural(n int, noun string) string {
	if n != 1 {
		switch noun {
		case "entry":
			noun = "entries"
		case "fix":
			noun = "fixes"
		default:
			noun += "s"
		}
	}
	return strconv.Itoa(n) + " " + noun
}
