package listen

import (
	"strings"
	"testing"
)

func TestNodeServers(t *testing.T) {
	sk := map[string]bool{"@sveltejs/adapter-node": true}
	cases := []struct {
		name string
		cmd  Command
		env  Env
		deps map[string]bool
		want []string
	}{
		{"react-router-serve default", execCmd("react-router-serve", "./build/server/index.js"), nil, nil,
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=3000 env=PORT set=false def=3000 req=false (default port) @"react-router-serve"`}},
		{"react-router-serve bin through node, HOST set", execCmd("node", "node_modules/@react-router/serve/bin.js", "./build/server/index.js"), env("HOST", "0.0.0.0"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" hostenv=HOST port=3000 env=PORT set=false def=3000 req=false (default port) @"node_modules/@react-router/serve/bin.js"`}},
		{"remix-serve cli through node", execCmd("node", "node_modules/@remix-run/serve/dist/cli.js", "build"), env("PORT", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=8080 env=PORT set=true def=3000 req=false @"node_modules/@remix-run/serve/dist/cli.js"`}},
		{"serve -l tcp URI", execCmd("npx", "serve", "-s", "dist", "-l", "tcp://127.0.0.1:8080"), nil, nil,
			[]string{`tcp loopback "127.0.0.1" port=8080 @"-l\" \"tcp://127.0.0.1:8080" host@"127.0.0.1" port@"8080"`}},
		{"serve default", execCmd("serve", "dist"), nil, nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=3000 env=PORT set=false def=3000 req=false (default port) @"serve"`}},
		{"nuxt output", execCmd("node", ".output/server/index.mjs"), env("PORT", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=8080 env=PORT set=true def=3000 req=false @".output/server/index.mjs"`}},
		{"nuxt output prefers NITRO_", execCmd("node", "./.output/server/index.mjs"), env("PORT", "8080", "NITRO_PORT", "3000", "NITRO_HOST", "127.0.0.1"), nil,
			[]string{`tcp loopback "127.0.0.1" hostenv=NITRO_HOST port=3000 env=NITRO_PORT set=true def=3000 req=false @"./.output/server/index.mjs"`}},
		// nitropack 2.x: NITRO_PORT || PORT, so an empty NITRO_PORT
		// (and NITRO_HOST) falls back to PORT (and HOST).
		{"nuxt output, empty NITRO_PORT falls back to PORT", execCmd("node", ".output/server/index.mjs"), env("PORT", "8080", "NITRO_PORT", "", "NITRO_HOST", "", "HOST", "0.0.0.0"), map[string]bool{"nuxt": true},
			[]string{`tcp IPv4 wildcard "0.0.0.0" hostenv=HOST port=8080 env=PORT set=true def=3000 req=false @".output/server/index.mjs"`}},
		// Nitro 3: NITRO_PORT ?? PORT, so an empty NITRO_PORT is NaN: 3000.
		{"nitro 3 output, empty NITRO_PORT hides PORT", execCmd("node", ".output/server/index.mjs"), env("PORT", "8080", "NITRO_PORT", ""), map[string]bool{"nitro": true},
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=3000 env=NITRO_PORT set=false def=3000 req=false (default port) @".output/server/index.mjs"`}},
		{"sveltekit build with adapter-node", execCmd("node", "build"), nil, sk,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) hostenv=HOST port=3000 env=PORT set=false def=3000 req=false (default port) @"build"`}},
		// Without adapter-node, build/index.js is any compiled app.
		{"build/index.js of another app", execCmd("node", "build/index.js"), nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := InterpretWith(c.cmd, c.env, Options{NodeDeps: c.deps})
			var got []string
			for _, l := range res.Listeners {
				got = append(got, summary(lineOf(c.cmd), l))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestAstroStandalone(t *testing.T) {
	sa := &AstroNode{Standalone: true}
	cfg := &AstroNode{Standalone: true, ServerConfig: true}
	cases := []struct {
		name  string
		cmd   Command
		env   Env
		astro *AstroNode
		want  []string
	}{
		// @astrojs/node standalone: HOST ?? config host (false:
		// localhost), PORT || config port (4321).
		{"default", execCmd("node", "./dist/server/entry.mjs"), nil, sa,
			[]string{`tcp loopback "localhost" (default host) hostenv=HOST port=4321 env=PORT set=false def=4321 req=false (default port) @"./dist/server/entry.mjs"`}},
		{"HOST and PORT", execCmd("node", "dist/server/entry.mjs"), env("HOST", "0.0.0.0", "PORT", "8080"), sa,
			[]string{`tcp IPv4 wildcard "0.0.0.0" hostenv=HOST port=8080 env=PORT set=true def=4321 req=false @"dist/server/entry.mjs"`}},
		{"HOST empty binds every address", execCmd("node", "dist/server/entry.mjs"), env("HOST", ""), sa,
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=4321 env=PORT set=false def=4321 req=false (default port) @"dist/server/entry.mjs"`}},
		// astro.config's server options decide what HOST or PORT leave unset.
		{"config server options, PORT only", execCmd("node", "dist/server/entry.mjs"), env("PORT", "8080"), cfg, nil},
		{"config server options, HOST and PORT", execCmd("node", "dist/server/entry.mjs"), env("HOST", "::", "PORT", "8080"), cfg,
			[]string{`tcp dual-stack wildcard "::" hostenv=HOST port=8080 env=PORT set=true def=4321 req=false @"dist/server/entry.mjs"`}},
		// Middleware mode: entry.mjs exports a handler and listens nowhere.
		{"middleware mode", execCmd("node", "dist/server/entry.mjs"), nil, &AstroNode{}, nil},
		{"no adapter", execCmd("node", "dist/server/entry.mjs"), nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := InterpretWith(c.cmd, c.env, Options{AstroNode: c.astro})
			var got []string
			for _, l := range res.Listeners {
				got = append(got, summary(lineOf(c.cmd), l))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}
