package listensite_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
)

// TestDecideFlagBranch finishes sites whose address a branch on a flag
// picks, with the start command's flags, then the variable the flag
// falls back to, then its default; without a known command the branch
// stays undecided.
func TestDecideFlagBranch(t *testing.T) {
	pkgs := []string{"shapes/flagbranch", "shapes/flagbranchcmp", "shapes/urfavebool", "shapes/kongbranch", "shapes/kongnegatable"}
	results := analysistest.Run(ignoreWants{}, analysistest.TestData(), listensite.Analyzer, pkgs...)
	sites := map[string]*listensite.Site{}
	for _, r := range results {
		res, ok := r.Result.(*listensite.Result)
		if r.Err != nil || !ok || len(res.Sites) != 1 {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		sites[r.Pass.Pkg.Path()] = res.Sites[0]
	}
	site := func(pkg string) *listensite.Site {
		t.Helper()
		if sites[pkg] == nil {
			t.Fatalf("no site in %s", pkg)
		}
		return sites[pkg]
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
	// args stands for the workspace's command-line lookup.
	args := func(kv ...string) listensite.FlagLookup {
		return func(name, short string, isBool bool) (string, bool) {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == name || kv[i] == short {
					return kv[i+1], true
				}
			}
			return "", false
		}
	}
	dev := site("shapes/flagbranch")
	mode := site("shapes/flagbranchcmp")
	debug := site("shapes/urfavebool")
	kongDev := site("shapes/kongbranch")
	public := site("shapes/kongnegatable")
	for _, tc := range []struct {
		name  string
		site  *listensite.Site
		env   func(string) (string, bool)
		flags listensite.FlagLookup
		host  string
		port  int
	}{
		{"no command: undecided", dev, env(), nil, "?", 8080},
		{"flag absent: default false", dev, env(), args(), "0.0.0.0", 8080},
		{"-dev", dev, env(), args("dev", "true"), "127.0.0.1", 8080},
		{"-dev=false", dev, env(), args("dev", "false"), "0.0.0.0", 8080},
		{"-dev=1 parses as true", dev, env(), args("dev", "1"), "127.0.0.1", 8080},
		{"-mode default", mode, env(), args(), "0.0.0.0", 8080},
		{"-mode dev", mode, env(), args("mode", "dev"), "0.0.0.0", 3000},
		{"env fallback", debug, env("DEBUG", "true"), args(), "localhost", 8080},
		{"flag over env", debug, env("DEBUG", "true"), args("debug", "false"), "", 8080},
		{"neither", debug, env(), args(), "", 8080},
		{"kong env 1 is true", kongDev, env("DEV", "1"), args(), "127.0.0.1", 8080},
		{"kong --dev=false over env", kongDev, env("DEV", "true"), args("dev", "false"), "0.0.0.0", 8080},
		{"kong unparsable env: undecided", kongDev, env("DEV", "maybe"), args(), "?", 8080},
		{"negatable absent: default true", public, env(), args(), "0.0.0.0", 8080},
		{"--no-public", public, env(), args("no-public", "true"), "127.0.0.1", 8080},
		{"--no-public over env", public, env("PUBLIC", "true"), args("no-public", "true"), "127.0.0.1", 8080},
		{"--no-public=false keeps it on", public, env(), args("no-public", "false"), "0.0.0.0", 8080},
		{"both --public and --no-public: undecided", public, env(), args("public", "true", "no-public", "true"), "?", 8080},
		{"env without the flag", public, env("PUBLIC", "false"), args(), "127.0.0.1", 8080},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.site.DecideWith(tc.env, tc.flags)
			host := l.Host.Text
			if l.Host.Class == listen.HostUnknown {
				host = "?"
			}
			if host != tc.host || l.Port.Number != tc.port {
				t.Errorf("DecideWith = %q port %d, want %q port %d", l.Host.Text, l.Port.Number, tc.host, tc.port)
			}
		})
	}
}
