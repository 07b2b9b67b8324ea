package workspace

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/exconfig"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
)

// addPhoenixListeners gives a group that starts a Mix release of a
// Phoenix app the listener its endpoint configuration declares, and the
// https redirect force_ssl adds. The release is the one the Dockerfile
// copies out of _build/<env>/rel/<name>, started as
// <dir>/bin/<name> start, or as <dir>/bin/server, the script
// `mix phx.gen.release` writes (rel/overlays/bin/server:
// `PHX_SERVER=true exec ./<name> start`, phoenixframework/phoenix@167c469
// priv/templates/phx.gen.release/rel/server.sh.eex). Anything else, or a
// config flylint cannot read, leaves the group's listeners unknown.
func (b *appBuilder) addPhoenixListeners(g *Group) {
	if len(g.Listeners) > 0 || len(g.Interpreted.Argv) == 0 || b.app.Image == nil || b.app.Dockerfile == nil {
		return
	}
	ctx := b.buildContext()
	if ctx == "" {
		return
	}
	argv := g.Interpreted.Argv
	exe := argv[0].Text
	if !strings.HasPrefix(exe, "/") {
		exe = path.Join(b.app.Image.Workdir, exe)
	}
	if !strings.Contains(exe, "/bin/") {
		return // the common case, settled before any file is read
	}
	read := func(rel string) ([]byte, string, bool) { return b.readContext(ctx, rel) }
	// The Dockerfile and the command settle most groups before any file
	// is read: mix.exs is read only for an image that copies a release
	// out and a command that starts it.
	rel, dir, mixEnv, ok := b.releaseDir()
	if !ok {
		return
	}
	server := false
	switch {
	case exe == dir+"/bin/"+rel && len(argv) == 2 && argv[1].Text == "start":
	case exe == dir+"/bin/server" && len(argv) == 1:
		server = true
	default:
		return
	}
	app, mod, releases, ok := mixApp(read)
	if !ok || !releaseOf(rel, app, releases) {
		return
	}
	vars := envValues(b.app.Env)
	// The release's start script exports RELEASE_NAME before it boots
	// (Elixir 1.18 mix release docs, "Environment variables").
	vars["RELEASE_NAME"] = rel
	if server {
		data, _, ok := read("rel/overlays/bin/server")
		if !ok || !phxServerScript(data, rel) {
			return
		}
		vars["PHX_SERVER"] = "true"
	}
	compile, runtime, err := exconfig.Load(read, exconfig.Env{MixEnv: mixEnv, Vars: vars})
	if err != nil {
		return
	}
	if runtime == nil {
		runtime = compile
	}
	key, ep, ok := endpoint(runtime, app)
	if !ok {
		return
	}
	if !serves(runtime, ep) {
		return // the endpoint is configured but serves nothing
	}
	cep, _ := compile.Lookup(app, key)
	// The adapter is read at boot, Cowboy2Adapter when none is set
	// (phoenixframework/phoenix@167c469 lib/phoenix/endpoint/supervisor.ex,
	// defaults). Bandit's reads the same http: options; another adapter
	// may read them differently.
	cowboy := true
	if a, ok := ep.Get("adapter"); ok {
		if !knownAdapter(a) {
			return
		}
		cowboy = a.Str == "Phoenix.Endpoint.Cowboy2Adapter"
	}
	l, ok := phoenixListener(ep, b.app.Env, cowboy)
	if !ok {
		return
	}
	l.Program = argv[0].Text
	l.Routes = phoenixRoutes(cep, ep)
	l.Definite = startsEndpoint(read, app, mod, key)
	g.Listeners = append(g.Listeners, l)
	// The release also runs the app's code and its dependencies', which
	// may listen too (an SMTP server, a metrics exporter): the group's
	// listeners stay unknown.
	g.ListenersKnown = false
}

