package workspace

import (
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

func argvOf(ws ...string) []listen.Arg {
	out := make([]listen.Arg, len(ws))
	for i, w := range ws {
		out[i] = listen.Arg{Text: w}
	}
	return out
}

func TestLookupFlagShortAndLast(t *testing.T) {
	cases := []struct {
		argv        []string
		name, short string
		want        string
		found       bool
	}{
		{[]string{"app", "-p", "9000"}, "port", "p", "9000", true},
		{[]string{"app", "-p=9000"}, "port", "p", "9000", true},
		{[]string{"app", "-p9000"}, "port", "p", "9000", true},
		{[]string{"app", "--port", "1", "--port=2"}, "port", "", "2", true},
		{[]string{"app", "-p", "9000"}, "port", "", "", false},
		{[]string{"app", "--", "--port", "1"}, "port", "", "", false},
		{[]string{"app", "--p9000"}, "port", "p", "", false},
	}
	for _, c := range cases {
		got, ok := lookupFlag(argvOf(c.argv...), c.name, c.short)
		if got != c.want || ok != c.found {
			t.Errorf("lookupFlag(%q, %q, %q) = %q, %v; want %q, %v", c.argv, c.name, c.short, got, ok, c.want, c.found)
		}
	}
}

// A flag that falls back to a variable (urfave/cli EnvVars, kong's env
// tag): the command line wins, then the variable, then the default.
func TestResolveGoFlagOverEnv(t *testing.T) {
	l := listen.Listener{
		Host: listen.Host{Class: listen.HostLoopback, Text: "127.0.0.1", Flag: "host", Env: "HOST"},
		Port: listen.Port{Number: 3000, Default: 3000, Env: "PORT", Flag: "port", FlagShort: "p"},
	}
	env := listen.Env{"PORT": {Value: "8080"}, "HOST": {Value: "0.0.0.0"}}
	got := resolveGo(l, "tcp", env, argvOf("app", "-p", "9000"))
	if got.Port.Number != 9000 || got.Host.Text != "0.0.0.0" {
		t.Errorf("flag given: port %d host %q, want 9000 and 0.0.0.0 (from HOST)", got.Port.Number, got.Host.Text)
	}
	got = resolveGo(l, "tcp", env, argvOf("app", "--host", "::1"))
	if got.Port.Number != 8080 || !got.Port.EnvSet || got.Host.Text != "::1" {
		t.Errorf("no port flag: port %d (env set %v) host %q, want 8080 from PORT and ::1", got.Port.Number, got.Port.EnvSet, got.Host.Text)
	}
	got = resolveGo(l, "tcp", nil, argvOf("app"))
	if got.Port.Number != 3000 || got.Host.Text != "127.0.0.1" {
		t.Errorf("nothing set: port %d host %q, want the defaults", got.Port.Number, got.Host.Text)
	}
}

// A whole address read from a chain of variables falls back to the
// second one.
func TestResolveGoWholeAddrFallback(t *testing.T) {
	l := listen.Listener{
		Host: listen.Host{Class: listen.HostLoopback, Text: "127.0.0.1", Env: "API_LISTEN", WholeAddr: true},
		Port: listen.Port{Number: 8080, Env: "API_LISTEN", Fallback: "LISTEN"},
	}
	got := resolveGo(l, "tcp", listen.Env{"LISTEN": {Value: "0.0.0.0:9000"}}, nil)
	if got.Port.Number != 9000 || got.Host.Text != "0.0.0.0" {
		t.Errorf("got %q:%d, want 0.0.0.0:9000 from LISTEN", got.Host.Text, got.Port.Number)
	}
}
