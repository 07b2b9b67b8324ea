package config

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/flylint-dev/flylint/internal/editdist"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

const (
	// MaxSize bounds the config file: real ones are a few hundred bytes,
	// and a limit keeps a wrong -config (a log, a binary) cheap to reject.
	MaxSize = 1 << 20
	// maxErrors bounds the list; past it the rest is counted, not shown.
	maxErrors = 50
)

// Load parses data, the content of the config file at path (used in
// error positions). known reports whether a rule id exists; nil accepts
// every id. On any problem Load returns a nil Config and an ErrorList.
func Load(path string, data []byte, known func(ruleID string) bool) (*Config, error) {
	if len(data) > MaxSize {
		return nil, ErrorList{{
			Range:   source.Range{File: path, Start: source.Pos{Line: 1, Col: 1}, End: source.Pos{Line: 1, Col: 1}},
			Message: fmt.Sprintf("the file is %d bytes, more than the %d a .flylint.toml may have; is this the right file?", len(data), MaxSize),
		}}
	}
	if known == nil {
		known = func(string) bool { return true }
	}
	root, errs := parseTree(path, data)
	l := &loader{known: known, errs: errs}
	c := &Config{Path: path}
	if len(errs) == 0 {
		// A tree cut short by a syntax error would add confusing
		// follow-on errors, so the schema is checked on whole files only.
		l.top(c, root)
	}
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool {
			return l.errs[i].Range.Start.Offset < l.errs[j].Range.Start.Offset
		})
		if n := len(l.errs); n > maxErrors {
			l.errs = append(l.errs[:maxErrors], &Error{
				Range:   l.errs[maxErrors].Range,
				Message: fmt.Sprintf("and %d more errors", n-maxErrors),
			})
		}
		return nil, l.errs
	}
	return c, nil
}

type loader struct {
	known func(string) bool
	errs  ErrorList
}

func (l *loader) errorAt(r source.Range, format string, args ...any) {
	l.errs = append(l.errs, &Error{Range: r, Message: fmt.Sprintf(format, args...)})
}

var topKeys = []string{"fail-on", "enable", "disable", "severity", "apps", "exclude", "no-inline-ignore"}

func (l *loader) top(c *Config, t *table) {
	for _, k := range t.keys {
		v := t.m[k]
		switch k {
		case "fail-on":
			if s, ok := l.severity(k, v); ok {
				c.FailOn = &s
			}
		case "enable":
			c.Enable = l.ruleList(k, v)
		case "disable":
			c.Disable = l.ruleList(k, v)
		case "severity":
			c.Severity = l.severities(v)
		case "apps":
			c.Apps = l.apps(v)
		case "exclude":
			c.Exclude = l.globs(v)
		case "no-inline-ignore":
			if l.want(k, v, kBool) {
				c.NoInlineIgnore = v.b
			}
		default:
			l.unknownKey("", k, v, topKeys)
		}
	}
	// Checked after both lists are read so the error lands on whichever
	// comes second in the file.
	if en, dis := t.m["enable"], t.m["disable"]; en != nil && dis != nil {
		for _, id := range c.Enable {
			if !slices.Contains(c.Disable, id) {
				continue
			}
			er, dr := elemRange(en, id), elemRange(dis, id)
			at, other, otherLine := dr, "enable", er.Start.Line
			if er.Start.Offset > dr.Start.Offset {
				at, other, otherLine = er, "disable", dr.Start.Line
			}
			l.errorAt(at, "rule %q is in both enable and disable (%s is at line %d); keep it in one list", id, other, otherLine)
		}
	}
}

func elemRange(v *value, s string) source.Range {
	for _, e := range v.elems {
		if e.kind == kString && e.str == s {
			return e.valRng
		}
	}
	return v.valRng
}

func isTable(v *value) bool { return v.kind == kTable || v.kind == kInline }

// want reports whether v has kind k, and reports it when not.
func (l *loader) want(key string, v *value, k kind) bool {
	if v.kind == k || (k == kTable && isTable(v)) {
		return true
	}
	l.errorAt(v.valRng, "%s must be %s, not %s", key, k, v.kind)
	return false
}

