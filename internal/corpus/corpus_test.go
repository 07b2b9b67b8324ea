package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/rules"
)

// root is ../shared/corpus beside the repository.
var root = filepath.Join("..", "..", "..", "shared", "corpus")

// TestAccuracy fails on every labelled finding flylint misses, every
// false alarm at warning or above on a rule the labels speak for, and
// every other finding at warning or above nobody has judged, unless
// verdicts.go explains it.
func TestAccuracy(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "LABELS.md")); err != nil {
		t.Skipf("no labelled corpus at %s (it lives beside the repository in ../shared): %v", root, err)
	}
	r, err := Evaluate(root)
	if err != nil {
		t.Fatal(err)
	}
	if r.Apps < 40 {
		t.Fatalf("linted only %d corpus apps", r.Apps)
	}
	t.Log("\n" + r.Markdown())
	for _, f := range r.Misses {
		if f.Note == "" {
			t.Errorf("missed labelled finding: %s", f)
		}
	}
	for _, f := range r.FalseAlarms {
		if f.Note == "" {
			t.Errorf("false alarm on a rule the labels speak for: %s %s", f, f.Severity)
		}
	}
	for _, f := range r.Other {
		if f.Note == "" {
			t.Errorf("unjudged %s finding (add a verdict to Judged in verdicts.go): %s", f.Severity, f)
		}
	}
}

// TestVerdictsStillApply keeps verdicts.go honest: an explanation or a
// verdict for a finding that no longer occurs is stale.
func TestVerdictsStillApply(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "LABELS.md")); err != nil {
		t.Skipf("no labelled corpus at %s: %v", root, err)
	}
	r, err := Evaluate(root)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, f := range append(r.Misses, r.FalseAlarms...) {
		used[f.App+" "+f.Rule] = true
	}
	for _, f := range r.Other {
		used[f.App+" "+f.Rule+" "+f.Pos] = true
	}
	for k := range Explained {
		if !used[k] {
			t.Errorf("Explained[%q] matches no miss or false alarm; remove it", k)
		}
	}
	for k := range Judged {
		if strings.HasPrefix(k, "apps-b/") {
			continue // verdicts on the unlabelled set are checked by TestUnlabelled
		}
		if !used[k] {
			t.Errorf("Judged[%q] matches no finding; remove it", k)
		}
	}
}

// TestUnlabelled lints the unlabelled apps-b set: nothing may fail to
// load, and each finding at warning or above needs a verdict.
func TestUnlabelled(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(root, "apps-b", "*"))
	if len(dirs) == 0 {
		t.Skipf("no apps-b corpus at %s", root)
	}
	used := map[string]bool{}
	for _, dir := range dirs {
		fs, err := LintApp(dir)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(dir), err)
			continue
		}
		for _, f := range fs {
			if f.Severity < diag.Warning {
				continue
			}
			key := "apps-b/" + f.App + " " + f.Rule + " " + f.Pos
			used[key] = true
			if Judged[key] == "" {
				t.Errorf("unjudged %s finding on apps-b (add a verdict to Judged in verdicts.go): %s", f.Severity, f)
			}
		}
	}
	for k := range Judged {
		if strings.HasPrefix(k, "apps-b/") && !used[k] {
			t.Errorf("Judged[%q] matches no finding; remove it", k)
		}
	}
}

func TestParseLabels(t *testing.T) {
	l := ParseLabels([]byte("| app | lang | expected finding(s) | location | justification | confidence |\n|---|---|---|---|---|---|\n| a__b | Go | **internal_port-mismatch** | fly.io:25 (x) | y | medium |\n| c | Go | clean | - | z | high |\n"))
	if got := l["a__b"]; got.Clean || len(got.Rules) != 1 || got.Rules[0] != "internal-port-mismatch" || got.Confidence != "medium" || got.Location != "fly.io:25 (x)" {
		t.Errorf("a__b = %+v", got)
	}
	if got := l["c"]; !got.Clean || len(got.Rules) != 0 {
		t.Errorf("c = %+v", got)
	}
}

func TestLabelledRulesExist(t *testing.T) {
	for _, id := range LabelledRules {
		if rules.Lookup(id) == nil {
			t.Errorf("LabelledRules names unknown rule %q", id)
		}
	}
}

// TestCompare checks the counting on a made-up corpus: a hit, a miss, a
// false alarm, an info finding ignored, and an explained miss.
func TestCompare(t *testing.T) {
	labels := map[string]Label{
		"hit":   {App: "hit", Rules: []string{"internal-port-mismatch"}},
		"miss":  {App: "miss", Rules: []string{"internal-port-mismatch"}, Location: "fly.toml:3 (x); main.go:1"},
		"clean": {App: "clean", Clean: true},
	}
	found := map[string][]Finding{
		"hit":  {{App: "hit", Rule: "internal-port-mismatch", Severity: diag.Error, Pos: "fly.toml:3:19"}},
		"miss": nil,
		"clean": {
			{App: "clean", Rule: "loopback-bind", Severity: diag.Error, Pos: "Dockerfile:2:1"},
			{App: "clean", Rule: "port-as-string", Severity: diag.Info, Pos: "fly.toml:9:12"},
			{App: "clean", Rule: "unknown-key", Severity: diag.Warning, Pos: "fly.toml:4:3"},
		},
	}
	r := compare(labels, found)
	if r.Apps != 3 || r.Total.Expected != 2 || r.Total.Found != 1 || r.Total.Missed != 1 || r.Total.FalseAlm != 1 {
		t.Errorf("total = %+v over %d apps", r.Total, r.Apps)
	}
	if len(r.Misses) != 1 || r.Misses[0].Pos != "fly.toml:3 (x)" {
		t.Errorf("misses = %v", r.Misses)
	}
	if len(r.FalseAlarms) != 1 || r.FalseAlarms[0].Rule != "loopback-bind" {
		t.Errorf("false alarms = %v", r.FalseAlarms)
	}
	if len(r.Other) != 1 || r.Other[0].Rule != "unknown-key" {
		t.Errorf("other = %v", r.Other)
	}
	if got := len(r.Unexplained()); got != 3 {
		t.Errorf("unexplained = %d, want 3", got)
	}
	md := r.Markdown()
	for _, want := range []string{
		"| internal-port-mismatch | 2 | 1 | 1 | 0 |",
		"| loopback-bind | 0 | 0 | 0 | 1 |",
		"| **total** | 2 | 1 | 1 | 1 |",
		"- miss `internal-port-mismatch` fly.toml:3 (x) — UNEXPLAINED",
		"- clean `loopback-bind` error Dockerfile:2:1 — UNEXPLAINED",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
