package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// Each rule has fixtures under testdata/<rule-id>/: directories named
// bad* must produce exactly the findings listed in their "want" file
// (one "path:line:col" per line, path relative to the case directory,
// optionally followed by " severity"); directories named good* must
// produce none.
func TestRuleFixtures(t *testing.T) {
	for _, r := range rules.All() {
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
		for _, dir := range cases {
			name := filepath.Base(dir)
			if info, err := os.Stat(dir); err != nil || !info.IsDir() {
				continue
			}
			t.Run(r.ID+"/"+name, func(t *testing.T) {
				t.Parallel() // Go fixtures take seconds each to load
				got := runRule(t, r, dir)
				want := readWant(t, dir)
				if strings.HasPrefix(name, "good") && len(want) > 0 {
					t.Fatalf("a good case must not have a want file")
				}
				if strings.HasPrefix(name, "bad") && len(want) == 0 {
					t.Fatalf("a bad case needs a want file")
				}
				if !slices.Equal(got, want) {
					t.Errorf("findings of %s:\ngot:\n  %s\nwant:\n  %s", r.ID, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
				}
			})
		}
	}
}

// Every rule is shown both to fire and to stay quiet.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range rules.All() {
		bad, _ := filepath.Glob(filepath.Join("testdata", r.ID, "bad*"))
		good, _ := filepath.Glob(filepath.Join("testdata", r.ID, "good*"))
		if len(bad) == 0 || len(good) == 0 {
			t.Errorf("rule %s needs testdata/%s/bad* and testdata/%s/good* fixtures (has %d bad, %d good)", r.ID, r.ID, r.ID, len(bad), len(good))
		}
	}
}

// Every rule is documented well enough for its doc page.
func TestRuleMetadata(t *testing.T) {
	for _, r := range rules.All() {
		switch {
		case r.Why == "" || r.Bad == "" || r.Good == "" || r.ExampleFile == "":
			t.Errorf("%s: Why, Bad, Good and ExampleFile are required", r.ID)
		case len(r.URLs) == 0:
			t.Errorf("%s: cite at least one source for the facts (URLs)", r.ID)
		case strings.HasSuffix(r.Title, "."):
			t.Errorf("%s: Title ends with a period", r.ID)
		case slices.Contains(r.Tags, "security") != (r.SecuritySeverity != ""):
			t.Errorf("%s: security rules, and only they, need SecuritySeverity", r.ID)
		}
	}
}

func runRule(t *testing.T, r *rules.Rule, dir string) []string {
	t.Helper()
	ws, err := workspace.Load([]string{dir}, workspace.Options{Go: true})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	// All rules run, through the same pipeline as the CLI (so suppression
	// directives in fixtures behave as for users); only r's findings count.
	diags, err := lint.Run(ws, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	prefix := filepath.ToSlash(dir) + "/"
	var got []string
	for _, d := range diags {
		if d.Rule != r.ID {
			continue
		}
		if d.Message == "" {
			t.Errorf("%s: empty message", d.Range)
		}
		line := fmt.Sprintf("%s:%d:%d", strings.TrimPrefix(d.File, prefix), d.Start.Line, d.Start.Col)
		if d.Severity != r.Severity {
			line += " " + d.Severity.String()
		}
		got = append(got, line)
		t.Logf("%s: %s", line, d.Message)
	}
	return got
}

func readWant(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "want"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