// startsEndpoint reports whether the application callback module mix.exs
// names (mod: {App.Application, []}) lists the endpoint among the
// children of start/2 without a condition, as phx.new generates it
// (installer/templates/phx_single/lib/app_name/application.ex.eex,
// phoenixframework/phoenix@167c469): the endpoint then certainly starts.
// The module is looked for where Mix puts it, lib/<app>/application.ex.
func startsEndpoint(read exconfig.Reader, app, mod, endpoint string) bool {
	if mod == "" {
		return false
	}
	data, _, ok := read("lib/" + app + "/application.ex")
	if !ok {
		return false
	}
	nodes, err := exconfig.Parse(data)
	if err != nil || len(nodes) != 1 || nodes[0].Name != "defmodule" || len(nodes[0].Args) != 1 || nodes[0].Args[0].Name != mod {
		return false
	}
	for _, d := range nodes[0].Do {
		if d.Kind != exconfig.NCall || d.Name != "def" || len(d.Args) != 1 || d.Args[0].Name != "start" || len(d.Args[0].Args) != 2 {
			continue
		}
		for _, st := range d.Do {
			if listsChild(st, endpoint) {
				return true
			}
		}
	}
	return false
}

// listsChild looks for endpoint as an element of a list literal, through
// assignments and ++ only: a child inside an if or a case may not start.
func listsChild(n *exconfig.Node, endpoint string) bool {
	switch n.Kind {
	case exconfig.NList:
		for _, it := range n.Args {
			if it.Kind == exconfig.NAlias && it.Name == endpoint ||
				it.Kind == exconfig.NTuple && len(it.Args) > 0 && it.Args[0].Kind == exconfig.NAlias && it.Args[0].Name == endpoint {
				return true
			}
		}
	case exconfig.NBinary:
		if n.Op == "=" || n.Op == "++" {
			return listsChild(n.Args[0], endpoint) || listsChild(n.Args[1], endpoint)
		}
	}
	return false
}

// serves reports whether the endpoint starts its HTTP server: its
// server: option, else :phoenix's serve_endpoints, false by default
// (phoenixframework/phoenix@167c469 lib/phoenix/endpoint/supervisor.ex,
// server?/1). Unknown counts as not.
func serves(c *exconfig.Config, ep exconfig.Value) bool {
	s, ok := ep.Get("server")
	if !ok {
		s, ok = c.Lookup("phoenix", "serve_endpoints")
	}
	return ok && s.Kind == exconfig.Bool && s.Bool
}

func knownAdapter(a exconfig.Value) bool {
	return a.Kind == exconfig.Atom && (a.Str == "Phoenix.Endpoint.Cowboy2Adapter" || a.Str == "Bandit.PhoenixAdapter")
}

// releaseOf reports whether rel is one of the project's releases.
func releaseOf(rel, app string, releases []string) bool {
	if releases == nil {
		return rel == app
	}
	return slices.Contains(releases, rel)
}

// phxServerScript reports whether rel/overlays/bin/server is the script
// phx.gen.release writes for release name.
func phxServerScript(data []byte, name string) bool {
	for _, ln := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(ln) == "PHX_SERVER=true exec ./"+name+" start" {
			return true
		}
	}
	return false
}

