package listensite

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Web frameworks whose listen address, network or socket is decided by
// more than one argument: a field set on the app value before the start
// call, an option passed to the constructor, a config passed beside the
// address. Each is modelled from the framework's source at the version
// cited; the simple ones (one address argument) stay in apis.

const (
	// echoStart: Start(address) and StartH2CServer listen on address
	// unless e.Listener is set, which they serve instead; echoStartTLS
	// likewise with e.TLSListener. The network is e.ListenerNetwork.
	echoStart apiKind = iota + 100
	echoStartTLS
	// echoStartServer: StartServer(s) listens on s.Addr.
	echoStartServer
	// fiber3Listen: fiber v3's Listen(addr, ...ListenConfig), the network
	// from ListenConfig.ListenerNetwork.
	fiber3Listen
	// hertzSpin: (*server.Hertz).Spin listens on the address of the last
	// server.WithHostPorts option given to server.Default or server.New.
	hertzSpin
	// hertzRun: (*route.Engine).Run, which Spin calls and programs also
	// call themselves (h.Run(), through the *route.Engine a Hertz
	// embeds): the same address as Spin.
	hertzRun
	// echo5Config: echo v5's StartConfig.Start/StartTLS listen on the
	// config's Address and ListenerNetwork unless its Listener is set.
	echo5Config
)

const (
	echo5       = "github.com/labstack/echo/v5"
	hertzServer = "github.com/cloudwego/hertz/pkg/app/server"
	hertzRoute  = "github.com/cloudwego/hertz/pkg/route"
	cmux        = "github.com/soheilhy/cmux"
	http3       = "github.com/quic-go/quic-go/http3"
	http3Old    = "github.com/lucas-clemente/quic-go/http3"
)

