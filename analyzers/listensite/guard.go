package listensite

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/source"
)

// guardedNonEmpty reports whether block b runs only when x is not
// empty: a block above it tests x != "", len(x) > 0, or x == "" and b
// lies on the other side (if *dev != "" { http.ListenAndServe(*dev, nil) },
// or an early return when it is empty).
func guardedNonEmpty(b *ssa.BasicBlock, x ssa.Value) bool {
	for d, n := b.Idom(), 0; d != nil && n < 32; d, n = d.Idom(), n+1 {
		if len(d.Instrs) == 0 || len(d.Succs) != 2 || d.Succs[0] == d.Succs[1] {
			continue
		}
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		y, emptyOnTrue, ok := nonEmptyTest(ifi.Cond)
		if !ok || !sameValue(x, y) {
			continue
		}
		full := d.Succs[0]
		if emptyOnTrue {
			full = d.Succs[1]
		}
		if full.Dominates(b) {
			return true
		}
	}
	return false
}

// nonEmptyTest is emptyTest that also reads len(x) == 0, len(x) != 0
// and len(x) > 0 as tests of x.
func nonEmptyTest(cond ssa.Value) (x ssa.Value, emptyOnTrue, ok bool) {
	if c, isBin := cond.(*ssa.BinOp); isBin && c.Op == token.GTR && isZero(c.Y) {
		if arg, isLen := lenOf(c.X); isLen {
			return arg, false, true
		}
		return nil, false, false
	}
	x, emptyOnTrue, ok = emptyTest(cond)
	if !ok {
		return nil, false, false
	}
	if arg, isLen := lenOf(x); isLen {
		return arg, emptyOnTrue, true
	}
	if !isString(x.Type()) {
		// n == 0 on an integer says nothing about a string address.
		return nil, false, false
	}
	return x, emptyOnTrue, true
}

// lenOf is s when v is len(s) of a string.
func lenOf(v ssa.Value) (ssa.Value, bool) {
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	b, ok := c.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(c.Call.Args) != 1 || !isString(c.Call.Args[0].Type()) {
		return nil, false
	}
	return c.Call.Args[0], true
}

// sameValue reports whether a and b are the same string: one SSA value,
// or two loads through the same package-level pointer (*dev read once
// in the test and again in the call).
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	ua, ok1 := a.(*ssa.UnOp)
	ub, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || ua.Op != token.MUL || ub.Op != token.MUL {
		return false
	}
	if ga, ok := ua.X.(*ssa.Global); ok {
		return ga == ub.X
	}
	return sameValue(ua.X, ub.X)
}

// dropEmpty is v without the alternatives that are the empty string: a
// listen call guarded by a non-empty test never sees them. A flag or
// env var whose only default is empty keeps no default: its value then
// comes from the command line or the environment alone.
func dropEmpty(v Value) Value {
	out := withoutEmpty(v)
	if out.isUnknown() {
		return unknown()
	}
	return out
}

// withoutEmpty is dropEmpty, with no alternative at all when every one
// was empty.
func withoutEmpty(v Value) Value {
	var out Value
	for _, a := range v.Alts {
		if isEmptyLit(a.Parts) {
			continue
		}
		if len(a.Parts) == 1 && (a.Parts[0].Kind == PartFlag || a.Parts[0].Kind == PartEnv) && a.Parts[0].Default != nil {
			p := a.Parts[0]
			if def := withoutEmpty(*p.Default); def.isUnknown() {
				p.Default, p.DefaultRange = nil, source.Range{}
			} else {
				p.Default = &def
			}
			a.Parts = []Part{p}
		}
		out.Alts = append(out.Alts, a)
	}
	return out
}
