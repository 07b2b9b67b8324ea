package listen

import (
	"github.com/flylint/flylint/source"
	"path"
	"strconv"
	"strings"
)

// server describes how one program takes its listen address. Defaults
// cite the program's documentation and the version they hold for.
type server struct {
	name    string
	runtime string // for ClassifyHost: "python", "node", "ruby", "go", ...
	proto   Proto
	// hostFlags take a host, portFlags a port, bindFlags host:port.
	hostFlags, portFlags, bindFlags []string
	// positional is true when the first non-flag argument is [host:]port.
	positional  bool
	defHost     string
	defPort     int
	portEnv     string // variable read for the port when no flag gives it
	hostEnv     string // variable read for the host when no flag gives it
	argsEnv     string // variable holding extra command-line arguments
	unknownWith []string
}

// servers: see each entry's source. matchServer finds them by argv.
var servers = map[string]*server{
	// https://docs.gunicorn.org/en/stable/settings.html#bind (23.0): default
	// ['127.0.0.1:8000'], or 0.0.0.0:$PORT when PORT is set; GUNICORN_CMD_ARGS.
	"gunicorn": {name: "gunicorn", runtime: "python", bindFlags: []string{"-b", "--bind"}, defHost: "127.0.0.1", defPort: 8000, portEnv: "PORT", argsEnv: "GUNICORN_CMD_ARGS", unknownWith: []string{"-c", "--config"}},
	// https://www.uvicorn.org/settings/#socket-binding (0.30): --host 127.0.0.1, --port 8000.
	"uvicorn": {name: "uvicorn", runtime: "python", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "127.0.0.1", defPort: 8000, unknownWith: []string{"--uds", "--fd"}},
	// https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html (0.17): bind 127.0.0.1:8000.
	"hypercorn": {name: "hypercorn", runtime: "python", bindFlags: []string{"-b", "--bind"}, defHost: "127.0.0.1", defPort: 8000, unknownWith: []string{"-c", "--config"}},
	// https://github.com/django/daphne#running (4.1): -b 127.0.0.1, -p 8000.
	"daphne": {name: "daphne", runtime: "python", hostFlags: []string{"-b", "--bind"}, portFlags: []string{"-p", "--port"}, defHost: "127.0.0.1", defPort: 8000, unknownWith: []string{"-u", "--unix-socket", "-e", "--endpoint"}},
	// https://docs.pylonsproject.org/projects/waitress/en/stable/runner.html (3.0): listen 0.0.0.0:8080.
	"waitress-serve": {name: "waitress-serve", runtime: "python", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, bindFlags: []string{"--listen"}, defHost: "0.0.0.0", defPort: 8080, unknownWith: []string{"--unix-socket"}},
	// https://flask.palletsprojects.com/en/stable/cli/#run-the-development-server (3.0): 127.0.0.1:5000.
	"flask run": {name: "flask run", runtime: "python", hostFlags: []string{"-h", "--host"}, portFlags: []string{"-p", "--port"}, defHost: "127.0.0.1", defPort: 5000, hostEnv: "FLASK_RUN_HOST"},
	// https://docs.djangoproject.com/en/5.0/ref/django-admin/#runserver: 127.0.0.1:8000.
	"manage.py runserver": {name: "manage.py runserver", runtime: "python", positional: true, defHost: "127.0.0.1", defPort: 8000},
	// https://fastapi.tiangolo.com/fastapi-cli/ (0.115): run binds 0.0.0.0:8000, dev 127.0.0.1:8000.
	"fastapi run": {name: "fastapi run", runtime: "python", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "0.0.0.0", defPort: 8000},
	"fastapi dev": {name: "fastapi dev", runtime: "python", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "127.0.0.1", defPort: 8000},
	// https://docs.streamlit.io/develop/api-reference/configuration/config.toml (1.38):
	// server.address unset listens on all interfaces; server.port 8501.
	"streamlit run": {name: "streamlit run", runtime: "python", hostFlags: []string{"--server.address"}, portFlags: []string{"--server.port"}, defHost: "0.0.0.0", defPort: 8501},
	// https://docs.python.org/3/library/http.server.html#command-line-interface (3.12):
	// port 8000, all interfaces (dual-stack since 3.8).
	"python -m http.server": {name: "python -m http.server", runtime: "python", hostFlags: []string{"-b", "--bind"}, positional: true, defHost: "::", defPort: 8000},
	// https://guides.rubyonrails.org/command_line.html#bin-rails-server (7.1):
	// -b localhost in development, 0.0.0.0 otherwise; -p 3000 or $PORT.
	"rails server": {name: "rails server", runtime: "ruby", hostFlags: []string{"-b", "--binding"}, portFlags: []string{"-p", "--port"}, defHost: "0.0.0.0", defPort: 3000, portEnv: "PORT", hostEnv: "BINDING"},
	// https://github.com/rack/rack/blob/main/lib/rack/server.rb via rackup 2 (2.1): localhost:9292.
	"rackup": {name: "rackup", runtime: "ruby", hostFlags: []string{"-o", "--host"}, portFlags: []string{"-p", "--port"}, defHost: "localhost", defPort: 9292},
	// https://laravel.com/docs/11.x/installation (artisan serve): 127.0.0.1:8000.
	"php artisan serve": {name: "php artisan serve", runtime: "php", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "127.0.0.1", defPort: 8000},
	// https://www.php.net/manual/en/features.commandline.webserver.php: php -S host:port.
	"php -S": {name: "php -S", runtime: "php", positional: true},
	// https://nextjs.org/docs/app/api-reference/cli/next (15): -H 0.0.0.0 (Node: ::), -p 3000 or $PORT.
	"next start": {name: "next start", runtime: "node", hostFlags: []string{"-H", "--hostname"}, portFlags: []string{"-p", "--port"}, defHost: "::", defPort: 3000, portEnv: "PORT"},
	"next dev":   {name: "next dev", runtime: "node", hostFlags: []string{"-H", "--hostname"}, portFlags: []string{"-p", "--port"}, defHost: "::", defPort: 3000, portEnv: "PORT"},
	// Next.js standalone output: server.js binds $HOSTNAME (default 0.0.0.0), $PORT (3000).
	// https://nextjs.org/docs/app/api-reference/config/next-config-js/output (15)
	"next standalone": {name: "Next.js standalone server", runtime: "node", defHost: "0.0.0.0", defPort: 3000, portEnv: "PORT", hostEnv: "HOSTNAME"},
	// https://vite.dev/config/server-options (6): host localhost, port 5173; preview 4173.
	"vite":         {name: "vite", runtime: "node", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "localhost", defPort: 5173},
	"vite preview": {name: "vite preview", runtime: "node", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "localhost", defPort: 4173},
	// https://docs.astro.build/en/reference/cli-reference/ (4): --host localhost, --port 4321.
	"astro": {name: "astro", runtime: "node", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "localhost", defPort: 4321},
	// https://remix.run/docs/en/main/other-api/serve (2): $HOST (all interfaces), $PORT or 3000.
	"remix-serve": {name: "remix-serve", runtime: "node", defHost: "::", defPort: 3000, portEnv: "PORT", hostEnv: "HOST"},
	// https://gohugo.io/commands/hugo_server/ (0.134): --bind 127.0.0.1, --port 1313.
	"hugo server": {name: "hugo server", runtime: "go", hostFlags: []string{"--bind"}, portFlags: []string{"-p", "--port"}, defHost: "127.0.0.1", defPort: 1313},
	// https://redis.io/docs/latest/operate/oss_and_stack/management/config/ (7.2):
	// without a config file, all interfaces, port 6379; a config file path → unknown.
	"redis-server": {name: "redis-server", runtime: "c", hostFlags: []string{"--bind"}, portFlags: []string{"--port"}, defHost: "::", defPort: 6379},
	// https://docs.deno.com/runtime/reference/cli/serve/ (2.0): --host 0.0.0.0, --port 8000.
	"deno serve": {name: "deno serve", runtime: "node", hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "0.0.0.0", defPort: 8000},
}

