package listensite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/source"
)

// RawSite is a listen call with its address still symbolic. It is
// exported only so that it can travel in facts.
type RawSite struct {
	Origin  string
	Network Value // "tcp", "udp4", ...
	Addr    Value // "host:port"
	// EmptyAddr is the address the API uses when Addr is "" (":80" for
	// net/http); "" when an empty address means a random port.
	EmptyAddr string
	// IsDefault: the program passed no address and the API's documented
	// default applies (gin's Run()).
	IsDefault bool
	Range     source.Range // the listen call
	ArgRange  source.Range // the expression that carries the address
	ArgLit    string       // that expression's value when it is a string literal
	ArgIsLit  bool
	// Via is the call, in a later package or function, whose arguments
	// completed Addr; ViaArg is the argument that did.
	Via    source.Range
	ViaArg source.Range
	// App is listen.Listener.App: what the program serves on the
	// listener, when this package shows it.
	App string
	// addr is the SSA value of the address argument, when the call
	// takes one, so that the branches guarding the call can be read.
	addr ssa.Value
}

type api struct {
	origin  string
	network string // fixed network, or "" when networkArg says
	// networkArg and addrArg index CallCommon.Args (the receiver of a
	// method is Args[0]); -1 when absent.
	networkArg, addrArg int
	emptyAddr           string
	kind                apiKind
}

type apiKind int

const (
	addrString  apiKind = iota // addrArg is "host:port"
	addrStruct                 // addrArg is *net.TCPAddr / *net.UDPAddr
	serverAddr                 // the receiver's Addr field
	ginRun                     // variadic address, default $PORT or :8080
	dnsServer                  // miekg/dns Server: Addr and Net fields
	fiberListen                // fiber: network from the Config given to New
)

const (
	gin        = "github.com/gin-gonic/gin"
	echo4      = "github.com/labstack/echo/v4"
	echo       = "github.com/labstack/echo"
	fiber2     = "github.com/gofiber/fiber/v2"
	fiber3     = "github.com/gofiber/fiber/v3"
	fasthttp   = "github.com/valyala/fasthttp"
	miekgDNS   = "github.com/miekg/dns"
	quicGo     = "github.com/quic-go/quic-go"
	quicGoOld  = "github.com/lucas-clemente/quic-go"
	netHTTP    = "net/http"
	cryptoTLS  = "crypto/tls"
	netPackage = "net"
)

