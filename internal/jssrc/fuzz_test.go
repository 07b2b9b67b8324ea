package jssrc

import (
	"os"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// FuzzAnalyze feeds arbitrary source as an entry file (JavaScript and
// TypeScript) importing a config module, with express-sslify and koa-sslify among its
// dependencies; the analysis must neither
// panic nor hang, and every listener position must be inside the file.
func FuzzAnalyze(f *testing.F) {
	entries, _ := os.ReadDir("testdata/app")
	for _, e := range entries {
		if data, err := os.ReadFile("testdata/app/" + e.Name()); err == nil {
			f.Add(string(data), strings.HasSuffix(e.Name(), ".ts"))
		}
	}
	f.Fuzz(func(t *testing.T, src string, ts bool) {
		entry := "main.js"
		if ts {
			entry = "main.ts"
		}
		files := map[string][]byte{entry: []byte(src), "config.js": []byte(src)}
		env := listen.Env{"NODE_ENV": {Name: "NODE_ENV", Value: "production"}}
		deps := map[string]bool{"express": true, "express-sslify": true, "koa": true, "koa-sslify": true}
		res := Analyze(entry, Options{Runtime: "bun", Env: env, Deps: deps, ReadFile: func(rel string) ([]byte, error) {
			if d, ok := files[rel]; ok {
				return d, nil
			}
			return nil, os.ErrNotExist
		}})
		for _, l := range res.Listeners {
			for _, p := range []string{"", "/up", "/healthz", "/api/x"} {
				if r := l.Routes.For(p); r.Kind == listen.Redirects && (r.Range.Start.Offset < 0 || r.Range.Start.Offset > len(src)) {
					t.Fatalf("redirect position %d outside a %d-byte file", r.Range.Start.Offset, len(src))
				}
			}
			for _, r := range []struct{ off, line int }{{l.Range.Start.Offset, l.Range.Start.Line}, {l.PortRange.Start.Offset, l.PortRange.Start.Line}} {
				if r.off < 0 || r.off > len(src) {
					t.Fatalf("position %d outside a %d-byte file", r.off, len(src))
				}
			}
		}
	})
}
