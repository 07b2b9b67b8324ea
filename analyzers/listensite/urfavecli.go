package listensite

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// urfave/cli v2 and v3 (https://cli.urfave.org, docs/v2/examples/flags.md
// "Values from the Environment" and "Default Values"; docs/v3/examples/
// flags/value-sources.md; behaviour read in flag.go's flagFromEnvOrFile
// at v2.27.5 and value_source.go's EnvVars at v3.3.8): a flag is a
// struct literal (&cli.StringFlag{Name: "addr", Value: ":8080",
// EnvVars: []string{"ADDR"}} in v2, Sources: cli.EnvVars("ADDR") in v3)
// and the program reads it back by name, through c.String("addr") on a
// *cli.Context (v2) or cmd.String("addr") on a *cli.Command (v3), or
// through the variable its Destination points to. The value is the
// command line's when the flag is given there (by its Name or one of its
// Aliases), else the first listed environment variable that is set,
// else a file (v2 FilePath, v3 cli.Files), else Value.
//
// Modelled as a PartFlag whose default is the chain of PartEnv reads
// ending in Value. Difference: urfave takes a variable set to ""
// (os.LookupEnv), where PartEnv means unset or empty. A flag with a file
// source, or a source chain other than cli.EnvVars, ends its chain in an
// unknown value: the file may hold anything.

// urfavePkg reports whether path is urfave/cli v2 or v3.
func urfavePkg(path string) bool {
	return path == "github.com/urfave/cli/v2" || path == "github.com/urfave/cli/v3"
}

// urfaveFlagDef is one flag struct literal of the package.
type urfaveFlagDef struct {
	alloc *ssa.Alloc
	names []string
}

// libState caches what the library models find by scanning the whole
// package once.
type libState struct {
	urfave []urfaveFlagDef
	// dests maps a variable (an Alloc or a Global) to the flag literals
	// whose Destination points to it.
	dests map[ssa.Value][]*ssa.Alloc
}

func (e *evaluator) libs() *libState {
	if e.st.libs != nil {
		return e.st.libs
	}
	ls := &libState{dests: map[ssa.Value][]*ssa.Alloc{}}
	e.st.libs = ls
	// Only a package that imports urfave/cli can build its flags: the
	// others skip the scan.
	uses := false
	for _, imp := range e.st.pass.Pkg.Imports() {
		uses = uses || urfavePkg(imp.Path())
	}
	if !uses {
		return ls
	}
	for _, fn := range e.st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.Alloc:
					if urfaveFlagStruct(in.Type()) == nil {
						continue
					}
					d := urfaveFlagDef{alloc: in}
					for _, v := range storedIn(in, "Name") {
						if t, ok := e.eval(v).text(); ok {
							d.names = append(d.names, t)
						}
					}
					for _, v := range storedIn(in, "Aliases") {
						for _, x := range variadicArgs(v) {
							if t, ok := e.eval(x).text(); ok {
								d.names = append(d.names, t)
							}
						}
					}
					ls.urfave = append(ls.urfave, d)
				case *ssa.Store:
					fa, ok := in.Addr.(*ssa.FieldAddr)
					if !ok || fieldName(fa.X.Type(), fa.Field) != "Destination" {
						continue
					}
					if a, ok := fa.X.(*ssa.Alloc); ok && urfaveFlagStruct(a.Type()) != nil {
						ls.dests[in.Val] = append(ls.dests[in.Val], a)
					}
				}
			}
		}
	}
	return ls
}

// urfaveFlagStruct is the struct of a urfave/cli flag type that t points
// to (StringFlag, IntFlag, v3's FlagBase[T, ...]), nil for other types.
func urfaveFlagStruct(t types.Type) *types.Struct {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || !urfavePkg(n.Obj().Pkg().Path()) {
		return nil
	}
	s, ok := n.Underlying().(*types.Struct)
	if !ok || fieldIndex(s, "Name") < 0 || fieldIndex(s, "Value") < 0 {
		return nil
	}
	return s
}

func fieldIndex(s *types.Struct, name string) int {
	for i := range s.NumFields() {
		if s.Field(i).Name() == name {
			return i
		}
	}
	return -1
}

