package jssrc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// TestSrcAppsCorpus runs the analysis on the labelled listen sites of
// ../shared/corpus/src-apps (LABELS.md gives file:line, host and port of
// each). Sites in generated framework code, in dependencies or behind a
// framework CLI are outside source analysis; the start-command side
// (nodepkg and the listen table) covers the CLIs.
func TestSrcAppsCorpus(t *testing.T) {
	root := os.Getenv("FLYLINT_SRC_APPS")
	if root == "" {
		root = "../../../shared/corpus/src-apps"
	}
	if _, err := os.Stat(filepath.Join(root, "LABELS.md")); err != nil {
		t.Skip("src-apps corpus not found")
	}
	env := func(kv ...string) listen.Env {
		e := listen.Env{}
		for i := 0; i+1 < len(kv); i += 2 {
			e[kv[i]] = listen.Var{Name: kv[i], Value: kv[i+1]}
		}
		return e
	}
	rows := []struct {
		app, entry, runtime string
		env                 listen.Env
		want                string // file:line host port, as LABELS.md says
	}{
		{"epicweb-dev__node-sqlite-fly-tutorial__steps__03-init-fly", "app/index.ts", "", env("PORT", "8080"), "app/index.ts:76 :: 8080"},
		{"epicweb-dev__node-sqlite-fly-tutorial__steps__09-litefs", "app/index.ts", "", env("PORT", "8080"), "app/index.ts:88 :: 8080"},
		{"MetricsDAO__xyz", "server.ts", "", nil, "server.ts:92 :: 3000"},
		{"fly-apps__bun", "http.js", "bun", nil, "http.js:4 0.0.0.0 3000"},
		{"ayakaki__study-flyio-express", "server.js", "", env("PORT", "8080"), "server.js:9 :: 8080"},
		{"dev-xo__remix-saas", "server.mjs", "", nil, "server.mjs:165 :: 3000"},
		{"deer__deno_examples__docker__hello_world_fly", "server.ts", "deno", nil, "server.ts:29 0.0.0.0 8080"},
		{"0ussamaBernou__football-players-api", "server.js", "", env("PORT", "8080"), "server.js:47 :: 8080"},
		{"f1ctashka__nodeJS-labs", "src/main.ts", "", nil, "src/main.ts:14 :: 3000"},
		{"asasvirtuais__fly.asasvirtuais.dev", "src/main.ts", "", nil, "src/main.ts:40 :: 3000"},
		{"adcontextprotocol__adcp-client", "server.js", "", env("PORT", "8080", "NODE_ENV", "production"), "server.js:452 0.0.0.0 8080"},
		{"denoland__deno-flyio", "server.tsx", "deno", nil, "server.tsx:76 0.0.0.0 8000"},
		{"doncarlo5__workout-journal-backend-flyio__server", "src/index.js", "", nil, "src/index.js:4 :: 3000"},
		{"ibrahimmort__positive-vibes-project", "server.js", "", nil, "server.js:398 :: 3000"},
		{"OhMinsSup__hashnode-server-nest", "src/main.ts", "", env("PORT", "8080"), "src/main.ts:76 :: 8080"},
		{"mrako__week-number-api", "server.js", "", nil, "server.js:11 :: 3000"},
		{"garthtrickett__life-io", "elysia.ts", "bun", nil, "elysia.ts:183 0.0.0.0 42069"},
		{"Erik-Edward__KoaLens-Backend", "src/server.ts", "", env("PORT", "8080"), "src/server.ts:385 0.0.0.0 8080"},
		{"remix-run__indie-stack__pr78", "server.ts", "", env("PORT", "8080"), "server.ts:46 :: 8080"},
	}
	found := 0
	var report []string
	for _, r := range rows {
		res := Analyze(r.entry, Options{Root: filepath.Join(root, r.app), Env: r.env, Runtime: r.runtime})
		var got []string
		ok := false
		for _, l := range res.Listeners {
			s := fmt.Sprintf("%s:%d %s %d", strings.TrimPrefix(filepath.ToSlash(l.Range.File), filepath.ToSlash(filepath.Join(root, r.app))+"/"), l.Range.Start.Line, l.Host.Text, l.Port.Number)
			got = append(got, s)
			ok = ok || s == r.want
		}
		if ok {
			found++
		} else {
			report = append(report, fmt.Sprintf("%s: want %s, got %v %v", r.app, r.want, got, res.Errors))
		}
	}
	t.Logf("src-apps labelled JS/TS listen sites in app source resolved exactly (file:line, host, port): %d of %d", found, len(rows))
	for _, s := range report {
		t.Log("  unresolved: " + s)
	}
	// The rows that resolve today must keep resolving.
	if found < 18 {
		t.Errorf("only %d of %d labelled sites resolved", found, len(rows))
	}
}
