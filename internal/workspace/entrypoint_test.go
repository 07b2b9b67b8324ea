package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// writeApp lays out a Rails-shaped app whose image's ENTRYPOINT is
// bin/docker-entrypoint with the given content.
func writeApp(t *testing.T, entrypoint string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"fly.toml": "app = \"web\"\n\n[http_service]\n  internal_port = 3000\n",
		"Dockerfile": "FROM ruby:3.3-slim AS base\nWORKDIR /rails\nFROM base AS build\nCOPY . .\n" +
			"FROM base\nCOPY --from=build /rails /rails\nENTRYPOINT [\"/rails/bin/docker-entrypoint\"]\nCMD [\"./bin/rails\", \"server\"]\n",
		"bin/docker-entrypoint": entrypoint,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The entrypoints Rails generates pass the command through; scripts that
// may start something else, or change the command, do not.
func TestEntrypointPassThrough(t *testing.T) {
	for _, tc := range []struct {
		name, script string
		known        bool
	}{
		// railties v7.1.0 templates/docker-entrypoint.tt
		{"rails-7.1", "#!/bin/bash -e\n\n# If running the rails server then create or migrate existing database\nif [ \"${1}\" == \"./bin/rails\" ] && [ \"${2}\" == \"server\" ]; then\n  ./bin/rails db:prepare\nfi\n\nexec \"${@}\"\n", true},
		// railties v8.0.0: jemalloc preload, then the same.
		{"rails-8.0", "#!/bin/bash -e\n\nif [ -z \"${LD_PRELOAD+x}\" ]; then\n    LD_PRELOAD=$(find /usr/lib -name libjemalloc.so.2 -print -quit)\n    export LD_PRELOAD\nfi\n\nif [ \"${@: -2:1}\" == \"./bin/rails\" ] && [ \"${@: -1:1}\" == \"server\" ]; then\n  ./bin/rails db:prepare\nfi\n\nexec \"${@}\"\n", true},
		// The POSIX sh form with a bare export (collectiveidea/buildlight@685f0db8b8 bin/docker-entrypoint).
		{"sh-export", "#!/bin/sh -e\nif [ -z \"${LD_PRELOAD+x}\" ]; then\n    LD_PRELOAD=$(find /usr/lib -name libjemalloc.so.2 -print -quit)\n    export LD_PRELOAD\nfi\nexec \"${@}\"\n", true},
		{"daemon-first", "#!/bin/sh -e\nnginx\nexec \"$@\"\n", false},
		{"background", "#!/bin/sh -e\n./bin/rails db:prepare &\nexec \"$@\"\n", false},
		{"set-args", "#!/bin/sh -e\nset -- ./bin/rails server -p 4000\nexec \"$@\"\n", false},
		{"set-clear", "#!/bin/sh -e\nset -e --\nexec \"$@\"\n", false},
		{"set-e", "#!/bin/sh\nset -eu -o pipefail\nexec \"$@\"\n", true},
		{"shift", "#!/bin/sh -e\nshift\nexec \"$@\"\n", false},
		{"env-change", "#!/bin/sh -e\nexport PORT=4000\nexec \"$@\"\n", false},
		{"cd", "#!/bin/sh -e\ncd /srv\nexec \"$@\"\n", false},
		{"no-exec", "#!/bin/sh -e\n\"$@\"\n", false},
		{"exec-other", "#!/bin/sh -e\nexec \"$1\"\n", false},
		{"rails-server-first", "#!/bin/sh -e\n./bin/rails server -d\nexec \"$@\"\n", false},
		{"cmdsubst", "#!/bin/sh -e\nLD_PRELOAD=$(nginx)\nexec \"$@\"\n", false},
		{"python", "#!/usr/bin/python3\nimport os\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := Load([]string{writeApp(t, tc.script)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if g.ListenersKnown != tc.known {
				t.Errorf("ListenersKnown = %v, want %v (program %q)", g.ListenersKnown, tc.known, g.Interpreted.Program)
			}
			if tc.known && (len(g.Listeners) != 1 || g.Listeners[0].Program != "rails server" || g.Listeners[0].Port.Number != 3000) {
				t.Errorf("listeners %+v", g.Listeners)
			}
		})
	}
}

// A RUN that rewrites the entrypoint after it is copied leaves the
// script unknown, so the command it runs is not taken for the server.
func TestEntrypointRewrittenByRun(t *testing.T) {
	dir := writeApp(t, "#!/bin/sh -e\nexec \"$@\"\n")
	df := "FROM ruby:3.3-slim AS base\nWORKDIR /rails\nFROM base AS build\nCOPY . .\n" +
		"FROM base\nCOPY --from=build /rails /rails\nRUN printf '#!/bin/sh\\nnginx\\nexec \"$@\"\\n' > /rails/bin/docker-entrypoint\n" +
		"ENTRYPOINT [\"/rails/bin/docker-entrypoint\"]\nCMD [\"./bin/rails\", \"server\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if g := ws.Apps[0].Groups[0]; g.ListenersKnown || len(g.Listeners) != 0 {
		t.Errorf("known %v, listeners %+v: the rewritten script was read as copied", g.ListenersKnown, g.Listeners)
	}
}
