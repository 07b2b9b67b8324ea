package listen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flylint/flylint/source"
)

// execCmd builds an exec-form command whose arguments sit on line 1 of a
// file as `"a" "b" …`, so ranges can be checked by column.
func execCmd(args ...string) Command {
	c := Command{Origin: "test"}
	col := 1
	for _, a := range args {
		col++ // opening quote
		c.Args = append(c.Args, Arg{Text: a, Range: source.Range{File: "f", Start: source.Pos{Line: 1, Col: col, Offset: col - 1}, End: source.Pos{Line: 1, Col: col + len(a), Offset: col - 1 + len(a)}}})
		col += len(a) + 2 // closing quote and space
	}
	return c
}

func shellCmd(script string) Command {
	return Command{Shell: true, Args: []Arg{{Text: script, Range: source.Range{File: "f", Start: source.Pos{Line: 1, Col: 5, Offset: 4}, End: source.Pos{Line: 1, Col: 5 + len(script), Offset: 4 + len(script)}}}}}
}

// summary is the part of a listener a test asserts, in one string.
func summary(l Listener) string {
	s := fmt.Sprintf("%s %s %q port=%d", l.Proto, l.Host.Class, l.Host.Text, l.Port.Number)
	if l.Host.Default {
		s += " host-default"
	}
	if l.Port.Env != "" {
		s += fmt.Sprintf(" env=%s set=%v def=%d req=%v", l.Port.Env, l.Port.EnvSet, l.Port.Default, l.Port.Required)
	}
	return s + fmt.Sprintf(" @%d", l.Range.Start.Col)
}

func TestInterpret(t *testing.T) {
	portEnv := Env{"PORT": {Name: "PORT", Value: "9000"}}
	for _, tc := range []struct {
		name  string
		cmd   Command
		env   Env
		want  []string
		known bool
	}{
		{"gunicorn explicit loopback", execCmd("gunicorn", "--bind", "127.0.0.1:8000", "app:app"), nil,
			[]string{`tcp loopback "127.0.0.1" port=8000 @22`}, true},
		{"gunicorn -b= form", execCmd("gunicorn", "-b=0.0.0.0:8080", "app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 @16`}, true},
		{"gunicorn default", execCmd("gunicorn", "app:app"), nil,
			[]string{`tcp loopback "127.0.0.1" port=8000 host-default env=PORT set=false def=8000 req=false @2`}, true},
		{"gunicorn with PORT binds all", execCmd("gunicorn", "app:app"), portEnv,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=9000 host-default env=PORT set=true def=0 req=false @2`}, true},
		{"gunicorn GUNICORN_CMD_ARGS", execCmd("gunicorn", "app:app"), Env{"GUNICORN_CMD_ARGS": {Value: "--bind=0.0.0.0:7000 --workers 2"}},
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=7000 @0`}, true},
		{"uvicorn default host", execCmd("uvicorn", "main:app", "--port", "8080"), nil,
			[]string{`tcp loopback "127.0.0.1" port=8080 host-default @2`}, true},
		{"uvicorn dual stack", execCmd("uvicorn", "main:app", "--host", "::", "--port", "8080"), nil,
			[]string{`tcp dual-stack wildcard "::" port=8080 @32`}, true},
		{"python -m uvicorn", execCmd("python", "-m", "uvicorn", "main:app", "--host", "0.0.0.0"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @46`}, true},
		{"flask run default", execCmd("flask", "run"), nil,
			[]string{`tcp loopback "127.0.0.1" port=5000 host-default @2`}, true},
		{"manage.py runserver addrport", execCmd("python", "manage.py", "runserver", "0.0.0.0:8000"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8000 @35`}, true},
		{"next start reads PORT", execCmd("npx", "next", "start"), portEnv,
			[]string{`tcp dual-stack wildcard "::" port=9000 host-default env=PORT set=true def=0 req=false @8`}, true},
		{"next start default", execCmd("next", "start", "-p", "3000"), nil,
			[]string{`tcp dual-stack wildcard "::" port=3000 host-default @2`}, true},
		{"rails dev defaults to localhost", execCmd("bin/rails", "server"), nil,
			[]string{`tcp loopback "localhost" port=3000 host-default env=PORT set=false def=3000 req=false @2`}, true},
		{"rails production binds all", execCmd("bin/rails", "server"), Env{"RAILS_ENV": {Value: "production"}},
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=3000 host-default env=PORT set=false def=3000 req=false @2`}, true},
		{"socat udp fly-global-services", execCmd("socat", "UDP-LISTEN:5000,fork,bind=fly-global-services", "EXEC:cat"), nil,
			[]string{`udp fly-global-services "fly-global-services" port=5000 @10`}, true},
		{"socat tcp6 6pn", execCmd("socat", "TCP6-LISTEN:8080,bind=fly-local-6pn", "-"), nil,
			[]string{`tcp 6PN address "fly-local-6pn" port=8080 @10`}, true},
		{"sh -c with exec and env default", shellCmd("cd /app && exec gunicorn -b 0.0.0.0:${PORT:-8080} app:app"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=8080 env=PORT set=false def=8080 req=false @33`}, true},
		{"sh -c with required PORT", shellCmd("php -S 0.0.0.0:$PORT -t public"), nil,
			[]string{`tcp IPv4 wildcard "0.0.0.0" port=0 env=PORT set=false def=0 req=true @12`}, true},
		{"env prefix and tini", execCmd("tini", "--", "env", "HOST=0.0.0.0", "uvicorn", "m:a", "--host", "localhost"), nil,
			[]string{`tcp loopback "localhost" port=8000 @60`}, true},
		{"$FLY_PRIVATE_IP is 6PN", execCmd("uvicorn", "m:a", "--host", "$FLY_PRIVATE_IP"), nil,
			[]string{`tcp 6PN address "$FLY_PRIVATE_IP" port=8000 @27`}, true},
		{"redis config file is unknown", execCmd("redis-server", "/etc/redis.conf"), nil, nil, false},
		{"npm start is unknown", execCmd("npm", "start"), nil, nil, false},
		{"own binary is unknown", execCmd("/app/server"), nil, nil, false},
		{"idle command is known and serves nothing", execCmd("tail", "-f", "/dev/null"), nil, nil, true},
		{"unix socket is not a TCP listener", execCmd("gunicorn", "--bind", "unix:/tmp/g.sock", "app:app"), nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Interpret(tc.cmd, tc.env)
			var got []string
			for _, l := range res.Listeners {
				got = append(got, summary(l))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("listeners:\ngot  %q\nwant %q", got, tc.want)
			}
			if res.Known != tc.known {
				t.Errorf("Known = %v, want %v", res.Known, tc.known)
			}
		})
	}
}