// apis are the calls that open a listening socket, by package path,
// receiver and name. Fiber and fasthttp listen on "tcp4" unless told
// otherwise (fiber v2's Config.Network defaults to NetworkTCP4;
// fasthttp's ListenAndServe calls net.Listen("tcp4", addr)).
var apis = map[string]api{
	"net.Listen":                       {origin: "net.Listen", networkArg: 0, addrArg: 1},
	"net.ListenPacket":                 {origin: "net.ListenPacket", networkArg: 0, addrArg: 1},
	"net.ListenTCP":                    {origin: "net.ListenTCP", networkArg: 0, addrArg: 1, kind: addrStruct},
	"net.ListenUDP":                    {origin: "net.ListenUDP", networkArg: 0, addrArg: 1, kind: addrStruct},
	"net.(*ListenConfig).Listen":       {origin: "net.ListenConfig.Listen", networkArg: 2, addrArg: 3},
	"net.(*ListenConfig).ListenPacket": {origin: "net.ListenConfig.ListenPacket", networkArg: 2, addrArg: 3},
	"crypto/tls.Listen":                {origin: "tls.Listen", networkArg: 0, addrArg: 1},

	"net/http.ListenAndServe":                 {origin: "http.ListenAndServe", network: "tcp", networkArg: -1, addrArg: 0, emptyAddr: ":80"},
	"net/http.ListenAndServeTLS":              {origin: "http.ListenAndServeTLS", network: "tcp", networkArg: -1, addrArg: 0, emptyAddr: ":443"},
	"net/http.(*Server).ListenAndServe":       {origin: "http.Server.ListenAndServe", network: "tcp", networkArg: -1, addrArg: 0, emptyAddr: ":80", kind: serverAddr},
	"net/http.(*Server).ListenAndServeTLS":    {origin: "http.Server.ListenAndServeTLS", network: "tcp", networkArg: -1, addrArg: 0, emptyAddr: ":443", kind: serverAddr},
	gin + ".(*Engine).Run":                    {origin: "gin.Engine.Run", network: "tcp", networkArg: -1, addrArg: 1, emptyAddr: ":80", kind: ginRun},
	gin + ".(*Engine).RunTLS":                 {origin: "gin.Engine.RunTLS", network: "tcp", networkArg: -1, addrArg: 1, emptyAddr: ":443"},
	echo4 + ".(*Echo).Start":                  {origin: "echo.Echo.Start", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStart},
	echo4 + ".(*Echo).StartTLS":               {origin: "echo.Echo.StartTLS", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartTLS},
	echo4 + ".(*Echo).StartAutoTLS":           {origin: "echo.Echo.StartAutoTLS", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartTLS},
	echo + ".(*Echo).Start":                   {origin: "echo.Echo.Start", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStart},
	echo + ".(*Echo).StartTLS":                {origin: "echo.Echo.StartTLS", network: "tcp", networkArg: -1, addrArg: 1, kind: echoStartTLS},
	fiber2 + ".(*App).Listen":                 {origin: "fiber.App.Listen", network: "tcp4", networkArg: -1, addrArg: 1, kind: fiberListen},
	fiber2 + ".(*App).ListenTLS":              {origin: "fiber.App.ListenTLS", network: "tcp4", networkArg: -1, addrArg: 1, kind: fiberListen},
	fiber3 + ".(*App).Listen":                 {origin: "fiber.App.Listen", network: "tcp4", networkArg: -1, addrArg: 1, kind: fiber3Listen},
	fasthttp + ".ListenAndServe":              {origin: "fasthttp.ListenAndServe", network: "tcp4", networkArg: -1, addrArg: 0},
	fasthttp + ".ListenAndServeTLS":           {origin: "fasthttp.ListenAndServeTLS", network: "tcp4", networkArg: -1, addrArg: 0},
	fasthttp + ".(*Server).ListenAndServe":    {origin: "fasthttp.Server.ListenAndServe", network: "tcp4", networkArg: -1, addrArg: 1},
	fasthttp + ".(*Server).ListenAndServeTLS": {origin: "fasthttp.Server.ListenAndServeTLS", network: "tcp4", networkArg: -1, addrArg: 1},
	miekgDNS + ".(*Server).ListenAndServe":    {origin: "dns.Server.ListenAndServe", networkArg: -1, addrArg: 0, emptyAddr: ":53", kind: dnsServer},
	miekgDNS + ".ListenAndServe":              {origin: "dns.ListenAndServe", networkArg: 1, addrArg: 0, emptyAddr: ":53"},
	quicGo + ".ListenAddr":                    {origin: "quic.ListenAddr", network: "udp", networkArg: -1, addrArg: 0},
	quicGo + ".ListenAddrEarly":               {origin: "quic.ListenAddrEarly", network: "udp", networkArg: -1, addrArg: 0},
	quicGoOld + ".ListenAddr":                 {origin: "quic.ListenAddr", network: "udp", networkArg: -1, addrArg: 0},
	quicGoOld + ".ListenAddrEarly":            {origin: "quic.ListenAddrEarly", network: "udp", networkArg: -1, addrArg: 0},
}

