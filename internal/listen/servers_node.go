package listen

import "strings"

// Node servers started from a command line, and the generated entry
// files of Node frameworks, appended to the server table. Each entry
// cites where its defaults come from and the version they hold for.
func init() {
	servers = append(servers, nodeServers...)
}

var nodeServers = []*server{
	// @react-router/serve (7.x) is remix-serve renamed:
	// packages/react-router-serve/cli.ts reads PORT (else 3000) and HOST
	// and calls app.listen(port, HOST) only when HOST is set, else
	// app.listen(port), which binds "::" (see nodeHost in internal/jssrc).
	{name: "react-router-serve", progs: []string{"react-router-serve"}, runtime: "node", hostEnv: "HOST", portEnv: "PORT", defHost: "::", defPort: 3000},
	// vercel/serve (14.2), README "Options": -l/--listen takes a port,
	// tcp://host:port or unix:path and defaults to port 3000 on every
	// address; -p is the deprecated port option. Not re-verified: that
	// PORT is read when -l is absent.
	{name: "serve", progs: []string{"serve"}, runtime: "node", addrFlags: []string{"-l", "--listen"}, portFlags: []string{"-p"},
		portEnv: "PORT", defHost: "::", defPort: 3000,
		valued: []string{"-c", "--config"}},
}

// Pseudo program names nodeEntry gives framework entry files.
const (
	nitroEntry     = "\x00nitro-node-server"
	svelteKitEntry = "\x00sveltekit-adapter-node"
	astroEntry     = "\x00astro-node-standalone"
)

var nodeEntryServers = []*server{
	// Nitro's node-server preset, which Nuxt 3 and 4 build into
	// .output/server/index.mjs. nitropack 2.x, src/presets/node/runtime/
	// node-server.ts (unjs/nitro@1c220ef4dc461910cd89b16d22f0206a20e42993):
	// port = destr(NITRO_PORT || PORT) || 3000, host = NITRO_HOST || HOST,
	// and listen({port, host}) with no host binds "::". Nitro 3 (the
	// "nitro" package, nitrojs/nitro@089466b8263c684e91c83c8693b9035aee5fbdc6)
	// reads the port with ?? instead: parseInt(NITRO_PORT ?? PORT ?? ""),
	// 3000 when that is NaN, so a NITRO_PORT set to "" hides PORT there.
	// nodeEntry picks the NITRO_ names as each version does.
	{name: "Nitro node-server", progs: []string{nitroEntry}, runtime: "node", hostEnv: "HOST", portEnv: "PORT", defHost: "::", defPort: 3000},
	// @astrojs/node's standalone server, dist/server/entry.mjs:
	// src/standalone.ts of @astrojs/node 11.1.4
	// (withastro/astro@99d3d3dbbfa4fd7b128a056337f1a719437a7377):
	// port = PORT ? Number(PORT) : config server.port, host = HOST ??
	// (server.host true: "0.0.0.0", false: "localhost", or the string),
	// then server.listen(port, host). server.port defaults to 4321 and
	// server.host to false
	// (https://docs.astro.build/en/reference/configuration-reference/#server-options),
	// so with neither HOST nor a config the server listens on localhost:4321.
	// The adapter's guide runs it as HOST=0.0.0.0 PORT=4321 node
	// ./dist/server/entry.mjs to change that
	// (https://docs.astro.build/en/guides/integrations-guide/node/#standalone).
	{name: "Astro node standalone", progs: []string{astroEntry}, runtime: "node", hostEnv: "HOST", portEnv: "PORT", defPort: 4321,
		hostDefault: func(m *match) string {
			// ?? keeps a HOST set to "": listen(port, "") binds every address.
			if v, ok := m.sc.env("HOST"); ok && v.Value == "" {
				return "::"
			}
			return "localhost"
		}},
	// SvelteKit adapter-node's build/index.js
	// (https://svelte.dev/docs/kit/adapter-node#Environment-variables,
	// adapter-node 5): HOST (default 0.0.0.0) and PORT (default 3000);
	// envPrefix, when configured, renames them and is not modelled.
	{name: "SvelteKit adapter-node", progs: []string{svelteKitEntry}, runtime: "node", hostEnv: "HOST", portEnv: "PORT", defHost: "0.0.0.0", defPort: 3000},
}

// nodeEntry recognises `node <script>` when the script is a framework's
// server entry: Nuxt/Nitro's .output/server/index.mjs (its path is
// distinctive), the react-router-serve and remix-serve CLIs by their
// package paths, SvelteKit's build/index.js only when the app depends
// on @sveltejs/adapter-node (Options.NodeDeps), because "build/index.js"
// is also what tsc writes for any app, and Astro's dist/server/entry.mjs
// only when astro.config uses @astrojs/node in standalone mode
// (Options.AstroNode).
func (in *interp) nodeEntry(script string, ws []word, at int, sc *scope) (Result, bool) {
	p := strings.TrimPrefix(script, "./")
	switch {
	case p == ".output/server/index.mjs" || strings.HasSuffix(p, "/.output/server/index.mjs"):
		s := *nodeEntryServers[0]
		// With ||, an empty NITRO_ variable falls through to the plain
		// one; Nitro 3's ?? stops at any NITRO_PORT that is set.
		nitro3 := in.opt.NodeDeps["nitro"] && !in.opt.NodeDeps["nitropack"] && !in.opt.NodeDeps["nuxt"]
		if v, ok := sc.env("NITRO_PORT"); ok && (v.Value != "" || nitro3) {
			s.portEnv = "NITRO_PORT"
		}
		if v, ok := sc.env("NITRO_HOST"); ok && v.Value != "" {
			s.hostEnv = "NITRO_HOST"
		}
		return in.serve(&match{s: &s, prog: ws[at], sc: sc, args: ws[at+1:], all: ws}), true
	case strings.Contains(p, "node_modules/@react-router/serve/"):
		return in.table("react-router-serve", ws, at, sc)
	case strings.Contains(p, "node_modules/@remix-run/serve/"):
		return in.table("remix-serve", ws, at, sc)
	case in.opt.NodeDeps["@sveltejs/adapter-node"] && (p == "build" || p == "build/" || p == "build/index.js"):
		return in.serve(&match{s: nodeEntryServers[2], prog: ws[at], sc: sc, args: ws[at+1:], all: ws}), true
	case in.opt.AstroNode != nil && in.opt.AstroNode.Standalone && (p == "dist/server/entry.mjs" || strings.HasSuffix(p, "/dist/server/entry.mjs")):
		s := nodeEntryServers[1]
		if in.opt.AstroNode.ServerConfig {
			// The config's server.host or server.port decides whatever
			// HOST or PORT leaves unset: only both set make it known.
			h, hok := sc.env("HOST")
			pt, pok := sc.env("PORT")
			if !hok || !pok || h.Value == "" || pt.Value == "" {
				return Result{Program: s.name, Argv: argvOf(ws), Reads: []string{"HOST", "PORT"}}, true
			}
		}
		return in.serve(&match{s: s, prog: ws[at], sc: sc, args: ws[at+1:], all: ws}), true
	}
	return Result{}, false
}
