package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var CheckRedirectedToHTTPS = Register(&Rule{
	ID:       "check-redirected-to-https",
	Severity: diag.Warning,
	Title:    "An HTTP health check gets a redirect to HTTPS",
	Since:    "0.2.0",
	Why: "An HTTP check's port is served by an nginx server block, a Caddy site, a Phoenix release whose endpoint sets `force_ssl`, a Rails server with `config.force_ssl = true`, or an Express or Koa app that uses express-sslify or koa-sslify, that answers the check's path with a redirect to `https://`.\n\n" +
		"Fly Proxy terminates TLS and forwards plain HTTP to `internal_port`, adding `X-Forwarded-Proto`; health checks do not go through Fly Proxy: they send a plain HTTP request to the Machine with only the headers in the check's `headers` table. " +
		"An HTTP check passes only on a 2xx status, so a 301, 302, 307 or 308 fails it on every run: a failing service check keeps Fly Proxy from routing to the Machine, and a top-level check reports it unhealthy for good.\n\n" +
		"When the redirect depends on `$http_x_forwarded_proto` (`if ($http_x_forwarded_proto != \"https\")`), send the header with the check: `[http_service.checks.headers]` (or `[services.http_checks.headers]`, `[checks.<name>.headers]`) `X-Forwarded-Proto = \"https\"`. " +
		"When it is unconditional or depends on `$scheme`, no header helps: point the check at a `location` that does not redirect, or exclude the check's path from the redirect.\n\n" +
		"Caddy: a `redir` to `https://` runs before every handler that answers (`handle`, `reverse_proxy`, `file_server`), so a `redir` whose matcher takes the check's path fails it. " +
		"With `header X-Forwarded-Proto http` the check, which sends no such header, is not redirected; with `not header X-Forwarded-Proto https` or `header !X-Forwarded-Proto` it is, unless it sends the header; with `protocol http` it always is. " +
		"A site address with a host name (`example.com`) turns on automatic HTTPS, which answers every plain request on the HTTP port (80, or `http_port`) with a 308 whatever its path and Host: when Fly Proxy terminates TLS, write the address without a host (`:8080`, `http://`), or set `auto_https disable_redirects`.\n\n" +
		"flylint reports only what Caddy's code decides for the check's request; imports, the `order` option, `route`, `handle_path`, host and expression matchers leave the site undecided, and nothing is reported.\n\n" +
		"Phoenix's `force_ssl` plugs `Plug.SSL` (compile-time config: config/config.exs and the env file it imports), which phx.new 1.8 generates as `force_ssl: [rewrite_on: [:x_forwarded_proto], ...]`: it redirects unless the request says `X-Forwarded-Proto: https`, so the header fixes the check; without `rewrite_on` only `exclude: [paths: [\"/health\"]]` does. " +
		"flylint reads the release's config (config.exs, the env file, runtime.exs) without running it, and only for a process that starts the release the Dockerfile copies (`/app/bin/server` from `mix phx.gen.release`, or `bin/<app> start`) when the app's `start/2` lists the endpoint among its children unconditionally, as phx.new generates it. " +
		"Plug.SSL also exempts the hosts `localhost` and `127.0.0.1` by default; Fly's docs do not say which Host a check sends, and checks dial the Machine's address, so flylint takes a check as not exempt unless its `headers` set one of those as `Host`; other excluded hosts leave it silent.\n\n" +
		"Rails: with `config.force_ssl = true`, ActionDispatch::SSL redirects every request that Rack does not see as HTTPS, and Rack sees `X-Forwarded-Proto: https` as HTTPS. " +
		"flylint reads `config/environments/<RAILS_ENV>.rb` as the Dockerfile copies it into the image, and reports only when `force_ssl` is a literal `true` at the top level of the `configure` block, `config.assume_ssl` is not `true` (it makes every request count as HTTPS; Rails 8 generates it on), `config.ssl_options` sets no `redirect:`, and neither `config/application.rb` nor an initializer mentions these settings or moves a middleware ahead of `ActionDispatch::SSL` (`insert_before`, `unshift`, …), which could answer the check first. " +
		"Send the header as above (flyctl writes it into the checks it generates for Rails apps), or set `config.assume_ssl = true`.\n\n" +
		"Express: `app.use(enforce.HTTPS(...))` from express-sslify answers a GET or HEAD that it does not take for HTTPS with a 301 to `https://` (other methods get a 403). " +
		"With `trustProtoHeader: true` a request whose `X-Forwarded-Proto` starts with `https` passes, so the header fixes the check; without it the middleware reads only `req.secure`, which is false for a plain request unless the app sets `trust proxy`, so no header helps: register the check's route (`app.get(\"/healthz\", ...)`) before the `app.use`, since Express runs routes and middleware in the order they are registered. " +
		"flylint reads this only in the module that creates the app with `express()` and listens on it (`app.listen`, or `http.createServer(app)`), when package.json depends on express-sslify, and only its top-level statements: a `use` inside `if (process.env.NODE_ENV === \"production\")` counts only when the Dockerfile or fly.toml sets NODE_ENV, and a `use` in a function, another condition, `trust proxy`, or anything before the middleware that may answer the check's path (a router, `express.static`, a call that is handed the app) leaves the check unjudged.\n\n" +
		"Koa: `app.use(sslify(...))` from koa-sslify 6 answers a GET or HEAD (its `redirectMethods`) that its resolver does not take for HTTPS with a 301 or 307 to `https://`. " +
		"With `resolver: xForwardedProtoResolver` the header `X-Forwarded-Proto: https` fixes the check; with the default resolver (`ctx.secure`) no header does unless the app sets `app.proxy`. " +
		"flylint reads it on a `new Koa()` that listens in the same module, and leaves the check unjudged when another middleware is registered before koa-sslify, another resolver is used, or `app.proxy` appears.",
	ExampleFile: "fly.toml",
	Bad: `# nginx.conf: server { listen 8080;
#   if ($http_x_forwarded_proto != "https") { return 301 https://$host$request_uri; } ... }
[http_service]
  internal_port = 8080

  [[http_service.checks]]
    path = "/up"`,
	Good: `[http_service]
  internal_port = 8080

  [[http_service.checks]]
    path = "/up"
    [http_service.checks.headers]
      X-Forwarded-Proto = "https"`,
	URLs: []string{
		// "HTTP checks go further by making a request to a specific path
		// and expecting a 2xx HTTP response" (superfly/docs@21ac1bb
		// reference/health-checks.html.markerb).
		"https://fly.io/docs/reference/health-checks/#service-level-checks",
		// services.http_checks "require not just a connection but a
		// successful HTTP status in response (i.e, 2xx)"; headers "will
		// get passed with the http_check call" (superfly/docs@0153c2a
		// reference/configuration.html.markerb).
		"https://fly.io/docs/reference/configuration/#services-http_checks",
		"https://fly.io/docs/reference/configuration/#the-checks-section",
		// X-Forwarded-Proto is added by Fly Proxy's http handler.
		"https://fly.io/docs/networking/request-headers/",
		"https://nginx.org/en/docs/http/ngx_http_rewrite_module.html",
		// redir's order, codes ("html" is a 200) and matchers: caddyserver/caddy
		// v2.11.4 httpcaddyfile/directives.go, builtins.go parseRedir,
		// caddyhttp/matchers.go; docs caddyserver/website@1a6bbd7.
		"https://caddyserver.com/docs/caddyfile/directives/redir",
		"https://caddyserver.com/docs/caddyfile/directives#directive-order",
		// The HTTP->HTTPS redirect server ends with a catch-all on protocol
		// http (caddyserver/caddy v2.11.4 modules/caddyhttp/autohttps.go).
		"https://caddyserver.com/docs/automatic-https#effects",
		// Plug.SSL: redirects when conn.scheme != :https, rewrite_on,
		// exclude hosts/paths (elixir-plug/plug@a898c45 lib/plug/ssl.ex).
		"https://hexdocs.pm/plug/Plug.SSL.html",
		// force_ssl is read with Application.compile_env and forwarded to
		// Plug.SSL (phoenixframework/phoenix@167c469 lib/phoenix/endpoint.ex);
		// phx.new enables it in prod.exs since 1.8.2 (#6435, 4252878).
		"https://hexdocs.pm/phoenix/Phoenix.Endpoint.html#module-runtime-configuration",
		// ActionDispatch::SSL#call redirects unless request.ssl? or
		// ssl_options' redirect is false or its exclude matches
		// (rails/rails v7.1.0 actionpack/lib/action_dispatch/middleware/ssl.rb);
		// AssumeSSL sets HTTPS and X-Forwarded-Proto (assume_ssl.rb, 7.1+).
		"https://api.rubyonrails.org/classes/ActionDispatch/SSL.html",
		"https://guides.rubyonrails.org/configuring.html#config-force-ssl",
		// flyctl ad0172f scanner/rails.go:630 sets HttpCheckHeaders
		// {"X-Forwarded-Proto": "https"} for the Rails checks it writes.
		"https://github.com/superfly/flyctl/blob/ad0172fac/scanner/rails.go#L630",
		// express-sslify 1.2.0 index.js (florianheinemann/express-sslify@b321fc7):
		// req.secure, then trustProtoHeader/trustAzureHeader; 301 for GET/HEAD.
		"https://github.com/florianheinemann/express-sslify/blob/b321fc7a3d3933d090acd9629d34dc2899b829b9/index.js",
		// req.secure and req.protocol ("trust proxy"), Express 4.x.
		"https://expressjs.com/en/4x/api.html#req.secure",
		// "the order of middleware loading is important".
		"https://expressjs.com/en/guide/using-middleware.html",
		// koa-sslify 6.0.0 index.js (turboMaCk/koa-sslify@630cc72):
		// resolvers, redirectMethods, 301/307.
		"https://github.com/turboMaCk/koa-sslify/blob/630cc7259f04dfa22b369851d7dce14aa0c61197/index.js",
		// request.secure, request.protocol and app.proxy, Koa 2.x.
		"https://koajs.com/#request",
	},
	Tags: []string{"checks"},
	Check: func(p *Pass) {
		for _, s := range p.App.Services {
			if s.Proto == listen.UDP || !s.InternalPort.OK {
				continue
			}
			for _, c := range httpChecks(s) {
				if c.Protocol.OK && c.Protocol.V == "https" {
					continue // https-check-on-plain-port's case
				}
				redirectCheck(p, serviceGroups(p.App, s), s.InternalPort.V, c.Path, c.Method, c.Headers, c.Header)
			}
		}
		if p.App.Config == nil {
			return
		}
		for _, c := range p.App.Config.Checks {
			if !c.Type.OK || c.Type.V != "http" || !c.Port.OK {
				continue
			}
			names := c.Processes.V
			if len(names) == 0 {
				names = p.App.Config.GroupNames()
			}
			var groups []*workspace.Group
			for _, n := range names {
				if g := groupNamed(p.App, n); g != nil {
					groups = append(groups, g)
				}
			}
			redirectCheck(p, groups, c.Port.V, c.Path, c.Method, c.Headers, c.Header)
		}
	},
})

