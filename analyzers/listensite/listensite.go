package listensite

import (
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/internal/source"
)

// Analyzer finds the places a package listens on a socket and works out
// their addresses. Its Result is a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "listensite",
	Doc:        doc,
	URL:        project.Home + "/tree/main/analyzers/listensite",
	Requires:   nil, // SSA is built in run, only for non-standard packages (see buildSSA)
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(packageFact)},
	Run:        run,
}

// Result lists a package's listen sites.
type Result struct {
	Sites []*Site
}

// Site is one listen site with its address worked out as far as the
// package allows.
type Site struct {
	listen.Listener
	// Network is the Go network string ("tcp", "udp4", ...), "" when
	// unknown.
	Network string
	// NetworkUnknown is true when the program picks the network at run
	// time ($NET or "udp4"): a wildcard host filled in later (from a flag
	// or env var) must then get no address family (see UnknownFamily).
	NetworkUnknown bool
	// Partial is true when the address depends on arguments or fields
	// this package cannot see; the packages that call in report refined
	// copies, with Via set.
	Partial bool
	// Via is the call in this package that completed the address of a
	// listen call made elsewhere (invalid when the call is here).
	Via source.Range
	// Pos and End span the listen call, or Via when set; ArgPos and
	// ArgEnd the expression that carries the address (the argument of
	// Via when set). They are positions in this pass's files, for
	// diagnostics, and NoPos when unknown.
	Pos, End       token.Pos
	ArgPos, ArgEnd token.Pos
	// ArgLit is the value of that expression when it is a string
	// literal (ArgIsLit), so a fix can rewrite it.
	ArgLit   string
	ArgIsLit bool
	// Raw is the symbolic form the listener was resolved from.
	Raw *RawSite
	// Alternatives lists the addresses the program picks among by
	// branches on environment variables (getenv("APP_ENV", "production")
	// == "development"), with the conditions that pick each; Listener
	// then keeps only what holds on every path, and Decide finishes it
	// against the app's environment. Nil when no such branch matters.
	Alternatives []Alternative
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	if isStandard(pass) {
		return res, nil
	}
	ssaRes := buildSSA(pass)
	st := &state{
		pass:   pass,
		ssaPkg: ssaRes.Pkg,
		funcs:  allFuncs(ssaRes),
		idx:    newASTIndex(pass.Files),
		byPath: map[string]*packageFact{},
	}
	for _, pf := range pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*packageFact); ok {
			f.load()
			st.imported = append(st.imported, f)
			st.byPath[pf.Package.Path()] = f
		}
	}
	e := newEvaluator(st)

	type callSite struct {
		c  *ssa.CallCommon
		fn *ssa.Function
	}
	calls := map[string][]callSite{}
	var raws []*RawSite
	for _, fn := range st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := ci.Common()
				for _, r := range e.matchAll(c) {
					if isUnix(r.Network) {
						continue
					}
					if r.addr != nil && guardedNonEmpty(b, r.addr) {
						r.Addr = dropEmpty(r.Addr)
					}
					if call, ok := in.(*ssa.Call); ok {
						r.App = servedApp(st.ssaPkg, call)
					}
					raws = append(raws, r)
				}
				if callee := c.StaticCallee(); callee != nil {
					k := funcKey(callee)
					calls[k] = append(calls[k], callSite{c, fn})
				}
			}
		}
	}
	for _, r := range raws {
		r.Addr = st.resolveFields(e, r.Addr)
		r.Network = st.resolveFields(e, r.Network)
	}

	// Finish sites whose address waits on a caller's argument, here or
	// in a package this one imports, by substituting the arguments of
	// every call this package makes to that function.
	var work, derived []*RawSite
	for _, r := range raws {
		if r.Addr.hasSymbols() || r.Network.hasSymbols() {
			work = append(work, r)
		}
	}
	for _, f := range st.imported {
		for i := range f.Pending {
			r := f.Pending[i]
			work = append(work, &r)
			// Fields this package stores into may finish it too: the
			// app's own server type whose Addr main fills in
			// (&jcp.Server{Addr: ":" + port}) and whose method listens.
			// The store is where the address is completed, as a
			// constructor's call is for a parameter.
			if nr, via := st.resolveFieldsHere(e, r.Addr); via != nil {
				d := r
				d.Addr = st.resolveFields(e, nr)
				d.Network = st.resolveFields(e, r.Network)
				d.Via = st.rangeOf(via.Pos(), via.End())
				d.ViaArg = d.Via
				derived = append(derived, &d)
				if hasParams(d.Addr) || hasParams(d.Network) {
					work = append(work, &d)
				}
				continue
			}
			if nr := st.resolveFields(e, r.Addr); !valueEqual(nr, r.Addr) && !hasParams(nr) {
				d := r
				d.Addr = nr
				derived = append(derived, &d)
			}
		}
	}
	for round := 0; round < 4 && len(work) > 0; round++ {
		var next []*RawSite
		for _, w := range work {
			for _, key := range paramKeys(w.Addr, w.Network) {
				for _, cs := range calls[key] {
					d := *w
					viaArg := -1
					call := st.idx.calls[cs.c.Pos()]
					skip := 0
					if cs.c.Signature().Recv() != nil && cs.c.StaticCallee() != nil {
						skip = 1 // Args[0] is the receiver, not among the call's arguments
					}
					sub := func(p Part) (Value, bool) {
						if p.Kind == PartParam && p.Name == key && p.Index < len(cs.c.Args) {
							if viaArg < 0 {
								viaArg = p.Index
							}
							v := e.eval(cs.c.Args[p.Index])
							// A literal argument is where the value is
							// written: findings about it stand there.
							if i := p.Index - skip; call != nil && i >= 0 && i < len(call.Args) {
								v = withAt(v, st, call.Args[i])
							}
							return v, true
						}
						return Value{}, false
					}
					d.Addr = st.resolveFields(e, w.Addr.subst(sub))
					d.Network = st.resolveFields(e, w.Network.subst(sub))
					if call == nil {
						continue
					}
					d.Via = st.rangeOf(call.Pos(), call.End())
					d.ViaArg = d.Via
					argIdx := viaArg
					if cs.c.Signature().Recv() != nil && cs.c.StaticCallee() != nil {
						argIdx--
					}
					if argIdx >= 0 && argIdx < len(call.Args) {
						x := call.Args[argIdx]
						d.ViaArg = st.rangeOf(x.Pos(), x.End())
					}
					if !containsSite(derived, &d) {
						derived = append(derived, &d)
						if hasParams(d.Addr) || hasParams(d.Network) {
							next = append(next, &d)
						}
					}
				}
			}
		}
		work = next
	}

	for _, r := range raws {
		res.Sites = append(res.Sites, st.site(r))
	}
	for _, d := range derived {
		res.Sites = append(res.Sites, st.site(d))
	}

	fact := &packageFact{
		fields:  map[string]Value{},
		globals: map[string]Value{},
		returns: map[string]Value{},
	}
	for _, r := range raws {
		if r.Addr.hasSymbols() || r.Network.hasSymbols() {
			fact.Pending = append(fact.Pending, *r)
		}
	}
	for _, d := range derived {
		if hasParams(d.Addr) || hasParams(d.Network) {
			fact.Pending = append(fact.Pending, *d)
		}
	}
	for k, v := range st.fieldTable(e) {
		if informative(v) {
			fact.fields[k] = v
		}
	}
	for _, m := range st.ssaPkg.Members {
		if m, ok := m.(*ssa.Global); ok && m.Object() != nil && m.Object().Exported() && scalar(m.Type()) {
			if v := st.globalValue(e, m); informative(v) {
				fact.globals[globalKey(m)] = v
			}
		}
	}
	for _, fn := range st.funcs {
		obj, _ := fn.Object().(*types.Func)
		if obj == nil || !obj.Exported() || len(fn.Blocks) == 0 || len(fn.Blocks) > 200 {
			continue
		}
		res := fn.Signature.Results()
		for i := 0; i < res.Len() && i < 2; i++ {
			if !scalar(res.At(i).Type()) {
				continue
			}
			if v := e.returnValue(fn, i); informative(v) {
				fact.returns[funcKey(fn)+"#"+itoa(i)] = v
			}
		}
	}
	fact.Fields, fact.Globals, fact.Returns = table(fact.fields), table(fact.globals), table(fact.returns)
	// A main package is imported by nothing: it needs no fact.
	if pass.Pkg.Name() != "main" && len(fact.Pending)+len(fact.Fields)+len(fact.Globals)+len(fact.Returns) > 0 {
		pass.ExportPackageFact(fact)
	}
	return res, nil
}

