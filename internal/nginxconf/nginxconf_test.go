package nginxconf

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
)

// listens parses the files (the first is the main one) and prints each
// listen as host|port|udp|v6only|env|set|default @ range, host range,
// port range, proxy targets.
func listens(t *testing.T, env map[string]string, template bool, files ...string) ([]string, bool) {
	t.Helper()
	parsed := map[string]*File{}
	var order []string
	for i := 0; i < len(files); i += 2 {
		f, err := Parse(files[i], []byte(files[i+1]))
		if err != nil {
			t.Fatalf("parse %s: %v", files[i], err)
		}
		parsed[files[i]] = f
		order = append(order, files[i])
	}
	cfg := &Config{Prefix: "/etc/nginx", Env: env, Root: true,
		Template: func(*File) bool { return template },
		Include: func(pattern string) ([]*File, bool) {
			var out []*File
			for _, p := range order {
				if m, _ := path.Match(pattern, p); m {
					out = append(out, parsed[p])
				}
			}
			return out, !strings.Contains(pattern, "unknown")
		}}
	res := cfg.Listens(parsed[files[0]])
	var got []string
	for _, l := range res.Listens {
		s := fmt.Sprintf("%s|%d|%v|%v|%s|%v|%v @%s %s %s", l.Host, l.Port, l.UDP, l.IPv6Only, l.Env, l.EnvSet, l.Default, rng(l.Range), rng(l.HostRange), rng(l.PortRange))
		for _, p := range l.ProxyTo {
			s += fmt.Sprintf(" -> %s:%d@%s", p.Host, p.Port, rng(p.Range))
		}
		got = append(got, s)
	}
	return got, res.Complete
}

func rng(r source.Range) string {
	if !r.IsValid() {
		return "-"
	}
	return r.String()
}

