package caddyconf

import (
	"fmt"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// redirectOf is what a check for path gets from the config's listeners
// on port, as "kind cond line:col" ("unknown", "none").
func redirectOf(t *testing.T, conf string, port int, p string) string {
	t.Helper()
	f, err := Parse("Caddyfile", []byte(conf))
	if err != nil {
		t.Fatal(err)
	}
	var out string
	for _, l := range f.Listens(map[string]string{"TARGET": "https://example.com"}).Listens {
		if l.Port != port {
			continue
		}
		r := l.Routes.For(p)
		s := ""
		switch r.Kind {
		case listen.NoRedirect:
			s = "none"
		case listen.RedirectUnknown:
			s = "unknown"
		case listen.Redirects:
			s = fmt.Sprintf("redirect %q %s", r.Cond, rng(r.Range))
		}
		if out != "" && out != s {
			return out + " / " + s
		}
		out = s
	}
	return out
}

func TestRoutes(t *testing.T) {
	const xfp = "@http {\n\theader X-Forwarded-Proto http\n}\n"
	for _, tc := range []struct {
		name, conf string
		port       int
		path, want string
	}{
		{"no redir", ":8080 {\n\treverse_proxy app:3000\n}\n", 8080, "/up", "none"},
		{"unconditional redir", ":8080 {\n\tredir https://{host}{uri} permanent\n}\n", 8080, "/up", `redirect "" 2:2`},
		{"redir to a path", ":8080 {\n\tredir * /new\n}\n", 8080, "/up", "none"},
		{"html is a 200", ":8080 {\n\tredir https://{host}{uri} html\n}\n", 8080, "/up", "none"},
		{"a 308 code", ":8080 {\n\tredir * https://{host}{uri} 308\n}\n", 8080, "/up", `redirect "" 2:2`},
		{"a 401 is not modelled", ":8080 {\n\tredir https://{host}{uri} 401\n}\n", 8080, "/up", "unknown"},
		{"placeholder code", ":8080 {\n\tredir https://{host}{uri} {vars.code}\n}\n", 8080, "/up", "unknown"},
		{"placeholder target", ":8080 {\n\tredir {vars.to}\n}\n", 8080, "/up", "unknown"},
		{"env target", ":8080 {\n\tredir {$TARGET}{uri}\n}\n", 8080, "/up", `redirect "" 2:2`},
		{"path matcher matches", ":8080 {\n\tredir /up* https://{host}{uri}\n}\n", 8080, "/UP/x", `redirect "" 2:2`},
		{"path matcher does not", ":8080 {\n\tredir /admin/* https://{host}{uri}\n}\n", 8080, "/up", "none"},
		{"exact path matcher", ":8080 {\n\tredir /up https://{host}{uri}\n}\n", 8080, "/up/", "none"},
		{"suffix path matcher", ":8080 {\n\t@php path *.php\n\tredir @php https://{host}{uri}\n}\n", 8080, "/a.php", `redirect "" 3:2`},
		{"only *, / and @ are inline matchers", ":8080 {\n\tredir *.php https://{host}{uri}\n}\n", 8080, "/a.php", "unknown"},
		{"glob path matcher", ":8080 {\n\tredir /a/*/b https://{host}{uri}\n}\n", 8080, "/a/x/b", `redirect "" 2:2`},
		{"query is not the path", ":8080 {\n\tredir /up https://{host}{uri}\n}\n", 8080, "/up?full=1", `redirect "" 2:2`},
		{"no check path", ":8080 {\n\tredir https://{host}{uri}\n}\n", 8080, "", "unknown"},
		{"header equals http", ":8080 {\n\t" + xfp + "\tredir @http https://{host}{uri}\n}\n", 8080, "/up", "none"},
		{"not header https", ":8080 {\n\t@insecure not header X-Forwarded-Proto https\n\tredir @insecure https://{host}{uri}\n}\n", 8080, "/up", `redirect "x-forwarded-proto" 3:2`},
		{"absent header", ":8080 {\n\t@insecure header !X-Forwarded-Proto\n\tredir @insecure https://{host}{uri}\n}\n", 8080, "/up", `redirect "x-forwarded-proto" 3:2`},
		{"protocol http", ":8080 {\n\t@plain protocol http\n\tredir @plain https://{host}{uri}\n}\n", 8080, "/up", `redirect "scheme" 3:2`},
		{"not protocol https", ":8080 {\n\t@plain {\n\t\tnot protocol https\n\t}\n\tredir @plain https://{host}{uri}\n}\n", 8080, "/up", `redirect "scheme" 5:2`},
		{"protocol https", ":8080 {\n\t@tls protocol https\n\tredir @tls https://{host}{uri}\n}\n", 8080, "/up", "none"},
		{"health path excluded", ":8080 {\n\t@r {\n\t\tnot path /up\n\t\tprotocol http\n\t}\n\tredir @r https://{host}{uri}\n}\n", 8080, "/up", "none"},
		{"other path not excluded", ":8080 {\n\t@r {\n\t\tnot path /up\n\t\tprotocol http\n\t}\n\tredir @r https://{host}{uri}\n}\n", 8080, "/health", `redirect "scheme" 6:2`},
		{"host matcher unknown", ":8080 {\n\t@h host example.com\n\tredir @h https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"expression unknown", ":8080 {\n\t@e `{scheme} == 'http'`\n\tredir @e https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"undefined matcher", ":8080 {\n\tredir @nope https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"same-named redirs sorted by path", ":8080 {\n\tredir https://{host}{uri}\n\tredir /up /elsewhere\n}\n", 8080, "/up", "none"},
		{"* sorts as no matcher", ":8080 {\n\tredir * https://{host}{uri}\n\t@h header !X-Forwarded-Proto\n\tredir @h /elsewhere\n}\n", 8080, "/up", "none"},
		{"the longer path first", ":8080 {\n\tredir /u* /elsewhere\n\tredir /up* https://{host}{uri}\n}\n", 8080, "/up", `redirect "" 3:2`},
		{"redir before handle", ":8080 {\n\thandle {\n\t\trespond ok\n\t}\n\tredir https://{host}{uri}\n}\n", 8080, "/up", `redirect "" 5:2`},
		{"redir in the handle the path lands in", ":8080 {\n\thandle /api/* {\n\t\treverse_proxy app:3000\n\t}\n\thandle {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", `redirect "" 6:3`},
		{"handle with a path wins", ":8080 {\n\thandle /up {\n\t\trespond ok\n\t}\n\thandle {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "none"},
		{"handle with a header matcher", ":8080 {\n\t" + "@insecure header !X-Forwarded-Proto\n\thandle @insecure {\n\t\tredir https://{host}{uri}\n\t}\n\thandle {\n\t\treverse_proxy app:3000\n\t}\n}\n", 8080, "/up", `redirect "x-forwarded-proto" 4:3`},
		{"handle_path is not modelled", ":8080 {\n\thandle_path /up* {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"route with a redir", ":8080 {\n\troute {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"a handle lets the request through to a route", ":8080 {\n\thandle {\n\t\theader X-A b\n\t}\n\troute {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"what the header gets is unknown", ":8080 {\n\t@i header !X-Forwarded-Proto\n\tredir @i https://{host}{uri}\n\troute {\n\t\tredir /x\n\t}\n}\n", 8080, "/up", "unknown"},
		{"patterns compare lowercased", ":8080 {\n\tredir /UP https://{host}{uri}\n}\n", 8080, "/up", `redirect "" 2:2`},
		{"a handle on protocol http", ":8080 {\n\t@plain protocol http\n\thandle @plain {\n\t\tredir https://{host}{uri}\n\t}\n\thandle {\n\t\treverse_proxy app:3000\n\t}\n}\n", 8080, "/up", `redirect "scheme" 4:3`},
		{"two header lines merge", ":8080 {\n\t@a {\n\t\theader !X-Forwarded-Proto\n\t\theader X-Forwarded-Proto https\n\t}\n\tredir @a https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"too many redir arguments", ":8080 {\n\tredir https://{host}{uri} 301 more\n}\n", 8080, "/up", "unknown"},
		{"route elsewhere", ":8080 {\n\troute /api/* {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "none"},
		{"rewrite before handle", ":8080 {\n\trewrite /up /x\n\thandle /x {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"plugin directive", ":8080 {\n\trate_limit\n\thandle {\n\t\tredir https://{host}{uri}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"redir in handle_response", ":8080 {\n\treverse_proxy app:3000 {\n\t\t@e status 500\n\t\thandle_response @e {\n\t\t\tredir https://{host}{uri}\n\t\t}\n\t}\n}\n", 8080, "/up", "unknown"},
		{"redir in handle_errors only", ":8080 {\n\thandle_errors {\n\t\tredir https://{host}{uri}\n\t}\n\treverse_proxy app:3000\n}\n", 8080, "/up", "none"},
		{"import in the site", "(s) {\n\tredir https://{host}{uri}\n}\n:8080 {\n\timport s\n}\n", 8080, "/up", "unknown"},
		{"order option", "{\n\torder rate_limit before redir\n}\n:8080 {\n\tredir https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"a site with a host", "http://example.com:8080 {\n\tredir https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"duplicate matcher definition", ":8080 {\n\t@a protocol http\n\t@a protocol http\n\tredir @a https://{host}{uri}\n}\n", 8080, "/up", "unknown"},
		{"automatic HTTPS", "example.com {\n\treverse_proxy app:3000\n}\n", 80, "/up", `redirect "scheme" 1:1`},
		{"automatic HTTPS whatever the path", "example.com {\n\treverse_proxy app:3000\n}\n", 80, "", `redirect "scheme" 1:1`},
		{"automatic HTTPS on http_port", "{\n\thttp_port 8080\n}\nexample.com {\n}\n", 8080, "/up", `redirect "scheme" 4:1`},
		{"automatic HTTPS behind an own catch-all", "example.com {\n}\n:80 {\n\trespond ok\n}\n", 80, "/up", "none"},
		{"automatic HTTPS behind an own redir", "example.com {\n}\nhttp:// {\n\tredir https://{host}{uri} 308\n}\n", 80, "/up", `redirect "" 4:2`},
		{"automatic HTTPS behind a host site", "example.com {\n}\nhttp://other.com {\n\trespond ok\n}\n", 80, "/up", "unknown"},
		{"automatic HTTPS for https:// without a host", "https:// {\n}\n", 80, "/up", `redirect "scheme" 1:1`},
		{"automatic HTTPS disabled", "{\n\tauto_https disable_redirects\n}\nexample.com {\n}\n", 80, "/up", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := redirectOf(t, tc.conf, tc.port, tc.path); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
