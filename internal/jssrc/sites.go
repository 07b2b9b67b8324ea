package jssrc

import (
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Defaults, each as documented for the version named.
const (
	// https://nodejs.org/docs/latest-v22.x/api/net.html#serverlistenport-host-backlog-callback
	// (Node 22; unchanged since Node 0.x): "If host is omitted, the server
	// will accept connections on the unspecified IPv6 address (::) when
	// IPv6 is available, or the unspecified IPv4 address (0.0.0.0)
	// otherwise" — one dual-stack socket on Linux. Express
	// (app.listen = http.createServer(app).listen(...arguments), 4.x/5.x)
	// and Koa (app.listen(...args), 2.x) pass their arguments through.
	nodeHost = "::"
	// https://fastify.dev/docs/latest/Reference/Server/#listen (v4, v5):
	// host defaults to "localhost", port to 0 (any free port); fastify's
	// own test "listen works without arguments" asserts the loopback
	// address (test/listen.1.test.js, 5.5).
	fastifyHost = "localhost"
	// https://bun.sh/docs/api/http#changing-the-port-and-hostname (Bun
	// 1.1): hostname "0.0.0.0"; port $BUN_PORT, $PORT, $NODE_PORT, else
	// 3000. Elysia's listen hands its options to Bun.serve (1.x).
	bunHost = "0.0.0.0"
	bunPort = 3000
	// https://docs.deno.com/api/deno/~/Deno.ServeOptions (Deno 2):
	// hostname "0.0.0.0", port 8000. std/http's serve (0.2xx) has the same
	// defaults.
	denoHost = "0.0.0.0"
	denoPort = 8000
	// @hono/node-server src/server.ts (1.13): listen(options.port ?? 3000,
	// options.hostname); with no hostname Node's default applies. Releases
	// before 1.4 passed hostname ?? '0.0.0.0' (also reachable).
	honoPort = 3000
)

// sites turns the listen calls of one module into listeners.
func (a *analysis) sites(m *module, isEntry bool) []listen.Listener {
	var out []listen.Listener
	for _, c := range m.calls {
		if l, ok := a.site(m, c); ok {
			out = append(out, l)
		}
	}
	if isEntry && a.opt.Runtime == "bun" {
		if l, ok := a.bunDefaultExport(m); ok {
			out = append(out, l)
		}
	}
	return out
}

func (a *analysis) site(m *module, c call) (listen.Listener, bool) {
	switch callee := c.callee.(type) {
	case *js.DotExpr:
		name := dotName(callee)
		switch {
		case isGlobal(callee.X, "Bun") && name == "serve":
			return a.optionsServer(m, c, 0, "Bun.serve", "bun", bunHost, bunPort, true, "hostname")
		case isGlobal(callee.X, "Deno") && name == "serve":
			return a.denoServe(m, c, "Deno.serve")
		case name == "listen":
			l, ok := a.listenCall(m, c, a.origin(m, callee.X, 0))
			if ok {
				l.Routes = a.sslifyRoutes(m, callee.X)
			}
			return l, ok
		case name == "bind":
			o := a.origin(m, callee.X, 0)
			if strings.HasPrefix(o, "mod:dgram#") && strings.Contains(o, "createSocket()") {
				return a.dgramBind(m, c, callee.X)
			}
		case name == "server" || name == "Server":
			if o := a.origin(m, callee.X, 0); isHapi(o) {
				return a.hapi(m, c)
			}
		}
	case *js.Var:
		o := a.origin(m, callee, 0)
		if !strings.HasPrefix(o, "mod:") {
			return listen.Listener{}, false
		}
		isDeno := strings.HasSuffix(o, "#serve") && (strings.Contains(o, "deno.land/std") || strings.Contains(o, "@std/http")) && strings.Contains(o, "http")
		isHapiServer := strings.HasSuffix(o, "#server") && isHapi(o)
		if o != "mod:@hono/node-server#serve" && o != "mod:bun#serve" && !isDeno && !isHapiServer {
			return listen.Listener{}, false
		}
		if c.anchor < 0 {
			// Only these imported functions are sites: find the call among
			// the tokens now, not for every call of an imported helper
			// (each lookup scans the file's tokens).
			c.anchor = m.nthBareCall(c.bare, c.bareK)
		}
		switch {
		case o == "mod:@hono/node-server#serve":
			return a.optionsServer(m, c, 0, "@hono/node-server serve", "node", nodeHost, honoPort, false, "hostname")
		case o == "mod:bun#serve":
			return a.optionsServer(m, c, 0, "Bun.serve", "bun", bunHost, bunPort, true, "hostname")
		case isDeno:
			return a.denoServe(m, c, "std/http serve")
		case isHapiServer:
			return a.hapi(m, c)
		}
	}
	return listen.Listener{}, false
}

func isHapi(origin string) bool {
	return strings.HasPrefix(origin, "mod:@hapi/hapi#") || strings.HasPrefix(origin, "mod:hapi#")
}

// origin names what an expression is made from, for telling servers
// apart: "mod:fastify#default()" is the result of calling fastify's
// default export, "mod:dgram#*.createSocket()" a UDP socket.
func (a *analysis) origin(m *module, e js.IExpr, depth int) string {
	if depth > 16 || e == nil {
		return ""
	}
	switch e := e.(type) {
	case *js.Var:
		v := root(e)
		if imp, ok := m.importOf(v); ok {
			return "mod:" + strings.TrimPrefix(imp.spec, "node:") + "#" + imp.name
		}
		if v.Decl == js.NoDecl {
			return "global:" + string(v.Data)
		}
		if b, ok := m.binds[v]; ok {
			o := a.origin(m, b.init, depth+1)
			if b.prop != "" {
				if strings.HasSuffix(o, "#*") {
					return strings.TrimSuffix(o, "*") + b.prop
				}
				return o + "." + b.prop
			}
			return o
		}
	case *js.GroupExpr:
		return a.origin(m, e.X, depth+1)
	case *js.UnaryExpr:
		if e.Op == js.AwaitToken {
			return a.origin(m, e.X, depth+1)
		}
	case *js.DotExpr:
		o := a.origin(m, e.X, depth+1)
		if strings.HasSuffix(o, "#*") || strings.HasSuffix(o, "#default") {
			// http.createServer on `import http from "http"` or
			// require("http") both name the module's export.
			return o[:strings.IndexByte(o, '#')+1] + "*." + dotName(e)
		}
		return o + "." + dotName(e)
	case *js.CallExpr:
		if isGlobal(e.X, "require") && len(e.Args.List) == 1 {
			if s := literalString(e.Args.List[0].Value); s != "" {
				return "mod:" + strings.TrimPrefix(s, "node:") + "#*"
			}
		}
		return a.origin(m, e.X, depth+1) + "()"
	case *js.NewExpr:
		return a.origin(m, e.X, depth+1) + "()"
	}
	return ""
}

func literalString(e js.IExpr) string {
	switch l := e.(type) {
	case js.LiteralExpr:
		if l.TokenType == js.StringToken {
			return unquote(l.Data)
		}
	case *js.LiteralExpr:
		if l.TokenType == js.StringToken {
			return unquote(l.Data)
		}
	case *js.TemplateExpr:
		if l.Tag == nil && len(l.List) == 0 {
			return templateText(l.Tail)
		}
	}
	return ""
}

// field is an address part: its value and the code span that carries it.
type field struct {
	v       value
	sp      span
	hasSpan bool
	present bool
}

// argSpans returns the spans of a call's arguments when they can be
// found among the tokens.
func (a *analysis) argSpans(m *module, c call) []span {
	if c.anchor < 0 {
		return nil
	}
	sp := m.f.argsAfter(c.anchor)
	if len(sp) != len(c.args) {
		return nil
	}
	return sp
}

func (a *analysis) arg(m *module, c call, spans []span, i int) field {
	if i >= len(c.args) || c.args[i] == nil {
		return field{}
	}
	f := field{v: a.eval(m, c.args[i], 0), present: true}
	if i < len(spans) {
		f.sp, f.hasSpan = spans[i], true
	}
	return f
}

// option reads the first of names from an options argument. An options
// object flylint cannot see makes every field unknown, never absent.
func (a *analysis) option(m *module, obj field, names ...string) field {
	if !obj.present {
		return field{}
	}
	if obj.v.k != kObj {
		if obj.v.k == kUndef {
			return field{}
		}
		return field{present: true, sp: obj.sp, hasSpan: obj.hasSpan}
	}
	var props []span
	if obj.hasSpan {
		if i, ok := m.f.tokAt(obj.sp.start); ok && m.f.toks[i].text == "{" && obj.v.mod == m {
			props = m.f.list(i)
			if len(props) != len(obj.v.obj.List) {
				props = nil
			}
		}
	}
	for _, name := range names {
		a.budget -= len(obj.v.obj.List)
		if a.budget <= 0 {
			return field{present: true, sp: obj.sp, hasSpan: obj.hasSpan}
		}
		for i := len(obj.v.obj.List) - 1; i >= 0; i-- {
			p := obj.v.obj.List[i]
			if p.Spread {
				return field{present: true, sp: obj.sp, hasSpan: obj.hasSpan}
			}
			if pn, ok := propKey(p); !ok || pn != name {
				continue
			}
			f := field{v: a.eval(obj.v.mod, p.Value, 0), present: true, sp: obj.sp, hasSpan: obj.hasSpan}
			if props != nil {
				f.sp = m.f.propValue(props[i])
			}
			return f
		}
	}
	return field{}
}

// build makes a listener from the fields found; defHost and defPort are
// what the server uses without them (defPort 0: an ephemeral port, which
// Fly cannot route to, so unknown).
func (a *analysis) build(m *module, c call, origin, runtime string, proto listen.Proto, host, port field, defHost string, defPort int, portEnvs bool) listen.Listener {
	l := listen.Listener{Proto: proto, Origin: origin, Program: runtime}
	if c.anchor >= 0 {
		if i, ok := m.f.tokAt(c.anchor); ok {
			l.Range = m.f.rangeOf(span{c.anchor, m.f.toks[i].end})
		}
	}
	if !l.Range.IsValid() {
		l.Range = source.Range{File: m.f.path}
	}
	l.Host = a.host(host, defHost, runtime)
	if host.hasSpan {
		l.HostRange = m.f.rangeOf(host.sp)
	}
	l.Port = a.port(port, defPort, portEnvs)
	if port.hasSpan {
		l.PortRange = m.f.rangeOf(port.sp)
	}
	return l
}

func (a *analysis) host(f field, def, runtime string) listen.Host {
	v := f.v
	if !f.present || (v.k == kUndef && v.env == "") {
		return listen.Host{Text: def, Default: true, Class: listen.ClassifyHost(def, runtime)}
	}
	h := listen.Host{Env: v.env}
	switch v.k {
	case kStr:
		h.Text, h.Class = v.s, listen.ClassifyHost(v.s, runtime)
		if h.Text == "" {
			// "" is no host to Node: the default applies.
			h.Text, h.Default, h.Class = def, true, listen.ClassifyHost(def, runtime)
		}
	case kUndef:
		// An unset variable with no fallback passes undefined: the
		// server's default applies until the variable is set.
		h.Text, h.Default, h.Class = def, true, listen.ClassifyHost(def, runtime)
	default:
		h.Class = listen.HostUnknown
	}
	return h
}

func (a *analysis) port(f field, def int, portEnvs bool) listen.Port {
	if !f.present || (f.v.k == kUndef && f.v.env == "") {
		if portEnvs {
			// Bun reads BUN_PORT, then PORT, then NODE_PORT.
			for _, name := range []string{"BUN_PORT", "PORT", "NODE_PORT"} {
				if v, ok := a.opt.Env[name]; ok {
					return listen.Port{Number: atoiPort(v.Value), Env: name, EnvSet: true, Default: def}
				}
			}
			return listen.Port{Number: def, Env: "PORT", Default: def}
		}
		if def > 0 {
			return listen.Port{Number: def, IsDefault: true}
		}
		return listen.Port{}
	}
	v := f.v
	p := listen.Port{Env: v.env, EnvSet: v.envSet}
	if v.hasDef {
		p.Default = atoiPort(v.def)
	}
	switch v.k {
	case kStr, kNum:
		p.Number = atoiPort(v.s)
	case kUndef:
		// listen(undefined) picks an ephemeral port. An unset variable
		// with no fallback is most often a secret, which flylint cannot
		// see: the port stays unknown rather than required.
	}
	return p
}

func atoiPort(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 || n > 65535 {
		return 0
	}
	return n
}

// listenCall is x.listen(...): Node's net.Server.listen unless x is a
// Fastify or Elysia app.
func (a *analysis) listenCall(m *module, c call, recv string) (listen.Listener, bool) {
	spans := a.argSpans(m, c)
	first := a.arg(m, c, spans, 0)
	switch {
	case strings.Contains(recv, "mod:fastify#"):
		if first.present && first.v.k == kObj || first.v.k == kUnknown && first.present && !isPortish(c.args[0]) {
			return a.build(m, c, "fastify.listen", "node", listen.TCP, a.option(m, first, "host"), a.option(m, first, "port"), fastifyHost, 0, false), true
		}
		// fastify.listen(port, host), deprecated in v4.
		return a.build(m, c, "fastify.listen", "node", listen.TCP, a.arg(m, c, spans, 1), first, fastifyHost, 0, false), true
	case strings.Contains(recv, "mod:elysia#"):
		if first.v.k == kObj {
			return a.build(m, c, "Elysia.listen", "bun", listen.TCP, a.option(m, first, "hostname"), a.option(m, first, "port"), bunHost, bunPort, false), true
		}
		return a.build(m, c, "Elysia.listen", "bun", listen.TCP, field{}, first, bunHost, bunPort, false), true
	case strings.HasPrefix(recv, "mod:dgram#"):
		return listen.Listener{}, false
	case !strings.HasPrefix(recv, "mod:") && m.importsSpec("elysia"):
		// An Elysia app handed through promises or functions: in a file
		// that imports Elysia, a listen on an object flylint cannot
		// trace is taken for Elysia's.
		return a.build(m, c, "Elysia.listen", "bun", listen.TCP, field{}, first, bunHost, bunPort, false), first.v.k != kObj
	}
	runtime := a.opt.Runtime
	if runtime == "deno" {
		runtime = "node" // node:http under Deno follows Node's defaults
	}
	origin := callText(c.callee)
	if !first.present {
		return a.build(m, c, origin, runtime, listen.TCP, field{}, field{}, nodeHost, 0, false), true
	}
	if _, isFn := c.args[0].(*js.ArrowFunc); isFn {
		return a.build(m, c, origin, runtime, listen.TCP, field{}, field{}, nodeHost, 0, false), true
	}
	if first.v.k == kObj {
		// listen({ port, host, path }); a path is a Unix socket.
		if p := a.option(m, first, "path"); p.present {
			return listen.Listener{}, false
		}
		return a.build(m, c, origin, runtime, listen.TCP, a.option(m, first, "host"), a.option(m, first, "port"), nodeHost, 0, false), true
	}
	if first.v.k == kStr && atoiPort(first.v.s) == 0 && first.v.env == "" {
		return listen.Listener{}, false // listen("/tmp/app.sock")
	}
	host := a.arg(m, c, spans, 1)
	if host.present && (host.v.k == kNum || isFunc(c.args[1])) {
		host = field{} // listen(port, backlog) or listen(port, callback)
	}
	return a.build(m, c, origin, runtime, listen.TCP, host, first, nodeHost, 0, false), true
}

func isFunc(e js.IExpr) bool {
	switch e.(type) {
	case *js.ArrowFunc, *js.FuncDecl:
		return true
	}
	return false
}

// isPortish: an expression that is plainly a number, not an options
// object, for fastify's two signatures.
func isPortish(e js.IExpr) bool {
	switch e := e.(type) {
	case js.LiteralExpr:
		return e.TokenType != js.StringToken
	case *js.BinaryExpr, *js.CallExpr, *js.DotExpr, *js.UnaryExpr:
		return true
	}
	return false
}

// optionsServer is a serve(options) call: Bun.serve, @hono/node-server.
func (a *analysis) optionsServer(m *module, c call, at int, origin, runtime, defHost string, defPort int, portEnvs bool, hostKey string) (listen.Listener, bool) {
	spans := a.argSpans(m, c)
	opts := a.arg(m, c, spans, at)
	if p := a.option(m, opts, "unix"); p.present {
		return listen.Listener{}, false
	}
	return a.build(m, c, origin, runtime, listen.TCP, a.option(m, opts, hostKey), a.option(m, opts, "port"), defHost, defPort, portEnvs), true
}

// denoServe is Deno.serve(handler), Deno.serve(options, handler),
// Deno.serve(options) and std/http serve(handler, options).
func (a *analysis) denoServe(m *module, c call, origin string) (listen.Listener, bool) {
	spans := a.argSpans(m, c)
	for i := range c.args {
		if c.args[i] == nil || isFunc(c.args[i]) {
			continue
		}
		f := a.arg(m, c, spans, i)
		if f.v.k == kObj || (f.v.k == kUnknown && !isHandlerRef(c.args[i])) {
			if p := a.option(m, f, "path"); p.present {
				return listen.Listener{}, false
			}
			return a.build(m, c, origin, "deno", listen.TCP, a.option(m, f, "hostname"), a.option(m, f, "port"), denoHost, denoPort, false), true
		}
	}
	return a.build(m, c, origin, "deno", listen.TCP, field{}, field{}, denoHost, denoPort, false), true
}

// isHandlerRef: app.fetch or a function name passed as the handler.
func isHandlerRef(e js.IExpr) bool {
	switch e := e.(type) {
	case *js.DotExpr:
		return dotName(e) == "fetch"
	case *js.Var:
		return true
	}
	return false
}

// hapi is Hapi.server(options) / new Hapi.Server(options).
// https://hapi.dev/api/?v=21.3.2#-serveroptionsaddress: address defaults
// to host when set, else every interface; port defaults to 0 (ephemeral).
func (a *analysis) hapi(m *module, c call) (listen.Listener, bool) {
	spans := a.argSpans(m, c)
	opts := a.arg(m, c, spans, 0)
	host := a.option(m, opts, "address", "host")
	return a.build(m, c, "hapi server", "node", listen.TCP, host, a.option(m, opts, "port"), nodeHost, 0, false), true
}

// dgramBind is socket.bind(port[, address]) or bind({port, address}).
// https://nodejs.org/docs/latest-v22.x/api/dgram.html#socketbindport-address-callback
// (Node 22): without an address the socket listens on every address
// (0.0.0.0 for udp4, :: for udp6). Fly routes UDP only to
// fly-global-services (https://fly.io/docs/networking/udp-and-tcp/).
func (a *analysis) dgramBind(m *module, c call, recv js.IExpr) (listen.Listener, bool) {
	def := "0.0.0.0"
	if t := a.socketType(m, recv); t == "udp6" {
		def = "::"
	}
	spans := a.argSpans(m, c)
	first := a.arg(m, c, spans, 0)
	if first.v.k == kObj {
		return a.build(m, c, "dgram.Socket.bind", "node", listen.UDP, a.option(m, first, "address"), a.option(m, first, "port"), def, 0, false), true
	}
	host := a.arg(m, c, spans, 1)
	if host.present && isFunc(c.args[1]) {
		host = field{}
	}
	return a.build(m, c, "dgram.Socket.bind", "node", listen.UDP, host, first, def, 0, false), true
}

// socketType finds the type given to dgram.createSocket for recv.
func (a *analysis) socketType(m *module, e js.IExpr) string {
	for depth := 0; depth < 8; depth++ {
		switch x := e.(type) {
		case *js.Var:
			b, ok := m.binds[root(x)]
			if !ok {
				return ""
			}
			e = b.init
			continue
		case *js.CallExpr:
			if dotNameOf(x.X) != "createSocket" || len(x.Args.List) == 0 {
				return ""
			}
			v := a.eval(m, x.Args.List[0].Value, 0)
			if v.k == kObj {
				v = a.member(v, "type", 0)
			}
			return v.s
		}
		return ""
	}
	return ""
}

func dotNameOf(e js.IExpr) string {
	if d, ok := e.(*js.DotExpr); ok {
		return dotName(d)
	}
	if v, ok := e.(*js.Var); ok {
		return string(v.Data)
	}
	return ""
}

// bunDefaultExport: Bun serves a default export that has a fetch method
// (https://bun.sh/docs/api/http#export-default-syntax, Bun 1.1) with
// Bun.serve's options.
func (a *analysis) bunDefaultExport(m *module) (listen.Listener, bool) {
	ex, ok := m.exports["default"]
	if !ok || ex.expr == nil {
		return listen.Listener{}, false
	}
	v := a.eval(m, ex.expr, 0)
	o := a.origin(m, ex.expr, 0)
	isApp := strings.HasPrefix(o, "mod:hono#") || strings.HasPrefix(o, "mod:elysia#")
	if v.k != kObj && !isApp {
		return listen.Listener{}, false
	}
	obj := field{v: v, present: v.k == kObj}
	if v.k == kObj {
		if f := a.option(m, obj, "fetch"); !f.present {
			return listen.Listener{}, false
		}
		if obj.v.mod == m {
			// Positions: the object literal's "{" is the token before
			// its first property name.
			if sp, ok := a.objectSpan(m, v.obj); ok {
				obj.sp, obj.hasSpan = sp, true
			}
		}
	}
	c := call{anchor: -1}
	l := a.build(m, c, "Bun.serve (export default)", "bun", listen.TCP, a.option(m, obj, "hostname"), a.option(m, obj, "port"), bunHost, bunPort, true)
	if obj.hasSpan {
		l.Range = m.f.rangeOf(span{obj.sp.start, obj.sp.start + 1})
	}
	return l, true
}

func (a *analysis) objectSpan(m *module, o *js.ObjectExpr) (span, bool) {
	for _, p := range o.List {
		if p.Name == nil || p.Name.Computed != nil {
			continue
		}
		off, ok := m.f.offsetOf(p.Name.Literal.Data)
		if !ok {
			continue
		}
		i, ok := m.f.tokAt(off)
		if !ok {
			continue
		}
		// Walk back to the unmatched "{".
		depth := 0
		for j := i - 1; j >= 0; j-- {
			switch m.f.toks[j].text {
			case "}", ")", "]":
				depth++
			case "(", "[":
				depth--
			case "{":
				if depth == 0 {
					return span{m.f.toks[j].off, m.f.toks[j].end}, true
				}
				depth--
			}
		}
		return span{}, false
	}
	return span{}, false
}

// callText names a callee as written, for messages: "app.listen",
// "http.createServer().listen".
func callText(e js.IExpr) string {
	var walk func(e js.IExpr, depth int) string
	walk = func(e js.IExpr, depth int) string {
		if depth > 4 {
			return "…"
		}
		switch e := e.(type) {
		case *js.Var:
			return string(e.Data)
		case *js.DotExpr:
			return walk(e.X, depth+1) + "." + dotName(e)
		case *js.CallExpr:
			return walk(e.X, depth+1) + "()"
		case *js.NewExpr:
			return "new " + walk(e.X, depth+1) + "()"
		case *js.GroupExpr:
			return walk(e.X, depth+1)
		case *js.UnaryExpr:
			if e.Op == js.AwaitToken {
				return walk(e.X, depth+1)
			}
		}
		return "…"
	}
	return walk(e, 0)
}