// fieldName is the name of field index of the struct t is or points to.
func fieldName(t types.Type, index int) string {
	s := structOf(t)
	if s == nil || index >= s.NumFields() {
		return ""
	}
	return s.Field(index).Name()
}

// storedIn lists the values stored into the named field of the struct
// a allocates.
func storedIn(a *ssa.Alloc, field string) []ssa.Value {
	s := structOf(a.Type())
	if s == nil {
		return nil
	}
	var out []ssa.Value
	for _, st := range fieldStores(a, fieldIndex(s, field)) {
		out = append(out, st.Val)
	}
	return out
}

// urfaveRead recognises c.String("addr") and its kin on a v2 *Context
// or a v3 *Command.
func (e *evaluator) urfaveRead(c *ssa.CallCommon) (Value, bool) {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) != 2 {
		return Value{}, false
	}
	pkg, recv, name := calleeName(callee)
	if !urfavePkg(pkg) || (recv != "(*Context)." && recv != "(*Command).") {
		return Value{}, false
	}
	switch name {
	case "String", "Int", "Int64", "Uint", "Uint64", "Bool":
	default:
		return Value{}, false
	}
	flag, ok := e.eval(c.Args[1]).text()
	if !ok {
		return unknown(), true
	}
	var out Value
	for _, d := range e.libs().urfave {
		for _, n := range d.names {
			if n == flag {
				out = union(out, e.urfaveValue(d))
				break
			}
		}
	}
	if out.isUnknown() {
		// Not defined in this package: another may define it.
		return unknown(), true
	}
	return out, true
}

// urfaveDestination is what the flags whose Destination is v give it.
func (e *evaluator) urfaveDestination(v ssa.Value) Value {
	var out Value
	for _, a := range e.libs().dests[v] {
		for _, d := range e.libs().urfave {
			if d.alloc == a {
				out = union(out, e.urfaveValue(d))
			}
		}
	}
	return out
}

// urfaveValue is the value one flag literal gives: the command line,
// then its environment variables in order, then its Value.
func (e *evaluator) urfaveValue(d urfaveFlagDef) Value {
	if len(d.names) == 0 {
		return unknown()
	}
	def := e.localField(d.alloc, fieldIndex(structOf(d.alloc.Type()), "Value"))
	if def.isUnknown() {
		def = zeroOf(structOf(d.alloc.Type()).Field(fieldIndex(structOf(d.alloc.Type()), "Value")).Type())
	}
	var envs []string
	for _, v := range storedIn(d.alloc, "EnvVars") { // v2
		for _, x := range variadicArgs(v) {
			t, ok := e.eval(x).text()
			if !ok {
				return unknown()
			}
			envs = append(envs, t)
		}
	}
	for _, v := range storedIn(d.alloc, "FilePath") { // v2
		if t, ok := e.eval(v).text(); !ok || t != "" {
			def = unknown()
		}
	}
	for _, v := range storedIn(d.alloc, "Sources") { // v3
		call, ok := v.(*ssa.Call)
		var callee *ssa.Function
		if ok {
			callee = call.Common().StaticCallee()
		}
		if callee == nil {
			return unknown()
		}
		if pkg, recv, name := calleeName(callee); !urfavePkg(pkg) || recv != "" || name != "EnvVars" {
			def = unknown() // files or a hand-built chain
			continue
		}
		for _, x := range variadicArgs(call.Common().Args[0]) {
			t, ok := e.eval(x).text()
			if !ok {
				return unknown()
			}
			envs = append(envs, t)
		}
	}
	for i := len(envs) - 1; i >= 0; i-- {
		d := def
		def = single(Part{Kind: PartEnv, Name: envs[i], Default: &d})
	}
	p := Part{Kind: PartFlag, Name: d.names[0], Default: &def}
	if len(d.names) > 1 {
		p.Short = d.names[1]
	}
	return single(p)
}

// zeroOf is the zero value of a flag's type, as text.
func zeroOf(t types.Type) Value {
	b, ok := t.Underlying().(*types.Basic)
	switch {
	case !ok:
		return unknown()
	case b.Info()&types.IsString != 0:
		return lit("")
	case b.Info()&types.IsInteger != 0:
		return lit("0")
	case b.Info()&types.IsBoolean != 0:
		return lit("false")
	}
	return unknown()
}
