package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/flylint-dev/flylint/internal/config"
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

var examples = filepath.Join("..", "..", "testdata", "examples")

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
	all, optional := len(rules.All()), 0
	for _, r := range rules.All() {
		if r.Optional {
			optional++
		}
	}
	if optional == 0 {
		t.Fatal("no optional rule: the default-off cases below test nothing")
	}
	if got := len(Select(nil, nil, nil)); got != all-optional {
		t.Errorf("default: %d rules, want %d (all but the optional ones)", got, all-optional)
	}
	if got := Select([]string{"loopback-bind"}, nil, nil); len(got) != 1 || got[0].ID != "loopback-bind" {
		t.Errorf("enable: %v", got)
	}
	if got := len(Select(nil, []string{"loopback-bind"}, nil)); got != all-optional-1 {
		t.Errorf("disable: %d", got)
	}
	// port-as-string is off by default, and on when asked for, by the
	// flag or by the config's enable list.
	has := func(rs []*rules.Rule, id string) bool {
		return slices.ContainsFunc(rs, func(r *rules.Rule) bool { return r.ID == id })
	}
	if has(Select(nil, nil, nil), "port-as-string") {
		t.Error("port-as-string runs by default")
	}
	if !has(Select([]string{"port-as-string"}, nil, nil), "port-as-string") {
		t.Error("-enable port-as-string does not run it")
	}
	c, err := config.Load("c.toml", []byte(`enable = ["port-as-string"]`), func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if got := Select(nil, nil, c); !has(got, "port-as-string") || len(got) != all {
		t.Errorf("config enable: %d rules, port-as-string %v", len(got), has(got, "port-as-string"))
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
		filepath.Join("..", "cli", "testdata", "fix", "unknown-key", "bad", "before"),
		filepath.Join("..", "cli", "testdata", "fix", "invalid-value-type", "bad", "before"),
		filepath.Join("..", "cli", "testdata", "fix", "port-as-string", "bad", "before"),
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

// An app flylint could not read, and a directory it could not list, stay
// errors whatever the selection, configuration or suppressions say.
func TestUnreadAlwaysReported(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("outside/fly.toml", "app = \"o\"\n")
	write("repo/ok/fly.toml", "app = \"ok\"\n")
	if err := os.MkdirAll("repo/out", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../outside/fly.toml", "repo/out/fly.toml"); err != nil {
		t.Fatal(err)
	}
	// Named explicitly, so that discovery does not pass over the symlink
	// and the reader refuses it: an app not read, even as root.
	ws, err := workspace.Load([]string{"repo/ok", "repo/out/fly.toml"}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A directory discovery could not list, as root cannot make one.
	ws.NotRead = append(ws.NotRead, &workspace.LoadError{Range: source.Range{File: "repo/locked"}, Message: "cannot list the directory repo/locked: permission denied"})

	cfg := func(text string) *config.Config {
		t.Helper()
		c, err := config.Load(".flylint.toml", []byte(text), func(id string) bool { return rules.Lookup(id) != nil })
		if err != nil {
			t.Fatal(err)
		}
		c.Path = filepath.Join(dir, "repo", ".flylint.toml")
		return c
	}
	cases := []struct {
		name string
		opts Options
	}{
		{"all rules", Options{Rules: rules.All()}},
		{"-disable file-not-read", Options{Rules: Select(nil, []string{"file-not-read"}, nil)}},
		{"-enable another rule", Options{Rules: Select([]string{"loopback-bind"}, nil, nil)}},
		{"no rules at all", Options{}},
		{"disable in the config", Options{Rules: Select(nil, nil, cfg(`disable = ["file-not-read"]`)), Config: cfg(`disable = ["file-not-read"]`)}},
		{"[severity] info", Options{Rules: rules.All(), Config: cfg("[severity]\nfile-not-read = \"info\"\n")}},
		{"exclude everything", Options{Rules: rules.All(), Config: cfg(`exclude = ["**"]`)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Run(ws, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{"repo/out/fly.toml": true, "repo/locked": true}
			for _, d := range got {
				if d.Rule == "file-not-read" && want[d.File] {
					if d.Severity != diag.Error {
						t.Errorf("%s: severity %v, want error", d.File, d.Severity)
					}
					if !strings.Contains(d.Message, "whatever -disable") {
						t.Errorf("%s: the message does not say why it cannot be turned off: %s", d.File, d.Message)
					}
					delete(want, d.File)
				}
			}
			for f := range want {
				t.Errorf("no file-not-read error for %s; got %v", f, got)
			}
		})
	}
}

// A baseline applied after Run cannot drop them either: KeepUnread puts
// them back, once.
func TestKeepUnreadAfterFiltering(t *testing.T) {
	ws := &workspace.Workspace{NotRead: []*workspace.LoadError{{Range: source.Range{File: "d"}, Message: "cannot list the directory d: permission denied"}}}
	all := KeepUnread(ws, nil)
	if len(all) != 1 {
		t.Fatalf("KeepUnread(nil) = %v, want one finding", all)
	}
	again := KeepUnread(ws, all)
	if len(again) != 1 {
		t.Errorf("KeepUnread twice gave %d findings, want 1", len(again))
	}
	lowered := []diag.Diagnostic{all[0]}
	lowered[0].Severity = diag.Info
	if got := KeepUnread(ws, lowered); len(got) != 1 || got[0].Severity != diag.Error {
		t.Errorf("KeepUnread over a lowered copy = %v, want the error alone", got)
	}
}

// Past MaxPerRuleFile findings of one rule in one file, one finding
// stands for the rest, at the first left out and as severe as the worst.
func TestCapPerFile(t *testing.T) {
	var diags []diag.Diagnostic
	at := func(file, rule string, line int, sev diag.Severity) diag.Diagnostic {
		return diag.Diagnostic{Rule: rule, Severity: sev, Message: "m", Range: source.Range{File: file, Start: source.Pos{Line: line, Col: 1}, End: source.Pos{Line: line, Col: 5}}}
	}
	for i := range 250 {
		sev := diag.Warning
		if i == 200 {
			sev = diag.Error
		}
		diags = append(diags, at("a/fly.toml", "r1", i+1, sev))
	}
	diags = append(diags, at("a/fly.toml", "r2", 1, diag.Info), at("b/fly.toml", "r1", 1, diag.Info))
	got := capPerFile(diag.Sort(diags), MaxPerRuleFile)
	if len(got) != MaxPerRuleFile+3 {
		t.Fatalf("%d findings, want %d", len(got), MaxPerRuleFile+3)
	}
	var sum *diag.Diagnostic
	for i := range got {
		if got[i].Message != "m" {
			if sum != nil {
				t.Fatalf("two summaries: %v and %v", *sum, got[i])
			}
			sum = &got[i]
		}
	}
	if sum == nil {
		t.Fatal("no finding says how many were left out")
	}
	want := "150 more r1 findings in this file are not listed: flylint lists the first 100 of a rule in each file. Fix those and run flylint again to see the rest."
	if sum.Message != want || sum.Rule != "r1" || sum.File != "a/fly.toml" || sum.Start.Line != MaxPerRuleFile+1 || sum.Severity != diag.Error {
		t.Errorf("summary = %+v\nwant %q at line %d, error", *sum, want, MaxPerRuleFile+1)
	}
	if few := capPerFile(diag.Sort(diags[:MaxPerRuleFile]), MaxPerRuleFile); len(few) != MaxPerRuleFile {
		t.Errorf("%d findings of %d kept where none is over the cap", len(few), MaxPerRuleFile)
	}
}

// bigFlyToml is an app whose fly.toml has size bytes: unknown keys
// with an obvious spelling fix (internal-port for internal_port) in
// services, then [env] padding.
func bigFlyToml(t *testing.T, size, typos int) *workspace.Workspace {
	t.Helper()
	var b strings.Builder
	b.WriteString("app = \"web\"\n\n")
	for i := range typos {
		fmt.Fprintf(&b, "[[services]]\n  internal-port = %d\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = %d\n    handlers = [\"tls\", \"http\"]\n\n", 9000+i, 9000+i)
	}
	b.WriteString("[env]\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  VAR_%07d = \"%s\"\n", i, strings.Repeat("x", 60))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fly.toml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load([]string{dir}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func countFixes(diags []diag.Diagnostic, rule string) (findings, fixes int) {
	for _, d := range diags {
		if d.Rule == rule {
			findings++
			if len(d.Fixes) > 0 {
				fixes++
			}
		}
	}
	return findings, fixes
}

// A report proves no fix for a fly.toml over 256 KB (it would cost a
// parse per fix on a file nobody writes by hand); -fix, which applies
// them, proves them for any file it reads.
func TestFixingProvesLargeFiles(t *testing.T) {
	ws := bigFlyToml(t, 300<<10, 1)
	report, err := Run(ws, Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	if n, f := countFixes(report, "unknown-key"); n != 1 || f != 0 {
		t.Errorf("report: %d unknown-key findings, %d with fixes; want 1 and 0", n, f)
	}
	fixing, err := Run(ws, Options{Rules: rules.All(), Fixing: true, Unproven: func(string) { t.Error("a fix went unproven") }})
	if err != nil {
		t.Fatal(err)
	}
	if n, f := countFixes(fixing, "unknown-key"); n != 1 || f != 1 {
		t.Errorf("-fix: %d unknown-key findings, %d with fixes; want 1 and 1", n, f)
	}
}

// Past the budget a fix is not proven, and -fix is told so, per file.
func TestFixingReportsUnprovenFixes(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a 7 MB fly.toml several times")
	}
	ws := bigFlyToml(t, 7<<20, 5)
	var mu sync.Mutex
	unproven := map[string]int{}
	diags, err := Run(ws, Options{Rules: rules.All(), Fixing: true, Unproven: func(file string) {
		mu.Lock()
		unproven[file]++
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	// 32 MB of re-parsing per rule and app proves four fixes of a 7 MB
	// file; the fifth is reported.
	n, f := countFixes(diags, "unknown-key")
	if n != 5 || f != 4 || len(unproven) != 1 || unproven[ws.Apps[0].ConfigPath] != 1 {
		t.Errorf("%d findings, %d with fixes, unproven %v; want 5, 4 and 1 for %s", n, f, unproven, ws.Apps[0].ConfigPath)
	}
}

// raw-tcp-on-shared-ipv4 owns port-as-string's finding on the same token;
// when it does not run, port-as-string reports that token itself.
func TestDropOwned(t *testing.T) {
	ws, err := workspace.Load([]string{filepath.Join("..", "..", "rules", "testdata", "port-as-string", "bad_owned_by_raw_tcp")}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := func(rs ...*rules.Rule) []string {
		ds, err := Run(ws, Options{Rules: rs})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, fmt.Sprintf("%s %d", d.Rule, d.Start.Line))
		}
		return out
	}
	if got, want := lines(rules.PortAsString), []string{"port-as-string 10", "port-as-string 16"}; !slices.Equal(got, want) {
		t.Errorf("port-as-string alone: %q, want %q", got, want)
	}
	if got, want := lines(rules.PortAsString, rules.RawTCPOnSharedIPv4), []string{"raw-tcp-on-shared-ipv4 10", "port-as-string 16"}; !slices.Equal(got, want) {
		t.Errorf("with raw-tcp-on-shared-ipv4: %q, want %q", got, want)
	}
}
