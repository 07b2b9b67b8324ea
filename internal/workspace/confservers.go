package workspace

import (
	"path"
	"sort"
	"strings"

	"github.com/flylint-dev/flylint/internal/caddyconf"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/nginxconf"
	"github.com/flylint-dev/flylint/internal/source"
)

// addConfiguredServers gives a group whose process is a server that
// takes its addresses from configuration files in the image (nginx,
// Caddy, Apache httpd) the listeners those files declare, read from the
// build-context files the Dockerfile copies into the image. Like
// addNodeListeners it only adds listeners, and sets ListenersKnown only
// when every file that could add one was read.
//
// The server is the group's final command, or one a script starts
// before it (`nginx && node server.js`, nginx going to the background
// by default); then the group's listeners stay known only if both are.
func (b *appBuilder) addConfiguredServers(g *Group) {
	if b.app.Image == nil || b.buildContext() == "" {
		return
	}
	cmds := g.Interpreted.Others
	withTail := len(g.Interpreted.Argv) > 0 && len(g.Listeners) == 0
	if withTail {
		cmds = append(cmds, g.Interpreted.Argv)
	}
	for i, argv := range cmds {
		tail := withTail && i == len(cmds)-1
		var ls []listen.Listener
		complete := false
		switch path.Base(argv[0].Text) {
		case "nginx", "nginx-debug":
			ls, complete = b.nginxListeners(argv)
		case "httpd-foreground":
			ls, complete = b.httpdListeners(argv)
		case "caddy":
			ls, complete = b.caddyListeners(argv)
		case "litefs":
			ls, complete = b.litefsListeners(g, argv)
		case "thrust":
			ls, complete = b.thrusterListeners(g, argv)
		default:
			continue
		}
		if len(ls) == 0 {
			g.ListenersKnown = false
			continue
		}
		if tail {
			// Anything else the script leaves running (a server started
			// with &, a daemon before it) may listen too.
			g.ListenersKnown = complete && g.Interpreted.Tails <= 1 && len(g.Interpreted.Others) == 0
		} else {
			g.ListenersKnown = g.ListenersKnown && complete
		}
		g.Listeners = append(g.Listeners, ls...)
	}
}

// nginxPrefix is the configuration prefix of the nginx.org and distro
// packages: relative include paths and -c start there.
const nginxPrefix = "/etc/nginx"

// entrypointD holds the scripts the official nginx image's entrypoint
// runs before nginx (docker-nginx@b430bec entrypoint/docker-entrypoint.sh).
const entrypointD = "/docker-entrypoint.d"

// nginxBuiltin are the official image's own files, as far as listening
// goes (see baseImages): the packaged nginx.conf's include, and the
// packaged default server after the entrypoint added its IPv6 listen.
var nginxBuiltin = map[string]string{
	"/etc/nginx/nginx.conf":          "http {\n include /etc/nginx/conf.d/*.conf;\n}\n",
	"/etc/nginx/conf.d/default.conf": "server {\n listen 80;\n listen [::]:80;\n}\n",
}

// nginxNoServers are files of the nginx packages that hold no server
// block, so an include of one adds no listener.
var nginxNoServers = map[string]bool{
	"mime.types": true, "fastcgi_params": true, "fastcgi.conf": true, "scgi_params": true,
	"uwsgi_params": true, "proxy_params": true, "koi-utf": true, "koi-win": true, "win-utf": true,
}