// redirectCheck reports one check when every server (nginx, Caddy, Rails, Phoenix, Express, Koa) on its port, in
// every group it runs in, redirects its path to https for a request with
// the check's headers.
func redirectCheck(p *Pass, groups []*workspace.Group, port int, path, method flytoml.Field[string], h flytoml.Headers, header source.Range) {
	if !h.Known || len(groups) == 0 {
		return
	}
	pathText := ""
	if path.OK {
		pathText = path.V
	}
	sendsHTTPS := h.Values["x-forwarded-proto"] == "https"
	// The first redirect found is the one the message tells; the loop
	// only has to see that every other listener redirects too.
	var r listen.Redirect
	by := ""
	for i, g := range groups {
		n := 0
		for _, l := range listenersOf(g, listen.TCP) {
			if !l.Port.Known() || l.Port.Number != port {
				continue
			}
			if !g.ListenersKnown && !l.Definite {
				return
			}
			n++
			lr := l.Routes.For(pathText)
			if lr.Kind != listen.Redirects || lr.Cond == listen.CondForwardedProto && sendsHTTPS || l.Routes.ExcludesHost(h.Values["host"]) {
				return
			}
			if len(lr.Methods) > 0 && !redirectsMethod(lr.Methods, method) {
				return
			}
			for _, name := range lr.AvoidedBy {
				if _, sent := h.Values[name]; sent {
					return
				}
			}
			if i == 0 && n == 1 {
				r, by = lr, l.Routes.By
			}
		}
		if n == 0 {
			return
		}
	}
	fix := func(general string) string {
		if r.Fix != "" {
			return r.Fix
		}
		return general
	}
	if by == "" {
		by = "the server"
	}
	at := header
	if path.OK {
		at = path.Value
	}
	what := fmt.Sprintf("path %q", pathText)
	if !path.OK {
		what = "this check's path"
	}
	var msg string
	switch r.Cond {
	case listen.CondForwardedProto:
		msg = fmt.Sprintf("%s on port %d redirects %s to https:// unless X-Forwarded-Proto is \"https\", and this check does not send that header: "+
			"checks reach the Machine directly over plain HTTP, without the X-Forwarded-Proto that Fly Proxy adds, and pass only on a 2xx, so the redirect fails the check on every run. "+
			"%s", by, port, what, fix("Add X-Forwarded-Proto = \"https\" to the check's headers table."))
	case listen.CondScheme:
		msg = fmt.Sprintf("%s on port %d redirects %s to https:// whenever the request arrives over plain HTTP, as a check always does: checks reach the Machine directly and pass only on a 2xx, so the redirect fails the check on every run. %s",
			by, port, what, fix("No header changes that; point the check at a path that does not redirect, or exclude its path from the redirect."))
	default:
		msg = fmt.Sprintf("%s on port %d always redirects %s to https://: checks reach the Machine directly over plain HTTP and pass only on a 2xx, so the redirect fails the check on every run. %s",
			by, port, what, fix("No header helps; point the check at a path that does not redirect, or exclude its path from the redirect."))
	}
	p.Report(diag.Diagnostic{Range: at, Message: msg,
		Related: []diag.Related{{Range: r.Range, Message: "the redirect to https://"}}})
}

// redirectsMethod reports whether the check's method is among those
// redirected. A check sends GET unless it sets method (superfly/docs
// 5c22c8c reference/configuration: "If omitted, the default is `get`");
// a method flylint cannot read is not judged.
func redirectsMethod(methods []string, method flytoml.Field[string]) bool {
	m := "GET"
	if method.Set {
		if !method.OK {
			return false
		}
		m = strings.ToUpper(method.V)
	}
	return slices.Contains(methods, m)
}