// frameworkAPIs are looked up after apis.
//
// Sources, each read at the tag named:
//   - gin v1.12.0 gin.go: RunQUIC(addr, cert, key) is
//     http3.ListenAndServeQUIC(addr, ...); RunListener and RunFd serve a
//     listener the program made; RunUnix listens on a Unix socket, which
//     no network reaches, so it is no site.
//   - echo v4.15.4 echo.go: Start sets e.Server.Addr and
//     configureServer calls newListener(s.Addr, e.ListenerNetwork)
//     (net.Listen; ListenerNetwork defaults to "tcp") only when
//     e.Listener is nil; StartServer(s) does the same with the caller's
//     *http.Server, and TLS (s.TLSConfig set) uses e.TLSListener. An empty
//     address is net.Listen's: a random port.
//   - echo v5.3.1 server.go: StartConfig.start listens with
//     net.ListenConfig.Listen(cmp.Or(sc.ListenerNetwork, "tcp"),
//     sc.Address) unless sc.Listener is set; echo.go: (*Echo).Start(address)
//     is StartConfig{Address: address}.Start. v5's Echo has no
//     Listener fields.
//   - fiber v2.52.15 listen.go: ListenMutualTLS listens with
//     tls.Listen(app.config.Network, addr) like Listen (Config.Network
//     defaults to NetworkTCP4); Listener(ln) serves ln.
//   - fiber v3.5.0 listen.go: Listen(addr, ...ListenConfig) listens on
//     ListenConfig.ListenerNetwork, "tcp4" when empty ("Default:
//     NetworkTCP4"); "unix" is a Unix socket; Listener(ln, ...) serves ln.
//   - hertz v0.10.4 pkg/common/config/option.go: Addr defaults to
//     ":8888" and Network to "tcp"; pkg/app/server/option.go:
//     WithHostPorts sets Addr, WithNetwork sets Network, WithListener
//     hands over a listener; the transports listen with
//     net.Listen(network, addr) when Spin runs the server.
//   - fasthttp v1.73.0 server.go: ListenAndServeTLSEmbed listens with
//     net.Listen("tcp4", addr) like ListenAndServe; Serve(ln) serves ln.
//   - quic-go v0.61.0 http3/server.go: ListenAndServeQUIC and
//     (*Server).ListenAndServe/ListenAndServeTLS listen on UDP through
//     quic.ListenAddrEarly, ":https" when the address is blank;
//     ListenAndServeTLS(addr, ...) listens on both TCP (net/http) and
//     UDP, see twinSites.
var frameworkAPIs = map[string]api{
	gin + ".(*Engine).RunQUIC": {origin: "gin.Engine.RunQUIC", network: "udp", networkArg: -1, addrArg: 1, emptyAddr: ":443"},

	echo4 + ".(*Echo).StartServer":    {origin: "echo.Echo.StartServer", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartServer},
	echo4 + ".(*Echo).StartH2CServer": {origin: "echo.Echo.StartH2CServer", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStart},
	echo + ".(*Echo).StartServer":     {origin: "echo.Echo.StartServer", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartServer},
	echo + ".(*Echo).StartAutoTLS":    {origin: "echo.Echo.StartAutoTLS", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartTLS},

	echo5 + ".(*Echo).Start":        {origin: "echo.Echo.Start", network: "tcp", networkArg: -1, addrArg: 1},
	echo5 + ".StartConfig.Start":    {origin: "echo.StartConfig.Start", network: "tcp", networkArg: -1, addrArg: 0, kind: echo5Config},
	echo5 + ".StartConfig.StartTLS": {origin: "echo.StartConfig.StartTLS", network: "tcp", networkArg: -1, addrArg: 0, kind: echo5Config},

	fiber2 + ".(*App).ListenMutualTLS": {origin: "fiber.App.ListenMutualTLS", network: "tcp4", networkArg: -1, addrArg: 1, kind: fiberListen},

	hertzServer + ".(*Hertz).Spin": {origin: "hertz.Spin", network: "tcp", networkArg: -1, addrArg: 0, kind: hertzSpin},
	hertzRoute + ".(*Engine).Run":  {origin: "hertz.Run", network: "tcp", networkArg: -1, addrArg: 0, kind: hertzRun},

	fasthttp + ".ListenAndServeTLSEmbed":           {origin: "fasthttp.ListenAndServeTLSEmbed", network: "tcp4", networkArg: -1, addrArg: 0},
	fasthttp + ".(*Server).ListenAndServeTLSEmbed": {origin: "fasthttp.Server.ListenAndServeTLSEmbed", network: "tcp4", networkArg: -1, addrArg: 1},

	http3 + ".ListenAndServeQUIC":          {origin: "http3.ListenAndServeQUIC", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	http3 + ".ListenAndServeTLS":           {origin: "http3.ListenAndServeTLS", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	http3 + ".(*Server).ListenAndServe":    {origin: "http3.Server.ListenAndServe", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443", kind: serverAddr},
	http3 + ".(*Server).ListenAndServeTLS": {origin: "http3.Server.ListenAndServeTLS", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443", kind: serverAddr},
	// quic-go before v0.48 named ListenAndServeTLS ListenAndServe.
	http3 + ".ListenAndServe":                 {origin: "http3.ListenAndServe", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	http3Old + ".ListenAndServeQUIC":          {origin: "http3.ListenAndServeQUIC", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	http3Old + ".ListenAndServe":              {origin: "http3.ListenAndServe", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	http3Old + ".(*Server).ListenAndServe":    {origin: "http3.Server.ListenAndServe", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443", kind: serverAddr},
	http3Old + ".(*Server).ListenAndServeTLS": {origin: "http3.Server.ListenAndServeTLS", network: "udp", networkArg: -1, addrArg: 0, emptyAddr: ":443", kind: serverAddr},
}

// twinSites are the calls that open a TCP socket beside the UDP one
// match reports, on the same address: http3.ListenAndServeTLS (and its
// older name ListenAndServe) runs http.ListenAndServeTLS and a QUIC
// server together.
var twinSites = map[string]bool{
	http3 + ".ListenAndServeTLS": true,
	http3 + ".ListenAndServe":    true,
	http3Old + ".ListenAndServe": true,
}

// matchAll is match plus the TCP twin of a call that listens on both
// protocols.
func (e *evaluator) matchAll(c *ssa.CallCommon) []*RawSite {
	r := e.match(c)
	if r == nil {
		return nil
	}
	if callee := c.StaticCallee(); callee != nil {
		pkg, recv, name := calleeName(callee)
		if twinSites[pkg+"."+recv+name] {
			t := *r
			t.Network = lit("tcp")
			return []*RawSite{r, &t}
		}
	}
	return []*RawSite{r}
}

// matchFramework fills site for the kinds above; false when the call
// opens no socket of its own (it serves a listener the program set).
func (e *evaluator) matchFramework(a api, c *ssa.CallCommon, site *RawSite, astArg func(int) ast.Expr, setArg func(ast.Expr)) bool {
	switch a.kind {
	case echoStart, echoStartTLS:
		field := "Listener"
		if a.kind == echoStartTLS {
			field = "TLSListener"
		}
		if e.echoHasListener(c.Args[0], field) {
			return false
		}
		site.Addr = e.eval(c.Args[a.addrArg])
		setArg(astArg(a.addrArg))
		site.Network = e.echoNetwork(c.Args[0])
	case echoStartServer:
		srv := c.Args[a.addrArg]
		field := "Listener"
		if tls, known := e.hasTLSConfig(srv); tls {
			field = "TLSListener"
		} else if !known && e.echoHasListener(c.Args[0], "TLSListener") {
			return false
		}
		if e.echoHasListener(c.Args[0], field) {
			return false
		}
		site.Addr = e.structField(srv, "Addr", setArg)
		site.Network = e.echoNetwork(c.Args[0])
	case fiber3Listen:
		if len(c.Args) != 3 {
			return false
		}
		site.Addr = e.eval(c.Args[a.addrArg])
		setArg(astArg(a.addrArg))
		site.Network = e.fiber3Network(c.Args[2])
	case hertzSpin:
		return e.hertzSite(c.Args[0], site)
	case hertzRun:
		if h, ok := hertzOfEngine(c.Args[0]); ok {
			return e.hertzSite(h, site)
		}
		// An Engine built by route.NewEngine from options this does
		// not follow: a listen site, address unknown.
		site.Network, site.Addr = lit("tcp"), unknown()
		return true
	case echo5Config:
		return e.echo5Site(c.Args[0], site, setArg)
	default:
		return false
	}
	return true
}

// constructed is the call that built the value recv holds: recv itself
// when it is a call to one of ctors (package-level functions, "pkg.Name"),
// else the one such call in the package when there is exactly one (the
// app kept in a struct or handed to a helper is still the app main
// built). Nil when that cannot be told.
func (e *evaluator) constructed(recv ssa.Value, ctors ...string) *ssa.CallCommon {
	isCtor := func(c *ssa.CallCommon) bool {
		callee := c.StaticCallee()
		if callee == nil {
			return false
		}
		pkg, recv, name := calleeName(callee)
		for _, k := range ctors {
			if pkg+"."+recv+name == k {
				return true
			}
		}
		return false
	}
	if call, ok := recv.(*ssa.Call); ok && isCtor(call.Common()) {
		return call.Common()
	}
	var pkgs []string
	for _, k := range ctors {
		if p := k[:strings.LastIndex(k, ".")]; !slices.Contains(pkgs, p) {
			pkgs = append(pkgs, p)
		}
	}
	var only *ssa.CallCommon
	for _, ci := range e.st.callsInto(pkgs...) {
		if !isCtor(ci.Common()) {
			continue
		}
		if only != nil {
			return nil
		}
		only = ci.Common()
	}
	return only
}

// typeFieldStores lists the values the package stores into field name
// of structs of recv's pointer type, a named one (an echo's *Echo).
// With one value of that type in the package (checked by the caller
// through constructed), that is the receiver's field.
func (e *evaluator) typeFieldStores(recv ssa.Value, name string) []ssa.Value {
	s := structOf(recv.Type())
	if _, ptr := recv.Type().Underlying().(*types.Pointer); !ptr || s == nil {
		return nil
	}
	idx := fieldIndex(s, name)
	if idx < 0 {
		return nil
	}
	var out []ssa.Value
	for _, st := range e.st.storesToField(fieldKeyOf(recv.Type(), idx)) {
		if fa, ok := st.Addr.(*ssa.FieldAddr); ok && fa.Field == idx && types.Identical(fa.X.Type(), recv.Type()) {
			out = append(out, st.Val)
		}
	}
	return out
}

var echoNew = []string{echo4 + ".New", echo + ".New"}

// echoHasListener reports whether the program sets the echo's Listener
// (or TLSListener) field, which Start then serves instead of listening.
// When the package builds more than one echo the field cannot be tied to
// this one: any store counts, so no site is made up from an address the
// server may ignore (the program's own net.Listen is the site then).
func (e *evaluator) echoHasListener(recv ssa.Value, field string) bool {
	for _, v := range e.typeFieldStores(recv, field) {
		if c, ok := v.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		return true
	}
	return false
}

// echoNetwork is e.ListenerNetwork: "tcp" unless the program sets it.
func (e *evaluator) echoNetwork(recv ssa.Value) Value {
	stores := e.typeFieldStores(recv, "ListenerNetwork")
	if len(stores) == 0 {
		return lit("tcp")
	}
	if e.constructed(recv, echoNew...) == nil {
		return unknown()
	}
	var vs []Value
	for _, v := range stores {
		vs = append(vs, e.eval(v))
	}
	return union(vs...)
}

// hasTLSConfig reports whether the *http.Server srv has its TLSConfig
// set, and whether that is known (a struct built in this function).
func (e *evaluator) hasTLSConfig(srv ssa.Value) (set, known bool) {
	if a, _ := variableTarget(srv); a != nil {
		srv = a
	}
	a, ok := srv.(*ssa.Alloc)
	if !ok {
		return false, false
	}
	return allocFieldSet(a, "TLSConfig"), true
}

// echo5Site fills the address and network of an echo v5 StartConfig
// built as a literal in this function; false when its Listener is set
// (that listener is the site).
func (e *evaluator) echo5Site(cfg ssa.Value, site *RawSite, setArg func(ast.Expr)) bool {
	load, ok := cfg.(*ssa.UnOp)
	var a *ssa.Alloc
	if ok && load.Op == token.MUL {
		a, _ = load.X.(*ssa.Alloc)
	}
	if a == nil {
		site.Addr, site.Network = unknown(), unknown()
		return true
	}
	if allocFieldSet(a, "Listener") {
		return false
	}
	site.Addr = e.structFieldOfAlloc(a, nil, "Address", setArg)
	if site.Addr.isUnknown() {
		site.Addr = lit("")
	}
	n := e.structFieldOfAlloc(a, nil, "ListenerNetwork", func(ast.Expr) {})
	if n.isUnknown() || isLit(n, "") {
		n = lit("tcp")
	}
	site.Network = n
	return true
}

// allocFieldSet reports whether the struct a points to gets a non-nil
// value stored into field name.
func allocFieldSet(a *ssa.Alloc, name string) bool {
	for _, v := range storedIn(a, name) {
		if c, ok := v.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		return true
	}
	return false
}

// fiber3Network is the ListenerNetwork of the ListenConfig passed to
// fiber v3's Listen: "tcp4" when none is passed or the field is not set,
// unknown when the config comes from where this cannot see.
func (e *evaluator) fiber3Network(cfgs ssa.Value) Value {
	if c, ok := cfgs.(*ssa.Const); ok && c.IsNil() {
		return lit("tcp4")
	}
	args := variadicArgs(cfgs)
	if len(args) == 0 {
		return unknown()
	}
	load, ok := args[0].(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return unknown()
	}
	a, ok := load.X.(*ssa.Alloc)
	if !ok {
		return unknown()
	}
	v := e.structFieldOfAlloc(a, nil, "ListenerNetwork", func(ast.Expr) {})
	if t, ok := v.text(); v.isUnknown() || (ok && t == "") {
		return lit("tcp4")
	}
	return v
}

// fiber2DefaultNetwork reports whether every fiber v2 app the package
// builds keeps Config.Network at its default, so an app whose
// construction Listen cannot see still listens on "tcp4".
func (e *evaluator) fiber2DefaultNetwork() bool {
	for _, ci := range e.st.callsInto(fiber2) {
		_, _, name := calleeName(ci.Common().StaticCallee())
		if name != "New" || len(ci.Common().Args) != 1 {
			continue
		}
		arg := ci.Common().Args[0]
		if c, ok := arg.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		if n, ok := e.fiberNetworkOf(arg); !ok || !isLit(n, "") {
			return false
		}
	}
	return true
}

// fiber2Network is the Config.Network of the fiber v2 app recv holds:
// "tcp4" unless the Config given to fiber.New sets it; unknown when
// that Config, or for an app whose construction cannot be seen any
// Config the package builds, is out of sight.
func (e *evaluator) fiber2Network(recv ssa.Value) Value {
	ctor := e.constructed(recv, fiber2+".New")
	if ctor == nil || len(ctor.Args) != 1 {
		if e.fiber2DefaultNetwork() {
			return lit("tcp4")
		}
		return unknown()
	}
	if c, ok := ctor.Args[0].(*ssa.Const); ok && c.IsNil() {
		return lit("tcp4")
	}
	n, ok := e.fiberNetworkOf(ctor.Args[0])
	if !ok {
		return unknown()
	}
	if isLit(n, "") {
		return lit("tcp4")
	}
	return n
}

// fiberNetworkOf is the Network field of the Config in fiber.New's
// variadic argument, "" when the literal leaves it out; false when the
// Config is not a literal this function builds.
func (e *evaluator) fiberNetworkOf(configs ssa.Value) (Value, bool) {
	args := variadicArgs(configs)
	if len(args) == 0 {
		return Value{}, false
	}
	load, ok := args[0].(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return Value{}, false
	}
	a, ok := load.X.(*ssa.Alloc)
	if !ok {
		return Value{}, false
	}
	v := e.structFieldOfAlloc(a, nil, "Network", func(ast.Expr) {})
	if v.isUnknown() {
		return lit(""), true
	}
	return v, true
}

func isLit(v Value, s string) bool {
	t, ok := v.text()
	return ok && t == s
}

// hertzSite fills the address and network of h.Spin() from the options
// given to the server.Default or server.New that built h; false when an
// option hands hertz a listener (WithListener), which is then the site.
func (e *evaluator) hertzSite(recv ssa.Value, site *RawSite) bool {
	site.Network = lit("tcp")
	ctor := e.constructed(recv, hertzServer+".Default", hertzServer+".New")
	if ctor == nil || len(ctor.Args) != 1 {
		site.Addr = unknown()
		return true
	}
	var opts []ssa.Value
	if c, ok := ctor.Args[0].(*ssa.Const); !ok || !c.IsNil() {
		opts = variadicArgs(ctor.Args[0])
		if len(opts) == 0 {
			// Default(opts...): options built where this cannot see.
			site.Addr = unknown()
			return true
		}
	}
	site.Addr = lit(":8888")
	site.IsDefault = true
	for _, o := range opts {
		call, ok := o.(*ssa.Call)
		if !ok || call.Common().StaticCallee() == nil {
			site.Addr, site.IsDefault = unknown(), false
			continue
		}
		pkg, _, name := calleeName(call.Common().StaticCallee())
		if pkg != hertzServer {
			site.Addr, site.IsDefault = unknown(), false
			continue
		}
		args := call.Common().Args
		switch name {
		case "WithHostPorts":
			if len(args) == 1 {
				site.Addr, site.IsDefault = e.eval(args[0]), false
				site.ArgRange, site.ArgLit, site.ArgIsLit = site.Range, "", false
				if ac := e.st.idx.calls[call.Common().Pos()]; ac != nil && len(ac.Args) == 1 {
					x := ac.Args[0]
					site.ArgRange = e.st.rangeOf(x.Pos(), x.End())
					if bl, ok := x.(*ast.BasicLit); ok && bl.Kind == token.STRING {
						if v := constOf(e.st, bl); v != nil {
							site.ArgLit, site.ArgIsLit = *v, true
						}
					}
				}
			}
		case "WithNetwork":
			if len(args) == 1 {
				site.Network = e.eval(args[0])
			}
		case "WithListener":
			return false
		}
	}
	return true
}

// hertzOfEngine is h when engine is h.Engine, the *route.Engine a
// *server.Hertz embeds (hertz v0.10.4 pkg/app/server/hertz.go: "type
// Hertz struct { *route.Engine ... }"; Spin runs h.Run()).
func hertzOfEngine(engine ssa.Value) (ssa.Value, bool) {
	load, ok := engine.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != hertzServer || n.Obj().Name() != "Hertz" {
		return nil, false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() || st.Field(fa.Field).Name() != "Engine" {
		return nil, false
	}
	return fa.X, true
}

// httpServes are the calls that serve HTTP on a listener passed to
// them, by the index of that listener in CallCommon.Args.
var httpServes = map[string]int{
	"net/http.Serve":                 0,
	"net/http.ServeTLS":              0,
	"net/http.(*Server).Serve":       1,
	"net/http.(*Server).ServeTLS":    1,
	gin + ".(*Engine).RunListener":   1,
	fiber2 + ".(*App).Listener":      1,
	fiber3 + ".(*App).Listener":      1,
	fasthttp + ".Serve":              0,
	fasthttp + ".ServeTLS":           0,
	fasthttp + ".(*Server).Serve":    1,
	fasthttp + ".(*Server).ServeTLS": 1,
}

// frameworkCall handles, for the serve walk, the calls that hand a
// listener to an HTTP server or to cmux, and the methods of a cmux
// the listener went into; false for the calls it leaves to call.
//
// soheilhy/cmux v0.1.5 cmux.go: New(l) returns a CMux whose Match and
// MatchWithWriters return listeners that receive the connections of l
// their matchers accept, once Serve runs; so what serves the matched
// listeners serves l.
func (w *serveWalk) frameworkCall(in ssa.CallInstruction, c *ssa.CallCommon, v ssa.Value, depth int) bool {
	if c.IsInvoke() {
		if c.Value != v || !isCMux(v.Type()) {
			return false
		}
		switch c.Method.Name() {
		case "Match", "MatchWithWriters":
			if res, ok := in.(*ssa.Call); ok {
				w.value(res, depth)
			}
		}
		// Serve, Close, HandleError, SetReadTimeout: no new listener.
		return true
	}
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	pkg, recv, name := calleeName(callee)
	key := pkg + "." + recv + name
	if key == cmux+".New" {
		res, ok := in.(*ssa.Call)
		if !ok || len(c.Args) != 1 || c.Args[0] != v {
			w.other = true
			return true
		}
		w.muxed = true
		w.value(res, depth)
		return true
	}
	if i, ok := httpServes[key]; ok {
		if i < len(c.Args) && c.Args[i] == v {
			w.http = true
		} else {
			w.other = true
		}
		return true
	}
	return false
}

// isCMux reports whether t is cmux.CMux, whose methods the serve walk
// follows rather than taking them for the listener's own.
func isCMux(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == cmux && n.Obj().Name() == "CMux"
}
