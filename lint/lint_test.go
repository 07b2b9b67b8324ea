package lint

import (
	"path/filepath"
	"testing"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/rules"
	"github.com/flylint/flylint/workspace"
)

var examples = filepath.Join("..", "testdata", "examples")

// The pipeline is deterministic: the same input gives the same findings
// in the same order, whatever the goroutine scheduling.
func TestRunIsDeterministic(t *testing.T) {
	var first []diag.Diagnostic
	for i := range 5 {
		ws, err := workspace.Load([]string{examples}, workspace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Run(ws, Options{Rules: rules.All()})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatal("the examples must have findings")
		}
		if i == 0 {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Fatalf("run %d: %d findings, first run %d", i, len(got), len(first))
		}
		for j := range got {
			if diag.Compare(got[j], first[j]) != 0 {
				t.Fatalf("run %d: finding %d differs: %v vs %v", i, j, got[j].Range, first[j].Range)
			}
		}
	}
}

func TestSelect(t *testing.T) {
	all := len(rules.All())
	if got := len(Select(nil, nil, nil)); got != all {
		t.Errorf("default: %d rules, want %d", got, all)
	}
	if got := Select([]string{"loopback-bind"}, nil, nil); len(got) != 1 || got[0].ID != "loopback-bind" {
		t.Errorf("enable: %v", got)
	}
	if got := len(Select(nil, []string{"loopback-bind"}, nil)); got != all-1 {
		t.Errorf("disable: %d", got)
	}
}

// BenchmarkLoad measures discovering and loading the example apps
// (fly.toml, Dockerfile, start commands), without Go analysis.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := workspace.Load([]string{examples}, workspace.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRules measures the rule pass alone over loaded apps.
func BenchmarkRules(b *testing.B) {
	ws, err := workspace.Load([]string{examples}, workspace.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rs := rules.All()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(ws, Options{Rules: rs}); err != nil {
			b.Fatal(err)
		}
	}
}

// With NoFixes the findings are the same, without their fixes; that
// includes the fixes a rule proves by re-parsing fly.toml (unknown-key,
// invalid-value-type, port-as-string), which are then never proved.
func TestNoFixes(t *testing.T) {
	dirs := []string{
		examples,
		filepath.Join("..", "internal", "cli", "testdata", "fix", "unknown-key", "bad", "before"),
		filepath.Join("..", "internal", "cli", "testdata", "fix", "invalid-value-type", "bad", "before"),
		filepath.Join("..", "internal", "cli", "testdata", "fix", "port-as-string", "bad", "before"),
	}
	ws, err := workspace.Load(dirs, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Run(ws, Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := Run(ws, Options{Rules: rules.All(), NoFixes: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(bare) != len(full) {
		t.Fatalf("NoFixes: %d findings, want the same %d as with fixes", len(bare), len(full))
	}
	fixed := map[string]bool{}
	for i := range full {
		if len(full[i].Fixes) > 0 {
			fixed[full[i].Rule] = true
		}
		if len(bare[i].Fixes) > 0 {
			t.Errorf("NoFixes: %s %v still has a fix", bare[i].Rule, bare[i].Range)
		}
		f := full[i]
		f.Fixes = nil
		if diag.Compare(f, bare[i]) != 0 || f.Message != bare[i].Message || f.Severity != bare[i].Severity {
			t.Errorf("finding %d differs with NoFixes: %s %v %q, want %s %v %q", i, bare[i].Rule, bare[i].Range, bare[i].Message, f.Rule, f.Range, f.Message)
		}
	}
	for _, id := range []string{"unknown-key", "invalid-value-type", "port-as-string", "loopback-bind"} {
		if !fixed[id] {
			t.Errorf("without NoFixes, no %s finding has a fix: the fixtures no longer exercise it", id)
		}
	}
}
