// Package config reads .flylint.toml, flylint's own configuration file.
//
// Load is strict where flyctl is lenient: a misspelt key or value in a
// linter's config silently turns a check off, so every unknown key, wrong
// type, unknown rule id and bad glob is an error with its file:line:col.
package config

import (
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// Name is the config file's name.
const Name = ".flylint.toml"

// Config is a loaded .flylint.toml. The zero value means "no config".
type Config struct {
	Path   string
	FailOn *diag.Severity // nil when not set
	// Enable and Disable are rule ids. A rule may not be in both.
	Enable, Disable []string
	// Severity overrides a rule's default severity.
	Severity map[string]diag.Severity
	// Apps is per-app settings, by the app name in fly.toml.
	Apps map[string]AppConfig
	// Exclude is slash-separated globs relative to the directory of the
	// config file; "**" matches any number of directories. See Excluded.
	Exclude []string
	// NoInlineIgnore turns off inline "flylint:ignore" directives, for
	// teams that want every exception to be in this file (the CLI's
	// -no-inline-ignore flag does the same).
	NoInlineIgnore bool
}

// AppConfig is [apps.<name>].
type AppConfig struct {
	// Flycast marks an app reached only through Flycast (<app>.flycast),
	// so rules treat it as private and as HTTP-only.
	Flycast bool
	// DedicatedIPv4 says the app has a dedicated public IPv4 address
	// (fly ips allocate-v4), which flylint cannot see from the tree: Fly
	// routes raw TCP and UDP to it, so the rules that ask for one are
	// satisfied.
	DedicatedIPv4 bool
	// Range is the app's name in the file, for reporting a name that
	// matches no app.
	Range source.Range
}

// Enabled reports whether the config leaves rule on, given whether the
// rule is on by default.
func (c *Config) Enabled(rule string, byDefault bool) bool {
	if c == nil {
		return byDefault
	}
	if slices.Contains(c.Disable, rule) {
		return false
	}
	return byDefault || slices.Contains(c.Enable, rule)
}

// SeverityOf returns the severity the config gives rule, or def.
func (c *Config) SeverityOf(rule string, def diag.Severity) diag.Severity {
	if c != nil {
		if s, ok := c.Severity[rule]; ok {
			return s
		}
	}
	return def
}

// AppsWhere names the configured apps whose settings keep accepts; nil
// for no config.
func (c *Config) AppsWhere(keep func(AppConfig) bool) map[string]bool {
	if c == nil {
		return nil
	}
	out := map[string]bool{}
	for name, a := range c.Apps {
		if keep(a) {
			out[name] = true
		}
	}
	return out
}

// DedicatedIPv4 reports whether the config says app has a dedicated
// public IPv4 address.
func (c *Config) DedicatedIPv4(app string) bool {
	return c != nil && c.Apps[app].DedicatedIPv4
}

// Flycast reports whether the config marks app as a Flycast app.
func (c *Config) Flycast(app string) bool {
	return c != nil && c.Apps[app].Flycast
}
