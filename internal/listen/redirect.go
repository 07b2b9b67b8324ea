package listen

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// HTTPRoutes is what a server (an nginx server block, a Caddy site, or
// an app whose framework config forces HTTPS) does with a plain-HTTP request, per
// path, as far as redirects to https:// go. Health checks reach this
// socket directly, over plain HTTP, so a rule can tell whether a check's
// path is answered with a redirect.
type HTTPRoutes struct {
	// By names what redirects, for messages: "nginx", "Caddy",
	// "Phoenix (force_ssl)".
	By string
	// Lookup, when set, decides every path in place of Server and
	// ExcludePaths: for servers that choose by path (nginx's locations,
	// Caddy's matchers and handle blocks, Express routes registered
	// before the middleware). Each server's reader supplies its own.
	Lookup func(path string) Redirect
	// Server is the outcome for every path when Lookup is nil.
	Server Redirect
	// ExcludePaths are paths exempt from the redirect, compared as
	// Plug.SSL compares them: segment by segment (PlugPath).
	ExcludePaths []string
	// ExcludeHosts are Host header values exempt from the redirect
	// (Plug.SSL's exclude hosts).
	ExcludeHosts []string
}

// PlugPath is a path as Plug.Router.Utils.split and conn.path_info see
// it: its non-empty segments, joined by "/" (elixir-plug/plug@a898c45
// lib/plug/router/utils.ex), without the query string.
func PlugPath(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return strings.Join(segs, "/")
}

// ExcludesHost reports whether a request with this Host header value
// is exempt: Plug.SSL compares conn.host, the header without its port.
func (r *HTTPRoutes) ExcludesHost(host string) bool {
	if r == nil || host == "" {
		return false
	}
	h := strings.ToLower(host)
	if strings.HasPrefix(h, "[") {
		if i := strings.Index(h, "]"); i > 0 {
			h = h[:i+1]
		}
	} else if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		h = h[:i]
	}
	for _, x := range r.ExcludeHosts {
		if strings.EqualFold(x, h) {
			return true
		}
	}
	return false
}

// RedirectKind says whether a request is redirected to https://.
type RedirectKind int

const (
	NoRedirect RedirectKind = iota
	Redirects
	RedirectUnknown
)

// Redirect is the outcome for one path.
type Redirect struct {
	Kind RedirectKind
	// Cond is what the redirect depends on: "" (always),
	// CondForwardedProto or CondScheme.
	Cond  string
	Range source.Range // the directive that redirects
	// Fix, when set, is the advice for this redirect in place of the
	// rule's general one (Caddy's automatic HTTPS is not fixed by
	// moving the check to another path).
	Fix string
	// AvoidedBy lists request headers (lower-case) that, when a check
	// sends any of them, may make the server treat the request as
	// HTTPS, so the check is not judged. Rack reads several.
	AvoidedBy []string
	// Methods, when set, are the only request methods redirected
	// (express-sslify answers others with a 403, which is no redirect).
	Methods []string
}

const (
	// CondForwardedProto: the request lacks X-Forwarded-Proto: https.
	CondForwardedProto = "x-forwarded-proto"
	// CondScheme: the request came over plain HTTP, which a check always
	// does, whatever headers it sends.
	CondScheme = "scheme"
)

// For returns what a plain request for path gets. An empty path decides
// only a server-level redirect.
func (r *HTTPRoutes) For(path string) Redirect {
	if r == nil {
		return Redirect{Kind: RedirectUnknown}
	}
	if r.Lookup != nil {
		return r.Lookup(path)
	}
	if len(r.ExcludePaths) > 0 {
		if path == "" {
			return Redirect{Kind: RedirectUnknown}
		}
		pp := PlugPath(path)
		for _, x := range r.ExcludePaths {
			if x == pp {
				return Redirect{}
			}
		}
	}
	if r.Server.Kind != NoRedirect {
		return r.Server
	}
	if path == "" {
		return Redirect{Kind: RedirectUnknown}
	}
	return Redirect{}
}
