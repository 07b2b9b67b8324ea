package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// realSite is one listen call SOURCE.txt names in a Go app of the corpus,
// with the address Fly runs it on (SOURCE.txt's "port/address source" read
// with the app's fly.toml [env] and Dockerfile).
type realSite struct {
	app  string // corpus directory under apps/
	file string // path in the repository, as SOURCE.txt writes it
	line int
	host listen.HostClass
	port int
	// call is the listen call that reads the address SOURCE.txt names,
	// as file:line, when it is in another file (an Addr field set in a
	// constructor, served by a helper elsewhere); "" when the two are
	// the same place or within siteSlack lines of each other.
	call string
}

// realSites is every listen call written in Go that SOURCE.txt lists for
// the corpus's Go apps (pocketbase-flyio's is a shell flag and
// grpc-service's web-proxy a `go install` of another module, so neither is
// here; fly-autoscaler-temporal-example and postgres-migrator list none).
var realSites = []realSite{
	{"0-Mqix__cryptomania", "main.go", 133, listen.HostDualStack, 3000, ""},
	{"0Zeno__qrAPI", "main.go", 37, listen.HostDualStack, 8080, ""},
	{"0x2E__fusion", "backend/cmd/fusion/main.go", 68, listen.HostDualStack, 8080, ""},
	{"FACorreiaa__go-website", "main.go", 25, listen.HostDualStack, 9900, ""},
	{"benhoyt__simplelists", "main.go", 100, listen.HostDualStack, 8080, ""},
	{"fly-apps__cron-manager", "api/handler.go", 46, listen.HostDualStack, 5500, ""},
	{"fly-apps__fly-autoscaler-example", "cmd/fly-autoscaler-metric/main.go", 22, listen.HostDualStack, 8080, ""},
	{"fly-apps__fly-etcd", "internal/api/handler.go", 27, listen.HostDualStack, 5500, ""},
	{"fly-apps__flygreeting", "flygreeting.go", 24, listen.HostDualStack, 8080, ""},
	{"fly-apps__hahooks-go", "main.go", 92, listen.HostDualStack, 8080, ""},
	{"fly-apps__litevfs-demo__fly", "fly/main.go", 113, listen.HostDualStack, 8080, ""},
	{"fly-apps__postgres-flex", "internal/api/handler.go", 32, listen.HostDualStack, 5500, ""},
	{"fly-apps__postgres-ha", "pkg/server/http.go", 20, listen.HostDualStack, 5500, ""},
	{"fly-apps__udp-echo-", "main.go", 45, listen.HostGlobalServices, 5000, ""},
	{"fly-apps__udp-echo-", "main.go", 55, listen.HostDualStack, 5000, ""},
	{"hyphengolang__flyio", "cmd/main.go", 29, listen.HostDualStack, 8080, ""},
	{"hyphengolang__with-fly.io", "cmd/gofly/main.go", 25, listen.HostDualStack, 8080, ""},
	{"mtlynch__picoshare", "cmd/picoshare/main.go", 71, listen.HostDualStack, 8080, ""},
	// SOURCE.txt names the Addr field New builds; RunWithSignals, in
	// another file, calls ListenAndServe on the server main hands it.
	{"superfly__bfaas", "coord/serv.go", 38, listen.HostDualStack, 8000, "coord/runServer.go:21"},
	// "0.0.0.0:%d" with network "tcp" is Go's dual-stack wildcard.
	{"superfly__bfaas", "basher/serv.go", 23, listen.HostDualStack, 8001, "basher/runServer.go:21"},
	{"superfly__machine-proxy", "main.go", 67, listen.HostDualStack, 8080, ""},
	{"superfly__rchab", "dockerproxy/main.go", 127, listen.HostDualStack, 8080, ""},
	{"superfly__rchab", "dockerproxy/main.go", 148, listen.HostDualStack, 2375, ""},
	// From etc/ssokenizer.yml (":$PORT"), a file read at run time.
	{"superfly__ssokenizer", "ssokenizer.go", 81, listen.HostDualStack, 8080, ""},
	{"superfly__ssokenizer", "cmd/ssokenizer/serve.go", 75, listen.HostDualStack, 8080, ""},
	{"superfly__tokenizer", "cmd/tokenizer/serve.go", 53, listen.HostDualStack, 8080, ""},
	{"superfly__wormhole", "remote.go", 45, listen.HostDualStack, 10000, ""},
	{"superfly__wormhole", "cmd/wormhole/main.go", 115, listen.HostUnknown, 0, ""},
}

// siteSlack is how far from SOURCE.txt's line a listener may be and still
// be that site: SOURCE.txt sometimes names the Addr field of an
// http.Server and flylint the ListenAndServe call that reads it.
const siteSlack = 30

