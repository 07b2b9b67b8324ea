// Package fix applies the suggested fixes of diagnostics to files,
// and shows them as unified diffs.
package fix

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
)

type edit struct {
	start, end int
	text       string
}

// conflicts reports whether two edits of one file cannot both apply.
// Two insertions at one offset conflict (their order would be a guess);
// an insertion conflicts only with an edit that spans its offset.
func conflicts(a, b edit) bool {
	switch {
	case a.start == a.end && b.start == b.end:
		return a.start == b.start
	case a.start == a.end:
		return b.start < a.start && a.start < b.end
	case b.start == b.end:
		return a.start < b.start && b.start < a.end
	}
	return a.start < b.end && b.start < a.end
}

// Apply applies fixes, in order, to files (content by path, the edits'
// File) and returns the new content of every file that changed. A fix
// applies whole or not at all: when one of its edits overlaps an edit of
// an earlier fix (or of itself), the fix is skipped and returned in
// skipped. An edit identical to one already taken is not a conflict:
// two diagnostics often suggest the same change.
//
// Edits use the byte offsets of their ranges. An edit outside its file
// or for a file not in files is a bug in the rule that made it; Apply
// then returns an error and changes nothing.
func Apply(files map[string][]byte, fixes []diag.Fix) (changed map[string][]byte, skipped []diag.Fix, err error) {
	for _, f := range fixes {
		for _, e := range f.Edits {
			content, ok := files[e.File]
			if !ok {
				return nil, nil, fmt.Errorf("fix %q edits %s, which was not read", f.Message, e.File)
			}
			if e.Start.Offset < 0 || e.Start.Offset > e.End.Offset || e.End.Offset > len(content) {
				return nil, nil, fmt.Errorf("fix %q: edit %d-%d is outside %s (%d bytes)", f.Message, e.Start.Offset, e.End.Offset, e.File, len(content))
			}
		}
	}

	taken := map[string][]edit{}
	for _, f := range fixes {
		add := map[string][]edit{}
		ok := true
	edits:
		for _, e := range f.Edits {
			ne := edit{e.Start.Offset, e.End.Offset, e.NewText}
			for _, prev := range [][]edit{taken[e.File], add[e.File]} {
				for _, t := range prev {
					if t == ne {
						continue edits
					}
					if conflicts(t, ne) {
						ok = false
						break edits
					}
				}
			}
			add[e.File] = append(add[e.File], ne)
		}
		if !ok {
			skipped = append(skipped, f)
			continue
		}
		for file, es := range add {
			taken[file] = append(taken[file], es...)
		}
	}

	changed = map[string][]byte{}
	for file, es := range taken {
		old := files[file]
		// Sorting by (start, end) puts an insertion before a replacement
		// that starts at the same offset.
		slices.SortFunc(es, func(a, b edit) int {
			if a.start != b.start {
				return a.start - b.start
			}
			return a.end - b.end
		})
		var out bytes.Buffer
		out.Grow(len(old))
		last := 0
		for _, e := range es {
			out.Write(old[last:e.start])
			out.WriteString(e.text)
			last = e.end
		}
		out.Write(old[last:])
		if !bytes.Equal(out.Bytes(), old) {
			changed[file] = out.Bytes()
		}
	}
	return changed, skipped, nil
}
