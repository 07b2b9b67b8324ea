package listensite

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// flyVars are set by Fly on every Machine and nowhere else, so code
// that branches on them is choosing what to do on Fly.
var flyVars = map[string]bool{
	"FLY_APP_NAME":   true,
	"FLY_REGION":     true,
	"FLY_MACHINE_ID": true,
	"FLY_ALLOC_ID":   true,
	"FLY_PUBLIC_IP":  true,
	"FLY_PRIVATE_IP": true,
}

// flyCond reports whether cond tests a Fly variable, and which way:
// onTrue is true when the condition holds on Fly
// (os.Getenv("FLY_APP_NAME") != "", or LookupEnv's ok).
func flyCond(cond ssa.Value) (onTrue, ok bool) {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return false, false
		}
		x, y := c.X, c.Y
		if isEmptyString(x) {
			x, y = y, x
		}
		if !isEmptyString(y) || !isFlyGetenv(x, "os.Getenv") {
			return false, false
		}
		return c.Op == token.NEQ, true
	case *ssa.Extract:
		if c.Index == 1 && isFlyGetenv(c.Tuple, "os.LookupEnv") {
			return true, true
		}
	case *ssa.UnOp:
		if c.Op == token.NOT {
			on, ok := flyCond(c.X)
			return !on, ok
		}
	}
	return false, false
}

func isEmptyString(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.String && constant.StringVal(c.Value) == ""
}

func isFlyGetenv(v ssa.Value, fn string) bool {
	call, ok := v.(*ssa.Call)
	if !ok || call.Common().StaticCallee() == nil || len(call.Common().Args) != 1 {
		return false
	}
	pkg, recv, name := calleeName(call.Common().StaticCallee())
	if pkg+"."+recv+name != fn {
		return false
	}
	c, ok := call.Common().Args[0].(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.String && flyVars[constant.StringVal(c.Value)]
}

// flyEdge reports whether control reaches to from pred only on Fly.
func flyEdge(pred, to *ssa.BasicBlock) bool {
	if on, ok := flyIf(pred); ok && len(pred.Succs) == 2 && pred.Succs[0] != pred.Succs[1] {
		return (pred.Succs[0] == to) == on
	}
	return flyBlock(pred)
}

// flyBlock reports whether b runs only on Fly: some block above it
// tests a Fly variable and b lies wholly on the Fly side.
func flyBlock(b *ssa.BasicBlock) bool {
	for d, n := b.Idom(), 0; d != nil && n < 32; d, n = d.Idom(), n+1 {
		on, ok := flyIf(d)
		if !ok || len(d.Succs) != 2 {
			continue
		}
		switch {
		case d.Succs[0].Dominates(b) && d.Succs[0] != d.Succs[1]:
			return on
		case d.Succs[1].Dominates(b):
			return !on
		}
	}
	return false
}

func flyIf(b *ssa.BasicBlock) (onTrue, ok bool) {
	if len(b.Instrs) == 0 {
		return false, false
	}
	in, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf {
		return false, false
	}
	return flyCond(in.Cond)
}
