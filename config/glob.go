package config

import (
	"errors"
	"path"
	"strings"
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

// Match reports whether the slash-separated path name matches pattern.
// A "**" segment matches zero or more segments; other segments follow
// path.Match. A bad pattern matches nothing (Load rejects it first).
func Match(pattern, name string) bool {
	pattern = strings.Trim(pattern, "/")
	return matchSegs(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegs(pat, name []string) bool {
	// Iterative with one backtrack point per "**", like the classic
	// wildcard matcher, so that many "**" cannot blow up exponentially.
	pi, ni := 0, 0
	starP, starN := -1, 0
	for ni < len(name) {
		switch {
		case pi < len(pat) && pat[pi] == "**":
			starP, starN = pi, ni
			pi++
		case pi < len(pat) && segMatch(pat[pi], name[ni]):
			pi++
			ni++
		case starP >= 0:
			starN++
			pi, ni = starP+1, starN
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi] == "**" {
		pi++
	}
	return pi == len(pat)
}

func segMatch(pat, seg string) bool {
	ok, err := path.Match(pat, seg)
	return ok && err == nil
}

// checkGlob says what is wrong with an exclude pattern, or returns nil.
func checkGlob(g string) error {
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
		if _, err := path.Match(seg, ""); err != nil {
			return errors.New("is not a valid glob (check its [ ] brackets)")
		}
	}
	return nil
}