// matchServer recognises argv and returns the server and the arguments
// after the part that names it.
func matchServer(args []Arg) (*server, []Arg) {
	words := make([]string, 0, 4)
	for i := 0; i < len(args) && i < 4; i++ {
		words = append(words, path.Base(args[i].Text))
	}
	at := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	w0 := at(0)
	switch {
	case strings.HasPrefix(w0, "python"):
		switch {
		case at(1) == "-m" && at(2) == "http.server":
			return servers["python -m http.server"], args[3:]
		case at(1) == "-m" && servers[at(2)] != nil:
			return matchServer(args[2:])
		case at(1) == "-m" && at(2) == "flask" && at(3) == "run":
			return servers["flask run"], args[4:]
		case at(1) == "manage.py" && at(2) == "runserver":
			return servers["manage.py runserver"], args[3:]
		}
		return nil, nil
	case w0 == "manage.py" && at(1) == "runserver":
		return servers["manage.py runserver"], args[2:]
	case w0 == "php" && at(1) == "artisan" && at(2) == "serve":
		return servers["php artisan serve"], args[3:]
	case w0 == "php" && at(1) == "-S":
		return servers["php -S"], args[2:]
	case (w0 == "rails" || w0 == "bin/rails") && (at(1) == "server" || at(1) == "s"):
		return servers["rails server"], args[2:]
	case w0 == "node" && len(args) > 1 && strings.Contains(args[1].Text, "standalone") && path.Base(args[1].Text) == "server.js":
		return servers["next standalone"], args[2:]
	case w0 == "deno" && at(1) == "serve":
		return servers["deno serve"], args[2:]
	case w0 == "redis-server":
		if len(args) > 1 && !strings.HasPrefix(args[1].Text, "-") {
			return nil, nil // a config file decides
		}
		return servers[w0], args[1:]
	}
	for _, two := range []string{w0 + " " + at(1)} {
		if s := servers[two]; s != nil {
			return s, args[2:]
		}
	}
	if s := servers[w0]; s != nil {
		if w0 == "vite" && at(1) == "dev" || w0 == "vite" && at(1) == "serve" {
			return s, args[2:]
		}
		if w0 == "astro" && (at(1) == "dev" || at(1) == "preview") {
			return s, args[2:]
		}
		return s, args[1:]
	}
	return nil, nil
}