func itoa(i int) string { return string(rune('0' + i)) }

// scalar reports whether values of t can carry an address or a port:
// strings, integers, and pointers to them (flag.String's result).
func scalar(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsString|types.IsInteger) != 0
}

// informative reports whether v says more than "unknown".
func informative(v Value) bool {
	for _, a := range v.Alts {
		for _, p := range a.Parts {
			if p.Kind != PartUnknown {
				return true
			}
		}
	}
	return false
}

func hasParams(v Value) bool {
	return len(paramKeys(v)) > 0
}

// paramKeys lists the functions whose parameters vs refer to.
func paramKeys(vs ...Value) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(Value)
	var part func(Part)
	walk = func(v Value) {
		for _, a := range v.Alts {
			for _, p := range a.Parts {
				part(p)
			}
			for _, c := range a.Conds {
				part(c.Var)
			}
		}
	}
	part = func(p Part) {
		if p.Kind == PartParam && !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p.Name)
		}
		if p.Default != nil {
			walk(*p.Default)
		}
		if p.Key != nil {
			walk(*p.Key)
		}
	}
	for _, v := range vs {
		walk(v)
	}
	return out
}

func containsSite(list []*RawSite, r *RawSite) bool {
	for _, x := range list {
		if x.Range == r.Range && x.Via == r.Via && valueEqual(x.Addr, r.Addr) && valueEqual(x.Network, r.Network) {
			return true
		}
	}
	return false
}

