package config

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"examples", "examples", true},
		{"examples", "apps/examples", false},
		{"**/testdata", "testdata", true},
		{"**/testdata", "a/b/testdata", true},
		{"**/testdata", "a/testdata/x", false},
		{"apps/**/fly.toml", "apps/fly.toml", true},
		{"apps/**/fly.toml", "apps/a/b/fly.toml", true},
		{"apps/**/fly.toml", "web/a/fly.toml", false},
		{"apps/*", "apps/web", true},
		{"apps/*", "apps/web/x", false},
		{"**", "anything/at/all", true},
		{"**/a/**/b", "x/a/y/z/b", true},
		{"**/a/**/b", "x/a/y/z/c", false},
		{"fly.*.toml", "fly.staging.toml", true},
		{"fly.[ps]*.toml", "fly.dev.toml", false},
		{"examples/", "examples", true},
		{"a/[b", "a/[b", false}, // bad pattern matches nothing
		{"apps/{web,api}/**", "apps/api/fly.toml", true},
		{"apps/{web,api}/**", "apps/worker/fly.toml", false},
		{"**/*.{yml,yaml}", "a/b/c.yaml", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestMatchManyStars(t *testing.T) {
	// Backtracking over many "**" must stay linear-ish, not exponential.
	pat := strings.Repeat("**/", 40) + "z"
	name := strings.Repeat("a/", 2000) + "y"
	if Match(pat, name) {
		t.Error("matched")
	}
}

func TestExcluded(t *testing.T) {
	c := &Config{Exclude: []string{"examples", "**/testdata", "legacy/*.toml"}}
	for name, want := range map[string]bool{
		"examples":                   true,
		"examples/web/fly.toml":      true,
		"./examples/fly.toml":        true,
		"apps/web/testdata/fly.toml": true,
		"apps/web/fly.toml":          false,
		"legacy/fly.toml":            true,
		"legacy/sub/fly.toml":        false,
		"":                           false,
		"examples2/fly.toml":         false,
	} {
		if got := c.Excluded(name); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", name, got, want)
		}
	}
}
