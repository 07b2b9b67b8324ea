package listensite

import (
	"go/ast"
	"go/token"
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
	return single(p)
}