func TestListens(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    []string
		env      map[string]string
		template bool
		want     []string
		complete bool
	}{
		{"port only and ipv6", []string{"/etc/nginx/nginx.conf", "http {\n  server {\n    listen 8080;\n    listen [::]:8080 ipv6only=off;\n  }\n}\n"}, nil, false,
			[]string{"|8080|false|true||false|false @/etc/nginx/nginx.conf:3:12 - /etc/nginx/nginx.conf:3:12",
				"::|8080|false|false||false|false @/etc/nginx/nginx.conf:4:12 /etc/nginx/nginx.conf:4:13 /etc/nginx/nginx.conf:4:17"}, true},
		{"address and name", []string{"/etc/nginx/nginx.conf", "http { server { listen 127.0.0.1:9000 default_server; listen localhost; } }"}, nil, false,
			[]string{"127.0.0.1|9000|false|true||false|false @/etc/nginx/nginx.conf:1:24 /etc/nginx/nginx.conf:1:24 /etc/nginx/nginx.conf:1:34",
				"localhost|80|false|true||false|false @/etc/nginx/nginx.conf:1:62 /etc/nginx/nginx.conf:1:62 -"}, true},
		{"no listen is port 80", []string{"/etc/nginx/nginx.conf", "http {\n server { server_name a; }\n}"}, nil, false,
			[]string{"|80|false|false||false|true @/etc/nginx/nginx.conf:2:2 - -"}, true},
		{"quic and stream udp", []string{"/etc/nginx/nginx.conf", "http { server { listen 443 quic; } }\nstream { server { listen 53 udp; proxy_pass 127.0.0.1:5353; } }"}, nil, false,
			[]string{"|443|true|true||false|false @/etc/nginx/nginx.conf:1:24 - /etc/nginx/nginx.conf:1:24",
				"|53|true|true||false|false @/etc/nginx/nginx.conf:2:26 - /etc/nginx/nginx.conf:2:26 -> 127.0.0.1:5353@/etc/nginx/nginx.conf:2:45"}, true},
		{"include relative and proxy_pass in location", []string{
			"/etc/nginx/nginx.conf", "http {\n  include conf.d/*.conf;\n}\n",
			"/etc/nginx/conf.d/app.conf", "server {\n  listen 8080;\n  location / {\n    proxy_pass http://localhost:3000/;\n  }\n}\n"}, nil, false,
			[]string{"|8080|false|true||false|false @/etc/nginx/conf.d/app.conf:2:10 - /etc/nginx/conf.d/app.conf:2:10 -> localhost:3000@/etc/nginx/conf.d/app.conf:4:16"}, true},
		{"unknown include is incomplete", []string{"/etc/nginx/nginx.conf", "http { include /etc/nginx/unknown/*; server { listen 81; } }"}, nil, false,
			[]string{"|81|false|true||false|false @/etc/nginx/nginx.conf:1:54 - /etc/nginx/nginx.conf:1:54"}, false},
		{"template from env", []string{"/etc/nginx/nginx.conf", "http { server { listen ${PORT}; listen 0.0.0.0:$ALT; } }"}, map[string]string{"PORT": "3000"}, true,
			[]string{"|3000|false|true|PORT|true|false @/etc/nginx/nginx.conf:1:24 - /etc/nginx/nginx.conf:1:24",
				"0.0.0.0|0|false|true|ALT|false|false @/etc/nginx/nginx.conf:1:40 /etc/nginx/nginx.conf:1:40 /etc/nginx/nginx.conf:1:48"}, true},
		{"variables outside templates are unknown", []string{"/etc/nginx/nginx.conf", "http { server { listen ${PORT}; } }"}, map[string]string{"PORT": "3000"}, false,
			nil, false},
		{"unix socket and comments", []string{"/etc/nginx/nginx.conf", "# listen 1;\nhttp { server { listen unix:/tmp/s; # listen 2;\n } }"}, nil, false,
			nil, true},
		{"quoted", []string{"/etc/nginx/nginx.conf", "http { server { listen \"8081\"; } }"}, nil, false,
			[]string{"|8081|false|true||false|false @/etc/nginx/nginx.conf:1:24 - /etc/nginx/nginx.conf:1:25"}, true},
		{"listen outside server is ignored", []string{"/etc/nginx/nginx.conf", "events { listen 1; }\nhttp { listen 2; server { listen 3; } }"}, nil, false,
			[]string{"|3|false|true||false|false @/etc/nginx/nginx.conf:2:34 - /etc/nginx/nginx.conf:2:34"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, complete := listens(t, tc.env, tc.template, tc.files...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || complete != tc.complete {
				t.Errorf("got (complete %v)\n  %s\nwant (complete %v)\n  %s", complete, strings.Join(got, "\n  "), tc.complete, strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// A ")" may close an if condition right after a quoted word, as nginx
// reads it: the word ends at the quote and ")" is a word of its own.
func TestParseQuoteThenParen(t *testing.T) {
	f, err := Parse("f", []byte(`if ($http_x_forwarded_proto != "https") { return 301 https://x; }`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range f.Directives[0].Args {
		got = append(got, a.Text)
	}
	if want := "($http_x_forwarded_proto|!=|https|)"; strings.Join(got, "|") != want {
		t.Errorf("args = %q, want %s", strings.Join(got, "|"), want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http {", `f:1:6: "{" is never closed`},
		{"http { }}", `f:1:9: unexpected "}"`},
		{"listen 80", "f:1:10: unexpected end of file"},
		{`listen "80`, "f:1:8: unterminated quoted string"},
		{";", `f:1:1: unexpected ";"`},
		{`if ($a = "b"x) { }`, "f:1:13: unexpected character after a quoted string"},
		{strings.Repeat("a {", MaxDepth+2), "nested deeper than"},
	} {
		_, err := Parse("f", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("http { server { listen 127.0.0.1:8080; location / { proxy_pass http://a:1/; } } }")
	f.Add("server { listen [::]:80 ipv6only=off; }")
	f.Add(`http { server { listen 8080; if ($scheme = http ) { return 301 https://x; } location = /up { if ($http_x_forwarded_proto != https) { rewrite ^ https://x permanent; } } } }`)
	f.Fuzz(func(t *testing.T, s string) {
		file, err := Parse("f", []byte(s))
		if err != nil {
			return
		}
		cfg := &Config{Prefix: "/etc/nginx", Env: map[string]string{"PORT": "1"}, Template: func(*File) bool { return true },
			Include: func(string) ([]*File, bool) { return []*File{file}, true }}
		for _, l := range cfg.Listens(file).Listens {
			l.Routes.For("/up")
			l.Routes.For(s)
		}
	})
}
