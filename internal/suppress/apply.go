package suppress

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

// Rule ids of the diagnostics Apply reports. The rules package registers
// their metadata; they cannot themselves be suppressed.
const (
	UnusedRule  = "unused-suppression"  // info
	InvalidRule = "invalid-suppression" // warning
)

// Options tunes ApplyWith.
type Options struct {
	// Known reports whether a rule id exists; nil accepts every id.
	Known func(ruleID string) bool
	// Ran reports whether a rule ran. A directive for a rule that was
	// disabled (or skipped, like Go rules under -go off) cannot have
	// suppressed anything and is not reported unused. nil: every rule ran.
	Ran func(ruleID string) bool
}

// Apply is ApplyWith with only Options.Known.
func Apply(diags []diag.Diagnostic, dirs map[string][]Directive, known func(string) bool) []diag.Diagnostic {
	return ApplyWith(diags, dirs, Options{Known: known})
}

// ApplyWith drops the diagnostics that a directive in dirs (by file, the
// diagnostics' File) covers and names, marks those directives Used, and
// returns the kept diagnostics followed by the problems with the
// directives themselves:
//
//   - invalid-suppression (warning): no rule id, an unknown rule id, or no
//     reason. A directive without a reason still suppresses, so that the
//     user sees one problem to fix, not two.
//   - unused-suppression (info): a known rule id that suppressed nothing.
//
// diags is not modified; the Directive slices in dirs are.
func ApplyWith(diags []diag.Diagnostic, dirs map[string][]Directive, opt Options) []diag.Diagnostic {
	known, ran := opt.Known, opt.Ran
	if known == nil {
		known = func(string) bool { return true }
	}
	if ran == nil {
		ran = func(string) bool { return true }
	}

	type ref struct{ dir, rule int }
	// byLine indexes, per file and covered line, the directives' rule ids.
	byLine := map[string]map[int][]ref{}
	used := map[string]map[ref]bool{}
	for file, ds := range dirs {
		m := map[int][]ref{}
		for i := range ds {
			ds[i].Used = false
			for j := range ds[i].Rules {
				m[ds[i].Line] = append(m[ds[i].Line], ref{i, j})
			}
		}
		byLine[file] = m
		used[file] = map[ref]bool{}
	}

	// Sized up front: grown by doubling, a file with 200,000 findings
	// allocated several times their size here.
	kept := make([]diag.Diagnostic, 0, len(diags))
	for _, d := range diags {
		suppressed := false
		if d.Rule != UnusedRule && d.Rule != InvalidRule {
			for _, r := range byLine[d.File][d.Start.Line] {
				if dirs[d.File][r.dir].Rules[r.rule] == d.Rule {
					// Only the first directive is used, so that a
					// redundant second one is reported.
					dirs[d.File][r.dir].Used = true
					used[d.File][r] = true
					suppressed = true
					break
				}
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}

	var problems []diag.Diagnostic
	files := make([]string, 0, len(dirs))
	for f := range dirs {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, file := range files {
		for i, d := range dirs[file] {
			problems = append(problems, check(d, func(j int) bool { return used[file][ref{i, j}] }, known, ran)...)
		}
	}
	diag.Sort(problems)
	return append(kept, problems...)
}

// check returns the problems with one directive after Apply.
func check(d Directive, used func(rule int) bool, known, ran func(string) bool) []diag.Diagnostic {
	var out []diag.Diagnostic
	if len(d.Rules) == 0 {
		return append(out, diag.Diagnostic{
			Rule: InvalidRule, Severity: diag.Warning, Range: d.Range,
			Message: "This flylint:ignore directive names no rule, so it suppresses nothing. " +
				"Write the ids of the rules to ignore and why, e.g. `flylint:ignore loopback-bind only reached from a sidecar`.",
		})
	}
	var unused []int
	for j, id := range d.Rules {
		switch {
		case !known(id):
			out = append(out, diag.Diagnostic{
				Rule: InvalidRule, Severity: diag.Warning, Range: d.RuleRanges[j],
				Message: fmt.Sprintf("%q is not a flylint rule id, so this directive does not suppress it. "+
					"Check the spelling against `flylint rules`; ids are kebab-case and separated by commas.", id),
			})
		case !used(j) && ran(id):
			unused = append(unused, j)
		}
	}
	if d.Reason == "" {
		out = append(out, diag.Diagnostic{
			Rule: InvalidRule, Severity: diag.Warning, Range: d.Range,
			Message: "This flylint:ignore directive gives no reason. " +
				"Say after the rule ids why the finding does not apply here, so that reviewers can judge the exception later.",
		})
	}
	switch {
	case len(unused) == 0:
	case len(unused) == len(d.Rules):
		// Nothing was used: the whole directive is dead.
		out = append(out, diag.Diagnostic{
			Rule: UnusedRule, Severity: diag.Info, Range: d.Range,
			Message: fmt.Sprintf("This flylint:ignore directive suppresses nothing: no %s finding on line %d. "+
				"Remove it, or move it to the line of the finding or the line above.", orList(d.Rules), d.Line),
		})
	default:
		for _, j := range unused {
			out = append(out, diag.Diagnostic{
				Rule: UnusedRule, Severity: diag.Info, Range: d.RuleRanges[j],
				Message: fmt.Sprintf("%s is ignored here but has no finding on line %d. Remove it from the directive.", d.Rules[j], d.Line),
			})
		}
	}
	return out
}

func orList(ids []string) string {
	switch len(ids) {
	case 1:
		return ids[0]
	case 2:
		return ids[0] + " or " + ids[1]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}