// site resolves a raw site and ties it to this pass's positions.
func (st *state) site(r *RawSite) *Site {
	l, network := resolve(r)
	_, netKnown := networkOf(r)
	s := &Site{Listener: l, Network: network, NetworkUnknown: !netKnown, Raw: r, Via: r.Via, Alternatives: alternatives(r, network)}
	s.Partial = r.Addr.hasSymbols() || r.Network.hasSymbols()
	if r.Via.IsValid() {
		s.Pos, s.End = st.tokenPos(r.Via)
		s.ArgPos, s.ArgEnd = st.tokenPos(r.ViaArg)
		return s
	}
	s.Pos, s.End = st.tokenPos(r.Range)
	s.ArgPos, s.ArgEnd = st.tokenPos(r.ArgRange)
	s.ArgLit, s.ArgIsLit = r.ArgLit, r.ArgIsLit
	return s
}

// tokenPos maps a range back to positions when it lies in this
// pass's files.
func (st *state) tokenPos(r source.Range) (token.Pos, token.Pos) {
	if !r.IsValid() {
		return token.NoPos, token.NoPos
	}
	for _, f := range st.pass.Files {
		tf := st.pass.Fset.File(f.Pos())
		if tf == nil || tf.Name() != r.File {
			continue
		}
		if r.Start.Offset > tf.Size() || r.End.Offset > tf.Size() {
			return token.NoPos, token.NoPos
		}
		return tf.Pos(r.Start.Offset), tf.Pos(r.End.Offset)
	}
	return token.NoPos, token.NoPos
}

// allFuncs is every function of the package, closures included.
func allFuncs(s *buildssa.SSA) []*ssa.Function {
	seen := map[*ssa.Function]bool{}
	var out []*ssa.Function
	var add func(*ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil || seen[fn] {
			return
		}
		seen[fn] = true
		out = append(out, fn)
		for _, an := range fn.AnonFuncs {
			add(an)
		}
	}
	for _, fn := range s.SrcFuncs {
		add(fn)
	}
	if init := s.Pkg.Func("init"); init != nil {
		add(init)
	}
	return out
}

// isStandard reports whether the package is part of the Go
// distribution: it never listens for the user, and skipping it keeps
// the analysis of a program's dependencies cheap.
func isStandard(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := build.Default.GOROOT
	return root != "" && strings.HasPrefix(filepath.Clean(name), filepath.Join(root, "src")+string(filepath.Separator))
}

// isUnix reports whether a site listens on a Unix socket, which no
// network reaches.
func isUnix(network Value) bool {
	t, ok := network.text()
	return ok && strings.HasPrefix(t, "unix")
}