func TestClassifyHost(t *testing.T) {
	for _, tc := range []struct {
		host, runtime string
		want          HostClass
	}{
		{"0.0.0.0", "python", HostIPv4Wildcard},
		{"0.0.0.0", "go", HostDualStack},
		{"", "go", HostDualStack},
		{"[::]", "python", HostDualStack},
		{"localhost", "node", HostLoopback},
		{"127.0.0.53", "c", HostLoopback},
		{"::1", "c", HostLoopback},
		{"fly-local-6pn", "c", Host6PN},
		{"fdaa:0:1:a7b::2", "c", Host6PN},
		{"fly-global-services", "c", HostGlobalServices},
		{"10.0.0.5", "c", HostIPv4},
		{"2001:db8::1", "c", HostIPv6},
		{"$HOST", "c", HostUnknown},
		{"db.example.com", "c", HostName},
	} {
		if got := ClassifyHost(tc.host, tc.runtime); got != tc.want {
			t.Errorf("ClassifyHost(%q, %q) = %s, want %s", tc.host, tc.runtime, got, tc.want)
		}
	}
}

func TestSplitHostPort(t *testing.T) {
	for _, tc := range []struct {
		in, host, port string
		ok             bool
	}{
		{":8080", "", "8080", true},
		{"8080", "", "8080", true},
		{"[::]:80", "::", "80", true},
		{"0.0.0.0:$PORT", "0.0.0.0", "$PORT", true},
		{"tcp://0.0.0.0:9292", "0.0.0.0", "9292", true},
		{"http://localhost:5173/", "localhost", "5173", true},
		{"unix:/tmp/s.sock", "", "", false},
		{"/tmp/s.sock", "", "", false},
		{"nohost", "", "", false},
	} {
		h, p, ok := SplitHostPort(tc.in)
		if h != tc.host || p != tc.port || ok != tc.ok {
			t.Errorf("SplitHostPort(%q) = %q, %q, %v; want %q, %q, %v", tc.in, h, p, ok, tc.host, tc.port, tc.ok)
		}
	}
}

// FuzzInterpret feeds arbitrary scripts and argv: nothing may panic, and
// every range a listener reports lies within the command's own ranges.
func FuzzInterpret(f *testing.F) {
	for _, s := range []string{
		"gunicorn -b 0.0.0.0:$PORT app:app",
		"cd /app && exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}",
		"socat UDP-LISTEN:5000,fork,bind=fly-global-services EXEC:cat & socat TCP-LISTEN:5000,fork EXEC:cat",
		"sh -c 'sh -c \"exec next start -p 3000\"'",
		"env -i A=1 B=2 tini -- su-exec app rails s -b 0.0.0.0",
		"python -m http.server 8000 --bind ::",
		"$(echo x) ${!y} `z` <<EOF\nhi\nEOF",
		"'unterminated",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, shell bool) {
		var cmd Command
		if shell {
			cmd = shellCmd(s)
		} else {
			cmd = execCmd(strings.Fields(s)...)
		}
		lo, hi := 1<<30, 0
		for _, a := range cmd.Args {
			lo, hi = min(lo, a.Range.Start.Offset), max(hi, a.Range.End.Offset)
		}
		res := Interpret(cmd, Env{"PORT": {Value: "8080"}})
		for _, l := range res.Listeners {
			for _, r := range []source.Range{l.Range, l.HostRange, l.PortRange} {
				if r.IsValid() && (r.Start.Offset < lo || r.End.Offset > hi || r.Start.Offset > r.End.Offset) {
					t.Fatalf("range %v outside the command [%d,%d) for %q", r, lo, hi, s)
				}
			}
		}
	})
}

func BenchmarkInterpret(b *testing.B) {
	cmd := shellCmd("cd /app && exec gunicorn --bind 0.0.0.0:${PORT:-8000} --workers 4 app:app")
	env := Env{"PORT": {Value: "8080"}}
	for b.Loop() {
		Interpret(cmd, env)
	}
}
