package caddyconf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
)

func rng(r source.Range) string {
	if !r.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", r.Start.Line, r.Start.Col)
}

func TestListens(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		env      map[string]string
		want     []string
		complete bool
	}{
		{"port only", ":8080 {\n\tfile_server\n}\n", nil, []string{"|8080|||false @1:1 - 1:2"}, true},
		{"one site without braces", ":8080\nroot * /srv\nhandle /api/* {\n\treverse_proxy localhost:9000\n}\n", nil, []string{"|8080|||false @1:1 - 1:2 -> localhost:9000@4:16"}, true},
		{"top-level import", "import sites/*\n:3000 {\n}\n", nil, []string{"|3000|||false @2:1 - 2:2"}, false},
		{"domain: https and the redirect", "example.com {\n\treverse_proxy localhost:8081\n}\n", nil,
			[]string{"|443|||false @1:1 - - -> localhost:8081@2:16", "|80|||true @1:1 - - -> localhost:8081@2:16"}, true},
		{"http scheme", "http:// {\n\trespond ok\n}\n", nil, []string{"|80|||false @1:1 - -"}, true},
		{"global ports", "{\n\thttp_port 8080\n\thttps_port 8443\n}\nhttp://a.com, b.com {\n}\n", nil,
			[]string{"|8080|||false @5:1 - -", "|8443|||false @5:15 - -", "|8080|||true @5:15 - -"}, true},
		{"bind", ":8080 {\n\tbind 127.0.0.1 [::1]\n}\n", nil,
			[]string{"127.0.0.1|8080|||false @1:1 2:7 1:2", "::1|8080|||false @1:1 2:17 1:2"}, true},
		{"env placeholder set", ":{$PORT} {\n}\n", map[string]string{"PORT": "3000"}, []string{"|3000|PORT|true|false @1:1 - 1:2"}, true},
		{"env placeholder default", ":{$PORT:8080} {\n}\n", nil, []string{"|8080|PORT||false @1:1 - 1:2"}, true},
		{"env placeholder unset", ":{$PORT} {\n}\n", nil, nil, false},
		{"snippets and comments", "(common) {\n\tencode gzip\n}\n# :9999\n:8080 {\n\timport common\n\treverse_proxy /api/* http://app.internal:3000 {\n\t\tto localhost:4000\n\t}\n}\n", nil,
			[]string{"|8080|||false @5:1 - 5:2 -> app.internal:3000@7:23 -> localhost:4000@8:6"}, false},
		{"auto_https off drops the redirect server", "{\n\tauto_https off\n}\nexample.com {\n}\n", nil,
			[]string{"|443|||false @4:1 - -"}, true},
		{"auto_https disable_redirects drops the redirect server", "{\n\tauto_https disable_redirects\n}\nexample.com {\n}\n", nil,
			[]string{"|443|||false @4:1 - -"}, true},
		{"auto_https disable_certs keeps it", "{\n\tauto_https disable_certs\n}\nexample.com {\n}\n", nil,
			[]string{"|443|||false @4:1 - -", "|80|||true @4:1 - -"}, true},
		{"an unknown auto_https value", "{\n\tauto_https sometimes\n}\nexample.com {\n}\n", nil,
			[]string{"|443|||false @4:1 - -", "|80|||true @4:1 - -"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("Caddyfile", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			res := f.Listens(tc.env)
			var got []string
			for _, l := range res.Listens {
				s := fmt.Sprintf("%s|%d|%s|%v|%v @%s %s %s", l.Host, l.Port, l.Env, map[bool]string{true: "true"}[l.EnvSet], l.Redirect, rng(l.Range), rng(l.HostRange), rng(l.PortRange))
				s = strings.Replace(s, "||false|", "|||", 1)
				for _, p := range l.ProxyTo {
					s += fmt.Sprintf(" -> %s:%d@%s", p.Host, p.Port, rng(p.Range))
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || res.Complete != tc.complete {
				t.Errorf("got (complete %v)\n  %s\nwant (complete %v)\n  %s", res.Complete, strings.Join(got, "\n  "), tc.complete, strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{":80 {\n", "never closed"},
		{"}\n", `unexpected "}"`},
		{`:80 "abc`, "unterminated"},
		{strings.Repeat("a {\n", MaxDepth+2), "nested deeper"},
	} {
		if _, err := Parse("f", []byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(":8080 {\n\treverse_proxy localhost:3000\n}\n")
	f.Add("{\n\thttp_port 8080\n}\nexample.com, http://b {\n\tbind 127.0.0.1\n}\n")
	f.Add(":8080 {\n\t@r {\n\t\tnot path /up\n\t\tprotocol http\n\t}\n\tredir @r https://{host}{uri}\n\thandle /api/* {\n\t\tredir /x\n\t}\n}\n")
	f.Fuzz(func(t *testing.T, s string) {
		file, err := Parse("f", []byte(s))
		if err != nil {
			return
		}
		// The redirect model runs on every listener, as the rule runs it.
		for _, l := range file.Listens(map[string]string{"PORT": "1"}).Listens {
			for _, p := range []string{"", "/", "/up", "/api/x?y"} {
				l.Routes.For(p)
			}
		}
	})
}
