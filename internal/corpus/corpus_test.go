package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/rules"
)

// root is ../shared/corpus beside the repository.
var root = filepath.Join("..", "..", "..", "shared", "corpus")

// explained lists findings at warning or above on apps LABELS.md calls
// clean, each with the reason flylint is right (or the label is).
var explained = map[string]string{}

func TestCorpus(t *testing.T) {
	labelsData, err := os.ReadFile(filepath.Join(root, "LABELS.md"))
	if err != nil {
		t.Skipf("no labelled corpus at %s (it lives beside the repository in ../shared): %v", root, err)
	}
	labels := ParseLabels(labelsData)
	if len(labels) < 40 {
		t.Fatalf("parsed only %d labels from LABELS.md", len(labels))
	}
	for _, set := range []string{"apps", "apps-b"} {
		dirs, _ := filepath.Glob(filepath.Join(root, set, "*"))
		for _, dir := range dirs {
			app := filepath.Base(dir)
			t.Run(set+"/"+app, func(t *testing.T) {
				diags, err := Lint(dir)
				if err != nil {
					t.Fatalf("lint: %v", err)
				}
				label, labelled := labels[app]
				for _, d := range diags {
					t.Logf("%s:%d:%d: %s: %s [%s]", d.File, d.Start.Line, d.Start.Col, d.Severity, d.Message, d.Rule)
					// LABELS.md's "clean" speaks for the port and bind rules
					// only; exposure and flyctl-parity findings are judged
					// separately (see the accuracy report).
					if labelled && label.Clean && set == "apps" && d.Severity >= diag.Warning && portOrBindRule(d.Rule) {
						if reason, ok := explained[app+" "+d.Rule]; ok {
							t.Logf("  explained: %s", reason)
							continue
						}
						t.Errorf("false alarm on an app labelled clean: %s:%d:%d [%s] %s", d.File, d.Start.Line, d.Start.Col, d.Rule, d.Message)
					}
				}
			})
		}
	}
}

func TestParseLabels(t *testing.T) {
	l := ParseLabels([]byte("| app | lang | expected finding(s) | location | justification | confidence |\n|---|---|---|---|---|---|\n| a__b | Go | **internal_port-mismatch** | x | y | medium |\n| c | Go | clean | - | z | high |\n"))
	if got := l["a__b"]; got.Clean || len(got.Rules) != 1 || got.Rules[0] != "internal-port-mismatch" || got.Confidence != "medium" {
		t.Errorf("a__b = %+v", got)
	}
	if got := l["c"]; !got.Clean || len(got.Rules) != 0 {
		t.Errorf("c = %+v", got)
	}
}

// reachabilityRules are the port and bind rules LABELS.md's "clean"
// speaks for: whether Fly's proxy and 6PN can reach each listener.
// flyctl-parity and exposure findings on these apps are judged in the
// accuracy report instead.
var reachabilityRules = map[string]bool{
	"internal-port-mismatch": true, "env-port-mismatch": true, "port-env-unset": true,
	"check-port-not-served": true, "no-listener-for-service": true, "loopback-bind": true,
	"server-default-loopback": true, "proxied-port-6pn-only": true, "proxied-port-ipv6-only": true,
	"tcp-on-fly-global-services": true, "udp-not-fly-global-services": true, "udp-port-remap": true,
	"internal-target-port": true, "internal-target-ipv4-only": true, "private-port-ipv4-only": true,
}

func portOrBindRule(id string) bool {
	if rules.Lookup(id) == nil {
		panic("corpus: unknown rule " + id)
	}
	return reachabilityRules[id]
}
