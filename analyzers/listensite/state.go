package listensite

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/source"
)

// packageFact carries what downstream packages need to finish the
// job: listen sites whose address still depends on a caller's argument
// or on a struct field set elsewhere, and summaries of the package's
// fields, globals and functions.
type packageFact struct {
	Pending []RawSite
	// The tables are sorted slices, not maps: facts must encode the
	// same way every time.
	Fields  []Entry // "pkgpath.Type.field" → stored values
	Globals []Entry // "pkgpath.name" → stored values
	Returns []Entry // funcKey + "#" + result index → value

	fields, globals, returns map[string]Value
}

// Entry is one row of a fact's table.
type Entry struct {
	Key   string
	Value Value
}

func table(m map[string]Value) []Entry {
	out := make([]Entry, 0, len(m))
	for k, v := range m {
		out = append(out, Entry{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func index(es []Entry) map[string]Value {
	m := make(map[string]Value, len(es))
	for _, e := range es {
		m[e.Key] = e.Value
	}
	return m
}

// load builds the lookup maps of a fact read from another package.
func (f *packageFact) load() {
	f.fields, f.globals, f.returns = index(f.Fields), index(f.Globals), index(f.Returns)
}

func (*packageFact) AFact() {}

func (f *packageFact) String() string {
	return "listensite(" + strconv.Itoa(len(f.Pending)) + " pending)"
}

// state is one pass's view: the package's SSA, its AST indexes and the
// facts of the packages it imports.
type state struct {
	pass     *analysis.Pass
	ssaPkg   *ssa.Package
	funcs    []*ssa.Function
	idx      *astIndex
	imported []*packageFact
	boxed    map[string]bool // boxedTypes, once computed
	byPath   map[string]*packageFact

	fields  map[string]Value
	globals map[*ssa.Global]Value
	// writes lists, per package-level variable, the instructions that
	// may change it: stores, and calls that are handed its address.
	writes map[*ssa.Global][]ssa.Instruction
	lits   map[*ssa.Function]map[string][]*ast.BasicLit
	// loads lists, per package-level variable, the instructions that
	// read it (ssa.Global keeps no referrers).
	loads map[*ssa.Global][]*ssa.UnOp
	// keyStores lists, per field key (fieldKeyOf), the stores into that
	// field of any struct of the named type; nil until first asked.
	keyStores map[string][]*ssa.Store
	// setters is the package's flag Set calls (see flagSetters); nil
	// until first asked.
	setters *[]flagSet
	// calls lists, per package path, the package's calls to that
	// package's functions and methods (static callees), in scan order;
	// nil until first asked.
	calls map[string][]ssa.CallInstruction
	// callers lists, per function, the package's static calls to it;
	// taken marks the functions the package uses as values, so called
	// from where nothing shows. Built with calls.
	callers map[*ssa.Function][]*ssa.CallCommon
	taken   map[*ssa.Function]bool
	viper   *vipers
	libs    *libState
}

// assignedLits lists, per variable name, the basic literals fn's own
// body assigns or initialises local variables with (closures are
// their own functions).
func (st *state) assignedLits(fn *ssa.Function) map[string][]*ast.BasicLit {
	if m, ok := st.lits[fn]; ok {
		return m
	}
	m := map[string][]*ast.BasicLit{}
	add := func(l, r ast.Expr) {
		id, ok := l.(*ast.Ident)
		bl, isLit := r.(*ast.BasicLit)
		if ok && isLit {
			m[id.Name] = append(m[id.Name], bl)
		}
	}
	var body ast.Node
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = syn.Body
	case *ast.FuncLit:
		body = syn.Body
	}
	if body != nil {
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						add(n.Lhs[i], n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						add(n.Names[i], n.Values[i])
					}
				}
			}
			return true
		})
	}
	if st.lits == nil {
		st.lits = map[*ssa.Function]map[string][]*ast.BasicLit{}
	}
	st.lits[fn] = m
	return m
}

