package rules_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

func lintWith(t *testing.T, dir string, opts workspace.Options) []diag.Diagnostic {
	t.Helper()
	ws, err := workspace.Load([]string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := lint.Run(ws, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func byRule(ds []diag.Diagnostic, id string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Rule == id {
			out = append(out, d)
		}
	}
	return out
}

// .flylint.toml's [apps.NAME] dedicated-ipv4 = true silences both rules
// that ask for a dedicated IPv4, for that app only.
func TestDedicatedIPv4Config(t *testing.T) {
	cases := []struct{ rule, dir, app string }{
		{"raw-tcp-on-shared-ipv4", "testdata/raw-tcp-on-shared-ipv4/bad_smtp_string", "relay"},
		{"udp-needs-dedicated-ipv4", "testdata/udp-needs-dedicated-ipv4/bad", "echo"},
	}
	for _, c := range cases {
		if n := len(byRule(lintWith(t, c.dir, workspace.Options{}), c.rule)); n != 1 {
			t.Fatalf("%s without the setting: %d findings, want 1", c.rule, n)
		}
		if n := len(byRule(lintWith(t, c.dir, workspace.Options{DedicatedIPv4: map[string]bool{"other": true}}), c.rule)); n != 1 {
			t.Errorf("%s with another app's setting: %d findings, want 1", c.rule, n)
		}
		if got := byRule(lintWith(t, c.dir, workspace.Options{DedicatedIPv4: map[string]bool{c.app: true}}), c.rule); len(got) != 0 {
			t.Errorf("%s with dedicated-ipv4 = true: %v", c.rule, got)
		}
	}
}

// The advice fits what the port speaks, and the one finding per app names
// its other raw ports, each with its own advice.
func TestRawTCPAdvice(t *testing.T) {
	smtp := byRule(lintWith(t, "testdata/raw-tcp-on-shared-ipv4/bad_smtp_string", workspace.Options{}), "raw-tcp-on-shared-ipv4")
	if len(smtp) != 1 {
		t.Fatalf("got %d findings", len(smtp))
	}
	d := smtp[0]
	for _, want := range []string{"TCP port 25 (and 42333)", "SMTP upgrades to TLS inside the connection", "[apps.relay]", "write it as a number"} {
		if !strings.Contains(d.Message, want) {
			t.Errorf("message lacks %q: %s", want, d.Message)
		}
	}
	if strings.Contains(d.Message, `handlers = ["tls"]`) {
		t.Errorf("advises the tls handler for SMTP: %s", d.Message)
	}
	if len(d.Related) != 1 || d.Related[0].Start.Line != 16 || !strings.Contains(d.Related[0].Message, `handlers = ["tls"]`) {
		t.Errorf("related = %+v", d.Related)
	}
	if len(d.Fixes) != 1 || len(d.Fixes[0].Edits) != 1 || d.Fixes[0].Edits[0].NewText != "25" {
		t.Errorf("fixes = %+v", d.Fixes)
	}

	plain := byRule(lintWith(t, "testdata/raw-tcp-on-shared-ipv4/bad", workspace.Options{}), "raw-tcp-on-shared-ipv4")
	if len(plain) != 1 || len(plain[0].Related) != 1 || !strings.Contains(plain[0].Related[0].Message, `handlers = ["http"]`) {
		t.Fatalf("port 80 advice: %+v", plain)
	}
	if len(plain[0].Fixes) != 0 || strings.Contains(plain[0].Message, "string") {
		t.Errorf("a numeric port gets the unquote advice: %+v", plain[0])
	}
	if filepath.Base(plain[0].File) != "fly.toml" || plain[0].Start.Line != 8 {
		t.Errorf("position %s", plain[0].Range)
	}
}

// fly-etcd's shape: one [[services]] copy of [http_service] is one
// finding (the duplicate-edge-port error, with duplicate-service's advice),
// and its etcd port one public-sensitive-port finding.
func TestDuplicateServiceOneFinding(t *testing.T) {
	ds := lintWith(t, "testdata/duplicate-edge-port/bad_same_internal_port", workspace.Options{})
	count := map[string]int{}
	for _, d := range ds {
		count[d.Rule]++
		if d.Rule == "duplicate-edge-port" && !strings.Contains(d.Message, "merge them into one service") {
			t.Errorf("duplicate-edge-port lacks the merge advice: %s", d.Message)
		}
	}
	want := map[string]int{"duplicate-edge-port": 1, "public-sensitive-port": 1}
	for rule, n := range want {
		if count[rule] != n {
			t.Errorf("%s: %d findings, want %d", rule, count[rule], n)
		}
	}
	if count["duplicate-service"] != 0 {
		t.Errorf("duplicate-service also reports the pair")
	}
}
