package listen

import (
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
)

func TestClassifyHost(t *testing.T) {
	for _, tc := range []struct {
		host, runtime string
		want          HostClass
	}{
		{"0.0.0.0", "python", HostIPv4Wildcard},
		{"0.0.0.0", "node", HostIPv4Wildcard},
		{"0.0.0.0", "go", HostDualStack},
		{"", "go", HostDualStack},
		{"", "node", HostDualStack},
		{"", "python", HostIPv4Wildcard},
		{"::", "python", HostDualStack},
		{"[::]", "ruby", HostDualStack},
		{"0:0:0:0:0:0:0:0", "c", HostDualStack},
		{"localhost", "node", HostLoopback},
		{"LOCALHOST", "node", HostLoopback},
		{"127.0.0.2", "python", HostLoopback},
		{"::1", "c", HostLoopback},
		{"[::1]", "c", HostLoopback},
		{"::ffff:127.0.0.1", "c", HostLoopback},
		{"fly-local-6pn", "c", Host6PN},
		{"fdaa:0:1::2", "c", Host6PN},
		{"[fdaa:0:1:a7b::2]", "c", Host6PN},
		{"$FLY_PRIVATE_IP", "c", Host6PN},
		{"${FLY_PRIVATE_IP}", "c", Host6PN},
		{"fly-global-services", "c", HostGlobalServices},
		{"10.0.0.5", "c", HostIPv4},
		{"2001:db8::1", "c", HostIPv6},
		{"fe80::1%eth0", "c", HostIPv6},
		{"$HOST", "c", HostUnknown},
		{"db.example.com", "c", HostName},
		{"not a host", "c", HostUnknown},
		{"*", "python", HostUnknown},
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
		{"0.0.0.0:8080", "0.0.0.0", "8080", true},
		{":8080", "", "8080", true},
		{"8080", "", "8080", true},
		{"[::]:80", "::", "80", true},
		{"*:8080", "*", "8080", true},
		{"0.0.0.0:$PORT", "0.0.0.0", "$PORT", true},
		{"localhost:${PORT:-8080}", "localhost", "${PORT:-8080}", true},
		{"$PORT", "", "$PORT", true},
		{"tcp://0.0.0.0:9292", "0.0.0.0", "9292", true},
		{"http://localhost:5173/", "localhost", "5173", true},
		{"http://+:80", "+", "80", true},
		{"http://0.0.0.0", "0.0.0.0", "80", true},
		{"https://example.com/x", "example.com", "443", true},
		{"unix:/tmp/s.sock", "", "", false},
		{"unix:///tmp/s.sock", "", "", false},
		{"/tmp/s.sock", "", "", false},
		{"nohost", "", "", false},
		{"fdaa::2", "", "", false},
		{"[::1", "", "", false},
		{"host:", "", "", false},
		{"", "", "", false},
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
		"socat UDP-LISTEN:5000,fork,bind=fly-global-services EXEC:cat & socat TCP6-LISTEN:5000,bind=[::],fork EXEC:cat",
		"sh -c 'sh -c \"exec next start -p 3000\"'",
		"env -i A=1 B=2 tini -- su-exec app rails s -b 0.0.0.0",
		"python -m http.server 8000 --bind ::",
		"python manage.py migrate && python manage.py runserver 0:8000",
		"php -S 0.0.0.0:$PORT -t public",
		"redis-server --bind 127.0.0.1 ::1 --port 6380",
		"node .next/standalone/server.js",
		"npx vite --host --port 5173",
		"if [ -n \"$X\" ]; then exec flask run -h ::; fi; exec waitress-serve --listen=*:8080 app:app",
		"$(echo x) ${!y} `z` <<EOF\nhi\nEOF",
		"exec gunicorn -b \"${HOST:-[::]}:${PORT-80}\" app:app",
		"'unterminated",
		"gunicorn -b \U000F0000:1 x",
		"\x00\xff\xfe",
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
		res := Interpret(cmd, Env{"PORT": {Value: "8080"}, "GUNICORN_CMD_ARGS": {Value: s}})
		for _, l := range res.Listeners {
			for _, r := range []source.Range{l.Range, l.HostRange, l.PortRange} {
				if r == (source.Range{}) {
					continue
				}
				if r.Start.Offset < lo || r.End.Offset > hi || r.Start.Offset > r.End.Offset || r.Start.Col-1 != r.Start.Offset || r.End.Col-1 != r.End.Offset {
					t.Fatalf("range %+v outside the command [%d,%d) for %q", r, lo, hi, s)
				}
			}
		}
		for _, a := range res.Argv {
			if a.Range != (source.Range{}) && (a.Range.Start.Offset < lo || a.Range.End.Offset > hi) {
				t.Fatalf("argv range %+v outside the command for %q", a.Range, s)
			}
		}
	})
}

func BenchmarkInterpret(b *testing.B) {
	shellForm := shellCmd("cd /app && python manage.py migrate && exec gunicorn --bind 0.0.0.0:${PORT:-8000} --workers 4 proj.wsgi")
	execForm := execCmd("/sbin/tini", "--", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080")
	env := Env{"PORT": {Value: "8080"}}
	b.Run("shell", func(b *testing.B) {
		for b.Loop() {
			Interpret(shellForm, env)
		}
	})
	b.Run("exec", func(b *testing.B) {
		for b.Loop() {
			Interpret(execForm, env)
		}
	})
}
