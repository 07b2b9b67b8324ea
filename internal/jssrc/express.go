package jssrc

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// ExpressSSLifyBy names express-sslify's redirect in messages.
const ExpressSSLifyBy = "Express (express-sslify)"

// expressRoutes models the redirect to https:// that express-sslify's
// middleware does on an Express app, for the listener of that app.
//
// express-sslify 1.2.0 (florianheinemann/express-sslify@b321fc7,
// index.js): HTTPS(options) returns a middleware that takes a request as
// HTTPS when req.secure, or with trustProtoHeader when X-Forwarded-Proto
// starts with "https", or with trustAzureHeader when X-ARR-SSL is set;
// otherwise it answers a GET or HEAD with res.redirect(301, "https://"...)
// and any other method with a 403. It has no option to skip paths.
//
// req.secure is req.protocol == "https", and req.protocol reads
// X-Forwarded-Proto only when the "trust proxy" setting trusts the peer
// (https://expressjs.com/en/4x/api.html#req.protocol, #req.secure,
// Express 4.x and 5.x); without that setting a plain request, as a
// check is, is never secure.
//
// Express runs middleware and routes in the order they are registered
// (https://expressjs.com/en/guide/using-middleware.html, "the order of
// middleware loading is important", 4.x/5.x): a route registered before
// the middleware answers its path first. Only the module that creates
// the app and listens is read, only its top-level statements, in order;
// anything that could register a handler before the middleware and is
// not decided here leaves every path undecided.
func (a *analysis) expressRoutes(m *module, recv js.IExpr) *listen.HTTPRoutes {
	app := a.expressApp(m, recv)
	if app == nil {
		return nil
	}
	w := &expressWalk{a: a, m: m, app: app}
	w.stmts(m.f.ast.List)
	if !w.found {
		return nil
	}
	if w.settingsUndecided() {
		w.undecided = true
	}
	r := w.redirect
	routes, mounts, undecided := w.routes, w.mounts, w.undecided
	return &listen.HTTPRoutes{By: ExpressSSLifyBy, Lookup: func(p string) listen.Redirect {
		if undecided || p == "" && len(routes)+len(mounts) > 0 {
			return listen.Redirect{Kind: listen.RedirectUnknown}
		}
		if p != "" {
			if i := strings.IndexAny(p, "?#"); i >= 0 {
				p = p[:i]
			}
			if !plainRoutePath(p) {
				return listen.Redirect{Kind: listen.RedirectUnknown}
			}
			for _, mp := range mounts {
				if underMount(mp, p) {
					return listen.Redirect{Kind: listen.RedirectUnknown}
				}
			}
			for _, rp := range routes {
				if expressPathMatch(rp, p) {
					return listen.Redirect{}
				}
			}
		}
		return r
	}}
}

// sslifyRoutes is what koa-sslify or express-sslify does on the app a
// listen call is made on (recv); nil when the module uses neither on it.
// Only a module that imports one of them, in an app that depends on it
// and its framework, is walked.
func (a *analysis) sslifyRoutes(m *module, recv js.IExpr) *listen.HTTPRoutes {
	if a.opt.Deps["koa-sslify"] && a.opt.Deps["koa"] && importsPkg(m, "koa-sslify") {
		if r := a.koaRoutes(m, recv); r != nil {
			return r
		}
	}
	if a.opt.Deps["express-sslify"] && a.opt.Deps["express"] && importsPkg(m, "express-sslify") {
		return a.expressRoutes(m, recv)
	}
	return nil
}

// constApp is the variable e names when it is a const declared at m's
// top level (not a destructured property), with its binding: the only
// app variable whose middleware the walk can follow statement by
// statement.
func constApp(m *module, e *js.Var) (*js.Var, binding, bool) {
	v := root(e)
	b, ok := m.binds[v]
	if !ok || !b.isConst || b.prop != "" || m.declared(v.Data) != v {
		return nil, binding{}, false
	}
	return v, b, true
}

func importsPkg(m *module, pkg string) bool {
	for _, s := range imports(m) {
		if s == pkg {
			return true
		}
	}
	return false
}