// match returns the listen site a call opens, or nil.
func (e *evaluator) match(c *ssa.CallCommon) *RawSite {
	callee := c.StaticCallee()
	if callee == nil {
		return nil
	}
	pkg, recv, name := calleeName(callee)
	a, ok := apis[pkg+"."+recv+name]
	if !ok {
		if a, ok = frameworkAPIs[pkg+"."+recv+name]; !ok {
			return nil
		}
	}
	st := e.st
	call := st.idx.calls[c.Pos()]
	site := &RawSite{Origin: a.origin, EmptyAddr: a.emptyAddr}
	if call != nil {
		site.Range = st.rangeOf(call.Pos(), call.End())
	} else {
		site.Range = st.rangeOf(c.Pos(), c.Pos())
	}
	// astArg maps an Args index to the written argument: a method's
	// receiver is Args[0] in SSA but not among the call's arguments.
	astArg := func(i int) ast.Expr {
		if recv != "" {
			i--
		}
		if call == nil || i < 0 || i >= len(call.Args) {
			return nil
		}
		return call.Args[i]
	}
	setArg := func(x ast.Expr) {
		if x == nil {
			return
		}
		site.ArgRange = st.rangeOf(x.Pos(), x.End())
		if bl, ok := x.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			if v := constOf(st, bl); v != nil {
				site.ArgLit, site.ArgIsLit = *v, true
			}
		}
	}
	if a.network != "" {
		site.Network = lit(a.network)
	} else if a.networkArg >= 0 && a.networkArg < len(c.Args) {
		site.Network = e.eval(c.Args[a.networkArg])
	}
	if a.addrArg >= len(c.Args) {
		return nil
	}
	switch a.kind {
	case addrString:
		site.addr = c.Args[a.addrArg]
		site.Addr = e.eval(site.addr)
		setArg(astArg(a.addrArg))
	case addrStruct:
		site.Addr = e.addrStruct(c.Args[a.addrArg], setArg)
		if site.ArgRange.File == "" {
			setArg(astArg(a.addrArg))
		}
	case serverAddr:
		site.Addr = e.structField(c.Args[0], "Addr", setArg)
	case dnsServer:
		site.Addr = e.structField(c.Args[0], "Addr", setArg)
		site.Network = e.structField(c.Args[0], "Net", func(ast.Expr) {})
		if t, ok := site.Network.text(); ok {
			switch t {
			case "":
				site.Network = lit("udp")
			case "tcp-tls":
				site.Network = lit("tcp")
			}
		}
	case ginRun:
		args := variadicArgs(c.Args[a.addrArg])
		if len(args) == 0 {
			if _, isConst := c.Args[a.addrArg].(*ssa.Const); !isConst {
				// A slice passed on (Run(addrs...)): unknown.
				site.Addr = unknown()
				break
			}
			def := lit("8080")
			site.Addr = concat(lit(":"), single(Part{Kind: PartEnv, Name: "PORT", Default: &def}))
			site.IsDefault = true
			break
		}
		site.Addr = e.eval(args[0])
		setArg(astArg(a.addrArg))
	case fiberListen:
		site.Addr = e.eval(c.Args[a.addrArg])
		setArg(astArg(a.addrArg))
		site.Network = e.fiber2Network(c.Args[0])
	default:
		if !e.matchFramework(a, c, site, astArg, setArg) {
			return nil
		}
	}
	return site
}

func constOf(st *state, bl *ast.BasicLit) *string {
	tv, ok := st.pass.TypesInfo.Types[bl]
	if !ok || tv.Value == nil {
		return nil
	}
	s := constValue(&ssa.Const{Value: tv.Value})
	t, ok := s.text()
	if !ok {
		return nil
	}
	return &t
}