// storesTo is the instructions that may write g (see state.writes).
func (st *state) storesTo(g *ssa.Global) []ssa.Instruction {
	if st.writes == nil {
		st.writes = map[*ssa.Global][]ssa.Instruction{}
		for _, fn := range st.funcs {
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					switch in := in.(type) {
					case *ssa.Store:
						if g, ok := in.Addr.(*ssa.Global); ok {
							st.writes[g] = append(st.writes[g], in)
						}
					case ssa.CallInstruction:
						for _, a := range in.Common().Args {
							// json.Unmarshal(b, &addr) passes it as an any.
							if mi, ok := a.(*ssa.MakeInterface); ok {
								a = mi.X
							}
							if g, ok := a.(*ssa.Global); ok {
								st.writes[g] = append(st.writes[g], in)
							}
						}
					}
				}
			}
		}
	}
	return st.writes[g]
}

// loadsOf is the instructions that read g (see state.loads).
func (st *state) loadsOf(g *ssa.Global) []*ssa.UnOp {
	if st.loads == nil {
		st.loads = map[*ssa.Global][]*ssa.UnOp{}
		for _, fn := range st.funcs {
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if u, ok := in.(*ssa.UnOp); ok && u.Op == token.MUL {
						if g, ok := u.X.(*ssa.Global); ok {
							st.loads[g] = append(st.loads[g], u)
						}
					}
				}
			}
		}
	}
	return st.loads[g]
}

// callsInto is the package's calls whose static callee belongs to one
// of pkgs (a path, as calleeName gives it), in the order of the
// package's instructions within each of pkgs.
func (st *state) callsInto(pkgs ...string) []ssa.CallInstruction {
	st.indexCalls()
	if len(pkgs) == 1 {
		return st.calls[pkgs[0]]
	}
	var out []ssa.CallInstruction
	for _, p := range pkgs {
		out = append(out, st.calls[p]...)
	}
	return out
}

// callersOf is the package's static calls to fn, and whether fn is
// also used as a value (then it may be called from where nothing shows).
func (st *state) callersOf(fn *ssa.Function) (calls []*ssa.CallCommon, taken bool) {
	st.indexCalls()
	return st.callers[fn], st.taken[fn]
}

// indexCalls builds calls, callers and taken in one scan of the
// package, the first time one of them is asked for.
func (st *state) indexCalls() {
	if st.calls != nil {
		return
	}
	st.calls = map[string][]ssa.CallInstruction{}
	st.callers = map[*ssa.Function][]*ssa.CallCommon{}
	st.taken = map[*ssa.Function]bool{}
	for _, fn := range st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				var callValue ssa.Value
				if ci, ok := in.(ssa.CallInstruction); ok {
					c := ci.Common()
					if callee := c.StaticCallee(); callee != nil {
						pkg, _, _ := calleeName(callee)
						st.calls[pkg] = append(st.calls[pkg], ci)
						st.callers[callee] = append(st.callers[callee], c)
					}
					callValue = c.Value
				}
				var ops [8]*ssa.Value
				for _, op := range in.Operands(ops[:0]) {
					if op == nil || *op == callValue {
						continue
					}
					if g, ok := (*op).(*ssa.Function); ok {
						st.taken[g] = true
					}
				}
			}
		}
	}
}

// storesToField is the package's stores into the field named by key
// (fieldKeyOf), through any pointer, indexed in one scan of the package.
func (st *state) storesToField(key string) []*ssa.Store {
	if st.keyStores == nil {
		st.keyStores = map[string][]*ssa.Store{}
		for _, fn := range st.funcs {
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if s, ok := in.(*ssa.Store); ok {
						if fa, ok := s.Addr.(*ssa.FieldAddr); ok {
							if k := fieldKeyOf(fa.X.Type(), fa.Field); k != "" {
								st.keyStores[k] = append(st.keyStores[k], s)
							}
						}
					}
				}
			}
		}
	}
	return st.keyStores[key]
}

// astIndex finds the syntax behind SSA instructions by position.
type astIndex struct {
	calls   map[token.Pos]*ast.CallExpr // by Lparen
	stores  map[token.Pos]ast.Expr      // by key-value colon or selector: the stored expression
	returns map[token.Pos][]ast.Expr    // by the return keyword: the results
}

