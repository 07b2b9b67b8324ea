package listensite_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
)

type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestDecide finishes sites whose host a branch on an env var picks,
// as the CLI does with the app's environment.
func TestDecide(t *testing.T) {
	site := func(pkg string) *listensite.Site {
		t.Helper()
		// The fixture's // want comments are for TestShapes.
		results := analysistest.Run(ignoreWants{}, analysistest.TestData(), listensite.Analyzer, pkg)
		if len(results) != 1 || results[0].Err != nil {
			t.Fatalf("%s: %d results", pkg, len(results))
		}
		res := results[0].Result.(*listensite.Result)
		if len(res.Sites) != 1 {
			t.Fatalf("%s: %d sites", pkg, len(res.Sites))
		}
		return res.Sites[0]
	}
	env := func(kv ...string) func(string) (string, bool) {
		return func(name string) (string, bool) {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == name {
					return kv[i+1], true
				}
			}
			return "", false
		}
	}
	branch := site("shapes/envbranch")
	chain := site("shapes/envchain")
	dev := site("shapes/envdevdefault")
	for _, tc := range []struct {
		name string
		site *listensite.Site
		env  func(string) (string, bool)
		host string
		cls  listen.HostClass
		port int
		at   string // the shape whose literal the chosen host stands at, "": not one literal
	}{
		// Unset: the helper's default "production" keeps 0.0.0.0.
		{"default", branch, env(), "0.0.0.0", listen.HostDualStack, 8080, ""},
		{"set", branch, env("APP_ENV", "development"), "127.0.0.1", listen.HostLoopback, 8080, "shapes/envbranch"},
		{"empty is unset", branch, env("APP_ENV", ""), "0.0.0.0", listen.HostDualStack, 8080, ""},
		{"other", branch, env("APP_ENV", "staging"), "0.0.0.0", listen.HostDualStack, 8080, ""},
		// Empty is unset to a getenv helper: its default picks loopback.
		{"dev default", dev, env("APP_ENV", ""), "localhost", listen.HostLoopback, 3000, "shapes/envdevdefault"},
		{"dev overridden", dev, env("APP_ENV", "production"), "0.0.0.0", listen.HostDualStack, 3000, ""},
		{"chain unset", chain, env(), "0.0.0.0", listen.HostDualStack, 7070, ""},
		{"chain second", chain, env("STAGE", "ci"), "localhost", listen.HostLoopback, 7070, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.site.Decide(tc.env)
			if l.Host.Text != tc.host || l.Host.Class != tc.cls || l.Port.Number != tc.port {
				t.Errorf("Decide = %q (%s) port %d, want %q (%s) port %d", l.Host.Text, l.Host.Class, l.Port.Number, tc.host, tc.cls, tc.port)
			}
			if l.Range != tc.site.Range {
				t.Errorf("range moved: %v", l.Range)
			}
			// A finding about the decided host stands at its literal.
			if tc.at != "" {
				if line := literalLine(t, tc.at, tc.host); l.HostRange.Start.Line != line {
					t.Errorf("host range %v, want line %d", l.HostRange, line)
				}
			}
		})
	}
	// Undecided, the site keeps only what every path agrees on.
	if branch.Host.Class != listen.HostUnknown || branch.Port.Number != 8080 {
		t.Errorf("undecided site = %+v", branch.Listener)
	}
}

// literalLine is the line of the first assignment of the string literal
// lit in the shape pkg's main.go, so that a comment added above the code
// does not break the test.
func literalLine(t *testing.T, pkg, lit string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(analysistest.TestData(), "src", pkg, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		code, _, _ := strings.Cut(line, "//")
		if strings.Contains(code, "= "+strconv.Quote(lit)) {
			return i + 1
		}
	}
	t.Fatalf("%s: no assignment of %q", pkg, lit)
	return 0
}

// TestNetworkUnknownAlternatives: with the network read at run time
// ("udp4" or "udp"), a wildcard's address family is not known in any
// alternative, nor once the environment picks one.
func TestNetworkUnknownAlternatives(t *testing.T) {
	results := analysistest.Run(ignoreWants{}, analysistest.TestData(), listensite.Analyzer, "shapes/wnetworkbranch")
	if len(results) != 1 || results[0].Err != nil {
		t.Fatalf("%d results", len(results))
	}
	sites := results[0].Result.(*listensite.Result).Sites
	if len(sites) != 1 || len(sites[0].Alternatives) != 2 {
		t.Fatalf("sites = %+v", sites)
	}
	s := sites[0]
	if !s.NetworkUnknown {
		t.Errorf("NetworkUnknown not set: a host the workspace fills in would be called dual-stack")
	}
	want := map[string]listen.HostClass{"0.0.0.0": listen.HostUnknown, "127.0.0.1": listen.HostLoopback}
	for _, a := range s.Alternatives {
		if c, ok := want[a.Host.Text]; !ok || a.Host.Class != c {
			t.Errorf("alternative %q is %s, want %s", a.Host.Text, a.Host.Class, c)
		}
	}
	l := s.Decide(func(string) (string, bool) { return "", false })
	if l.Host.Text != "0.0.0.0" || l.Host.Class != listen.HostUnknown {
		t.Errorf("Decide = %q (%s), want \"0.0.0.0\" (unknown)", l.Host.Text, l.Host.Class)
	}
}
