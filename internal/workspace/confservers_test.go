package workspace

import (
	"fmt"
	"strings"
	"testing"
)

// groupListeners loads one fixture app and prints its first group's
// listeners with their ranges and proxy targets.
func groupListeners(t *testing.T, dir string) (string, bool) {
	t.Helper()
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := ws.Apps[0].Groups[0]
	var sb strings.Builder
	for _, l := range g.Listeners {
		fmt.Fprintf(&sb, "%s %s port=%s env=%s/%v @%s", l.Origin, l, rangeText(l.PortRange), l.Port.Env, l.Port.EnvSet, rangeText(l.Range))
		for _, u := range l.ProxyTo {
			fmt.Fprintf(&sb, " -> %s:%d@%s", u.Host, u.Port, rangeText(u.Range))
		}
		sb.WriteString("\n")
	}
	return sb.String(), g.ListenersKnown
}

func rangeText(r interface {
	IsValid() bool
	String() string
}) string {
	if !r.IsValid() {
		return "-"
	}
	s := r.String()
	return s[strings.LastIndex(s, "/")+1:]
}

// The listeners of the proxy fixtures, with the place each stands and
// where each proxy forwards.
func TestConfiguredServerListeners(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		known bool
		want  string
	}{
		{"env-port-mismatch/good-litefs-proxy", true, `
LiteFS proxy tcp :8080 (dual-stack wildcard) port=litefs.yml:6:11 env=INTERNAL_PORT/true @litefs.yml:6:10 -> localhost:8081@litefs.yml:7:12
LiteFS API tcp :20202 (dual-stack wildcard) port=- env=/false @Dockerfile:10:24
http.createServer().listen tcp :::8081 (dual-stack wildcard) port=server.js:2:55 env=PORT/true @server.js:2:48`},
		{"internal-port-mismatch/bad-nginx-main-include", true, `
nginx tcp 0.0.0.0:3000 (IPv4 wildcard) port=app.conf:2:12 env=/false @app.conf:2:12 -> 127.0.0.1:3001@app.conf:4:20`},
		{"internal-port-mismatch/bad-nginx-default", true, `
nginx tcp 0.0.0.0:80 (IPv4 wildcard) port=- env=/false @Dockerfile:3:1
nginx tcp :::80 (IPv6-only wildcard) port=- env=/false @Dockerfile:3:1`},
		{"env-port-mismatch/bad-nginx-template", true, `
nginx tcp 0.0.0.0:3000 (IPv4 wildcard) port=default.conf.template:2:12 env=PORT/true @default.conf.template:2:12`},
		{"env-port-mismatch/good-caddy-front", true, `
http.createServer().listen tcp :::3000 (dual-stack wildcard) port=server.js:2:55 env=PORT/true @server.js:2:48
caddy tcp :8080 (dual-stack wildcard) port=Caddyfile:1:2 env=/false @Caddyfile:1:1 -> localhost:3000@Caddyfile:2:16`},
		{"internal-port-mismatch/good-nginx-sed", false, ""},
		{"internal-port-mismatch/good-nginx-app-background", false, `
nginx tcp 0.0.0.0:8080 (IPv4 wildcard) port=nginx.conf:4:16 env=/false @nginx.conf:4:16`},
	} {
		got, known := groupListeners(t, "../../rules/testdata/"+tc.dir)
		if strings.TrimSpace(got) != strings.TrimSpace(tc.want) || known != tc.known {
			t.Errorf("%s: got (known %v)\n%s\nwant (known %v)\n%s", tc.dir, known, got, tc.known, strings.TrimSpace(tc.want))
		}
	}
}

func TestOfficialName(t *testing.T) {
	for in, want := range map[string]string{
		"nginx": "nginx", "nginx:1.27-alpine": "nginx", "docker.io/library/nginx@sha256:abc": "nginx",
		"library/caddy:2": "caddy", "nginxinc/nginx-unprivileged:1.27": "", "ghcr.io/x/nginx": "", "localhost:5000/nginx": "",
	} {
		if got := officialName(in); got != want {
			t.Errorf("officialName(%q) = %q, want %q", in, got, want)
		}
	}
}
