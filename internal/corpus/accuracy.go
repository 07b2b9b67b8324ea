package corpus

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

// LabelledRules are the rules LABELS.md speaks for. Its preamble defines
// "clean" as "a correct linter reports nothing for the port/bind rules":
// whether Fly Proxy and 6PN reach each listener on the right port and
// address. Exposure, syntax and flyctl-parity rules are outside what the
// labels claim, so their findings are judged one by one (Judged) instead
// of being counted as false alarms.
var LabelledRules = []string{
	"check-port-not-served",
	"env-port-mismatch",
	"internal-port-mismatch",
	"internal-target-ipv4-only",
	"internal-target-port",
	"loopback-bind",
	"no-listener-for-service",
	"port-env-unset",
	"private-port-ipv4-only",
	"proxied-port-6pn-only",
	"proxied-port-ipv6-only",
	"server-default-loopback",
	"tcp-on-fly-global-services",
	"udp-not-fly-global-services",
	"udp-port-remap",
}

// Finding is one diagnostic as the accuracy report shows it: the file is
// relative to the app's directory in the corpus.
type Finding struct {
	App      string
	Rule     string
	Severity diag.Severity
	Pos      string // "fly.toml:12:19"; for a miss, LABELS.md's location
	Note     string // the verdict or explanation, when there is one
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s %s %s", f.App, f.Rule, f.Pos)
	if f.Note != "" {
		s += " — " + f.Note
	}
	return s
}

// Row is one rule's line of the accuracy table.
type Row struct {
	Rule                              string
	Expected, Found, Missed, FalseAlm int
}

// Report is the accuracy of flylint over the labelled corpus.
type Report struct {
	Apps  int
	Rows  []Row // one per labelled rule, sorted by rule id
	Total Row
	// Misses are labelled findings flylint did not report; FalseAlarms are
	// findings at warning or above on a labelled rule the labels do not
	// expect. Either may carry a Note from Explained.
	Misses, FalseAlarms []Finding
	// Other are the findings at warning or above on rules the labels do
	// not speak for, each with its verdict from Judged (empty: unjudged).
	Other []Finding
}

// Unexplained returns the misses and false alarms with no explanation,
// and the other findings with no verdict: what the accuracy test fails on.
func (r *Report) Unexplained() []Finding {
	var out []Finding
	for _, list := range [][]Finding{r.Misses, r.FalseAlarms, r.Other} {
		for _, f := range list {
			if f.Note == "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// Evaluate lints every app under root/apps and compares the findings with
// root/LABELS.md.
func Evaluate(root string) (*Report, error) {
	data, err := os.ReadFile(filepath.Join(root, "LABELS.md"))
	if err != nil {
		return nil, err
	}
	labels := ParseLabels(data)
	dirs, err := filepath.Glob(filepath.Join(root, "apps", "*"))
	if err != nil {
		return nil, err
	}
	found := map[string][]Finding{}
	for _, dir := range dirs {
		app := filepath.Base(dir)
		fs, err := LintApp(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", app, err)
		}
		found[app] = fs
	}
	return compare(labels, found), nil
}

// LintApp lints one corpus app directory and returns its findings with
// paths relative to dir, sorted.
func LintApp(dir string) ([]Finding, error) {
	diags, err := Lint(dir)
	if err != nil {
		return nil, err
	}
	app := filepath.Base(dir)
	absDir, _ := filepath.Abs(dir)
	out := make([]Finding, 0, len(diags))
	for _, d := range diags {
		file := d.File
		if abs, err := filepath.Abs(filepath.FromSlash(file)); err == nil {
			if rel, err := filepath.Rel(absDir, abs); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		out = append(out, Finding{App: app, Rule: d.Rule, Severity: d.Severity,
			Pos: fmt.Sprintf("%s:%d:%d", file, d.Start.Line, d.Start.Col)})
	}
	return out, nil
}

// compare builds the report from labels and each app's findings.
func compare(labels map[string]Label, found map[string][]Finding) *Report {
	labelled := map[string]bool{}
	rows := map[string]*Row{}
	for _, id := range LabelledRules {
		labelled[id] = true
		rows[id] = &Row{Rule: id}
	}
	r := &Report{Apps: len(found)}
	apps := make([]string, 0, len(found))
	for app := range found {
		apps = append(apps, app)
	}
	slices.Sort(apps)
	for _, app := range apps {
		label, ok := labels[app]
		expected := map[string]bool{}
		if ok {
			for _, id := range label.Rules {
				expected[id] = true
			}
		}
		seen := map[string]bool{}
		for _, f := range found[app] {
			switch {
			case expected[f.Rule]:
				seen[f.Rule] = true
			case f.Severity < diag.Warning:
			case labelled[f.Rule]:
				f.Note = Explained[f.App+" "+f.Rule]
				r.FalseAlarms = append(r.FalseAlarms, f)
				rows[f.Rule].FalseAlm++
			default:
				f.Note = Judged[f.App+" "+f.Rule+" "+f.Pos]
				r.Other = append(r.Other, f)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(expected)) {
			row := rows[id]
			if row == nil { // a label naming a rule outside LabelledRules
				row = &Row{Rule: id}
				rows[id] = row
			}
			row.Expected++
			if seen[id] {
				row.Found++
				continue
			}
			row.Missed++
			r.Misses = append(r.Misses, Finding{App: app, Rule: id, Pos: labelLocation(label),
				Note: Explained[app+" "+id]})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(rows)) {
		row := *rows[id]
		r.Rows = append(r.Rows, row)
		r.Total.Expected += row.Expected
		r.Total.Found += row.Found
		r.Total.Missed += row.Missed
		r.Total.FalseAlm += row.FalseAlm
	}
	r.Total.Rule = "**total**"
	for _, list := range [][]Finding{r.Misses, r.FalseAlarms, r.Other} {
		slices.SortFunc(list, func(a, b Finding) int {
			return cmp.Or(cmp.Compare(a.App, b.App), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Pos, b.Pos))
		})
	}
	return r
}

// labelLocation is the location column of a label, the first place it
// names.
func labelLocation(l Label) string {
	loc, _, _ := strings.Cut(l.Location, ";")
	return strings.TrimSpace(loc)
}

// Markdown prints the report: the table, then each miss, false alarm and
// judged finding. The output depends only on the corpus and flylint.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Apps: %d. Rules the labels speak for: the port and bind rules (LABELS.md preamble).\n\n", r.Apps)
	b.WriteString("| rule | expected | found | missed | false alarms |\n|---|---:|---:|---:|---:|\n")
	for _, row := range append(slices.Clone(r.Rows), r.Total) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", row.Rule, row.Expected, row.Found, row.Missed, row.FalseAlm)
	}
	section := func(title string, list []Finding, sev bool) {
		fmt.Fprintf(&b, "\n%s (%d):\n", title, len(list))
		if len(list) == 0 {
			b.WriteString("- none\n")
		}
		for _, f := range list {
			note := f.Note
			if note == "" {
				note = "UNEXPLAINED"
			}
			if sev {
				fmt.Fprintf(&b, "- %s `%s` %s %s — %s\n", f.App, f.Rule, f.Severity, f.Pos, note)
			} else {
				fmt.Fprintf(&b, "- %s `%s` %s — %s\n", f.App, f.Rule, f.Pos, note)
			}
		}
	}
	section("Misses", r.Misses, false)
	section("False alarms", r.FalseAlarms, true)
	section("Other findings at warning or error (rules the labels do not cover), with verdicts", r.Other, true)
	return b.String()
}
