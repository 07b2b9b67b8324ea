package listen

// server describes how one program takes its listen address. Each entry
// cites the documentation (or source) its defaults come from and the
// version they hold for; "not re-verified" marks a default flylint could
// not confirm against a primary source.
type server struct {
	name string // for messages and Result.Program: "gunicorn", "flask run"
	// progs are argv[0] base names, and module names for `python -m`.
	progs []string
	// subs is the subcommand that must come first among the operands
	// ("run" for flask); "" in the list lets it be absent.
	subs []string
	// globalValued are options before the subcommand that take a value.
	globalValued []string
	runtime      string // for ClassifyHost
	proto        Proto

	hostFlags, portFlags []string
	addrFlags            []string // take host:port, :port, a URL or a bare host
	// bareHost is what a host flag given with no value means (vite
	// --host listens on every address); "" when the flag needs a value.
	bareHost string
	// posAddr: the first operand is [host:]port (runserver); posPort: it
	// is a port (http.server).
	posAddr, posPort bool
	valued           []string // other options that take a value, so operands are found
	glued            bool     // -p8000 works (argparse, click)

	hostEnv, portEnv string
	argsEnv          string // extra command-line arguments (GUNICORN_CMD_ARGS)
	defHost          string
	defPort          int
	// hostDefault picks the default host from the environment (Rails:
	// localhost in development, 0.0.0.0 otherwise).
	hostDefault func(m *match) string
	// opaque options hand the address to a config file, a unix socket or
	// an inherited descriptor: unless an address option is also given,
	// flylint cannot know it.
	opaque  []string
	configs []string // files read by default when present
	// star is the class of host "*" where the server accepts it.
	star HostClass
	// operandOpaque: any operand is a config file (redis-server).
	operandOpaque bool
}