func (b *appBuilder) nginxListeners(argv []listen.Arg) (ls []listen.Listener, complete bool) {
	complete = true
	name, bi, _ := b.base()
	official := name == "nginx"
	var dirs map[string]bool
	if official {
		dirs = bi.dirSet()
	}
	fs := newImageFS(b, b.buildContext(), dirs, []string{nginxPrefix, entrypointD})
	if official && (len(fs.list(entrypointD)) > 0 || fs.isMappedDir(entrypointD) || fs.isTainted(entrypointD, 0)) {
		// The official entrypoint runs every script in
		// /docker-entrypoint.d before nginx: one the app adds may
		// start another server or rewrite the configuration.
		complete = false
	}
	conf := path.Join(nginxPrefix, "nginx.conf")
	for i := 1; i < len(argv); i++ {
		switch t := argv[i].Text; {
		case (t == "-c" || t == "-p") && i+1 < len(argv):
			if t == "-p" {
				return nil, false // another prefix: the files are elsewhere
			}
			conf = argv[i+1].Text
			if !strings.HasPrefix(conf, "/") {
				conf = path.Join(nginxPrefix, conf)
			}
			i++
		case strings.HasPrefix(t, "-c") || strings.HasPrefix(t, "-p"):
			return nil, false
		}
	}
	from := b.app.Image.Chain[0].From
	// The official entrypoint runs envsubst on /etc/nginx/templates/*.template
	// into conf.d (docker-nginx@b430bec entrypoint/20-envsubst-on-templates.sh)
	// when it is the entrypoint and its first argument is nginx.
	templates := official && b.app.Image.Entrypoint == nil
	isTemplate := map[*nginxconf.File]bool{}
	load := func(p string) (*nginxconf.File, bool) {
		p = path.Clean(p)
		if templates && strings.HasPrefix(p, nginxPrefix+"/conf.d/") {
			t := path.Join(nginxPrefix, "templates", strings.TrimPrefix(p, nginxPrefix+"/conf.d/")+".template")
			if rel, known := fs.lookup(t); rel != "" {
				f, ok := b.parseNginx(fs, rel)
				if ok {
					isTemplate[f] = true
				}
				return f, ok && known
			}
		}
		rel, known := fs.lookup(p)
		if !known {
			return nil, false
		}
		if rel != "" {
			return b.parseNginx(fs, rel)
		}
		if text, ok := nginxBuiltin[p]; ok && official && !fs.removed(p, 0) {
			f, err := nginxconf.Parse("", []byte(text))
			return f, err == nil
		}
		return nil, official
	}
	main, ok := load(conf)
	if main == nil {
		return nil, false
	}
	complete = complete && ok
	cfg := &nginxconf.Config{
		Prefix:   nginxPrefix,
		Env:      envValues(b.app.Env),
		Template: func(f *nginxconf.File) bool { return isTemplate[f] },
		// The image's master process runs as root (it has no USER), so
		// a server without listen is on *:80.
		Root: true,
		Include: func(pattern string) ([]*nginxconf.File, bool) {
			if !strings.ContainsAny(pattern, "*?[") {
				f, ok := load(pattern)
				if f == nil {
					return nil, ok || official && nginxNoServers[path.Base(pattern)]
				}
				return []*nginxconf.File{f}, ok
			}
			dir, base := path.Split(pattern)
			dir = path.Clean(dir)
			if strings.ContainsAny(dir, "*?[") {
				return nil, false
			}
			cands := map[string]bool{}
			for _, p := range fs.list(dir) {
				cands[p] = true
			}
			if templates && dir == nginxPrefix+"/conf.d" {
				for _, p := range fs.list(nginxPrefix + "/templates") {
					if out, ok := strings.CutSuffix(path.Base(p), ".template"); ok {
						cands[path.Join(dir, out)] = true
					}
				}
			}
			if official {
				for p := range nginxBuiltin {
					cands[p] = true
				}
			}
			// The official image's /etc/nginx holds nothing else that
			// a glob could match with a server in it (modules/ is a
			// link to the shared objects): beyond the files COPY adds,
			// the set is known there, and nowhere else.
			known := official && strings.HasPrefix(dir+"/", nginxPrefix+"/") && dir != nginxPrefix+"/modules" && !fs.isTainted(dir, 0)
			var out []*nginxconf.File
			for _, p := range sortedKeys(cands) {
				if m, _ := path.Match(base, path.Base(p)); !m || path.Dir(p) != dir {
					continue
				}
				f, ok := load(p)
				known = known && ok
				if f != nil {
					out = append(out, f)
				}
			}
			return out, known
		},
	}
	res := cfg.Listens(main)
	for _, l := range res.Listens {
		ls = append(ls, nginxListener(l, from))
	}
	return ls, complete && res.Complete
}

func (b *appBuilder) parseNginx(fs *imageFS, rel string) (*nginxconf.File, bool) {
	data, disp, ok := fs.read(rel)
	if !ok {
		return nil, false
	}
	f, err := nginxconf.Parse(disp, data)
	if err != nil {
		return nil, false
	}
	return f, true
}

// nginxListener turns one nginx listen into the model. A built-in file
// of the image has no place in the repository: its listeners stand at
// the FROM that brings it in.
func nginxListener(l nginxconf.Listen, from source.Range) listen.Listener {
	out := listen.Listener{
		Proto: listen.TCP, Origin: "nginx", Program: "nginx",
		Range: l.Range, HostRange: l.HostRange, PortRange: l.PortRange,
		Port:   listen.Port{Number: l.Port, Env: l.Env, EnvSet: l.EnvSet, IsDefault: l.Default},
		Routes: l.Routes,
	}
	if l.UDP {
		out.Proto = listen.UDP
	}
	if out.Range.File == "" {
		out.Range, out.HostRange, out.PortRange = from, source.Range{}, source.Range{}
	}
	// https://nginx.org/en/docs/http/ngx_http_core_module.html#listen
	// (1.27): a port alone, "*" or no listen binds every IPv4 address;
	// "[::]" is IPv6-only unless ipv6only=off.
	switch h := l.Host; h {
	case "", "*":
		out.Host = listen.Host{Class: listen.HostIPv4Wildcard, Text: "0.0.0.0", Default: h == ""}
	case "::":
		out.Host = listen.Host{Class: listen.HostIPv6Wildcard, Text: "::"}
		if !l.IPv6Only {
			out.Host.Class = listen.HostDualStack
		}
	default:
		out.Host = listen.Host{Class: listen.ClassifyHost(h, "c"), Text: h}
	}
	for _, t := range l.ProxyTo {
		out.ProxyTo = append(out.ProxyTo, listen.Upstream{Host: t.Host, Port: t.Port, Range: t.Range})
	}
	return out
}