// server interprets a recognised server's arguments.
func (in *interp) server(s *server, prog Arg, rest, all []Arg) Result {
	res := Result{Known: true, Program: s.name, Argv: all}
	if s.argsEnv != "" {
		if v, ok := in.env[s.argsEnv]; ok {
			for _, f := range strings.Fields(v.Value) {
				rest = append(rest, Arg{Text: f, Range: v.Range})
			}
		}
	}
	if s.name == "rails server" {
		if env, ok := in.env["RAILS_ENV"]; (!ok || env.Value == "development") && !hasFlag(rest, "-e", "--environment") {
			s = &server{name: s.name, runtime: s.runtime, hostFlags: s.hostFlags, portFlags: s.portFlags, defHost: "localhost", defPort: 3000, portEnv: "PORT", hostEnv: "BINDING"}
		}
	}
	var hostArg, portArg *Arg
	var hostText, portText string
	var binds []Arg
	var positional []Arg
	for i := 0; i < len(rest); i++ {
		t := rest[i].Text
		flagName, val, hasVal := strings.Cut(t, "=")
		if !strings.HasPrefix(t, "-") {
			positional = append(positional, rest[i])
			continue
		}
		if contains(s.unknownWith, flagName) {
			return Result{Program: s.name, Argv: all} // a config file or socket decides
		}
		take := func() (Arg, bool) {
			if hasVal {
				a := rest[i]
				a.Text = val
				if a.Range.IsValid() && a.Range.End.Offset-a.Range.Start.Offset == len(t) {
					a.Range.Start = shift(a.Range.Start, len(flagName)+1)
				}
				return a, true
			}
			if i+1 < len(rest) {
				i++
				return rest[i], true
			}
			return Arg{}, false
		}
		switch {
		case contains(s.bindFlags, flagName):
			if a, ok := take(); ok {
				binds = append(binds, a)
			}
		case contains(s.hostFlags, flagName):
			if a, ok := take(); ok {
				hostArg, hostText = &a, a.Text
			}
		case contains(s.portFlags, flagName):
			if a, ok := take(); ok {
				portArg, portText = &a, a.Text
			}
		}
	}
	if s.positional && len(positional) > 0 {
		a := positional[0]
		if h, p, ok := SplitHostPort(a.Text); ok {
			binds = append(binds, a)
			_ = h
			_ = p
		}
	}
	if s.name == "php -S" && len(binds) == 0 {
		return Result{Program: s.name, Argv: all}
	}
	if len(binds) > 0 {
		for _, b := range binds {
			h, p, ok := SplitHostPort(b.Text)
			if !ok {
				return Result{Program: s.name, Argv: all}
			}
			l := in.listener(s, prog, b, h, p, true, true)
			l.Range = b.Range
			if h != "" && b.Range.IsValid() && b.Range.End.Offset-b.Range.Start.Offset == len(b.Text) {
				if i := strings.Index(b.Text, h); i >= 0 {
					l.HostRange = subRange(b.Range, i, i+len(h))
				}
				if j := strings.LastIndex(b.Text, p); j >= 0 {
					l.PortRange = subRange(b.Range, j, j+len(p))
				}
			}
			res.Listeners = append(res.Listeners, l)
		}
		return in.finish(res, s)
	}
	// No bind flag: host and port separately, with env and defaults.
	where := prog
	l := Listener{Proto: TCP, Origin: s.name, Program: s.name, Range: prog.Range}
	switch {
	case hostArg != nil:
		l.Host = in.host(hostText, s.runtime)
		l.HostRange = hostArg.Range
		where = *hostArg
	case s.hostEnv != "" && in.env[s.hostEnv].Value != "":
		v := in.env[s.hostEnv]
		l.Host = in.host(v.Value, s.runtime)
	case s.name == "gunicorn" && in.env["PORT"].Value != "":
		l.Host = Host{Class: ClassifyHost("0.0.0.0", s.runtime), Text: "0.0.0.0", Default: true}
	default:
		l.Host = Host{Class: ClassifyHost(s.defHost, s.runtime), Text: s.defHost, Default: true}
	}
	switch {
	case portArg != nil:
		l.Port = in.port(portText)
		l.PortRange = portArg.Range
	case s.portEnv != "":
		if v, ok := in.env[s.portEnv]; ok && v.Value != "" {
			l.Port = in.port("$" + s.portEnv)
		} else {
			l.Port = Port{Number: s.defPort, Env: s.portEnv, Default: s.defPort, IsDefault: true}
		}
		res.Reads = append(res.Reads, s.portEnv)
	default:
		l.Port = Port{Number: s.defPort, IsDefault: true}
	}
	l.Range = where.Range
	res.Listeners = append(res.Listeners, l)
	return in.finish(res, s)
}

