package listensite

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// capturedFlag is what *p reads when p is a local variable that a
// closure captures and that holds flag.String's pointer:
//
//	metricsAddr := flag.String("metrics-addr", ...)
//	go func() { http.ListenAndServe(*metricsAddr, ...) }()
//
// A captured variable lives in a cell (an Alloc), so the closure loads
// the pointer from the cell before loading the flag through it. The
// flag's value holds only while nothing else can write it: every store
// into the cell must be a flag pointer, and every copy of the pointer
// loaded from the cell may only be read through or stored through (a
// store is one more value the flag may have). Anything else (the
// variable's address taken, the pointer handed to a call) may write
// the flag anywhere: unknown.
func (e *evaluator) capturedFlag(cell *ssa.Alloc) Value {
	var stores []*ssa.Store
	var loads []*ssa.UnOp
	if !cell.Heap || !cellUses(cell, 0, &stores, &loads) {
		return unknown()
	}
	var out Value
	for _, st := range stores {
		call, ok := st.Val.(*ssa.Call)
		if !ok {
			return unknown()
		}
		f, ok := flagCall(call.Common())
		if !ok || !f.ptr {
			return unknown()
		}
		out = union(out, e.flagPart(call.Common(), f, 0))
	}
	if out.isUnknown() {
		return unknown()
	}
	for _, load := range loads {
		stored, ok := e.storesThrough(load)
		if !ok {
			return unknown()
		}
		out = union(out, stored)
	}
	return out
}

// cellUses lists the stores into and loads of the variable cell, in
// the function declaring it and the closures capturing it. It reports
// whether those are all its uses: false when the variable is used any
// other way (its address taken), or nests deeper than maxDepth; the
// lists then still hold every store and load found.
func cellUses(cell ssa.Value, depth int, stores *[]*ssa.Store, loads *[]*ssa.UnOp) bool {
	if depth > maxDepth || cell.Referrers() == nil {
		return false
	}
	only := true
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != cell {
				only = false
				continue
			}
			*stores = append(*stores, r)
		case *ssa.UnOp:
			if r.Op != token.MUL || r.X != cell {
				only = false
				continue
			}
			*loads = append(*loads, r)
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if !ok {
				only = false
				continue
			}
			for i, b := range r.Bindings {
				if b != cell {
					continue
				}
				if i >= len(fn.FreeVars) {
					only = false
					continue
				}
				only = cellUses(fn.FreeVars[i], depth+1, stores, loads) && only
			}
		case *ssa.DebugRef:
		default:
			only = false
		}
	}
	return only
}

// capturedCell is the cell of the local variable that the load p reads:
// the variable's Alloc in the function declaring it, or in a closure
// the free variable bound to it.
func capturedCell(p ssa.Value) *ssa.Alloc {
	if fv, ok := p.(*ssa.FreeVar); ok {
		p = binding(fv)
	}
	a, _ := p.(*ssa.Alloc)
	return a
}