// expressApp is the const, top-level variable of m holding express()
// that recv is, or that http.createServer(app) is given.
func (a *analysis) expressApp(m *module, recv js.IExpr) *js.Var {
	for depth := 0; depth < 4; depth++ {
		switch e := recv.(type) {
		case *js.GroupExpr:
			recv = e.X
			continue
		case *js.CallExpr:
			o := a.origin(m, e.X, 0)
			if o != "mod:http#*.createServer" && o != "mod:http#createServer" || len(e.Args.List) != 1 || e.Args.List[0].Rest {
				return nil
			}
			recv = e.Args.List[0].Value
			continue
		case *js.Var:
			v, b, ok := constApp(m, e)
			if !ok {
				return nil
			}
			switch o := a.origin(m, b.init, 0); o {
			case "mod:express#default()", "mod:express#*()":
				return v
			case "mod:http#*.createServer()", "mod:http#createServer()":
				recv = b.init
				continue
			}
		}
		return nil
	}
	return nil
}

type expressWalk struct {
	a   *analysis
	m   *module
	app *js.Var
	koa bool // a Koa app and koa-sslify
	// routes are the exact paths of GET routes registered before the
	// middleware; undecided is set when something registered before it
	// may answer a path flylint cannot tell.
	routes    []string
	mounts    []string
	undecided bool
	found     bool
	redirect  listen.Redirect
}

func (w *expressWalk) stmts(list []js.IStmt) {
	for _, s := range list {
		if w.found {
			return
		}
		w.stmt(s)
	}
}

func (w *expressWalk) stmt(s js.IStmt) {
	switch s := s.(type) {
	case *js.BlockStmt:
		w.stmts(s.List)
		return
	case *js.IfStmt:
		if taken, ok := w.envCond(s.Cond); ok {
			if taken {
				w.stmt(s.Body)
			} else if s.Else != nil {
				w.stmt(s.Else)
			}
			return
		}
	case *js.ExprStmt:
		if c, ok := s.Value.(*js.CallExpr); ok {
			if d, ok := c.X.(*js.DotExpr); ok && isVar(d.X, w.app) {
				w.appCall(c, dotName(d))
				return
			}
		}
	case *js.FuncDecl, *js.ClassDecl, *js.ImportStmt, *js.EmptyStmt:
		return // declaring runs nothing
	case *js.VarDecl:
		if !w.mentionsApp(s) || w.isAppDecl(s) {
			if w.callsLocal(s) {
				w.undecided = true
			}
			return
		}
	}
	if w.mentionsApp(s) || w.callsLocal(s) {
		w.undecided = true
	}
}

// appCall is app.<name>(...) as a statement.
func (w *expressWalk) appCall(c *js.CallExpr, name string) {
	args := c.Args.List
	if w.koa {
		w.koaCall(c, name)
		return
	}
	switch name {
	case "use":
		if len(args) >= 2 && !args[0].Rest && !w.mentionsSSLify(c) {
			// Middleware mounted at a path sees only the paths at or
			// under it (https://expressjs.com/en/4x/api.html#app.use,
			// "path" argument).
			if p := literalString(args[0].Value); p != "" && plainRoutePath(p) {
				w.mounts = append(w.mounts, p)
				return
			}
		}
		if len(args) == 1 && !args[0].Rest {
			if inner, ok := args[0].Value.(*js.CallExpr); ok {
				switch w.a.origin(w.m, inner.X, 0) {
				case "mod:express-sslify#*.HTTPS", "mod:express-sslify#HTTPS", "mod:express-sslify#default.HTTPS":
					w.sslify(c, inner)
					return
				}
				if passThrough(w.a.origin(w.m, inner.X, 0)) {
					return
				}
			}
		}
		w.undecided = true
	case "get", "all", "head":
		// Express 4/5 match a route path case-insensitively and with or
		// without a trailing slash unless the app sets "case sensitive
		// routing" or "strict routing" (https://expressjs.com/en/4x/api.html#app.settings.table);
		// only plain paths are compared.
		if len(args) >= 2 && !args[0].Rest {
			if p := literalString(args[0].Value); p != "" && plainRoutePath(p) {
				w.routes = append(w.routes, p)
				return
			}
		}
		w.undecided = true
	case "post", "put", "patch", "delete", "options":
		// Never answers the GET or HEAD that express-sslify redirects.
	case "listen":
	case "set", "enable", "disable", "engine":
		// Settings are judged over the whole module (settingsUndecided).
	default:
		w.undecided = true
	}
}

// passThrough: middleware that answers no GET request by itself and
// calls next(): express.json/urlencoded parse only bodies of their
// Content-Type (https://expressjs.com/en/4x/api.html#express.json,
// 4.16+), helmet sets headers (helmet 7/8 README), compression wraps
// the response (expressjs/compression 1.7 README), morgan logs
// (expressjs/morgan 1.10 README), cors ends only OPTIONS preflights
// (expressjs/cors 2.8 README, preflightContinue).
func passThrough(origin string) bool {
	switch origin {
	case "mod:express#default.json", "mod:express#*.json", "mod:express#default.urlencoded", "mod:express#*.urlencoded",
		"mod:helmet#default", "mod:helmet#*", "mod:compression#default", "mod:compression#*",
		"mod:morgan#default", "mod:morgan#*", "mod:cors#default", "mod:cors#*":
		return true
	}
	return false
}