func newASTIndex(files []*ast.File) *astIndex {
	idx := &astIndex{calls: map[token.Pos]*ast.CallExpr{}, stores: map[token.Pos]ast.Expr{}, returns: map[token.Pos][]ast.Expr{}}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				idx.calls[n.Lparen] = n
			case *ast.KeyValueExpr:
				idx.stores[n.Colon] = n.Value
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, l := range n.Lhs {
						switch l := l.(type) {
						case *ast.SelectorExpr:
							idx.stores[l.Sel.Pos()] = n.Rhs[i]
						case *ast.Ident:
							idx.stores[l.Pos()] = n.Rhs[i]
						}
					}
				}
			case *ast.ReturnStmt:
				idx.returns[n.Return] = n.Results
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, name := range n.Names {
						idx.stores[name.Pos()] = n.Values[i]
					}
				}
			}
			return true
		})
	}
	return idx
}

func (st *state) rangeOf(pos, end token.Pos) source.Range {
	return source.FromToken(st.pass.Fset, pos, end)
}

// globalValue is what a package-level variable may hold.
func (st *state) globalValue(e *evaluator, g *ssa.Global) Value {
	if g.Pkg != st.ssaPkg {
		if g.Pkg != nil {
			if f := st.byPath[g.Pkg.Pkg.Path()]; f != nil {
				if v, ok := f.globals[globalKey(g)]; ok {
					return v
				}
			}
		}
		return unknown()
	}
	if st.globals == nil {
		st.globals = map[*ssa.Global]Value{}
	}
	if v, ok := st.globals[g]; ok {
		return v
	}
	st.globals[g] = unknown() // a cycle through the global is unknown
	var out Value
	for _, in := range st.storesTo(g) {
		switch in := in.(type) {
		case *ssa.Store:
			out = union(out, e.evalStore(in))
		case ssa.CallInstruction:
			if f, ok := flagCall(in.Common()); ok && f.varArg && argIs(in.Common(), 0, g) {
				out = union(out, e.flagPart(in.Common(), f, 1))
			} else if _, isFlag := flagCall(in.Common()); !isFlag {
				// json.Unmarshal(data, &cfg) and the like may write
				// anything.
				out = union(out, unknown())
			}
		}
	}
	out = union(out, e.urfaveDestination(g))
	if out.isUnknown() {
		out = unknown()
	}
	out = withEnvDefault(out)
	st.globals[g] = out
	return out
}

func globalKey(g *ssa.Global) string {
	if g.Pkg == nil {
		return g.Name()
	}
	return g.Pkg.Pkg.Path() + "." + g.Name()
}

// fieldTable collects, for every struct field this package stores
// into, the union of the stored values.
func (st *state) fieldTable(e *evaluator) map[string]Value {
	if st.fields != nil {
		return st.fields
	}
	st.fields = map[string]Value{}
	for _, fn := range st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.Store:
					if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
						if key := fieldKeyOf(fa.X.Type(), fa.Field); key != "" {
							st.fields[key] = union(st.fields[key], e.evalStore(in))
						}
					}
				case *ssa.Call:
					if fill, ok := e.structFillOf(in.Common()); ok {
						st.addFilledFields(fill)
					}
					if f, ok := flagCall(in.Common()); ok && f.varArg {
						i := 0
						if in.Common().Signature().Recv() != nil {
							i = 1
						}
						if fa, ok := in.Common().Args[i].(*ssa.FieldAddr); ok {
							if key := fieldKeyOf(fa.X.Type(), fa.Field); key != "" {
								st.fields[key] = union(st.fields[key], e.flagPart(in.Common(), f, 1))
							}
						}
					}
				}
			}
		}
	}
	for k, v := range st.fields {
		st.fields[k] = withEnvDefault(v)
	}
	return st.fields
}

// resolveFields replaces field parts with what this package, or the
// package declaring the field, stores into them.
func (st *state) resolveFields(e *evaluator, v Value) Value {
	table := st.fieldTable(e)
	boxed := st.boxedTypes(e)
	for range 3 {
		if !v.hasSymbols() {
			return v
		}
		v = v.subst(func(p Part) (Value, bool) {
			if p.Kind != PartField || boxedField(boxed, p.Name) {
				return Value{}, false
			}
			if r, ok := table[p.Name]; ok && !r.isUnknown() {
				return r, true
			}
			for _, f := range st.imported {
				if r, ok := f.fields[p.Name]; ok && !r.isUnknown() {
					return r, true
				}
			}
			return Value{}, false
		})
	}
	return v
}

