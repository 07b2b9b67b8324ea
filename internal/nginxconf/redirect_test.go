package nginxconf

import (
	"fmt"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// TestRoutes checks what a health check's request (plain HTTP, no
// X-Forwarded-Proto) gets for one path of one server block.
func TestRoutes(t *testing.T) {
	kinds := map[listen.RedirectKind]string{listen.NoRedirect: "none", listen.Redirects: "redirect", listen.RedirectUnknown: "unknown"}
	for _, tc := range []struct{ server, path, want string }{
		{`return 301 https://$host$request_uri;`, "/up", "redirect  1:10"},
		{`return https://example.com;`, "/up", "redirect  1:10"},
		{`return 301 $scheme://example.com;`, "/up", "unknown"},
		{`return 200;`, "/up", "none"},
		{`if ($http_x_forwarded_proto != "https" ) { return 308 https://x; }`, "/up", "redirect x-forwarded-proto 1:53"},
		{`if ($http_x_forwarded_proto != https) { rewrite ^(.*)$ https://x$1 permanent; }`, "/", "redirect x-forwarded-proto 1:50"},
		// An absent header is an empty value, which is not "http".
		{`if ($http_x_forwarded_proto = "http" ) { return 301 https://x; }`, "/up", "none"},
		{`if ( $scheme = http ) { return 301 https://x; }`, "/up", "redirect scheme 1:34"},
		{`if ($scheme != "https" ) { return 301 https://x; }`, "/up", "redirect scheme 1:37"},
		{`if ($host = a ) { return 301 https://x; }`, "/up", "unknown"},
		// An if flylint cannot decide may redirect elsewhere or stop:
		// what follows it is not known to run.
		{`if ($host = a ) { return 200; } return 301 https://x;`, "/up", "unknown"},
		{`rewrite ^/old https://x permanent;`, "/up", "unknown"},
		{`break; return 301 https://x;`, "/up", "none"},
		{`location / { return 301 https://x; } location = /up { return 200; }`, "/up", "none"},
		{`location / { return 301 https://x; } location = /up { return 200; }`, "/upx", "redirect  1:23"},
		{`location / { } location /api { return 301 https://x; }`, "/up", "none"},
		{`location / { } location /api { return 301 https://x; }`, "/api/v1", "redirect  1:41"},
		{`location / { return 301 https://x; } location ~ ^/up { }`, "/up", "unknown"},
		{`location / { return 301 https://x; location /up { } }`, "/up", "unknown"},
		{`location / { return 301 https://x; } location @named { }`, "/up", "redirect  1:23"},
		{`location / { return 301 https://x; }`, "", "unknown"},
		{`include redirects.conf;`, "/up", "unknown"},
	} {
		f, err := Parse("", []byte("server { "+tc.server+" }"))
		if err != nil {
			t.Fatalf("%s: %v", tc.server, err)
		}
		r := Routes(f.Directives[0].Block).For(tc.path)
		got := kinds[r.Kind]
		if r.Kind == listen.Redirects {
			got = fmt.Sprintf("%s %s %d:%d", got, r.Cond, r.Range.Start.Line, r.Range.Start.Col)
		}
		if got != tc.want {
			t.Errorf("server { %s } for %q: got %q, want %q", tc.server, tc.path, got, tc.want)
		}
	}
}
