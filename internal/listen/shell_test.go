package listen

import "testing"

// TestInterpretShell covers shell-form scripts and sh -c: unwrapping,
// expansion against the static env, and positions inside the script.
func TestInterpretShell(t *testing.T) {
	runCases(t, []interpretCase{
		{"exec after cd, env with default", shellCmd("cd /app && exec gunicorn -b 0.0.0.0:${PORT:-8080} app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 env=PORT set=false def=8080 req=false @"-b 0.0.0.0:${PORT:-8080}" host@"0.0.0.0" port@"${PORT:-8080}"`}, true},
		{"env default overridden by the env", shellCmd("exec gunicorn -b 0.0.0.0:${PORT:-8080} app:app"), env("PORT", "9000"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=9000 env=PORT set=true def=0 req=false @"-b 0.0.0.0:${PORT:-8080}" host@"0.0.0.0" port@"${PORT:-8080}"`}, true},
		{"required PORT", shellCmd("php -S 0.0.0.0:$PORT -t public"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=0 env=PORT set=false def=0 req=true @"-S 0.0.0.0:$PORT" host@"0.0.0.0" port@"$PORT"`}, true},
		{"quoted ${PORT} and [::]", shellCmd(`gunicorn --bind "[::]:${PORT}" app:app`), env("PORT", "8080"),
			[]string{`tcp dual-stack wildcard "::" port=8080 env=PORT set=true def=0 req=false @"--bind \"[::]:${PORT}\"" host@"::" port@"${PORT}"`}, true},
		{"unset $PORT alone is still reported", shellCmd("uvicorn main:app --host 0.0.0.0 --port $PORT"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=0 env=PORT set=false def=0 req=true @"--host 0.0.0.0" host@"0.0.0.0" port@"$PORT"`}, true},
		{"single quotes", shellCmd(`exec uvicorn m:a --host '0.0.0.0' --port '8080'`), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"--host '0.0.0.0'" host@"0.0.0.0" port@"8080"`}, true},
		{"$FLY_PRIVATE_IP is 6PN", shellCmd(`exec uvicorn m:a --host "$FLY_PRIVATE_IP" --port 8080`), nil,
			[]string{`tcp 6PN address "$FLY_PRIVATE_IP" hostenv=FLY_PRIVATE_IP port=8080 @"--host \"$FLY_PRIVATE_IP\"" host@"$FLY_PRIVATE_IP" port@"8080"`}, true},
		{"fly-local-6pn", shellCmd(`exec hypercorn -b fly-local-6pn:8080 app:app`), nil,
			[]string{`tcp 6PN address "fly-local-6pn" port=8080 @"-b fly-local-6pn:8080" host@"fly-local-6pn" port@"8080"`}, true},
		{"HOST from env", shellCmd(`uvicorn m:a --host $HOST --port 8000`), env("HOST", "127.0.0.1"),
			[]string{`tcp loopback "127.0.0.1" hostenv=HOST port=8000 @"--host $HOST" host@"$HOST" port@"8000"`}, true},
		{"setup then server", shellCmd("python manage.py migrate && python manage.py collectstatic --noinput; gunicorn -b :8000 proj.wsgi"), nil,
			[]string{`tcp IPv4 wildcard "" port=8000 @"-b :8000" port@"8000"`}, true},
		{"VAR=value prefix sets env for the command", shellCmd("PORT=8080 gunicorn app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" (default host) port=8080 @"gunicorn"`}, true},
		{"export then exec", shellCmd("export PORT=8081; exec next start"), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=8081 @"next"`}, true},
		{"variable set by the script", shellCmd(`P=7000; exec uvicorn m:a --host 0.0.0.0 --port "$P"`), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=7000 @"--host 0.0.0.0" host@"0.0.0.0"`}, true},
		{"two servers in the background", shellCmd("redis-server --port 6379 & exec socat UDP-LISTEN:5353,bind=fly-global-services,fork EXEC:./h"), nil,
			[]string{
				`tcp dual-stack wildcard "::" (default host) port=6379 @"redis-server" port@"6379"`,
				`udp fly-global-services "fly-global-services" port=5353 @"UDP-LISTEN:5353,bind=fly-global-services,fork" host@"fly-global-services" port@"5353"`,
			}, true},
		{"unknown program in the background", shellCmd("./worker & exec gunicorn -b 0.0.0.0:8000 app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @"-b 0.0.0.0:8000" host@"0.0.0.0" port@"8000"`}, false},
		{"sh -c in exec form keeps positions", execCmd("/bin/sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port 8080"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @"--host 0.0.0.0" host@"0.0.0.0" port@"8080"`}, true},
		{"bash -lc", execCmd("bash", "-lc", "cd /srv && exec bundle exec rails s -b 0.0.0.0"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=3000 env=PORT set=false def=3000 req=false (default port) @"-b 0.0.0.0" host@"0.0.0.0"`}, true},
		{"nested sh -c", shellCmd(`sh -c 'exec next start -p 3000'`), nil,
			[]string{`tcp dual-stack wildcard "::" (default host) port=3000 @"next" port@"3000"`}, true},
		{"tini, env and su-exec wrappers", execCmd("/sbin/tini", "-s", "--", "env", "-i", "HOST=x", "su-exec", "app", "dumb-init", "--", "uvicorn", "m:a", "--host", "localhost"), nil,
			[]string{`tcp loopback "localhost" port=8000 env=UVICORN_PORT set=false def=8000 req=false (default port) @"--host\" \"localhost" host@"localhost"`}, true},
		{"gosu and poetry run", execCmd("gosu", "app", "poetry", "run", "daphne", "-b", "0.0.0.0", "-p", "8000", "a.asgi:application"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @"-b\" \"0.0.0.0" host@"0.0.0.0" port@"8000"`}, true},
		{"pipenv run with env -i clearing PORT", execCmd("env", "-i", "pipenv", "run", "gunicorn", "app:app"), env("PORT", "8080"),
			[]string{`tcp loopback "127.0.0.1" (default host) port=8000 env=PORT set=false def=8000 req=false (default port) @"gunicorn"`}, true},
		{"exec form does not expand $PORT", execCmd("gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"), env("PORT", "8080"),
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=0 @"--bind\" \"0.0.0.0:$PORT" host@"0.0.0.0" port@"$PORT"`}, true},
		{"exec form passes $FLY_PRIVATE_IP literally", execCmd("uvicorn", "m:a", "--host", "$FLY_PRIVATE_IP"), nil,
			[]string{`tcp unknown "$FLY_PRIVATE_IP" port=8000 env=UVICORN_PORT set=false def=8000 req=false (default port) @"--host\" \"$FLY_PRIVATE_IP" host@"$FLY_PRIVATE_IP"`}, true},
		{"if in tail position is not known", shellCmd(`if [ -n "$DEV" ]; then exec flask run; else exec gunicorn -b :8000 app:app; fi`), nil,
			[]string{
				`tcp loopback "127.0.0.1" (default host) hostenv=FLASK_RUN_HOST port=5000 env=FLASK_RUN_PORT set=false def=5000 req=false (default port) @"flask"`,
				`tcp IPv4 wildcard "" port=8000 @"-b :8000" port@"8000"`,
			}, false},
		{"if before the server is setup", shellCmd(`if [ -f x ]; then ./setup; fi; exec gunicorn -b :8000 app:app`), nil,
			[]string{`tcp IPv4 wildcard "" port=8000 @"-b :8000" port@"8000"`}, true},
		{"exec of $@ is unknown", shellCmd(`exec "$@"`), nil, nil, false},
		{"command substitution is unknown", shellCmd(`exec gunicorn -b "$(cat /addr)" app:app`), nil, nil, false},
		{"entrypoint script is unknown", execCmd("sh", "/docker-entrypoint.sh"), nil, nil, false},
		{"syntax error is unknown", shellCmd(`exec gunicorn "unterminated`), nil, nil, false},
		{"server then wait", shellCmd("gunicorn -b :8000 app:app & socat TCP-LISTEN:9000,fork TCP:localhost:8000 & wait"), nil,
			[]string{
				`tcp IPv4 wildcard "" port=8000 @"-b :8000" port@"8000"`,
				`tcp IPv4 wildcard "0.0.0.0" (default host) port=9000 @"TCP-LISTEN:9000,fork" port@"9000"`,
			}, true},
		{"escaped word loses exact position", shellCmd(`exec uvicorn m:a --host 0.0.0.\0 --port 80`), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=80 @"--host 0.0.0.\\0" port@"80"`}, true},
	})
}

// TestInterpretMultiline checks the fallback: a script spread over lines
// maps only to its whole argument.
func TestInterpretMultiline(t *testing.T) {
	script := "cd /app \\\n && exec gunicorn -b 127.0.0.1:8000 app:app"
	cmd := shellCmd(script)
	cmd.Args[0].Range.End.Line = 2
	res := Interpret(cmd, nil)
	if len(res.Listeners) != 1 {
		t.Fatalf("got %d listeners, want 1", len(res.Listeners))
	}
	l := res.Listeners[0]
	if l.Range != cmd.Args[0].Range || l.HostRange.IsValid() || l.PortRange.IsValid() {
		t.Errorf("ranges = %v %v %v, want the whole script and no host/port ranges", l.Range, l.HostRange, l.PortRange)
	}
	if l.Host.Class != HostLoopback || l.Port.Number != 8000 {
		t.Errorf("listener = %v", l)
	}
}
