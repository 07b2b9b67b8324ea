package listensite

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/listen"
)

// grpcServe and tlsNewListener are keys as calleeName spells them.
const (
	grpcServe      = "google.golang.org/grpc.(*Server).Serve"
	tlsNewListener = "crypto/tls.NewListener"
)

// maxServeDepth bounds how many of the package's own functions a
// listener is followed through: helpers nest shallowly, and a bound
// keeps hostile code from making the walk long.
const maxServeDepth = 8

// servedApp is listen.AppGRPC when the listener a listen call returns
// is served by (*grpc.Server).Serve and by nothing else in this package:
// directly, wrapped by tls.NewListener, through local variables
// (captured by closures too), or as an argument of this package's
// functions. A listener that may also go elsewhere (http.Serve on
// another branch, a call into another package, a return, a struct
// field) is not marked: which server gets it would be a guess.
//
// A listener handed to cmux.New is served by the servers its matched
// listeners go to, all at once: gRPC and HTTP there make it
// listen.AppGRPCHTTP.
func servedApp(pkg *ssa.Package, call *ssa.Call) string {
	w := &serveWalk{pkg: pkg, seen: map[ssa.Value]bool{}}
	w.value(call, 0)
	switch {
	case w.other:
		return ""
	case w.grpc && !w.http:
		return listen.AppGRPC
	case w.grpc && w.http && w.muxed:
		return listen.AppGRPCHTTP
	}
	return ""
}

type serveWalk struct {
	pkg  *ssa.Package
	seen map[ssa.Value]bool
	// grpc: the listener reaches grpc.Server.Serve; http: an HTTP
	// server's Serve; other: something this walk does not follow.
	grpc, http, other bool
	// muxed: the listener went into cmux.New.
	muxed bool
}

// value follows where v, a listener or the tuple holding one, goes.
func (w *serveWalk) value(v ssa.Value, depth int) {
	if v == nil || w.seen[v] || v.Referrers() == nil {
		return
	}
	if depth > maxServeDepth {
		w.other = true
		return
	}
	w.seen[v] = true
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Extract:
			// (net.Listener, error): only the listener.
			if r.Index == 0 {
				w.value(r, depth)
			}
		case *ssa.Phi:
			w.value(r, depth)
		case *ssa.MakeInterface:
			w.value(r, depth)
		case *ssa.ChangeInterface:
			w.value(r, depth)
		case *ssa.Store:
			if r.Val == v {
				w.cell(r.Addr, depth)
			}
		case *ssa.MakeClosure:
			w.bound(r, v, false, depth)
		case ssa.CallInstruction:
			w.call(r, v, depth)
		case *ssa.BinOp, *ssa.If, *ssa.DebugRef:
			// lis == nil and the like: no use of the listener.
		default:
			w.other = true
		}
	}
}

// cell follows a variable the listener is stored in: a local whose
// address is taken or that a closure captures.
func (w *serveWalk) cell(addr ssa.Value, depth int) {
	switch addr.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
	default:
		w.other = true // a field, a global, an element
		return
	}
	if w.seen[addr] || addr.Referrers() == nil {
		return
	}
	w.seen[addr] = true
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				w.value(r, depth)
			}
		case *ssa.MakeClosure:
			w.bound(r, addr, true, depth)
		case *ssa.Store, *ssa.DebugRef:
			// Other stores into the variable are other values.
		default:
			w.other = true
		}
	}
}

// bound follows v into a closure that captures it: the listener itself,
// or (isCell) the variable holding it.
func (w *serveWalk) bound(mc *ssa.MakeClosure, v ssa.Value, isCell bool, depth int) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		w.other = true
		return
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		if isCell {
			w.cell(fn.FreeVars[i], depth+1)
		} else {
			w.value(fn.FreeVars[i], depth+1)
		}
	}
}

// call decides what a call does with the listener v.
func (w *serveWalk) call(in ssa.CallInstruction, v ssa.Value, depth int) {
	c := in.Common()
	if w.frameworkCall(in, c, v, depth) {
		return
	}
	if c.IsInvoke() {
		if c.Value == v {
			return // lis.Addr(), lis.Close(): the listener's own methods
		}
		w.other = true
		return
	}
	callee := c.StaticCallee()
	if callee == nil {
		w.other = true
		return
	}
	pkg, recv, name := calleeName(callee)
	switch pkg + "." + recv + name {
	case grpcServe:
		// Args[0] is the *grpc.Server; the listener is Args[1].
		if len(c.Args) == 2 && c.Args[1] == v {
			w.grpc = true
		} else {
			w.other = true
		}
		return
	case tlsNewListener:
		if res, ok := in.(*ssa.Call); ok && len(c.Args) > 0 && c.Args[0] == v {
			w.value(res, depth)
		} else {
			w.other = true
		}
		return
	}
	if callee.Pkg != w.pkg || len(callee.Blocks) == 0 {
		w.other = true
		return
	}
	for i, a := range c.Args {
		if a == v && i < len(callee.Params) {
			w.value(callee.Params[i], depth+1)
		}
	}
}