// mixApp returns the :app of mix.exs's project/0, the application
// callback module its application/0 names in mod: ("" when not found),
// and the names its :releases list (nil without one): without :releases
// the one release is named after the app (Mix.Tasks.Release, Elixir
// 1.18).
func mixApp(read exconfig.Reader) (app, mod string, releases []string, ok bool) {
	data, _, ok := read("mix.exs")
	if !ok {
		return "", "", nil, false
	}
	nodes, err := exconfig.Parse(data)
	if err != nil || len(nodes) != 1 || nodes[0].Name != "defmodule" {
		return "", "", nil, false
	}
	for _, d := range nodes[0].Do {
		if d.Kind != exconfig.NCall || d.Name != "def" || len(d.Args) != 1 || len(d.Do) != 1 || d.Do[0].Kind != exconfig.NList {
			continue
		}
		switch d.Args[0].Name {
		case "application":
			for _, p := range d.Do[0].Args {
				if p.Kind == exconfig.NPair && p.Name == "mod" && p.Args[0].Kind == exconfig.NTuple && len(p.Args[0].Args) == 2 && p.Args[0].Args[0].Kind == exconfig.NAlias {
					mod = p.Args[0].Args[0].Name
				}
			}
			continue
		case "project":
		default:
			continue
		}
		for _, p := range d.Do[0].Args {
			if p.Kind != exconfig.NPair {
				continue
			}
			v := p.Args[0]
			switch p.Name {
			case "app":
				if v.Kind != exconfig.NAtom || v.Quoted {
					return "", "", nil, false
				}
				app = v.Name
			case "releases":
				// A literal keyword list names them; anything else
				// (a function call) flylint does not follow.
				if v.Kind != exconfig.NList {
					return "", "", nil, false
				}
				releases = []string{}
				for _, r := range v.Args {
					if r.Kind != exconfig.NPair || r.Quoted {
						return "", "", nil, false
					}
					releases = append(releases, r.Name)
				}
			}
		}
	}
	return app, mod, releases, app != ""
}

var relSource = lazyre.New(`^/?(?:.*/)?_build/([^/]+)/rel/([^/]+)/?$`)

// releaseDir finds the release the image holds: the last COPY
// --from=<stage> of .../_build/<env>/rel/<name>, its destination, and
// that env. Docker expands a ${MIX_ENV} in a COPY source with the
// environment of the stage that copies, not of the --from stage, so it
// is read from the image's own ENV (inherited through FROM, with
// fly.toml's build args), and only for a COPY in the final stage.
func (b *appBuilder) releaseDir() (name, dir, env string, ok bool) {
	last := len(b.app.Image.Chain) - 1
	for i, st := range b.app.Image.Chain {
		for _, c := range st.Copies {
			if c.From == "" || len(c.Sources) != 1 {
				continue
			}
			m := relSource().FindStringSubmatch(c.Sources[0])
			if m == nil {
				continue
			}
			name, env = m[2], m[1]
			if env == "${MIX_ENV}" || env == "$MIX_ENV" {
				env = ""
				if v, set := b.app.Image.Env["MIX_ENV"]; i == last && set && !v.Unknown {
					env = v.Value
				}
			}
			if env == "" || strings.ContainsAny(env+name, "${}") {
				return "", "", "", false
			}
			dest := c.Dest
			if !strings.HasPrefix(dest, "/") {
				dest = path.Join(c.Workdir, dest)
			}
			dir = path.Clean(dest)
		}
	}
	return name, dir, env, dir != ""
}

// endpoint finds the app's one endpoint: a key ending in Endpoint whose
// value is a keyword list. Several (or none) leave it unknown.
func endpoint(c *exconfig.Config, app string) (string, exconfig.Value, bool) {
	key, n := "", 0
	var val exconfig.Value
	for _, m := range c.Apps {
		for k, v := range m {
			if strings.HasSuffix(k, "Endpoint") && strings.Contains(k, ".") {
				n++
				key, val = k, v
			}
		}
	}
	if n != 1 {
		return "", exconfig.Value{}, false
	}
	if _, ok := c.Apps[app][key]; !ok {
		return "", exconfig.Value{}, false
	}
	if _, ok := val.Keyword(); !ok {
		return "", exconfig.Value{}, false
	}
	return key, val, true
}

