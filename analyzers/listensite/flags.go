package listensite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// flagAPI describes one flag-defining function.
type flagAPI struct {
	ptr    bool // returns a pointer to the value (flag.String)
	varArg bool // takes a pointer to the variable first (flag.StringVar)
	short  bool // takes a shorthand after the name (pflag's StringP)
}

// flagCall recognises flag.String, flag.IntVar, (*flag.FlagSet).Int,
// pflag's variants and the like.
func flagCall(c *ssa.CallCommon) (flagAPI, bool) {
	callee := c.StaticCallee()
	if callee == nil {
		return flagAPI{}, false
	}
	pkg, recv, name := calleeName(callee)
	if pkg != "flag" && pkg != "github.com/spf13/pflag" {
		return flagAPI{}, false
	}
	if recv != "" && recv != "(*FlagSet)." {
		return flagAPI{}, false
	}
	var f flagAPI
	base := name
	if strings.HasSuffix(base, "P") && pkg == "github.com/spf13/pflag" {
		f.short = true
		base = strings.TrimSuffix(base, "P")
	}
	if strings.HasSuffix(base, "Var") {
		f.varArg = true
		base = strings.TrimSuffix(base, "Var")
	} else {
		f.ptr = true
	}
	switch base {
	case "String", "Int", "Int64", "Uint", "Uint64", "Uint16", "Bool":
		return f, true
	}
	return flagAPI{}, false
}

// flagPart is the value a flag-defining call gives its variable: the
// flag, with its default.
func (e *evaluator) flagPart(c *ssa.CallCommon, f flagAPI, _ int) Value {
	base := 0
	if c.Signature().Recv() != nil {
		base = 1
	}
	nameIdx := base
	if f.varArg {
		nameIdx++
	}
	valIdx := nameIdx + 1
	if f.short {
		valIdx++
	}
	if valIdx >= len(c.Args) {
		return unknown()
	}
	name, ok := e.eval(c.Args[nameIdx]).text()
	if !ok {
		return unknown()
	}
	def := e.eval(c.Args[valIdx])
	p := Part{Kind: PartFlag, Name: name, Default: &def}
	if f.short {
		// pflag's shorthand: -p 8080 on the command line sets it too.
		p.Short, _ = e.eval(c.Args[nameIdx+1]).text()
	}
	if call := e.st.idx.calls[c.Pos()]; call != nil {
		if i := valIdx - base; i < len(call.Args) {
			if bl, ok := call.Args[i].(*ast.BasicLit); ok && bl.Kind == token.STRING {
				p.DefaultRange = e.st.rangeOf(bl.Pos(), bl.End())
			}
		}
	}
	return union(single(p), e.flagSets(name))
}

// flagSet is one call that may change a flag after it is defined:
// flag.Set(name, v), (*FlagSet).Set, pflag's, or Set on a flag.Value.
type flagSet struct {
	call  *ssa.CallCommon
	block *ssa.BasicBlock
	name  ssa.Value // nil for flag.Value.Set: which flag is not known
	val   ssa.Value
}

// flagSetters lists the package's flagSet calls, once per pass.
func (st *state) flagSetters() []flagSet {
	if st.setters != nil {
		return *st.setters
	}
	var out []flagSet
	for _, fn := range st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if s, ok := setterCall(ci.Common()); ok {
					s.block = b
					out = append(out, s)
				}
			}
		}
	}
	st.setters = &out
	return out
}

// setterCall recognises the calls flagSet describes.
func setterCall(c *ssa.CallCommon) (flagSet, bool) {
	if c.IsInvoke() {
		// f.Value.Set(v), from flag.VisitAll or Lookup: the flag is
		// whatever f is.
		if c.Method.Name() == "Set" && isFlagValue(c.Value.Type()) && len(c.Args) == 1 {
			return flagSet{call: c, val: c.Args[0]}, true
		}
		return flagSet{}, false
	}
	callee := c.StaticCallee()
	if callee == nil {
		return flagSet{}, false
	}
	pkg, recv, name := calleeName(callee)
	if name != "Set" || (pkg != "flag" && pkg != "github.com/spf13/pflag") {
		return flagSet{}, false
	}
	switch {
	case recv == "" && len(c.Args) == 2:
		return flagSet{call: c, name: c.Args[0], val: c.Args[1]}, true
	case recv == "(*FlagSet)." && len(c.Args) == 3:
		return flagSet{call: c, name: c.Args[1], val: c.Args[2]}, true
	}
	return flagSet{}, false
}

// isFlagValue reports whether t is the flag.Value or pflag.Value
// interface.
func isFlagValue(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != "Value" {
		return false
	}
	p := n.Obj().Pkg().Path()
	return p == "flag" || p == "github.com/spf13/pflag"
}

// flagSets is what the package's Set calls may give the flag name, on
// top of its default and the command line: the value set under this
// flag's constant name, and unknown when a Set's name is not a
// constant (flag.VisitAll copying APP_<name> from the environment may
// set every flag).
func (e *evaluator) flagSets(name string) Value {
	var out Value
	for _, s := range e.st.flagSetters() {
		if s.name == nil {
			return unknown()
		}
		n, ok := e.eval(s.name).text()
		if !ok {
			return unknown()
		}
		if n == name {
			// Set only where the branches above it lead: the flag's own
			// value stays possible everywhere else.
			out = union(out, withCond(e.eval(s.val), e.condsOf(s.block)...))
		}
	}
	return out
}
