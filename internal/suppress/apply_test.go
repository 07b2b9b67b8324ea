package suppress

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

func knownRule(id string) bool {
	switch id {
	case "loopback-bind", "expose-mismatch", "internal-port-mismatch", "env-fly-prefix":
		return true
	}
	return false
}

func at(file string, line, col int, rule string) diag.Diagnostic {
	return diag.Diagnostic{
		Rule: rule, Severity: diag.Error, Message: "m",
		Range: source.Range{File: file, Start: source.Pos{Line: line, Col: col}, End: source.Pos{Line: line, Col: col + 1}},
	}
}

// show renders diagnostics as "file:line:col-endcol severity [rule]".
func show(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s:%d:%d-%d %s [%s]", d.File, d.Start.Line, d.Start.Col, d.End.Col, d.Severity, d.Rule))
	}
	return out
}

func TestApply(t *testing.T) {
	flyToml := "" +
		"[http_service]\n" + // 1
		"  internal_port = 8080 # flylint:ignore internal-port-mismatch behind nginx\n" + // 2
		"# flylint:ignore loopback-bind,expose-mismatch bound by the sidecar\n" + // 3
		"x = 1\n" + // 4
		"# flylint:ignore env-fly-prefix\n" + // 5: no reason
		"[env]\n" + // 6
		"y = 2 # flylint:ignore lopback-bind typo\n" + // 7: unknown id
		"z = 3 # flylint:ignore loopback-bind nothing here\n" + // 8: unused
		"w = 4 # flylint:ignore\n" // 9: no rule
	goSrc := "package main\n\n//flylint:ignore loopback-bind local admin port\nvar addr = \"127.0.0.1:9000\"\n"
	dirs := map[string][]Directive{
		"fly.toml": Parse("fly.toml", []byte(flyToml), TOML),
		"main.go":  Parse("main.go", []byte(goSrc), Go),
	}
	diags := []diag.Diagnostic{
		at("fly.toml", 2, 19, "internal-port-mismatch"), // suppressed, same line
		at("fly.toml", 2, 19, "loopback-bind"),          // other rule: kept
		at("fly.toml", 4, 1, "loopback-bind"),           // suppressed from line above
		at("fly.toml", 6, 1, "env-fly-prefix"),          // suppressed though no reason
		at("fly.toml", 7, 1, "loopback-bind"),           // not suppressed: typo
		at("fly.toml", 9, 1, "loopback-bind"),           // not suppressed: no rule
		at("main.go", 4, 12, "loopback-bind"),           // suppressed
		at("main.go", 3, 1, "loopback-bind"),            // the comment line itself: kept
		at("other.toml", 2, 1, "loopback-bind"),         // no directives there
	}
	got := show(Apply(diags, dirs, knownRule))
	want := []string{
		"fly.toml:2:19-20 error [loopback-bind]",
		"fly.toml:7:1-2 error [loopback-bind]",
		"fly.toml:9:1-2 error [loopback-bind]",
		"main.go:3:1-2 error [loopback-bind]",
		"other.toml:2:1-2 error [loopback-bind]",
		// directive problems, sorted
		"fly.toml:3:32-47 info [unused-suppression]", // expose-mismatch half unused
		"fly.toml:5:1-32 warning [invalid-suppression]",
		"fly.toml:7:24-36 warning [invalid-suppression]",
		"fly.toml:8:7-50 info [unused-suppression]",
		"fly.toml:9:7-23 warning [invalid-suppression]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	used := []bool{}
	for _, d := range dirs["fly.toml"] {
		used = append(used, d.Used)
	}
	if want := []bool{true, true, true, false, false, false}; !reflect.DeepEqual(used, want) {
		t.Errorf("Used = %v, want %v", used, want)
	}
	if !dirs["main.go"][0].Used {
		t.Error("main.go directive not Used")
	}
}

func TestApplyMessages(t *testing.T) {
	src := "a = 1 # flylint:ignore loopback-bind why\n" +
		"b = 1 # flylint:ignore nope why\n" +
		"c = 1 # flylint:ignore expose-mismatch\n" +
		"d = 1 # flylint:ignore\n" +
		"e = 1 # flylint:ignore loopback-bind,env-fly-prefix,expose-mismatch why\n"
	dirs := map[string][]Directive{"f": Parse("f", []byte(src), TOML)}
	got := Apply([]diag.Diagnostic{at("f", 3, 1, "expose-mismatch")}, dirs, knownRule)
	// Line 4 names no rule: that one problem is reported, not also the
	// missing reason.
	var msgs []string
	for _, d := range got {
		if d.Rule == "" || d.Severity == 0 || !d.IsValid() || d.Message == "" {
			t.Errorf("incomplete diagnostic %+v", d)
		}
		msgs = append(msgs, fmt.Sprintf("%d:%d %s", d.Start.Line, d.Start.Col, d.Message))
	}
	want := []string{
		"1:7 This flylint:ignore directive suppresses nothing: no loopback-bind finding on line 1. Remove it, or move it to the line of the finding or the line above.",
		"2:24 \"nope\" is not a flylint rule id, so this directive does not suppress it. Check the spelling against `flylint rules`; ids are kebab-case and separated by commas.",
		"3:7 This flylint:ignore directive gives no reason. Say after the rule ids why the finding does not apply here, so that reviewers can judge the exception later.",
		"4:7 This flylint:ignore directive names no rule, so it suppresses nothing. Write the ids of the rules to ignore and why, e.g. `flylint:ignore loopback-bind only reached from a sidecar`.",
		"5:7 This flylint:ignore directive suppresses nothing: no loopback-bind, env-fly-prefix or expose-mismatch finding on line 5. Remove it, or move it to the line of the finding or the line above.",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("\n got %q\nwant %q", msgs, want)
	}
}

func TestApplyRanAndKnownNil(t *testing.T) {
	src := "a = 1 # flylint:ignore go-rule,expose-mismatch why\nb = 1 # flylint:ignore anything why\n"
	dirs := map[string][]Directive{"f": Parse("f", []byte(src), TOML)}
	got := ApplyWith(nil, dirs, Options{
		Known: knownRule,
		Ran:   func(id string) bool { return id != "go-rule" && id != "anything" },
	})
	// go-rule is unknown to knownRule: invalid. expose-mismatch ran and
	// found nothing: unused. "anything" is unknown too.
	want := []string{
		"f:1:24-31 warning [invalid-suppression]",
		"f:1:32-47 info [unused-suppression]",
		"f:2:24-32 warning [invalid-suppression]",
	}
	if g := show(got); !reflect.DeepEqual(g, want) {
		t.Errorf("\n got %q\nwant %q", g, want)
	}
	// Known nil accepts every id; Ran excludes both rules of line 1's
	// directive except expose-mismatch.
	got = ApplyWith(nil, dirs, Options{Ran: func(id string) bool { return id == "expose-mismatch" }})
	want = []string{"f:1:32-47 info [unused-suppression]"}
	if g := show(got); !reflect.DeepEqual(g, want) {
		t.Errorf("\n got %q\nwant %q", g, want)
	}
}

func TestApplyDuplicateDirective(t *testing.T) {
	src := "# flylint:ignore loopback-bind why\nx = 1 # flylint:ignore loopback-bind again\n"
	dirs := map[string][]Directive{"f": Parse("f", []byte(src), TOML)}
	d := at("f", 2, 1, "loopback-bind")
	got := show(Apply([]diag.Diagnostic{d, d}, dirs, nil))
	// Both findings are suppressed by the first directive; the second
	// directive is redundant.
	want := []string{"f:2:7-43 info [unused-suppression]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestApplyDoesNotSuppressItsOwnRules(t *testing.T) {
	src := "x = 1 # flylint:ignore unused-suppression why\n"
	dirs := map[string][]Directive{"f": Parse("f", []byte(src), TOML)}
	in := []diag.Diagnostic{at("f", 1, 1, UnusedRule)}
	got := show(Apply(in, dirs, nil))
	want := []string{"f:1:1-2 error [unused-suppression]", "f:1:7-46 info [unused-suppression]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestApplyEmpty(t *testing.T) {
	if got := Apply(nil, nil, nil); len(got) != 0 {
		t.Errorf("got %v", got)
	}
	in := []diag.Diagnostic{at("f", 1, 1, "r")}
	got := Apply(in, nil, nil)
	if !reflect.DeepEqual(got, in) {
		t.Errorf("got %v", got)
	}
}
