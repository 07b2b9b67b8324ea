package listensite

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
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

// servesGRPC reports whether the listener a listen call returns reaches
// (*grpc.Server).Serve in this package: directly, wrapped by
// tls.NewListener, through local variables (captured by closures too),
// or as an argument of this package's functions. A listener handed to
// another package, or returned, is not followed: the answer is then
// false, which makes no rule fire.
func servesGRPC(pkg *ssa.Package, call *ssa.Call) bool {
	w := &serveWalk{pkg: pkg, seen: map[ssa.Value]bool{}}
	return w.value(call, 0)
}

type serveWalk struct {
	pkg  *ssa.Package
	seen map[ssa.Value]bool
}

// value follows where v, a listener or the tuple holding one, goes.
func (w *serveWalk) value(v ssa.Value, depth int) bool {
	if v == nil || w.seen[v] || depth > maxServeDepth || v.Referrers() == nil {
		return false
	}
	w.seen[v] = true
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Extract:
			// (net.Listener, error): only the listener.
			if r.Index == 0 && w.value(r, depth) {
				return true
			}
		case *ssa.Phi:
			if w.value(r, depth) {
				return true
			}
		case *ssa.MakeInterface:
			if w.value(r, depth) {
				return true
			}
		case *ssa.ChangeInterface:
			if w.value(r, depth) {
				return true
			}
		case *ssa.Store:
			if r.Val == v && w.cell(r.Addr, depth) {
				return true
			}
		case *ssa.MakeClosure:
			if w.bound(r, v, false, depth) {
				return true
			}
		case ssa.CallInstruction:
			if w.call(r, v, depth) {
				return true
			}
		}
	}
	return false
}

// cell follows a variable the listener is stored in: a local whose
// address is taken or that a closure captures.
func (w *serveWalk) cell(addr ssa.Value, depth int) bool {
	switch addr.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
	default:
		return false
	}
	if w.seen[addr] || addr.Referrers() == nil {
		return false
	}
	w.seen[addr] = true
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL && w.value(r, depth) {
				return true
			}
		case *ssa.MakeClosure:
			if w.bound(r, addr, true, depth) {
				return true
			}
		}
	}
	return false
}

// bound follows v into a closure that captures it: the listener itself,
// or (isCell) the variable holding it.
func (w *serveWalk) bound(mc *ssa.MakeClosure, v ssa.Value, isCell bool, depth int) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		if isCell && w.cell(fv, depth+1) || !isCell && w.value(fv, depth+1) {
			return true
		}
	}
	return false
}

// call decides what a call does with the listener v among its
// arguments.
func (w *serveWalk) call(in ssa.CallInstruction, v ssa.Value, depth int) bool {
	c := in.Common()
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	pkg, recv, name := calleeName(callee)
	switch pkg + "." + recv + name {
	case grpcServe:
		// Args[0] is the *grpc.Server; the listener is Args[1].
		return len(c.Args) == 2 && c.Args[1] == v
	case tlsNewListener:
		if res, ok := in.(*ssa.Call); ok && len(c.Args) > 0 && c.Args[0] == v {
			return w.value(res, depth)
		}
		return false
	}
	if callee.Pkg != w.pkg || len(callee.Blocks) == 0 {
		return false
	}
	for i, a := range c.Args {
		if a == v && i < len(callee.Params) && w.value(callee.Params[i], depth+1) {
			return true
		}
	}
	return false
}