func (in *interp) finish(res Result, s *server) Result {
	if s.hostEnv != "" {
		res.Reads = append(res.Reads, s.hostEnv)
	}
	return res
}

func (in *interp) listener(s *server, prog, b Arg, h, p string, hostGiven, portGiven bool) Listener {
	l := Listener{Proto: TCP, Origin: s.name, Program: s.name}
	if h == "" && !hostGiven {
		l.Host = Host{Class: ClassifyHost(s.defHost, s.runtime), Text: s.defHost, Default: true}
	} else {
		l.Host = in.host(h, s.runtime)
	}
	l.Port = in.port(p)
	return l
}

// host resolves a host text that may be $VAR.
func (in *interp) host(h, runtime string) Host {
	if name, def, ok := envRef(h); ok {
		if v, set := in.env[name]; set && v.Value != "" {
			h = v.Value
		} else if def != "" {
			h = def
		} else if name == "FLY_PRIVATE_IP" {
			return Host{Class: Host6PN, Text: "$FLY_PRIVATE_IP"}
		} else {
			return Host{Class: HostUnknown, Text: "$" + name}
		}
	}
	return Host{Class: ClassifyHost(h, runtime), Text: h}
}

// port resolves a port text: a number, $VAR or ${VAR:-default}.
func (in *interp) port(p string) Port {
	if name, def, ok := envRef(p); ok {
		out := Port{Env: name}
		if v, set := in.env[name]; set && v.Value != "" {
			out.EnvSet = true
			out.Number = atoiPort(v.Value)
			return out
		}
		if def != "" {
			out.Default = atoiPort(def)
			out.Number = out.Default
			return out
		}
		out.Required = true
		return out
	}
	return Port{Number: atoiPort(p)}
}

// envRef recognises "$NAME", "${NAME}" and "${NAME:-default}".
func envRef(s string) (name, def string, ok bool) {
	if !strings.HasPrefix(s, "$") {
		return "", "", false
	}
	s = s[1:]
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		s = s[1 : len(s)-1]
		if n, d, found := strings.Cut(s, ":-"); found {
			return n, d, true
		}
		if n, d, found := strings.Cut(s, "-"); found {
			return n, d, true
		}
	}
	for _, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return "", "", false
		}
	}
	return s, "", s != ""
}

func atoiPort(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}

func subRange(r source.Range, i, j int) source.Range {
	return source.Range{File: r.File, Start: shift(r.Start, i), End: shift(r.Start, j)}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasFlag(args []Arg, names ...string) bool {
	for _, a := range args {
		n, _, _ := strings.Cut(a.Text, "=")
		if contains(names, n) {
			return true
		}
	}
	return false
}