func (w *expressWalk) sslify(use, inner *js.CallExpr) {
	r := listen.Redirect{Kind: listen.Redirects, Cond: listen.CondScheme, Methods: []string{"GET", "HEAD"}}
	w.eachOption(inner, func(mod *module, name string, val js.IExpr) {
		truth, known := w.a.truth(mod, val)
		switch name {
		case "trustProtoHeader", "trustAzureHeader":
			if !known {
				w.undecided = true
			} else if truth && name == "trustProtoHeader" {
				r.Cond = listen.CondForwardedProto
				// Any value starting with "https" passes, so a
				// check sending the header at all is not judged.
				r.AvoidedBy = append(r.AvoidedBy, "x-forwarded-proto")
			} else if truth {
				r.AvoidedBy = append(r.AvoidedBy, "x-arr-ssl")
			}
		}
	})
	// express-sslify has no option to exempt a path: a route registered
	// ahead of it is what answers the check instead.
	if r.Cond == listen.CondForwardedProto {
		r.Fix = "Add X-Forwarded-Proto = \"https\" to the check's headers table, or register the check's route (app.get) before this app.use."
	} else {
		r.Fix = "No header changes that while express-sslify reads only req.secure: register the check's route (app.get) before this app.use, or pass { trustProtoHeader: true } to HTTPS() and add X-Forwarded-Proto = \"https\" to the check's headers table."
	}
	r.Range = w.callRange(use)
	w.found, w.redirect = true, r
}

// callRange is the name of a method call (app.use) as written.
func (w *expressWalk) callRange(c *js.CallExpr) source.Range {
	for _, cc := range w.m.calls {
		if cc.callee == c.X && cc.anchor >= 0 {
			if i, ok := w.m.f.tokAt(cc.anchor); ok {
				return w.m.f.rangeOf(span{cc.anchor, w.m.f.toks[i].end})
			}
		}
	}
	return source.Range{File: w.m.f.path}
}

// envCond decides `process.env.X === "lit"` (or !==, ==, !=) when the
// app's environment sets X; any other condition is undecided.
func (w *expressWalk) envCond(e js.IExpr) (bool, bool) {
	b, ok := e.(*js.BinaryExpr)
	if !ok {
		return false, false
	}
	switch b.Op {
	case js.EqEqEqToken, js.NotEqEqToken, js.EqEqToken, js.NotEqToken:
	default:
		return false, false
	}
	x, y := w.a.eval(w.m, b.X, 0), w.a.eval(w.m, b.Y, 0)
	if x.env == "" {
		x, y = y, x
	}
	if x.env == "" || y.env != "" || y.k != kStr {
		return false, false
	}
	// An unset variable is not taken for undefined: a secret may set it.
	if v, ok := w.a.opt.Env[x.env]; !ok || v.Unknown {
		return false, false
	}
	return w.a.eval(w.m, b, 0).truthy()
}

func (w *expressWalk) isAppDecl(s *js.VarDecl) bool {
	for _, el := range s.List {
		if v, ok := el.Binding.(*js.Var); ok && root(v) == w.app {
			return len(s.List) == 1
		}
	}
	// const server = http.createServer(app) registers nothing.
	if len(s.List) == 1 {
		if c, ok := s.List[0].Default.(*js.CallExpr); ok {
			o := w.a.origin(w.m, c.X, 0)
			return (o == "mod:http#*.createServer" || o == "mod:http#createServer") && len(c.Args.List) == 1 && isVar(c.Args.List[0].Value, w.app)
		}
	}
	return false
}

func (w *expressWalk) mentionsApp(n js.INode) bool {
	f := &finder{match: func(n js.INode) bool {
		v, ok := n.(*js.Var)
		return ok && root(v) == w.app
	}}
	js.Walk(f, n)
	return f.found
}

// callsLocal: a call of a function this module declares, which may
// reach the app through its closure.
func (w *expressWalk) callsLocal(n js.INode) bool {
	f := &finder{match: func(n js.INode) bool {
		c, ok := n.(*js.CallExpr)
		if !ok {
			return false
		}
		v, ok := c.X.(*js.Var)
		return ok && root(v).Decl != js.NoDecl && !isImported(w.m, v)
	}}
	js.Walk(f, n)
	return f.found
}