// httpdListeners gives the official httpd image's Listen 80 to its default
// process, unless the Dockerfile copies its own configuration, which
// flylint does not read.
func (b *appBuilder) httpdListeners(argv []listen.Arg) ([]listen.Listener, bool) {
	name, bi, _ := b.base()
	if name != "httpd" || len(argv) != 1 {
		return nil, false
	}
	fs := newImageFS(b, b.buildContext(), bi.dirSet(), []string{"/usr/local/apache2/conf"})
	if rel, known := fs.lookup("/usr/local/apache2/conf/httpd.conf"); rel != "" || !known {
		return nil, false
	}
	if len(fs.list("/usr/local/apache2/conf")) > 0 || len(fs.list("/usr/local/apache2/conf/extra")) > 0 {
		return nil, false
	}
	// httpd's "Listen 80" binds every address; on Linux Apache's
	// default (--enable-v4-mapped) serves IPv4 on the IPv6 socket
	// (https://httpd.apache.org/docs/2.4/bind.html#ipv6).
	return []listen.Listener{{
		Proto: listen.TCP, Origin: "httpd", Program: "httpd", Range: b.app.Image.Chain[0].From,
		Host: listen.Host{Class: listen.HostDualStack, Text: "", Default: true},
		Port: listen.Port{Number: 80, IsDefault: true},
	}}, true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// caddyBuiltin is the Caddyfile the official image ships
// (caddyserver/dist@33ae08f config/Caddyfile), as far as listening goes.
const caddyBuiltin = ":80 {\n}\n"

// caddyListeners reads the Caddyfile `caddy run` or `caddy start` loads:
// --config, else ./Caddyfile in the working directory
// (https://caddyserver.com/docs/command-line#caddy-run, 2.11). A JSON
// config, another adapter or an --envfile leave the listeners unknown.
func (b *appBuilder) caddyListeners(argv []listen.Arg) ([]listen.Listener, bool) {
	if len(argv) < 2 || argv[1].Text != "run" && argv[1].Text != "start" {
		return nil, false
	}
	conf := "Caddyfile"
	for i := 2; i < len(argv); i++ {
		t := argv[i].Text
		name, val, hasVal := strings.Cut(t, "=")
		if !hasVal && i+1 < len(argv) && (name == "--config" || name == "--adapter" || name == "--envfile" || name == "--pidfile") {
			val = argv[i+1].Text
			i++
		}
		switch name {
		case "--config":
			conf = val
		case "--adapter":
			if val != "caddyfile" {
				return nil, false
			}
		case "--envfile":
			return nil, false
		}
	}
	if strings.HasSuffix(conf, ".json") {
		return nil, false
	}
	img := b.app.Image
	if !strings.HasPrefix(conf, "/") {
		conf = path.Join(img.Workdir, conf)
	}
	name, bi, _ := b.base()
	official := name == "caddy"
	var dirs map[string]bool
	if official {
		dirs = bi.dirSet()
	}
	fs := newImageFS(b, b.buildContext(), dirs, []string{path.Dir(conf)})
	rel, known := fs.lookup(conf)
	if !known {
		return nil, false
	}
	var f *caddyconf.File
	from := img.Chain[0].From
	builtin := false
	switch {
	case rel != "":
		data, disp, ok := fs.read(rel)
		if !ok {
			return nil, false
		}
		var err error
		if f, err = caddyconf.Parse(disp, data); err != nil {
			return nil, false
		}
	case official && conf == "/etc/caddy/Caddyfile":
		f, _ = caddyconf.Parse("", []byte(caddyBuiltin))
		builtin = true
	default:
		return nil, false
	}
	res := f.Listens(envValues(b.app.Env))
	var out []listen.Listener
	for _, l := range res.Listens {
		ll := listen.Listener{
			Proto: listen.TCP, Origin: "caddy", Program: "caddy",
			Range: l.Range, HostRange: l.HostRange, PortRange: l.PortRange,
			Port:   listen.Port{Number: l.Port, Env: l.Env, EnvSet: l.EnvSet},
			Routes: l.Routes,
			// Caddy listens with Go's "tcp" network on ":port" unless a
			// bind says otherwise: one dual-stack socket.
			Host: listen.Host{Class: listen.HostDualStack, Text: "", Default: true},
		}
		if l.HostRange.IsValid() {
			ll.Host = listen.Host{Class: listen.ClassifyHost(l.Host, "go"), Text: l.Host}
		}
		if builtin {
			ll.Range, ll.HostRange, ll.PortRange = from, source.Range{}, source.Range{}
		}
		for _, t := range l.ProxyTo {
			ll.ProxyTo = append(ll.ProxyTo, listen.Upstream{Host: t.Host, Port: t.Port, Range: t.Range})
		}
		out = append(out, ll)
	}
	return out, res.Complete
}