// phoenixListener reads the endpoint's http: [ip: ..., port: ...].
// Cowboy2Adapter also takes the port as a string or the deprecated
// {:system, "PORT"}, and 4000 without one (phoenixframework/phoenix@167c469
// lib/phoenix/endpoint/cowboy2_adapter.ex, child_specs and
// port_to_integer); with Bandit only the forms both share are read.
func phoenixListener(ep exconfig.Value, env listen.Env, cowboy bool) (listen.Listener, bool) {
	http, ok := ep.Get("http")
	if !ok {
		return listen.Listener{}, false
	}
	if _, ok := http.Keyword(); !ok {
		return listen.Listener{}, false
	}
	l := listen.Listener{Proto: listen.TCP, Origin: "Phoenix endpoint"}
	pv, ok := http.Get("port")
	if !ok {
		if !cowboy {
			return listen.Listener{}, false
		}
		l.Port = listen.Port{Number: 4000, IsDefault: true}
		l.Range = http.Range
	} else {
		l.Range, l.PortRange = pv.Range, pv.Range
		if pv.Kind == exconfig.Tuple && cowboy && len(pv.Items) == 2 && pv.Items[0].Kind == exconfig.Atom && pv.Items[0].Str == "system" && pv.Items[1].Kind == exconfig.String {
			pv = exconfig.Value{Kind: exconfig.EnvRef, Str: pv.Items[1].Str, ToInt: true, Range: pv.Range}
		}
		switch {
		case pv.Kind == exconfig.Int:
			if pv.Int <= 0 || pv.Int > 65535 {
				return listen.Listener{}, false
			}
			l.Port = listen.Port{Number: int(pv.Int)}
		case pv.Kind == exconfig.String && cowboy:
			n := atoiPortText(pv.Str)
			if n == 0 {
				return listen.Listener{}, false
			}
			l.Port = listen.Port{Number: n}
		case pv.Kind == exconfig.EnvRef && pv.ToInt:
			def := 0
			if pv.Default != nil {
				def = atoiPortText(pv.Default.Str)
			}
			l.Port = listen.Port{Env: pv.Str, Default: def, Required: pv.Default == nil}
			if v, set := env[pv.Str]; set {
				if v.Unknown {
					return listen.Listener{}, false
				}
				l.Port.Number, l.Port.EnvSet = atoiPortText(v.Value), true
			} else {
				l.Port.Number, l.Port.IsDefault = def, def > 0
			}
		default:
			return listen.Listener{}, false
		}
	}
	if ip, ok := http.Get("ip"); ok {
		text, ok := ipTuple(ip)
		if !ok {
			return listen.Listener{}, false
		}
		// Cowboy (ranch) and Bandit (thousand_island) open the socket
		// with gen_tcp, which leaves ipv6_v6only to the OS: "the system
		// default value on most Linux distros is still false" (Erlang/OTP
		// 27 inet docs, ipv6_v6only), so {0,0,0,0,0,0,0,0} takes IPv4 too.
		// ClassifyHost's "::" is that.
		l.Host = listen.Host{Class: listen.ClassifyHost(text, "erlang"), Text: text}
		l.HostRange = ip.Range
	}
	return l, true
}

func atoiPortText(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 65535 {
		return 0
	}
	return n
}

// ipTuple turns {a, b, c, d} or an eight-element IPv6 tuple into text.
func ipTuple(v exconfig.Value) (string, bool) {
	if v.Kind != exconfig.Tuple || len(v.Items) != 4 && len(v.Items) != 8 {
		return "", false
	}
	max := int64(255)
	if len(v.Items) == 8 {
		max = 65535
	}
	parts := make([]string, len(v.Items))
	for i, it := range v.Items {
		if it.Kind != exconfig.Int || it.Int < 0 || it.Int > max {
			return "", false
		}
		if len(v.Items) == 8 {
			parts[i] = strconv.FormatInt(it.Int, 16)
		} else {
			parts[i] = strconv.FormatInt(it.Int, 10)
		}
	}
	if len(v.Items) == 4 {
		return strings.Join(parts, "."), true
	}
	text := strings.Join(parts, ":")
	if text == "0:0:0:0:0:0:0:0" {
		return "::", true
	}
	return text, true
}

