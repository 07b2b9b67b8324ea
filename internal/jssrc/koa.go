package jssrc

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/flylint-dev/flylint/internal/listen"
)

// KoaSSLifyBy names koa-sslify's redirect in messages.
const KoaSSLifyBy = "Koa (koa-sslify)"

// koaRoutes models koa-sslify on the Koa app that listens.
//
// koa-sslify 6.0.0 (turboMaCk/koa-sslify@630cc72, index.js): the
// middleware calls next() when options.resolver(ctx) is true; otherwise
// it answers a method in redirectMethods (default GET, HEAD) with a 301
// (307 with temporary) to https:// and any other with disallowStatus
// (405). It has no option to skip paths. The default resolver is
// ctx.secure; xForwardedProtoResolver compares X-Forwarded-Proto with
// "https" exactly. ctx.secure is ctx.protocol == "https", and
// ctx.protocol reads X-Forwarded-Proto only when app.proxy is true
// (https://koajs.com/#request, request.protocol and request.secure,
// Koa 2.x): a plain request, as a check is, is never secure otherwise.
//
// Koa runs middleware in the order app.use registers it
// (https://koajs.com/#cascading); flylint does not tell which
// middleware may answer without calling next, so any app.use before
// koa-sslify leaves the paths undecided.
func (a *analysis) koaRoutes(m *module, recv js.IExpr) *listen.HTTPRoutes {
	app := a.koaApp(m, recv)
	if app == nil {
		return nil
	}
	w := &expressWalk{a: a, m: m, app: app, koa: true}
	w.stmts(m.f.ast.List)
	if !w.found {
		return nil
	}
	if w.koaProxy() {
		w.undecided = true
	}
	// koa-sslify has no option to skip a path: its outcome is the same
	// for every path, a server-level one.
	r := w.redirect
	if w.undecided {
		r = listen.Redirect{Kind: listen.RedirectUnknown}
	}
	return &listen.HTTPRoutes{By: KoaSSLifyBy, Server: r}
}

// koaApp is the const, top-level variable of m holding `new Koa()`, with
// no options (they may set proxy), that recv is.
func (a *analysis) koaApp(m *module, recv js.IExpr) *js.Var {
	if g, ok := recv.(*js.GroupExpr); ok {
		recv = g.X
	}
	e, ok := recv.(*js.Var)
	if !ok {
		return nil
	}
	v, b, ok := constApp(m, e)
	if !ok {
		return nil
	}
	n, ok := b.init.(*js.NewExpr)
	if !ok || n.Args != nil && len(n.Args.List) > 0 {
		return nil
	}
	switch a.origin(m, n, 0) {
	case "mod:koa#default()", "mod:koa#*()":
		return v
	}
	return nil
}

// koaCall is app.<name>(...) as a statement of a Koa app.
func (w *expressWalk) koaCall(c *js.CallExpr, name string) {
	args := c.Args.List
	switch name {
	case "use":
		if len(args) == 1 && !args[0].Rest {
			if inner, ok := args[0].Value.(*js.CallExpr); ok {
				switch w.a.origin(w.m, inner.X, 0) {
				case "mod:koa-sslify#default", "mod:koa-sslify#*.default":
					w.koaSSLify(c, inner)
					return
				}
			}
		}
		w.undecided = true
	case "listen", "on":
	default:
		w.undecided = true
	}
}

func (w *expressWalk) koaSSLify(use, inner *js.CallExpr) {
	r := listen.Redirect{Kind: listen.Redirects, Cond: listen.CondScheme, Methods: []string{"GET", "HEAD"}}
	w.eachOption(inner, func(mod *module, name string, val js.IExpr) {
		switch name {
		case "resolver":
			switch w.a.origin(mod, val, 0) {
			case "mod:koa-sslify#xForwardedProtoResolver", "mod:koa-sslify#*.xForwardedProtoResolver":
				r.Cond = listen.CondForwardedProto
			case "mod:koa-sslify#httpsResolver", "mod:koa-sslify#*.httpsResolver":
			default:
				w.undecided = true
			}
		case "redirectMethods":
			ms, ok := w.a.stringList(mod, val)
			if !ok {
				w.undecided = true
			}
			r.Methods = ms
		}
	})
	if r.Cond == listen.CondForwardedProto {
		r.Fix = "Add X-Forwarded-Proto = \"https\" to the check's headers table, or register koa-sslify after a middleware that answers the check's path."
	} else {
		r.Fix = "No header changes that while koa-sslify's resolver is ctx.secure: pass { resolver: xForwardedProtoResolver } and add X-Forwarded-Proto = \"https\" to the check's headers table, or answer the check's path in a middleware registered before koa-sslify."
	}
	r.Range = w.callRange(use)
	w.found, w.redirect = true, r
}

// stringList is an array literal of strings, upper-cased as koa-sslify
// compares them with ctx.method (which Node gives upper-case).
func (a *analysis) stringList(m *module, e js.IExpr) ([]string, bool) {
	arr, ok := e.(*js.ArrayExpr)
	if !ok {
		return nil, false
	}
	var out []string
	for _, el := range arr.List {
		if el.Spread || el.Value == nil {
			return nil, false
		}
		v := a.eval(m, el.Value, 0)
		if v.k != kStr {
			return nil, false
		}
		out = append(out, v.s)
	}
	if len(out) == 0 {
		// An empty list redirects nothing; Methods must not be empty,
		// which would mean every method.
		return []string{""}, true
	}
	for i := range out {
		// koa-sslify compares exactly: "get" never equals ctx.method.
		if out[i] != strings.ToUpper(out[i]) {
			out[i] = ""
		}
	}
	return out, true
}

// koaProxy: app.proxy read or set anywhere in the module; with it
// ctx.secure reads X-Forwarded-Proto.
func (w *expressWalk) koaProxy() bool {
	f := &finder{match: func(n js.INode) bool {
		d, ok := n.(*js.DotExpr)
		return ok && isVar(d.X, w.app) && dotName(d) == "proxy"
	}}
	js.Walk(f, w.m.f.ast)
	return f.found
}