// resolveFieldsHere replaces the field parts of v that this package
// stores into with everything any analysed package stores there, and
// returns the first such store (in source order) for a site to stand
// at; nil when this package stores into none of them.
func (st *state) resolveFieldsHere(e *evaluator, v Value) (Value, ast.Expr) {
	table := st.fieldTable(e)
	boxed := st.boxedTypes(e)
	keys := map[string]bool{}
	out := v.subst(func(p Part) (Value, bool) {
		if p.Kind != PartField {
			return Value{}, false
		}
		if boxedField(boxed, p.Name) {
			return Value{}, false
		}
		r, ok := table[p.Name]
		if !ok || r.isUnknown() {
			return Value{}, false
		}
		for _, f := range st.imported {
			if x, ok := f.fields[p.Name]; ok {
				r = union(r, x)
			}
		}
		keys[p.Name] = true
		return r, true
	})
	if len(keys) == 0 {
		return v, nil
	}
	var first ast.Expr
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		for _, s := range st.storesToField(k) {
			if x := st.idx.stores[s.Pos()]; x != nil && (first == nil || x.Pos() < first.Pos()) {
				first = x
			}
		}
	}
	if first == nil {
		return v, nil // stored only by library calls: no place to stand
	}
	return out, first
}

// boxedTypes names ("pkgpath.Type") the struct types a value or pointer
// of which this package hands to another package's function as an
// empty interface, other than to the env libraries fieldTable models:
// json.Unmarshal(data, srv) and the other decoders take "any" and may
// replace whatever the package stored into the fields, so those stores
// are not the fields' values. (A struct returned as the app's own
// interface, a listener factory, is not handed to anyone.)
func (st *state) boxedTypes(e *evaluator) map[string]bool {
	if st.boxed != nil {
		return st.boxed
	}
	st.boxed = map[string]bool{}
	for _, fn := range st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				mi, ok := in.(*ssa.MakeInterface)
				if !ok || !st.passedAway(mi) {
					continue
				}
				t := mi.X.Type()
				if p, ok := t.Underlying().(*types.Pointer); ok {
					t = p.Elem()
				}
				n, ok := types.Unalias(t).(*types.Named)
				if !ok || n.Obj().Pkg() == nil {
					continue
				}
				if _, ok := n.Underlying().(*types.Struct); !ok {
					continue
				}
				if _, filled := e.filledBy(mi); filled {
					continue
				}
				st.boxed[n.Obj().Pkg().Path()+"."+n.Obj().Name()] = true
			}
		}
	}
	return st.boxed
}

// passedAway reports whether mi, boxed as an empty interface, is an
// argument of a call into another package.
func (st *state) passedAway(mi *ssa.MakeInterface) bool {
	it, ok := mi.Type().Underlying().(*types.Interface)
	if !ok || !it.Empty() || mi.Referrers() == nil {
		return false
	}
	for _, r := range *mi.Referrers() {
		c, ok := r.(ssa.CallInstruction)
		if !ok {
			continue
		}
		if callee := c.Common().StaticCallee(); callee != nil && callee.Pkg == st.ssaPkg {
			continue
		}
		for _, a := range c.Common().Args {
			if a == mi {
				return true
			}
		}
	}
	return false
}

// boxedField reports whether the field key ("pkgpath.Type.field")
// belongs to one of the boxed types.
func boxedField(boxed map[string]bool, key string) bool {
	i := strings.LastIndexByte(key, '.')
	return i < 0 || boxed[key[:i]]
}

func (st *state) importedReturn(key string, index int) (Value, bool) {
	k := key + "#" + strconv.Itoa(index)
	for _, f := range st.imported {
		if v, ok := f.returns[k]; ok {
			return v, true
		}
	}
	return Value{}, false
}
