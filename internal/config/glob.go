package config

import (
	"errors"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Excluded reports whether rel, a slash-separated path relative to the
// config file's directory, is excluded: when a glob matches it or one of
// its parent directories, so that "examples" excludes everything below.
func (c *Config) Excluded(rel string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel = strings.Trim(path.Clean("/"+rel), "/")
	for _, g := range c.Exclude {
		for p := rel; p != "" && p != "."; p = path.Dir(p) {
			if Match(g, p) {
				return true
			}
		}
	}
	return false
}

// Match reports whether the slash-separated path name matches pattern,
// with doublestar's rules (those of .gitignore-style tools users know):
// "**" matches zero or more segments, "{a,b}" either alternative, and
// other segments follow path.Match. A bad pattern matches nothing (Load
// rejects it first).
func Match(pattern, name string) bool {
	ok, err := doublestar.Match(strings.Trim(pattern, "/"), name)
	return ok && err == nil
}

// CheckGlob says what is wrong with an exclude glob, or returns nil; Load
// and the language server (for the globs its settings carry) both use it.
func CheckGlob(g string) error {
	switch {
	case strings.TrimSpace(g) == "":
		return errors.New("is empty")
	case strings.HasPrefix(g, "/") || (len(g) > 1 && g[1] == ':'):
		return errors.New("is absolute; exclude globs are relative to the directory of .flylint.toml")
	case strings.Contains(g, `\`):
		return errors.New(`uses '\'; write paths with '/' (and [\\*] is not supported)`)
	}
	for _, seg := range strings.Split(strings.Trim(g, "/"), "/") {
		if seg == ".." {
			return errors.New("climbs out with \"..\"; flylint only lints below the config file")
		}
	}
	if !doublestar.ValidatePattern(g) {
		return errors.New("is not a valid glob (check its [ ] brackets and { } braces)")
	}
	return nil
}
