// Package lint is flylint's pipeline after loading: run the rules over a
// workspace, then apply configuration (severity overrides, excludes) and
// inline suppressions. The CLI and the rule tests both go through it, so
// what the tests check is what users get.
package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/config"
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/suppress"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// Options say which rules run and how findings are filtered.
type Options struct {
	Rules  []*rules.Rule  // the rules to run
	Config *config.Config // may be nil
	// NoInlineIgnore ignores flylint:ignore directives (and so reports
	// none of them as unused).
	NoInlineIgnore bool
	// NoFixes returns the diagnostics without fixes, for a report that
	// shows none; the rules then skip proving fixes safe.
	NoFixes bool
	// Fixing is for -fix, which applies the fixes: see rules.Options.
	Fixing bool
	// Unproven, when set with Fixing, is told of each fix to file that
	// was not proven safe within the run's budget, so that -fix can say
	// why a finding it would have fixed remains.
	Unproven func(file string)
}

// Run checks ws and returns the diagnostics users see, sorted.
func Run(ws *workspace.Workspace, opts Options) ([]diag.Diagnostic, error) {
	diags, err := rules.RunWith(ws, opts.Rules, rules.Options{NoFixes: opts.NoFixes, Fixing: opts.Fixing, Unproven: opts.Unproven})
	if err != nil {
		return nil, err
	}
	ran := map[string]bool{}
	for _, r := range opts.Rules {
		ran[r.ID] = true
	}
	if !opts.NoInlineIgnore {
		dirs := map[string][]suppress.Directive{}
		for _, file := range sortedKeys(ws.Files) {
			if ds := suppress.Parse(file, ws.Files[file], suppress.LangOf(filepath.Base(file))); len(ds) > 0 {
				dirs[file] = ds
			}
		}
		diags = suppress.ApplyWith(diags, dirs, suppress.Options{
			Known: func(id string) bool { return rules.Lookup(id) != nil },
			// The suppression rules themselves are reported only when
			// enabled; a directive naming a disabled rule is not "unused".
			Ran: func(id string) bool { return ran[id] },
		})
		diags = slices.DeleteFunc(diags, func(d diag.Diagnostic) bool {
			return (d.Rule == suppress.UnusedRule || d.Rule == suppress.InvalidRule) && !ran[d.Rule]
		})
	}
	diags = dropOwned(diags)
	if c := opts.Config; c != nil {
		diags = slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return excluded(c, d.File) })
		for i := range diags {
			diags[i].Severity = c.SeverityOf(diags[i].Rule, diags[i].Severity)
		}
	}
	return KeepUnread(ws, capPerFile(diag.Sort(diags), MaxPerRuleFile)), nil
}

// dropOwned removes each finding another rule's finding owns (Rule.Owns):
// same file, same range. It runs after suppressions, so a suppressed owner
// lets the owned finding through.
func dropOwned(diags []diag.Diagnostic) []diag.Diagnostic {
	type key struct {
		rule       string
		file       string
		start, end source.Pos
	}
	owned := map[key]bool{}
	for _, d := range diags {
		if r := rules.Lookup(d.Rule); r != nil {
			for _, o := range r.Owns {
				owned[key{o, d.File, d.Start, d.End}] = true
			}
		}
	}
	if len(owned) == 0 {
		return diags
	}
	return slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return owned[key{d.Rule, d.File, d.Start, d.End}] })
}

// MaxPerRuleFile is how many findings of one rule in one file are listed.
// A real fly.toml has a handful; a generated or hostile one with 100,000
// [[services]] had 200,000, and their report alone passed a gigabyte of
// memory. Past this many, one finding says how many more there are.
const MaxPerRuleFile = 100

// capPerFile keeps the first max findings of each rule in each file of the
// sorted diags and puts, in place of the rest, one finding of the same
// rule at the first of them that says how many were left out. It has the
// most severe of their severities, so the exit code stays what the whole
// list would give.
func capPerFile(diags []diag.Diagnostic, max int) []diag.Diagnostic {
	type key struct{ file, rule string }
	count := map[key]int{}
	over := false
	for _, d := range diags {
		k := key{d.File, d.Rule}
		count[k]++
		over = over || count[k] > max
	}
	if !over {
		return diags
	}
	seen := map[key]int{}
	summary := map[key]int{} // index in out of the finding that stands for the rest
	out := diags[:0]
	for _, d := range diags {
		k := key{d.File, d.Rule}
		seen[k]++
		switch n := seen[k]; {
		case n <= max:
			out = append(out, d)
		case n == max+1:
			summary[k] = len(out)
			d.Message = fmt.Sprintf("%d more %s findings in this file are not listed: flylint lists the first %d of a rule in each file. Fix those and run flylint again to see the rest.",
				count[k]-max, d.Rule, max)
			d.Related, d.Fixes = nil, nil
			d.End = d.Start
			out = append(out, d)
		default:
			if i := summary[k]; d.Severity > out[i].Severity {
				out[i].Severity = d.Severity
			}
		}
	}
	return diag.Sort(out)
}

// KeepUnread returns diags, sorted, with a file-not-read error for
// everything ws could not read, put back at error severity wherever rule
// selection, a suppression, an exclude, a [severity] override or a
// baseline took it away or lowered it: a run that could not read an app
// checked nothing of it, and must not pass as if it had.
func KeepUnread(ws *workspace.Workspace, diags []diag.Diagnostic) []diag.Diagnostic {
	unread := rules.Unread(ws)
	if len(unread) == 0 {
		return diag.Sort(diags)
	}
	// A set, not a search per finding: a monorepo may hold thousands of
	// unreadable apps.
	type key struct {
		file, rule, msg string
		line, col       int
	}
	keyOf := func(d diag.Diagnostic) key { return key{d.File, d.Rule, d.Message, d.Start.Line, d.Start.Col} }
	must := make(map[key]bool, len(unread))
	for _, u := range unread {
		must[keyOf(u)] = true
	}
	diags = slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return must[keyOf(d)] })
	return diag.Sort(append(diags, unread...))
}

// excluded applies the config's exclude globs, which are relative to the
// config file's directory.
func excluded(c *config.Config, file string) bool {
	if len(c.Exclude) == 0 || c.Path == "" {
		return false
	}
	abs, err := filepath.Abs(filepath.FromSlash(file))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(filepath.Dir(c.Path), abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	return c.Excluded(filepath.ToSlash(rel))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Select returns the rules to run: only enable when it is non-empty,
// else every rule the config leaves on; then without disable.
func Select(enable, disable []string, c *config.Config) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		on := c.Enabled(r.ID, !r.Optional)
		if len(enable) > 0 {
			on = slices.Contains(enable, r.ID)
		}
		if on && !slices.Contains(disable, r.ID) {
			out = append(out, r)
		}
	}
	return out
}