// addrStruct is the "host:port" of a *net.TCPAddr or *net.UDPAddr:
// a composite literal, the result of net.ResolveTCPAddr, or either one
// reaching the listen call through the app's own code (a helper's
// return, a branch, an unexported field of the app's struct).
func (e *evaluator) addrStruct(v ssa.Value, setArg func(ast.Expr)) Value {
	if e.depth > maxDepth {
		return unknown()
	}
	e.depth++
	defer func() { e.depth-- }()
	switch v := v.(type) {
	case *ssa.Call:
		return e.addrStructReturn(v.Common(), 0)
	case *ssa.Phi:
		var out Value
		for _, edge := range v.Edges {
			out = union(out, e.addrStruct(edge, setArg))
		}
		return out
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if fa, ok := v.X.(*ssa.FieldAddr); ok {
				return e.addrStructField(fa.X.Type(), fa.Field)
			}
		}
	case *ssa.Field:
		return e.addrStructField(v.X.Type(), v.Field)
	case *ssa.Const:
		return lit(":0") // nil address: any interface, random port
	case *ssa.Extract:
		if c, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 && c.Common().StaticCallee() != nil {
			pkg, _, name := calleeName(c.Common().StaticCallee())
			if pkg == "net" && (name == "ResolveTCPAddr" || name == "ResolveUDPAddr") && len(c.Common().Args) == 2 {
				if call := e.st.idx.calls[c.Common().Pos()]; call != nil && len(call.Args) == 2 {
					setArg(call.Args[1])
				}
				return e.eval(c.Common().Args[1])
			}
		}
		if c, ok := v.Tuple.(*ssa.Call); ok {
			return e.addrStructReturn(c.Common(), v.Index)
		}
	case *ssa.Alloc:
		// A nil or unspecified IP listens on every address of the
		// family the network names ("tcp4": IPv4 only); net.ListenTCP
		// and net.Listen docs, Go 1.26. resolve classifies it so.
		host := e.structFieldOfAlloc(v, nil, "IP", setArg)
		if t, ok := host.text(); ok && len(t) > 0 && containsColon(t) {
			host = lit("[" + t + "]")
		}
		port := e.structFieldOfAlloc(v, nil, "Port", setArg)
		if port.isUnknown() {
			port = lit("0")
		}
		if host.isUnknown() {
			host = lit("")
		}
		return concat(host, lit(":"), port)
	}
	return unknown()
}

// addrStructReturn is the address a function of this package returns
// as result index (configureTCPAddr(ip, port) returning
// &net.TCPAddr{IP: ip, Port: port}), with the call's arguments in place
// of its parameters. Functions of other packages stay unknown: their
// SSA bodies are not built here.
//
// The fields written in the helper are not where this listen call's
// address is chosen, so the argument of the call stays its position.
func (e *evaluator) addrStructReturn(c *ssa.CallCommon, index int) Value {
	callee := c.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg != e.st.ssaPkg || len(callee.Blocks) == 0 || e.inReturn[callee] {
		return unknown()
	}
	e.inReturn[callee] = true
	defer delete(e.inReturn, callee)
	var out Value
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || index >= len(ret.Results) {
			continue
		}
		out = union(out, e.addrStruct(ret.Results[index], noArg))
	}
	if out.isUnknown() {
		return unknown()
	}
	key := funcKey(callee)
	call := e.st.idx.calls[c.Pos()]
	skip := 0
	if callee.Signature.Recv() != nil {
		skip = 1
	}
	return out.subst(func(p Part) (Value, bool) {
		if p.Kind == PartParam && p.Name == key && p.Index < len(c.Args) {
			v := bracketIP(e.eval(c.Args[p.Index]), c.Args[p.Index].Type())
			if i := p.Index - skip; call != nil && i >= 0 && i < len(call.Args) {
				v = withAt(v, e.st, call.Args[i])
			}
			return v, true
		}
		return Value{}, false
	})
}

// bracketIP writes an IPv6 address held in a net.IP in brackets, as
// the host of "host:port".
func bracketIP(v Value, t types.Type) Value {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != netPackage || n.Obj().Name() != "IP" {
		return v
	}
	if s, ok := v.text(); ok && containsColon(s) {
		return lit("[" + s + "]")
	}
	return v
}

// addrStructField is the address held in field index of the struct
// type t (or *t), when t is declared in this package and the field is
// unexported: only this package's stores can set it (encoding/json and
// the env and config decoders skip unexported fields), so the union of
// what it stores there is every value the field can hold besides nil.
func (e *evaluator) addrStructField(t types.Type, index int) Value {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != e.st.pass.Pkg {
		return unknown()
	}
	s, ok := n.Underlying().(*types.Struct)
	if !ok || index >= s.NumFields() || s.Field(index).Exported() {
		return unknown()
	}
	key := fieldKeyOf(t, index)
	var out Value
	for _, st := range e.st.storesToField(key) {
		if fa, ok := st.Addr.(*ssa.FieldAddr); ok && fa.Field == index {
			out = union(out, e.addrStruct(st.Val, noArg))
		}
	}
	if out.isUnknown() {
		return unknown()
	}
	return out
}

func noArg(ast.Expr) {}

func containsColon(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return true
		}
	}
	return false
}