func (l *loader) severity(key string, v *value) (diag.Severity, bool) {
	if v.kind != kString {
		l.errorAt(v.valRng, "%s must be a string: \"error\", \"warning\" or \"info\", not %s", key, v.kind)
		return 0, false
	}
	// ParseSeverity's aliases (warn, note) are for the CLI; the file
	// takes the three names the docs show, so configs stay uniform.
	switch v.str {
	case "error":
		return diag.Error, true
	case "warning":
		return diag.Warning, true
	case "info":
		return diag.Info, true
	}
	hint := ""
	if s, err := diag.ParseSeverity(v.str); err == nil {
		hint = fmt.Sprintf(" (did you mean %q?)", s.String())
	}
	l.errorAt(v.valRng, "%s = %q is not a severity; use \"error\", \"warning\" or \"info\"%s", key, v.str, hint)
	return 0, false
}

func (l *loader) ruleList(key string, v *value) []string {
	if !l.want(key, v, kArray) {
		return nil
	}
	ids := []string{}
	seen := map[string]int{}
	for _, e := range v.elems {
		if e.kind != kString {
			l.errorAt(e.valRng, "%s must list rule ids as strings, not %s", key, e.kind)
			continue
		}
		if !l.known(e.str) {
			l.errorAt(e.valRng, "%s: %q is not a flylint rule id (`flylint rules` lists them)", key, e.str)
			continue
		}
		if line, dup := seen[e.str]; dup {
			l.errorAt(e.valRng, "%s lists %q twice (also at line %d)", key, e.str, line)
			continue
		}
		seen[e.str] = e.valRng.Start.Line
		ids = append(ids, e.str)
	}
	return ids
}

func (l *loader) severities(v *value) map[string]diag.Severity {
	if !l.want("severity", v, kTable) {
		return nil
	}
	m := map[string]diag.Severity{}
	for _, id := range v.tbl.keys {
		sv := v.tbl.m[id]
		if !l.known(id) {
			l.errorAt(sv.keyRng, "[severity] %q is not a flylint rule id (`flylint rules` lists them)", id)
			continue
		}
		if s, ok := l.severity("severity."+id, sv); ok {
			m[id] = s
		}
	}
	return m
}

var appKeys = []string{"flycast", "dedicated-ipv4"}

func (l *loader) apps(v *value) map[string]AppConfig {
	if !l.want("apps", v, kTable) {
		return nil
	}
	m := map[string]AppConfig{}
	for _, name := range v.tbl.keys {
		av := v.tbl.m[name]
		if !l.want("apps."+name, av, kTable) {
			continue
		}
		ac := AppConfig{Range: av.keyRng}
		for _, k := range av.tbl.keys {
			kv := av.tbl.m[k]
			switch k {
			case "flycast":
				if l.want("apps."+name+".flycast", kv, kBool) {
					ac.Flycast = kv.b
				}
			case "dedicated-ipv4":
				if l.want("apps."+name+".dedicated-ipv4", kv, kBool) {
					ac.DedicatedIPv4 = kv.b
				}
			default:
				l.unknownKey("apps."+name+".", k, kv, appKeys)
			}
		}
		m[name] = ac
	}
	return m
}

func (l *loader) globs(v *value) []string {
	if !l.want("exclude", v, kArray) {
		return nil
	}
	globs := []string{}
	for _, e := range v.elems {
		if e.kind != kString {
			l.errorAt(e.valRng, "exclude must list globs as strings, not %s", e.kind)
			continue
		}
		if err := CheckGlob(e.str); err != nil {
			l.errorAt(e.valRng, "exclude: %q %v", e.str, err)
			continue
		}
		globs = append(globs, e.str)
	}
	return globs
}

func (l *loader) unknownKey(prefix, k string, v *value, valid []string) {
	msg := fmt.Sprintf("unknown key %q", prefix+k)
	if s := suggest(k, valid); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", prefix+s)
	} else {
		msg += "; valid keys: " + strings.Join(valid, ", ")
	}
	l.errorAt(v.keyRng, "%s", msg)
}

// suggest returns the valid key k most likely meant: the same key in
// another case or with '_' for '-', else one within two edits.
func suggest(k string, valid []string) string {
	norm := strings.ReplaceAll(strings.ToLower(k), "_", "-")
	best, bestDist := "", 3
	for _, s := range valid {
		if s == norm {
			return s
		}
		if d := editdist.Distance(norm, s); d < bestDist {
			best, bestDist = s, d
		}
	}
	return best
}
