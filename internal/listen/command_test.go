package listen

import (
	"strings"
	"testing"
)

func env(kv ...string) Env {
	e := Env{}
	for i := 0; i+1 < len(kv); i += 2 {
		e[kv[i]] = Var{Name: kv[i], Value: kv[i+1], Origin: "fly.toml [env]"}
	}
	return e
}

type interpretCase struct {
	name  string
	cmd   Command
	env   Env
	want  []string
	known bool
}

func runCases(t *testing.T, cases []interpretCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Interpret(tc.cmd, tc.env)
			line := lineOf(tc.cmd)
			var got []string
			for _, l := range res.Listeners {
				got = append(got, summary(line, l))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("listeners:\ngot:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			if res.Known != tc.known {
				t.Errorf("Known = %v, want %v", res.Known, tc.known)
			}
		})
	}
}

// TestInterpretServers covers each table entry: defaults, flags in their
// spellings, and where each range points.
func TestInterpretServers(t *testing.T) {
	runCases(t, []interpretCase{
		// gunicorn
		{"gunicorn explicit loopback", execCmd("gunicorn", "--bind", "127.0.0.1:8000", "app:app"), nil,
			[]string{`tcp loopback "127.0.0.1" port=8000 @"--bind\" \"127.0.0.1:8000" host@"127.0.0.1" port@"8000"`}, true},
		{"gunicorn -b=", execCmd("gunicorn", "-b=0.0.0.0:8080", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"-b=0.0.0.0:8080" host@"0.0.0.0" port@"8080"`}, true},
		{"gunicorn --bind= and a second bind", execCmd("gunicorn", "--bind=[::]:8080", "-b", "unix:/tmp/g.sock", "app:app"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8080 @"--bind=[::]:8080" host@"::" port@"8080"`}, true},
		{"gunicorn glued -b", execCmd("gunicorn", "-b:8080", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "" port=8080 @"-b:8080" port@"8080"`}, true},
		{"gunicorn bare host gets 8000", execCmd("gunicorn", "-b", "0.0.0.0", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 (default port) @"-b\" \"0.0.0.0" host@"0.0.0.0"`}, true},
		{"gunicorn default loopback", execCmd("gunicorn", "app:app"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 env=PORT set=false def=8000 req=false (default port) @"gunicorn"`}, true},
		{"gunicorn with PORT binds 0.0.0.0:$PORT", execCmd("/usr/local/bin/gunicorn", "app:app"), env("PORT", "9000"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=9000 env=PORT set=true def=8000 req=false @"/usr/local/bin/gunicorn"`}, true},
		{"GUNICORN_CMD_ARGS binds", execCmd("gunicorn", "app:app"), env("GUNICORN_CMD_ARGS", "--bind=0.0.0.0:7000 --workers 2"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=7000 @<none>`}, true},
		{"command line beats GUNICORN_CMD_ARGS", execCmd("gunicorn", "-b", ":8080", "app:app"), env("GUNICORN_CMD_ARGS", "-b 127.0.0.1:7000"),
			[]string{`tcp IPv4 wildcard "" port=8080 @"-b\" \":8080" port@"8080"`}, true},
		{"gunicorn config file decides", execCmd("gunicorn", "-c", "conf.py", "app:app"), nil, nil, false},
		{"gunicorn unix socket only", execCmd("gunicorn", "--bind", "unix:/tmp/g.sock", "app:app"), nil, nil, true},
		{"python -m gunicorn", execCmd("python3", "-u", "-m", "gunicorn", "-b", "[::]:8000", "app:app"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8000 @"-b\" \"[::]:8000" host@"::" port@"8000"`}, true},

		// uvicorn
		{"uvicorn default host", execCmd("uvicorn", "main:app", "--port", "8080"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) hostenv=UVICORN_HOST port=8080 @"uvicorn" port@"8080"`}, true},
		{"uvicorn --host= wildcard", execCmd("uvicorn", "main:app", "--host=0.0.0.0", "--port=8080"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"--host=0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},
		{"uvicorn [::]", execCmd("uvicorn", "main:app", "--host", "::", "--port", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8080 @"--host\" \"::" host@"::" port@"8080"`}, true},
		{"uvicorn UVICORN_PORT", execCmd("uvicorn", "main:app", "--host", "0.0.0.0"), env("UVICORN_PORT", "8081"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8081 env=UVICORN_PORT set=true def=8000 req=false @"--host\" \"0.0.0.0" host@"0.0.0.0"`}, true},
		{"uv run python -m uvicorn", execCmd("uv", "run", "--with", "x", "python", "-m", "uvicorn", "m:a", "--host", "fly-local-6pn"), nil,
			[]string{`tcp 6PN address "fly-local-6pn" port=8000 env=UVICORN_PORT set=false def=8000 req=false (default port) @"--host\" \"fly-local-6pn" host@"fly-local-6pn"`}, true},
		{"uvicorn --uds", execCmd("uvicorn", "m:a", "--uds", "/tmp/u.sock"), nil, nil, false},

		// hypercorn, daphne, waitress
		{"hypercorn default", execCmd("hypercorn", "app:app"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 (default port) @"hypercorn"`}, true},
		{"hypercorn bind", execCmd("hypercorn", "--bind", "0.0.0.0:8080", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"--bind\" \"0.0.0.0:8080" host@"0.0.0.0" port@"8080"`}, true},
		{"daphne -b -p", execCmd("daphne", "-b", "0.0.0.0", "-p", "8001", "proj.asgi:application"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8001 @"-b\" \"0.0.0.0" host@"0.0.0.0" port@"8001"`}, true},
		{"daphne default", execCmd("daphne", "proj.asgi:application"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 (default port) @"daphne"`}, true},
		{"waitress default", execCmd("waitress-serve", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=8080 (default port) @"waitress-serve"`}, true},
		{"waitress --listen=*", execCmd("waitress-serve", "--listen=*:8080", "app:app"), nil,
			[]string{`tcp dual-stack wildcard "*" port=8080 @"--listen=*:8080" host@"*" port@"8080"`}, true},

		// flask, django, fastapi, streamlit, http.server
		{"flask run default", execCmd("flask", "run"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) hostenv=FLASK_RUN_HOST port=5000 env=FLASK_RUN_PORT set=false def=5000 req=false (default port) @"flask"`}, true},
		{"flask --app x run -h -p", execCmd("flask", "--app", "hello", "run", "-h", "0.0.0.0", "-p", "8080"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"-h\" \"0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},
		{"python -m flask run --host=", execCmd("python", "-m", "flask", "run", "--host=0.0.0.0"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=5000 env=FLASK_RUN_PORT set=false def=5000 req=false (default port) @"--host=0.0.0.0" host@"0.0.0.0"`}, true},
		{"flask routes serves nothing known", execCmd("flask", "routes"), nil, nil, false},
		{"runserver addrport", execCmd("python", "manage.py", "runserver", "0.0.0.0:8000"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @"0.0.0.0:8000" host@"0.0.0.0" port@"8000"`}, true},
		{"runserver port only", execCmd("python", "manage.py", "runserver", "8000"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 @"8000" port@"8000"`}, true},
		{"runserver 0:8000", execCmd("./manage.py", "runserver", "0:8000"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @"0:8000" host@"0" port@"8000"`}, true},
		{"runserver default", execCmd("python", "manage.py", "runserver"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 (default port) @"manage.py"`}, true},
		{"manage.py migrate is not a server", execCmd("python", "manage.py", "migrate"), nil, nil, false},
		{"fastapi run binds all", execCmd("fastapi", "run", "main.py"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=8000 (default port) @"fastapi"`}, true},
		{"fastapi dev binds loopback", execCmd("fastapi", "dev", "main.py", "--port", "8080"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8080 @"fastapi" port@"8080"`}, true},
		{"streamlit", execCmd("streamlit", "run", "app.py", "--server.port", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=STREAMLIT_SERVER_ADDRESS port=8080 @"streamlit" port@"8080"`}, true},
		{"python -m http.server", execCmd("python", "-m", "http.server", "8000"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=8000 @"http.server" port@"8000"`}, true},
		{"python -m http.server --bind loopback", execCmd("python3", "-m", "http.server", "--bind", "127.0.0.1", "9000"), nil,
			[]string{`tcp loopback "127.0.0.1" port=9000 @"--bind\" \"127.0.0.1" host@"127.0.0.1" port@"9000"`}, true},

		// Ruby
		{"rails s development default", execCmd("bin/rails", "s"), nil,
			[]string{`tcp loopback "localhost" (default host) hostenv=BINDING port=3000 env=PORT set=false def=3000 req=false (default port) @"bin/rails"`}, true},
		{"rails server production", execCmd("bundle", "exec", "rails", "server"), env("RAILS_ENV", "production"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) hostenv=BINDING port=3000 env=PORT set=false def=3000 req=false (default port) @"rails"`}, true},
		{"rails -e production flag", execCmd("bin/rails", "server", "-e", "production", "-p", "8080"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) hostenv=BINDING port=8080 @"bin/rails" port@"8080"`}, true},
		{"rails -b [::]", execCmd("./bin/rails", "server", "-b", "[::]"), env("PORT", "8080"),
			[]string{`tcp dual-stack wildcard "[::]" port=8080 env=PORT set=true def=3000 req=false @"-b\" \"[::]" host@"[::]"`}, true},
		{"puma default", execCmd("bundle", "exec", "puma"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=9292 (default port) @"puma"`}, true},
		{"puma -b tcp://", execCmd("puma", "-b", "tcp://127.0.0.1:9292"), nil,
			[]string{`tcp loopback "127.0.0.1" port=9292 @"-b\" \"tcp://127.0.0.1:9292" host@"127.0.0.1" port@"9292"`}, true},
		{"puma -C config", execCmd("puma", "-C", "config/puma.rb"), nil, nil, false},
		{"rackup default", execCmd("rackup"), nil,
			[]string{`tcp loopback "localhost" (default host) port=9292 (default port) @"rackup"`}, true},
		{"rackup -o -p", execCmd("rackup", "-o", "0.0.0.0", "-p", "8080", "config.ru"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"-o\" \"0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},

		// PHP
		{"php artisan serve default", execCmd("php", "artisan", "serve"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 env=SERVER_PORT set=false def=8000 req=false (default port) @"artisan"`}, true},
		{"php artisan serve --host", execCmd("php", "artisan", "serve", "--host=0.0.0.0", "--port=8080"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"--host=0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},
		{"php -S", execCmd("php", "-S", "localhost:8000", "-t", "public"), nil,
			[]string{`tcp loopback "localhost" port=8000 @"-S\" \"localhost:8000" host@"localhost" port@"8000"`}, true},
		{"php script is unknown", execCmd("php", "worker.php"), nil, nil, false},

		// Node
		{"next start reads PORT", execCmd("npx", "next", "start"), env("PORT", "9000"),
			[]string{`tcp dual-stack wildcard "::" (default host) port=9000 env=PORT set=true def=3000 req=false @"next"`}, true},
		{"next start -H -p", execCmd("next", "start", "-H", "0.0.0.0", "-p", "3000"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=3000 @"-H\" \"0.0.0.0" host@"0.0.0.0" port@"3000"`}, true},
		{"next dev --hostname localhost", execCmd("node_modules/.bin/next", "dev", "--hostname", "localhost"), nil,
			[]string{`tcp loopback "localhost" port=3000 env=PORT set=false def=3000 req=false (default port) @"--hostname\" \"localhost" host@"localhost"`}, true},
		{"next build is not a server", execCmd("next", "build"), nil, nil, false},
		{"next standalone server.js", execCmd("node", ".next/standalone/server.js"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) hostenv=HOSTNAME port=3000 env=PORT set=false def=3000 req=false (default port) @".next/standalone/server.js"`}, true},
		{"next standalone with HOSTNAME loopback", execCmd("node", "standalone/server.js"), env("HOSTNAME", "127.0.0.1", "PORT", "8080"),
			[]string{`tcp loopback "127.0.0.1" hostenv=HOSTNAME port=8080 env=PORT set=true def=3000 req=false @"standalone/server.js"`}, true},
		{"plain node server.js is unknown", execCmd("node", "server.js"), nil, nil, false},
		{"vite default", execCmd("vite"), nil,
			[]string{`tcp loopback "localhost" (default host) port=5173 (default port) @"vite"`}, true},
		{"vite --host bare", execCmd("npx", "vite", "--host", "--port", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8080 @"--host" port@"8080"`}, true},
		{"vite preview --host 0.0.0.0", execCmd("vite", "preview", "--host", "0.0.0.0"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=4173 (default port) @"--host\" \"0.0.0.0" host@"0.0.0.0"`}, true},
		{"vite build is not a server", execCmd("vite", "build"), nil, nil, false},
		{"astro preview", execCmd("astro", "preview", "--port", "4321"), nil,
			[]string{`tcp loopback "localhost" (default host) port=4321 @"astro" port@"4321"`}, true},
		{"remix-serve", execCmd("npx", "remix-serve", "./build/server/index.js"), env("PORT", "8080"),
			[]string{`tcp dual-stack wildcard "::" (default host) hostenv=HOST port=8080 env=PORT set=true def=3000 req=false @"remix-serve"`}, true},
		{"deno serve", execCmd("deno", "serve", "--port", "8080", "main.ts"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=8080 @"deno" port@"8080"`}, true},
		{"deno serve --host=", execCmd("deno", "serve", "--host=127.0.0.1", "main.ts"), nil,
			[]string{`tcp loopback "127.0.0.1" port=8000 (default port) @"--host=127.0.0.1" host@"127.0.0.1"`}, true},
		{"deno run is unknown", execCmd("deno", "run", "-A", "main.ts"), nil, nil, false},
		{"bun run is unknown", execCmd("bun", "run", "start"), nil, nil, false},
		{"npm start is unknown", execCmd("npm", "start"), nil, nil, false},
		{"yarn start is unknown", execCmd("yarn", "start"), nil, nil, false},
		{"pnpm run start is unknown", execCmd("pnpm", "run", "start"), nil, nil, false},

		// Others
		{"hugo server", execCmd("hugo", "server", "--bind", "0.0.0.0", "-p", "8080"), nil,
			[]string{`tcp dual-stack wildcard "0.0.0.0" port=8080 @"--bind\" \"0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},
		{"hugo server default", execCmd("hugo", "server"), nil,
			[]string{`tcp loopback "127.0.0.1" (default host) port=1313 (default port) @"hugo"`}, true},
		{"redis-server flags", execCmd("redis-server", "--bind", "127.0.0.1", "::1", "--port", "6380"), nil,
			[]string{
				`tcp loopback "127.0.0.1" port=6380 @"--bind\" \"127.0.0.1" host@"127.0.0.1" port@"6380"`,
				`tcp loopback "::1" port=6380 @"::1" host@"::1" port@"6380"`,
			}, true},
		{"redis-server default", execCmd("redis-server"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=6379 (default port) @"redis-server"`}, true},
		{"redis-server config file", execCmd("redis-server", "/etc/redis/redis.conf"), nil, nil, false},
		{"caddy file-server", execCmd("caddy", "file-server", "--listen", ":8080"), nil,
			[]string{`tcp dual-stack wildcard "" port=8080 @"--listen\" \":8080" port@"8080"`}, true},
		{"caddy run is unknown", execCmd("caddy", "run", "--config", "/etc/caddy/Caddyfile"), nil, nil, false},
		{"nginx is unknown", execCmd("nginx", "-g", "daemon off;"), nil, nil, false},
		{"own binary is unknown", execCmd("/app/server"), nil, nil, false},
		{"idle command is known and serves nothing", execCmd("sleep", "infinity"), nil, nil, true},
	})
}

// TestInterpretSocat covers socat's listening addresses, UDP included.
func TestInterpretSocat(t *testing.T) {
	runCases(t, []interpretCase{
		{"udp fly-global-services", execCmd("socat", "UDP-LISTEN:5000,fork,bind=fly-global-services", "EXEC:cat"), nil,
			[]string{`udp fly-global-services "fly-global-services" port=5000 @"UDP-LISTEN:5000,fork,bind=fly-global-services" host@"fly-global-services" port@"5000"`}, true},
		{"udp wildcard", execCmd("socat", "-d", "UDP4-RECVFROM:53,fork", "UDP4-SENDTO:1.1.1.1:53"), nil,
			[]string{`udp IPv4 wildcard "0.0.0.0" (default host) port=53 @"UDP4-RECVFROM:53,fork" port@"53"`}, true},
		{"tcp6 6pn", execCmd("socat", "TCP6-LISTEN:8080,bind=fly-local-6pn,fork", "TCP:localhost:80"), nil,
			[]string{`tcp 6PN address "fly-local-6pn" port=8080 @"TCP6-LISTEN:8080,bind=fly-local-6pn,fork" host@"fly-local-6pn" port@"8080"`}, true},
		{"tcp6 default dual stack", execCmd("socat", "TCP6-LISTEN:8080,fork", "TCP:localhost:80"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=8080 @"TCP6-LISTEN:8080,fork" port@"8080"`}, true},
		{"tcp-listen loopback bind", execCmd("socat", "tcp-listen:9000,reuseaddr,bind=127.0.0.1", "-"), nil,
			[]string{`tcp loopback "127.0.0.1" port=9000 @"tcp-listen:9000,reuseaddr,bind=127.0.0.1" host@"127.0.0.1" port@"9000"`}, true},
		{"tcp6 bind=[::] accepts IPv4 too", execCmd("socat", "TCP6-LISTEN:8080,fork,bind=[::]", "EXEC:/app/h"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8080 @"TCP6-LISTEN:8080,fork,bind=[::]" host@"::" port@"8080"`}, true},
		{"tcp6 ipv6only=1 is IPv6-only", execCmd("socat", "TCP6-LISTEN:8080,ipv6only=1,fork", "EXEC:/app/h"), nil,
			[]string{`tcp IPv6-only wildcard "::" (default host) port=8080 @"TCP6-LISTEN:8080,ipv6only=1,fork" port@"8080"`}, true},
		{"socat connecting only listens nowhere", execCmd("socat", "STDIO", "TCP:db:5432"), nil, nil, true},
	})
}

func TestInterpretNextStandaloneOption(t *testing.T) {
	cmd := execCmd("node", "server.js")
	if res := Interpret(cmd, nil); res.Known || len(res.Listeners) != 0 {
		t.Fatalf("without the option: %+v", res)
	}
	res := InterpretWith(cmd, env("HOSTNAME", "0.0.0.0"), Options{NextStandalone: true})
	if !res.Known || len(res.Listeners) != 1 {
		t.Fatalf("with the option: %+v", res)
	}
	got := summary(lineOf(cmd), res.Listeners[0])
	want := `tcp IPv4 wildcard "0.0.0.0" hostenv=HOSTNAME port=3000 env=PORT set=false def=3000 req=false (default port) @"server.js"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestInterpretResultFields(t *testing.T) {
	res := Interpret(shellCmd("cd /app && exec tini -- gunicorn -b 0.0.0.0:$PORT app:app"), env("PORT", "8080"))
	var argv []string
	for _, a := range res.Argv {
		argv = append(argv, a.Text)
	}
	if res.Program != "gunicorn" || strings.Join(argv, " ") != "gunicorn -b 0.0.0.0:8080 app:app" {
		t.Errorf("Program %q, Argv %q", res.Program, argv)
	}
	if strings.Join(res.Reads, ",") != "GUNICORN_CMD_ARGS,PORT" || strings.Join(res.Config, ",") != "gunicorn.conf.py" {
		t.Errorf("Reads %q, Config %q", res.Reads, res.Config)
	}
}

// TestServerTable keeps the table honest: enough entries, each with a
// name, programs and a runtime ClassifyHost knows.
func TestServerTable(t *testing.T) {
	if len(servers) < 25 {
		t.Errorf("%d servers, want at least 25", len(servers))
	}
	for _, s := range servers {
		if s.name == "" || len(s.progs) == 0 || s.runtime == "" {
			t.Errorf("incomplete entry %+v", s)
		}
	}
}
