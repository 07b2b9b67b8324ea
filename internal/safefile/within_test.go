package safefile

import (
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	// Written with slashes and converted, so the cases use the separator
	// of the system the test runs on, as the callers' paths do.
	for _, c := range []struct {
		root, path string
		want       bool
	}{
		{"/app", "/app", true},                // the root itself
		{"/app", "/app/", true},               // the root, not cleaned
		{"/app", "/app/fly.toml", true},       // below
		{"/app", "/app/a/b/../c", true},       // .. that stays inside
		{"/app", "/app/..env", true},          // a name that starts with ..
		{"/app", "/app/../app/x", true},       // out and back in
		{"/app", "/app/..", false},            // the parent
		{"/app", "/app/../etc/passwd", false}, // out through ..
		{"/app", "/apple/x", false},           // a sibling sharing a prefix
		{"/app", "/", false},                  // above
		{"/app/", "/app/x", true},             // root with a trailing slash
		{"/", "/etc", true},                   // the filesystem root holds all
		{"app", "app/x", true},                // relative, same base
		{"app", "other/x", false},             // relative, outside
		{".", "x", true},                      // the working directory
		{".", "../x", false},                  // above the working directory
		{".", "..x", true},                    // a dotted name, relative
		{"/app", "app/x", false},              // absolute root, relative path: cannot be compared
		{"app", "/app/x", false},              // and the other way round
	} {
		root, path := filepath.FromSlash(c.root), filepath.FromSlash(c.path)
		if got := Within(root, path); got != c.want {
			t.Errorf("Within(%q, %q) = %v, want %v", root, path, got, c.want)
		}
	}
}