func isImported(m *module, v *js.Var) bool {
	_, ok := m.importOf(v)
	if ok {
		return true
	}
	if b, ok := m.binds[root(v)]; ok {
		if c, ok := b.init.(*js.CallExpr); ok && isGlobal(c.X, "require") {
			return true
		}
	}
	return false
}

type finder struct {
	match func(js.INode) bool
	found bool
}

func (f *finder) Enter(n js.INode) js.IVisitor {
	if f.found {
		return nil
	}
	if f.match(n) {
		f.found = true
		return nil
	}
	return f
}

func (f *finder) Exit(js.INode) {}

func isVar(e js.IExpr, v *js.Var) bool {
	x, ok := e.(*js.Var)
	return ok && root(x) == v
}

// plainRoutePath: a path with none of the characters Express's path
// syntax gives a meaning (path-to-regexp 0.1.x for Express 4, 8.x for
// Express 5: : * ? + ( ) [ ] { } !), nor an escape.
func plainRoutePath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for _, c := range p {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '/', c == '-', c == '_', c == '.', c == '~':
		default:
			return false
		}
	}
	return true
}

// expressPathMatch compares as Express's router does by default: case
// folded, a trailing slash optional.
func expressPathMatch(route, p string) bool {
	trim := func(s string) string {
		if len(s) > 1 {
			return strings.TrimSuffix(s, "/")
		}
		return s
	}
	return strings.EqualFold(trim(route), trim(p))
}

// truth is what an option's value is as a condition: the literals true
// and false (which eval leaves unknown, having no boolean kind), else
// what eval knows.
func (a *analysis) truth(m *module, e js.IExpr) (bool, bool) {
	var tt js.TokenType
	switch l := e.(type) {
	case js.LiteralExpr:
		tt = l.TokenType
	case *js.LiteralExpr:
		tt = l.TokenType
	}
	switch tt {
	case js.TrueToken:
		return true, true
	case js.FalseToken:
		return false, true
	}
	if e == nil {
		return false, false
	}
	return a.eval(m, e, 0).truthy()
}

// underMount: a path Express hands to middleware mounted at mount,
// compared as its router does by default (case folded, at a segment
// boundary, the mount's trailing slash ignored).
func underMount(mount, p string) bool {
	m := strings.ToLower(strings.TrimSuffix(mount, "/"))
	p = strings.ToLower(p)
	return m == "" || p == m || strings.HasPrefix(p, m+"/")
}

func (w *expressWalk) mentionsSSLify(n js.INode) bool {
	f := &finder{match: func(n js.INode) bool {
		e, ok := n.(js.IExpr)
		return ok && strings.HasPrefix(w.a.origin(w.m, e, 0), "mod:express-sslify#")
	}}
	js.Walk(f, n)
	return f.found
}

// settingsUndecided: a call anywhere in the module, before or after the
// middleware, in a function or not, that may set "trust proxy" (it makes
// req.secure read X-Forwarded-Proto from trusted peers, and which peer a
// check comes from is not known, and Express reads it per request) or
// the routing settings that change how paths match. Any setting flylint
// cannot name might be one of them.
func (w *expressWalk) settingsUndecided() bool {
	for _, c := range w.m.calls {
		d, ok := c.callee.(*js.DotExpr)
		if !ok || !isVar(d.X, w.app) {
			continue
		}
		switch dotName(d) {
		case "set", "enable", "disable":
			if len(c.args) == 0 || c.args[0] == nil {
				return true
			}
			switch literalString(c.args[0]) {
			case "", "trust proxy", "strict routing", "case sensitive routing":
				return true
			}
		}
	}
	return false
}

// eachOption calls f for each property of a middleware factory's one
// options argument (HTTPS({...}), sslify({...})). Anything else there (a
// second argument, a spread, a value that is not an object literal, a
// computed key) leaves the walk undecided.
func (w *expressWalk) eachOption(factory *js.CallExpr, f func(mod *module, name string, val js.IExpr)) {
	if len(factory.Args.List) == 0 {
		return
	}
	if len(factory.Args.List) > 1 || factory.Args.List[0].Rest {
		w.undecided = true
	}
	opts := w.a.eval(w.m, factory.Args.List[0].Value, 0)
	if opts.k != kObj {
		w.undecided = true
		return
	}
	for _, p := range opts.obj.List {
		name, ok := propKey(p)
		if !ok {
			w.undecided = true
			continue
		}
		f(opts.mod, name, p.Value)
	}
}