// servers is the table Interpret recognises. Ports and hosts are the
// documented defaults; see the comment on each entry.
var servers = []*server{
	// https://docs.gunicorn.org/en/stable/settings.html#bind and
	// gunicorn/config.py (23.0, checked in the source): bind defaults to ['127.0.0.1:8000'],
	// or ['0.0.0.0:$PORT'] when PORT is set; -b repeats; a bare host gets
	// port 8000. GUNICORN_CMD_ARGS is parsed before the command line,
	// which wins. ./gunicorn.conf.py is read when present.
	{name: "gunicorn", progs: []string{"gunicorn"}, runtime: "python", addrFlags: []string{"-b", "--bind"},
		defHost: "127.0.0.1", defPort: 8000, portEnv: "PORT", argsEnv: "GUNICORN_CMD_ARGS", glued: true,
		opaque: []string{"-c", "--config"}, configs: []string{"gunicorn.conf.py"}},
	// https://www.uvicorn.org/settings/#socket-binding (0.32): --host
	// 127.0.0.1, --port 8000; options also read UVICORN_HOST/UVICORN_PORT
	// (click auto_envvar_prefix "UVICORN").
	{name: "uvicorn", progs: []string{"uvicorn"}, runtime: "python", hostFlags: []string{"--host"}, portFlags: []string{"--port"},
		hostEnv: "UVICORN_HOST", portEnv: "UVICORN_PORT", defHost: "127.0.0.1", defPort: 8000,
		opaque: []string{"--uds", "--fd"}},
	// https://docs.djangoproject.com/en/5.1/howto/deployment/asgi/hypercorn/
	// and https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html
	// (0.17): bind 127.0.0.1:8000; -b repeats.
	{name: "hypercorn", progs: []string{"hypercorn"}, runtime: "python", addrFlags: []string{"-b", "--bind", "--insecure-bind"},
		defHost: "127.0.0.1", defPort: 8000, glued: true, opaque: []string{"-c", "--config"}},
	// https://pypi.org/project/daphne/4.1.1/ and Django's daphne how-to
	// (4.1): -b host (default 127.0.0.1), -p port (default 8000).
	{name: "daphne", progs: []string{"daphne"}, runtime: "python", hostFlags: []string{"-b", "--bind"}, portFlags: []string{"-p", "--port"},
		defHost: "127.0.0.1", defPort: 8000, glued: true, opaque: []string{"-u", "--unix-socket", "--fd", "-e", "--endpoint"}},
	// https://docs.pylonsproject.org/projects/waitress/en/stable/runner.html
	// and usage.rst (3.0): --host 0.0.0.0, --port 8080 ("By default Waitress
	// binds to any IPv4 address on port 8080"); --listen=*:8080 binds
	// every IPv4 and IPv6 address.
	{name: "waitress-serve", progs: []string{"waitress-serve", "waitress"}, runtime: "python",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, addrFlags: []string{"--listen"},
		defHost: "0.0.0.0", defPort: 8080, star: HostDualStack, opaque: []string{"--unix-socket"}},
	// https://flask.palletsprojects.com/en/stable/cli/ (3.1): 127.0.0.1:5000;
	// options read FLASK_RUN_HOST/FLASK_RUN_PORT. Not re-verified: the
	// env var names (click auto_envvar_prefix "FLASK_RUN").
	{name: "flask run", progs: []string{"flask"}, subs: []string{"run"}, globalValued: []string{"-A", "--app", "-e", "--env-file"},
		runtime: "python", hostFlags: []string{"-h", "--host"}, portFlags: []string{"-p", "--port"}, glued: true,
		hostEnv: "FLASK_RUN_HOST", portEnv: "FLASK_RUN_PORT", defHost: "127.0.0.1", defPort: 5000},
	// https://docs.djangoproject.com/en/5.1/ref/django-admin/#runserver:
	// optional [addr:]port operand, default 127.0.0.1:8000 (::1 with -6);
	// "0" means 0.0.0.0.
	{name: "manage.py runserver", progs: []string{"manage.py", "django-admin", "django"}, subs: []string{"runserver"},
		runtime: "python", posAddr: true, defHost: "127.0.0.1", defPort: 8000,
		valued: []string{"--settings", "--pythonpath", "-v", "--verbosity"}},
	// https://fastapi.tiangolo.com/fastapi-cli/ (fastapi-cli 0.0.5):
	// `fastapi run` serves 0.0.0.0:8000, `fastapi dev` 127.0.0.1:8000.
	{name: "fastapi run", progs: []string{"fastapi"}, subs: []string{"run"}, runtime: "python",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "0.0.0.0", defPort: 8000},
	{name: "fastapi dev", progs: []string{"fastapi"}, subs: []string{"dev"}, runtime: "python",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "127.0.0.1", defPort: 8000},
	// https://docs.streamlit.io/develop/api-reference/configuration/config.toml
	// (1.40): server.port 8501; server.address unset listens on every
	// interface (Tornado binds IPv4 and IPv6). Every option also reads
	// STREAMLIT_<SECTION>_<OPTION>.
	{name: "streamlit run", progs: []string{"streamlit"}, subs: []string{"run"}, runtime: "python",
		hostFlags: []string{"--server.address"}, portFlags: []string{"--server.port"},
		hostEnv: "STREAMLIT_SERVER_ADDRESS", portEnv: "STREAMLIT_SERVER_PORT", defHost: "::", defPort: 8501,
		configs: []string{".streamlit/config.toml"}},
	// https://docs.python.org/3/library/http.server.html#command-line-interface
	// (3.8+): port operand (8000), -b/--bind; without -b it binds "::"
	// with IPV6_V6ONLY off, so IPv4 and IPv6.
	{name: "python -m http.server", progs: []string{"http.server"}, runtime: "python", hostFlags: []string{"-b", "--bind"},
		posPort: true, valued: []string{"-d", "--directory", "-p", "--protocol"}, defHost: "::", defPort: 8000},
	// `rails server --help` (Rails 5-8, seen in its help text): -b defaults
	// to 'localhost' in development and '0.0.0.0' otherwise (env from -e,
	// RAILS_ENV, RACK_ENV, else development); -p defaults to 3000. Not
	// re-verified: that $PORT and $BINDING override those defaults.
	// config/puma.rb may decide the binds instead: see workspace/puma.go.
	{name: "rails server", progs: []string{"rails"}, subs: []string{"server", "s"}, runtime: "ruby",
		hostFlags: []string{"-b", "--binding"}, portFlags: []string{"-p", "--port"}, hostEnv: "BINDING", portEnv: "PORT",
		defPort: 3000, hostDefault: devLocalhost("-e", "--environment", "RAILS_ENV", "RACK_ENV"), glued: true,
		valued: []string{"-e", "--environment", "-c", "--config", "-P", "--pid", "-u", "--using"}, configs: []string{"config/puma.rb"}},
	// puma/lib/puma/configuration.rb (6.x, checked in the source):
	// DEFAULTS binds ['tcp://0.0.0.0:9292']; puma itself reads no PORT
	// (Rails' generated config/puma.rb does). Without -C the first of
	// config/puma/<env>.rb and config/puma.rb that exists is loaded
	// (read by workspace/puma.go).
	{name: "puma", progs: []string{"puma"}, runtime: "ruby", addrFlags: []string{"-b", "--bind"}, portFlags: []string{"-p", "--port"},
		defHost: "0.0.0.0", defPort: 9292, opaque: []string{"-C", "--config"}, configs: []string{"config/puma.rb", "config/puma/production.rb"},
		valued: []string{"-e", "--environment", "-t", "--threads", "-w", "--workers"}},
	// rack/lib/rack/server.rb (rack 2.x, rackup 2.x): Port 9292, Host
	// localhost in development and 0.0.0.0 otherwise (-E, RACK_ENV).
	{name: "rackup", progs: []string{"rackup"}, runtime: "ruby", hostFlags: []string{"-o", "--host"}, portFlags: []string{"-p", "--port"},
		defPort: 9292, hostDefault: devLocalhost("-E", "--env", "RACK_ENV"), glued: true,
		valued: []string{"-E", "--env", "-s", "--server", "-O", "--option"}},
	// https://laravel.com/docs/11.x/installation and ServeCommand.php
	// (Laravel 11): --host 127.0.0.1, --port 8000 (SERVER_PORT when set).
	// Not re-verified: SERVER_PORT.
	{name: "php artisan serve", progs: []string{"artisan"}, subs: []string{"serve"}, runtime: "php",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, portEnv: "SERVER_PORT", defHost: "127.0.0.1", defPort: 8000},
	// https://nextjs.org/docs/app/api-reference/cli/next (15): -H/--hostname,
	// -p/--port (default $PORT, else 3000). With no -H, Next passes no
	// host to Node's listen, which binds "::" (IPv4 and IPv6); its help
	// text says 0.0.0.0 (vercel/next.js#68836).
	{name: "next start", progs: []string{"next"}, subs: []string{"start"}, runtime: "node",
		hostFlags: []string{"-H", "--hostname"}, portFlags: []string{"-p", "--port"}, portEnv: "PORT", defHost: "::", defPort: 3000,
		valued: []string{"--keepAliveTimeout"}},
	{name: "next dev", progs: []string{"next"}, subs: []string{"dev", ""}, runtime: "node",
		hostFlags: []string{"-H", "--hostname"}, portFlags: []string{"-p", "--port"}, portEnv: "PORT", defHost: "::", defPort: 3000},
	// Next.js standalone output's generated server.js (Next 13.4-15):
	// hostname = process.env.HOSTNAME || '0.0.0.0', port = PORT || 3000.
	// https://nextjs.org/docs/app/api-reference/config/next-config-js/output
	// Recognised only as described on Options.NextStandalone.
	{name: "Next.js standalone server", progs: []string{nextStandalone}, runtime: "node",
		hostEnv: "HOSTNAME", portEnv: "PORT", defHost: "0.0.0.0", defPort: 3000},
	// https://vite.dev/config/server-options and preview-options (6):
	// host localhost, port 5173 (preview 4173); a bare --host listens on
	// every address.
	{name: "vite", progs: []string{"vite"}, subs: []string{"", "dev", "serve"}, runtime: "node",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, bareHost: "::", defHost: "localhost", defPort: 5173,
		valued: []string{"-c", "--config", "--base", "-l", "--logLevel", "-m", "--mode"}},
	{name: "vite preview", progs: []string{"vite"}, subs: []string{"preview"}, runtime: "node",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, bareHost: "::", defHost: "localhost", defPort: 4173,
		valued: []string{"-c", "--config", "--base", "--outDir"}},
	// https://docs.astro.build/en/reference/cli-reference/ (5): --host
	// (bare: every address), --port 4321, host localhost.
	{name: "astro", progs: []string{"astro"}, subs: []string{"dev", "preview"}, runtime: "node",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, bareHost: "::", defHost: "localhost", defPort: 4321,
		valued: []string{"--root", "--config"}},
	// https://remix.run/docs/en/main/other-api/serve (2): PORT (3000) and
	// HOST; with no HOST Express listens on "::". Not re-verified: HOST.
	{name: "remix-serve", progs: []string{"remix-serve"}, runtime: "node", hostEnv: "HOST", portEnv: "PORT", defHost: "::", defPort: 3000},
	// https://gohugo.io/commands/hugo_server/ (0.140): --bind 127.0.0.1,
	// -p/--port 1313.
	{name: "hugo server", progs: []string{"hugo"}, subs: []string{"server", "serve"}, runtime: "go",
		hostFlags: []string{"--bind"}, portFlags: []string{"-p", "--port"}, defHost: "127.0.0.1", defPort: 1313,
		valued: []string{"-s", "--source", "-d", "--destination", "-b", "--baseURL", "-e", "--environment", "--config"}},
	// https://redis.io/docs/latest/operate/oss_and_stack/management/config/
	// (7.x): with no config file Redis binds every interface ("* -::*")
	// on 6379, in protected mode; a config file operand decides instead.
	{name: "redis-server", progs: []string{"redis-server"}, runtime: "c", hostFlags: []string{"--bind"}, portFlags: []string{"--port"},
		defHost: "::", defPort: 6379, operandOpaque: true},
	// https://docs.deno.com/runtime/reference/cli/serve/ (2.x): --host
	// 0.0.0.0, --port 8000.
	{name: "deno serve", progs: []string{"deno"}, subs: []string{"serve"}, runtime: "deno",
		hostFlags: []string{"--host"}, portFlags: []string{"--port"}, defHost: "0.0.0.0", defPort: 8000},
	// https://caddyserver.com/docs/command-line#caddy-file-server (2.8):
	// --listen, default :80 (Go: every address). Not re-verified.
	{name: "caddy file-server", progs: []string{"caddy"}, subs: []string{"file-server"}, runtime: "go",
		addrFlags: []string{"-l", "--listen"}, defHost: "", defPort: 80,
		valued: []string{"-r", "--root", "-d", "--domain"}},
	// https://sanic.dev/en/guide/running/running.html (23.x): --host
	// 127.0.0.1, --port 8000. Not re-verified.
	{name: "sanic", progs: []string{"sanic"}, runtime: "python", hostFlags: []string{"-H", "--host"}, portFlags: []string{"-p", "--port"},
		defHost: "127.0.0.1", defPort: 8000, glued: true, opaque: []string{"-u", "--unix"}},
	// https://unicorn.bogomips.org/unicorn_1.html (6.x): -l/--listen
	// address, default 0.0.0.0:8080. Not re-verified.
	{name: "unicorn", progs: []string{"unicorn", "unicorn_rails"}, runtime: "ruby", addrFlags: []string{"-l", "--listen"},
		hostFlags: []string{"-o", "--host"}, portFlags: []string{"-p", "--port"}, defHost: "0.0.0.0", defPort: 8080,
		opaque: []string{"-c", "--config-file"}, valued: []string{"-E", "--env"}},
	// https://github.com/http-party/http-server#available-options (14):
	// -a 0.0.0.0, -p 8080 (PORT when set). Not re-verified: PORT.
	{name: "http-server", progs: []string{"http-server"}, runtime: "node", hostFlags: []string{"-a"}, portFlags: []string{"-p", "--port"},
		portEnv: "PORT", defHost: "0.0.0.0", defPort: 8080,
		valued: []string{"-c", "-e", "--ext", "-s", "-P", "--proxy", "-C", "--cert", "-K", "--key", "-t"}},
}

// nextStandalone is the pseudo program name matchNode gives Next.js's
// standalone server.js.
const nextStandalone = "\x00next-standalone"

// devLocalhost is the Rack convention: localhost in development, every
// IPv4 address in any other environment.
func devLocalhost(short, long string, envs ...string) func(m *match) string {
	return func(m *match) string {
		env := ""
		if w, ok := m.flag(short, long); ok {
			env = w.value()
		} else {
			for _, e := range envs {
				m.read(e)
				if v, ok := m.sc.env(e); ok && v.Value != "" {
					env = v.Value
					break
				}
			}
		}
		if env == "" || env == "development" {
			return "localhost"
		}
		return "0.0.0.0"
	}
}
