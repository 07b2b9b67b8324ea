package safefile

import (
	"path/filepath"
	"strings"
)

// Within reports whether path is root or lies below it, comparing the
// paths as written: both must be absolute, or both relative to the same
// directory, and symlinks are the caller's to resolve first. This is the
// one place the "inside the linted tree" test is spelled, because a copy
// that tests strings.HasPrefix(rel, "..") alone also shuts out a file
// named "..env", and one that forgets filepath.IsAbs lets a path on
// another Windows volume through.
func Within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