// loopbackHosts are the hosts Plug.SSL excludes by default
// (elixir-plug/plug@a898c45 lib/plug/ssl.ex: exclude defaults to
// [hosts: ["localhost", "127.0.0.1"]]). Fly's docs do not say which
// Host an HTTP check sends; it dials the Machine's address, and flyctl's
// own deploy test (superfly/flyctl@ad0172f
// internal/command/deploy/strategy_bluegreen_test.go) names Phoenix's
// force_ssl, default exclusion and all, as what traps the probe. So a
// loopback name excluded is taken not to match a check unless the check
// sends it as its Host header; any other excluded host leaves the
// outcome undecided.
var loopbackHosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "[::1]": true}

// phoenixRoutes models the Plug.SSL that Phoenix.Endpoint plugs when
// force_ssl is set. force_ssl is read at compile time
// (Application.compile_env, phoenixframework/phoenix@167c469
// lib/phoenix/endpoint.ex), so it comes from config.exs and what it
// imports; runtime.exs setting it differently is undecided (the release
// then refuses to boot, which is another problem).
func phoenixRoutes(compile, runtime exconfig.Value) *listen.HTTPRoutes {
	fs, ok := compile.Get("force_ssl")
	if !ok || fs.Kind == exconfig.Nil || fs.Kind == exconfig.Bool && !fs.Bool {
		// No force_ssl: the app may still plug Plug.SSL itself.
		return nil
	}
	r := &listen.HTTPRoutes{By: "Phoenix (force_ssl)"}
	undecided := &listen.HTTPRoutes{By: r.By, Server: listen.Redirect{Kind: listen.RedirectUnknown, Range: fs.Range}}
	if rt, _ := runtime.Get("force_ssl"); rt.Range != fs.Range {
		return undecided
	}
	if _, ok := fs.Keyword(); !ok {
		return undecided
	}
	// Plug.SSL redirects when conn.scheme is not :https; rewrite_on:
	// [:x_forwarded_proto] first takes the scheme from that header
	// (plug lib/plug/rewrite_on.ex: "https" makes it :https).
	cond := listen.CondScheme
	if ro, ok := fs.Get("rewrite_on"); ok {
		if ro.Kind != exconfig.List {
			return undecided
		}
		for _, it := range ro.Items {
			if it.Kind != exconfig.Atom {
				return undecided
			}
			if it.Str == "x_forwarded_proto" {
				cond = listen.CondForwardedProto
			}
		}
	}
	hosts := []string{"localhost", "127.0.0.1"}
	if ex, ok := fs.Get("exclude"); ok {
		hosts = nil
		if ex.Kind != exconfig.List {
			return undecided
		}
		for _, it := range ex.Items {
			var list exconfig.Value
			switch {
			case it.Kind == exconfig.String:
				hosts = append(hosts, it.Str)
				continue
			case it.Kind == exconfig.Tuple && len(it.Items) == 2 && it.Items[0].Kind == exconfig.Atom:
				list = it.Items[1]
			default:
				return undecided
			}
			if list.Kind != exconfig.List {
				return undecided
			}
			for _, s := range list.Items {
				if s.Kind != exconfig.String {
					return undecided
				}
				switch it.Items[0].Str {
				case "hosts":
					hosts = append(hosts, s.Str)
				case "paths":
					r.ExcludePaths = append(r.ExcludePaths, listen.PlugPath(s.Str))
				default:
					return undecided
				}
			}
		}
	}
	for _, h := range hosts {
		if !loopbackHosts[h] {
			return undecided
		}
	}
	r.ExcludeHosts = hosts
	r.Server = listen.Redirect{Kind: listen.Redirects, Cond: cond, Range: fs.Range}
	if cond == listen.CondScheme {
		// An exclude list replaces the default hosts, so the advice
		// keeps them.
		r.Server.Fix = "No header changes that; add the check's path to force_ssl's exclude: [paths: [...], hosts: [\"localhost\", \"127.0.0.1\"]], " +
			"or add rewrite_on: [:x_forwarded_proto] and send X-Forwarded-Proto = \"https\" with the check."
	}
	return r
}