// structField is field name of the struct ptr points to: the stores
// into a local allocation, else a field part resolved from the package's
// stores.
func (e *evaluator) structField(ptr ssa.Value, name string, setArg func(ast.Expr)) Value {
	var cell *ssa.Alloc
	if a, c := variableTarget(ptr); a != nil {
		ptr, cell = a, c
	}
	if a, ok := ptr.(*ssa.Alloc); ok {
		v := e.structFieldOfAlloc(a, cell, name, setArg)
		if v.isUnknown() {
			return lit("") // never set: the zero value
		}
		return v
	}
	t := ptr.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return unknown()
	}
	for i := 0; i < s.NumFields(); i++ {
		if s.Field(i).Name() == name {
			if key := fieldKeyOf(ptr.Type(), i); key != "" {
				return single(Part{Kind: PartField, Name: key})
			}
		}
	}
	return unknown()
}

// variableTarget follows a load of a pointer variable to the struct it
// points to, when the variable is only ever set to one local allocation:
// srv := &http.Server{...} used inside a closure (go func() {
// srv.ListenAndServe() }()) is a load of the captured variable's cell.
// Without it the field would be read from every Server the package
// builds. cell is that variable.
func variableTarget(ptr ssa.Value) (target, cell *ssa.Alloc) {
	load, ok := ptr.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, nil
	}
	v := load.X
	if fv, ok := v.(*ssa.FreeVar); ok {
		v = binding(fv)
	}
	cell, ok = v.(*ssa.Alloc)
	if !ok || cell.Referrers() == nil {
		return nil, nil
	}
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		v, ok := st.Val.(*ssa.Alloc)
		if !ok || (target != nil && target != v) {
			return nil, nil // set to something else, or to two structs
		}
		target = v
	}
	if target == nil {
		return nil, nil
	}
	return target, cell
}

// cellFieldStores are the stores into field index of the struct that
// cell, a variable, points to, made through that variable. A variable a
// closure captures lives in a cell, so srv.Addr = addr written beside
// go func() { srv.ListenAndServe() }() stores through a load of the
// cell, not through the struct's allocation.
func cellFieldStores(cell *ssa.Alloc, index int) []*ssa.Store {
	var out []*ssa.Store
	for _, load := range cellLoads(cell) {
		out = append(out, fieldStores(load, index)...)
	}
	return out
}

// fieldStores are the stores into field index of the struct that ptr
// points to, made through ptr itself.
func fieldStores(ptr ssa.Value, index int) []*ssa.Store {
	refs := ptr.Referrers()
	if refs == nil {
		return nil
	}
	var out []*ssa.Store
	for _, r := range *refs {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Field != index || fa.Referrers() == nil {
			continue
		}
		for _, u := range *fa.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == fa {
				out = append(out, st)
			}
		}
	}
	return out
}

// cellLoads are the loads of the variable cell in the function that
// declares it and in the closures that capture it, whatever its other
// uses (see cellUses).
func cellLoads(cell ssa.Value) []*ssa.UnOp {
	var stores []*ssa.Store
	var loads []*ssa.UnOp
	cellUses(cell, 0, &stores, &loads)
	return loads
}

// structFieldOfAlloc is field name of the struct allocated by a, from
// the stores into it and, when cell is not nil, the stores made through
// cell, the variable that holds a's address.
func (e *evaluator) structFieldOfAlloc(a, cell *ssa.Alloc, name string, setArg func(ast.Expr)) Value {
	t := a.Type().Underlying().(*types.Pointer).Elem()
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return unknown()
	}
	idx := fieldIndex(s, name)
	if idx < 0 || a.Referrers() == nil {
		return unknown()
	}
	for _, st := range fieldStores(a, idx) {
		if x := e.st.idx.stores[st.Pos()]; x != nil {
			setArg(x)
		}
	}
	v := e.localField(a, idx)
	if cell != nil {
		for _, st := range cellFieldStores(cell, idx) {
			if x := e.st.idx.stores[st.Pos()]; x != nil {
				setArg(x)
			}
			v = union(v, e.evalStore(st))
		}
	}
	return v
}