// TestRealGoApps measures Go analysis on the corpus's Go apps as they are
// in their repositories: FLYLINT_REAL_APPS names a directory holding each
// app's repository at the commit SOURCE.txt names, in a directory named as
// in the corpus (apps/<name>), with its module dependencies in the module
// cache (flylint never downloads them); scripts/realapps/prepare makes it.
// Each listen site is resolved exactly (host class and port), wrongly,
// or not at all; every finding of a port or bind rule (LabelledRules) is a
// false alarm, since LABELS.md holds no such mistake in these apps but
// FACorreiaa/go-website's.
func TestRealGoApps(t *testing.T) {
	dir := os.Getenv("FLYLINT_REAL_APPS")
	if dir == "" {
		t.Skip("FLYLINT_REAL_APPS is not set (see scripts/realapps/prepare)")
	}
	byApp := map[string][]realSite{}
	var apps []string
	for _, s := range realSites {
		if byApp[s.app] == nil {
			apps = append(apps, s.app)
		}
		byApp[s.app] = append(byApp[s.app], s)
	}
	var exact, goOnly, wrong, unresolved, absent, falseAlarms int
	var table strings.Builder
	fmt.Fprintf(&table, "| app | site | want | flylint | verdict |\n|---|---|---|---|---|\n")
	for _, app := range apps {
		root := filepath.Join(dir, app)
		if _, err := os.Stat(root); err != nil {
			absent += len(byApp[app])
			for _, s := range byApp[app] {
				fmt.Fprintf(&table, "| %s | %s:%d | %s | - | not fetched |\n", app, s.file, s.line, want(s))
			}
			continue
		}
		ls, goSites, ds, err := lintReal(root)
		if err != nil {
			t.Errorf("%s: %v", app, err)
			continue
		}
		taken, goTaken := map[int]bool{}, map[int]bool{}
		for _, s := range byApp[app] {
			got, ok := nearest(ls, taken, root, s)
			verdict := judge(got, ok, s)
			if verdict == "unresolved" {
				// The app's process model did not take the site (the
				// start command runs no main package flylint can name):
				// judge what Go analysis alone resolved.
				if g, ok := nearest(goSites, goTaken, root, s); ok && judge(g, ok, s) == "exact" {
					got, verdict = g, "exact (Go analysis only)"
				}
			}
			switch verdict {
			case "exact":
				exact++
			case "exact (Go analysis only)":
				goOnly++
			case "wrong":
				wrong++
				t.Errorf("%s %s:%d: resolved %s, want %s", app, s.file, s.line, got, want(s))
			default:
				unresolved++
			}
			shown := "-"
			if verdict != "unresolved" || ok {
				shown = got.String()
			}
			fmt.Fprintf(&table, "| %s | %s:%d | %s | %s | %s |\n", app, s.file, s.line, want(s), shown, verdict)
		}
		for _, d := range ds {
			if slices.Contains(LabelledRules, d.Rule) && d.Severity >= diag.Warning && app != "FACorreiaa__go-website" {
				falseAlarms++
				t.Errorf("%s: false alarm %s at %s:%d: %s", app, d.Rule, d.File, d.Start.Line, d.Message)
			}
		}
	}
	total := len(realSites)
	t.Logf("\n%s\n%d listen sites: %d exact, %d exact in Go analysis but not tied to the app's process, %d wrong, %d unresolved, %d not fetched; %d false alarms on the port and bind rules",
		table.String(), total, exact, goOnly, wrong, unresolved, absent, falseAlarms)
}

func want(s realSite) string {
	if s.host == listen.HostUnknown {
		return "? (set at deploy time)"
	}
	return fmt.Sprintf("%d (%s)", s.port, s.host)
}

// judge says whether got, the listener found for s (ok), has s's address.
func judge(got listen.Listener, ok bool, s realSite) string {
	switch {
	case !ok:
	case !got.Port.Known() || got.Host.Class == listen.HostUnknown && s.host != listen.HostUnknown:
	case got.Port.Number == s.port && got.Host.Class == s.host:
		return "exact"
	default:
		return "wrong"
	}
	return "unresolved"
}

// lintReal loads the app as the CLI does (Go analysis on) and returns
// every listener of every group, the complete listen sites Go analysis
// found in each module of the tree (with no environment applied), and the
// findings of every rule.
func lintReal(root string) ([]listen.Listener, []listen.Listener, []diag.Diagnostic, error) {
	paths := Configs(root)
	if len(paths) == 0 {
		paths = []string{root}
	}
	ws, err := workspace.Load(paths, workspace.Options{Go: true})
	if err != nil {
		return nil, nil, nil, err
	}
	var ls []listen.Listener
	for _, a := range ws.Apps {
		for _, g := range a.Groups {
			ls = append(ls, g.Listeners...)
		}
	}
	var goSites []listen.Listener
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.Name() != "go.mod" {
			return nil
		}
		res, err := goload.Analyze(context.Background(), filepath.Dir(p), nil, goload.Options{Root: root})
		if err != nil {
			return nil
		}
		for _, m := range res.Mains {
			for _, s := range m.Sites {
				if !s.Partial && len(s.Alternatives) == 0 {
					goSites = append(goSites, s.Listener)
				}
			}
		}
		return nil
	})
	ds, err := lint.Run(ws, lint.Options{Rules: rules.All()})
	return ls, goSites, ds, err
}

// nearest is the listener in s's file closest to s's line, within
// siteSlack, that no earlier site took; it marks it taken.
func nearest(ls []listen.Listener, taken map[int]bool, root string, s realSite) (listen.Listener, bool) {
	if s.call != "" {
		file, line, _ := strings.Cut(s.call, ":")
		at := s
		at.file, at.call = file, ""
		at.line, _ = strconv.Atoi(line)
		if l, ok := nearest(ls, taken, root, at); ok {
			return l, true
		}
	}
	var best listen.Listener
	bestAt, bestDist := -1, siteSlack+1
	want := filepath.Join(root, filepath.FromSlash(s.file))
	for i, l := range ls {
		f, err := filepath.Abs(l.Range.File)
		if err != nil || taken[i] {
			continue
		}
		w, _ := filepath.Abs(want)
		if f != w {
			continue
		}
		d := l.Range.Start.Line - s.line
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestAt, bestDist = l, i, d
		}
	}
	if bestAt < 0 {
		return best, false
	}
	taken[bestAt] = true
	return best, true
}
