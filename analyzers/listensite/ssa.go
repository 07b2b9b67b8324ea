package listensite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds SSA for the package being analysed, as the buildssa
// pass does. It is called only for packages outside the standard library:
// requiring buildssa instead made the checker build SSA for every
// standard-library dependency (this analyzer has facts, so it visits
// them all), which cost ten times go vet's time and most of the memory.
//
// Of the imports, only those whose package-level functions or variables
// the package names are created: creating one makes a member for every
// object and method it exports (net/http alone has hundreds), and that was
// the larger part of building SSA. The builder needs a created package
// only to find such a member; methods are made on demand, and constants
// and types need none. BareInits leaves out the calls from the package
// initializer to each import's init, which would need every import
// created and which the analysis never follows.
func buildSSA(pass *analysis.Pass) *buildssa.SSA {
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	for _, p := range usedImports(pass) {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	var funcs []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				if f := prog.FuncValue(obj); f != nil {
					add(f)
				}
			}
		}
	}
	return &buildssa.SSA{Pkg: pkg, SrcFuncs: funcs}
}

// usedImports lists, in the order of pass.Pkg.Imports, the packages one of
// whose package-level functions or variables the package's code names.
func usedImports(pass *analysis.Pass) []*types.Package {
	used := map[*types.Package]bool{}
	for _, obj := range pass.TypesInfo.Uses {
		p := obj.Pkg()
		if p == nil || p == pass.Pkg || used[p] || obj.Parent() != p.Scope() {
			continue // universe, local, already counted, or not package-level (fields, methods)
		}
		switch obj.(type) {
		case *types.Func, *types.Var:
			used[p] = true
		}
	}
	var out []*types.Package
	for _, p := range pass.Pkg.Imports() {
		if used[p] {
			out = append(out, p)
		}
	}
	return out
}
