package listensite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxDepth bounds how deep evaluation follows calls, fields and
// globals; past it a value is unknown rather than slow.
const maxDepth = 12

// evaluator works out what SSA values may be, in terms of literals,
// environment variables, flags, parameters and fields.
type evaluator struct {
	st       *state
	memo     map[ssa.Value]Value
	visiting map[ssa.Value]bool
	returns  map[*ssa.Function]map[int]Value
	inReturn map[*ssa.Function]bool
	depth    int
}

func newEvaluator(st *state) *evaluator {
	return &evaluator{
		st:       st,
		memo:     map[ssa.Value]Value{},
		visiting: map[ssa.Value]bool{},
		returns:  map[*ssa.Function]map[int]Value{},
		inReturn: map[*ssa.Function]bool{},
	}
}

func (e *evaluator) eval(v ssa.Value) Value {
	if v == nil {
		return unknown()
	}
	if r, ok := e.memo[v]; ok {
		return r
	}
	if e.visiting[v] || e.depth > maxDepth {
		return unknown()
	}
	e.visiting[v] = true
	e.depth++
	r := e.eval1(v)
	e.depth--
	delete(e.visiting, v)
	e.memo[v] = r
	return r
}

func (e *evaluator) eval1(v ssa.Value) Value {
	switch v := v.(type) {
	case *ssa.Const:
		return constValue(v)
	case *ssa.BinOp:
		if v.Op == token.ADD {
			if isString(v.Type()) {
				return concat(e.eval(v.X), e.eval(v.Y))
			}
			x, okx := e.eval(v.X).text()
			y, oky := e.eval(v.Y).text()
			a, erra := strconv.Atoi(x)
			b, errb := strconv.Atoi(y)
			if okx && oky && erra == nil && errb == nil {
				return lit(strconv.Itoa(a + b))
			}
		}
		return unknown()
	case *ssa.Phi:
		return e.phi(v)
	case *ssa.Call:
		return e.call(v.Common(), -1)
	case *ssa.Extract:
		if c, ok := v.Tuple.(*ssa.Call); ok {
			return e.call(c.Common(), v.Index)
		}
		return unknown()
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return e.deref(v.X)
		}
		return unknown()
	case *ssa.Field:
		if key := fieldKeyOf(v.X.Type(), v.Field); key != "" {
			return single(Part{Kind: PartField, Name: key})
		}
		return unknown()
	case *ssa.Parameter:
		fn := v.Parent()
		for i, p := range fn.Params {
			if p == v {
				return single(Part{Kind: PartParam, Name: funcKey(fn), Index: i})
			}
		}
		return unknown()
	case *ssa.FreeVar:
		if b := binding(v); b != nil {
			return e.eval(b)
		}
		return unknown()
	case *ssa.ChangeType:
		return e.eval(v.X)
	case *ssa.Convert:
		return e.eval(v.X)
	case *ssa.MakeInterface:
		return e.eval(v.X)
	}
	return unknown()
}

// deref is the value loaded through the pointer p.
func (e *evaluator) deref(p ssa.Value) Value {
	switch p := p.(type) {
	case *ssa.Global:
		if ip, ok := netIPVars[globalKey(p)]; ok {
			return lit(ip)
		}
		return e.st.globalValue(e, p)
	case *ssa.Alloc:
		return e.allocValue(p)
	case *ssa.FieldAddr:
		if a, ok := p.X.(*ssa.Alloc); ok {
			return e.localField(a, p.Field)
		}
		if key := fieldKeyOf(p.X.Type(), p.Field); key != "" {
			return single(Part{Kind: PartField, Name: key})
		}
	case *ssa.FreeVar:
		if b := binding(p); b != nil {
			return e.deref(b)
		}
	case *ssa.UnOp:
		// *addr where addr is a package-level pointer: var addr =
		// flag.String(...), read in main.
		if g, ok := p.X.(*ssa.Global); ok && p.Op == token.MUL {
			return e.pointee(g)
		}
		// *addr where addr is a local flag pointer a closure captures.
		if cell := capturedCell(p.X); cell != nil && p.Op == token.MUL {
			return e.capturedFlag(cell)
		}
	case *ssa.Call:
		if f, ok := flagCall(p.Common()); ok && f.ptr {
			// port := flag.String(...) in a function: what it stores
			// through port (*port = v) is another value.
			stored, ok := e.storesThrough(p)
			if !ok {
				return unknown()
			}
			return union(e.flagPart(p.Common(), f, 0), stored)
		}
	}
	return unknown()
}

// netIPVars are the net package's well-known addresses, as
// https://pkg.go.dev/net#pkg-variables (Go 1.26) defines them. A program
// could assign to them; none that listens does, and the standard library
// is not analysed, so they are read as documented.
var netIPVars = map[string]string{
	"net.IPv4zero":        "0.0.0.0",
	"net.IPv4bcast":       "255.255.255.255",
	"net.IPv4allsys":      "224.0.0.1",
	"net.IPv4allrouter":   "224.0.0.2",
	"net.IPv6zero":        "::",
	"net.IPv6unspecified": "::",
	"net.IPv6loopback":    "::1",
}

// pointee is what the pointers stored into the global g point to: the
// flag behind flag.String's result, or a variable's values. Anything
// else stored there makes it unknown.
func (e *evaluator) pointee(g *ssa.Global) Value {
	if g.Pkg != e.st.ssaPkg {
		return unknown()
	}
	var out Value
	for _, in := range e.st.storesTo(g) {
		st, ok := in.(*ssa.Store)
		if !ok {
			return unknown()
		}
		switch v := st.Val.(type) {
		case *ssa.Call:
			f, ok := flagCall(v.Common())
			if !ok || !f.ptr {
				return unknown()
			}
			out = union(out, e.flagPart(v.Common(), f, 0))
		case *ssa.Alloc:
			out = union(out, e.allocValue(v))
		default:
			return unknown()
		}
	}
	if out.isUnknown() {
		return unknown()
	}
	before, after, ok := e.storedThrough(g)
	if !ok {
		return unknown()
	}
	if !before.isUnknown() {
		out = beforeParse(out, before)
	}
	return union(out, after)
}

// beforeParse is the flag value v once init has stored before into the
// variable: a new default, which the command line still overrides
// (flag.Parse runs later, in main).
func beforeParse(v, before Value) Value {
	out := Value{Alts: make([]Alt, 0, len(v.Alts))}
	for _, a := range v.Alts {
		if len(a.Parts) != 1 || a.Parts[0].Kind != PartFlag || a.Parts[0].Default == nil {
			return union(v, before)
		}
		p := a.Parts[0]
		def := withEnvDefault(union(*p.Default, before))
		p.Default = &def
		a.Parts = []Part{p}
		out.Alts = append(out.Alts, a)
	}
	return out
}

// storedThrough is what the package writes through the pointer held in
// g (*port = os.Getenv("PORT") after var port = flag.String(...)), in
// any function: each store is another value the variable may have.
// before is what init functions store, before main parses the command
// line; after is what every other function stores. ok is false when
// the pointer escapes (copied, handed to a call, boxed): it may then be
// written anywhere.
func (e *evaluator) storedThrough(g *ssa.Global) (before, after Value, ok bool) {
	parsesInInit := e.st.parsesInInit()
	for _, load := range e.st.loadsOf(g) {
		stored, ok := e.storesThrough(load)
		if !ok {
			return Value{}, Value{}, false
		}
		if isInit(load.Parent()) && !parsesInInit {
			before = union(before, stored)
		} else {
			after = union(after, stored)
		}
	}
	return before, after, true
}

// storesThrough is what is stored through the pointer p itself; false
// when p escapes (copied, handed to a call, boxed).
func (e *evaluator) storesThrough(p ssa.Value) (Value, bool) {
	var out Value
	if p.Referrers() == nil {
		return out, true
	}
	for _, u := range *p.Referrers() {
		switch u := u.(type) {
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return Value{}, false
			}
		case *ssa.Store:
			if u.Addr != p {
				return Value{}, false
			}
			out = union(out, e.evalStore(u))
		case *ssa.DebugRef:
		default:
			return Value{}, false
		}
	}
	return out, true
}

// parsesInInit reports whether an init function parses the command
// line itself: init's stores then come after it, as main's do.
func (st *state) parsesInInit() bool {
	for _, c := range st.callsInto("flag", "github.com/spf13/pflag") {
		if _, _, name := calleeName(c.Common().StaticCallee()); name == "Parse" && isInit(c.Parent()) {
			return true
		}
	}
	return false
}

// isInit reports whether fn is, or is a closure inside, a package's
// init function or variable initialisation, which run before main.
func isInit(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Signature.Recv() != nil {
		return false
	}
	name := fn.Name()
	return name == "init" || strings.HasPrefix(name, "init#")
}

// allocValue is what a local variable may hold: every value stored
// into it, and the flag bound to it by flag.StringVar and friends.
func (e *evaluator) allocValue(a *ssa.Alloc) Value {
	var out Value
	refs := a.Referrers()
	if refs == nil {
		return unknown()
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr == a {
				out = union(out, e.evalStore(r))
			} else if r.Val == a {
				out = union(out, e.urfaveDestination(a))
			}
		case *ssa.Call:
			if f, ok := flagCall(r.Common()); ok && f.varArg && argIs(r.Common(), 0, a) {
				out = union(out, e.flagPart(r.Common(), f, 1))
			}
		}
	}
	if out.isUnknown() {
		return unknown()
	}
	return withEnvDefault(out)
}

// localField is what field index of the struct a may hold, from the
// stores into it in the function that allocated it.
func (e *evaluator) localField(a *ssa.Alloc, index int) Value {
	var out Value
	refs := a.Referrers()
	if refs == nil {
		return unknown()
	}
	// elsewhere is what the field holds when the struct's value comes
	// from, or its address goes to, code this function cannot follow:
	// whatever the package stores into that field anywhere.
	elsewhere := false
	var parsed Value // what env.Parse or envconfig.Process writes, if handed a
	for _, r := range *refs {
		// "v := T{...}" builds the literal in a temporary and copies it.
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			if load, ok := st.Val.(*ssa.UnOp); ok && load.Op == token.MUL {
				if b, ok := load.X.(*ssa.Alloc); ok && b != a {
					out = union(out, e.localField(b, index))
					continue
				}
			}
			// cfg := load(), or a method's copied receiver.
			elsewhere = true
			continue
		}
		if c, ok := r.(*ssa.Call); ok && e.fillsFields(c.Common(), a) {
			elsewhere = true
			continue
		}
		if mi, ok := r.(*ssa.MakeInterface); ok {
			if fill, ok := e.filledBy(mi); ok {
				if v, ok := fill.field(a.Type(), index); ok {
					parsed = union(parsed, v)
				}
				continue
			}
		}
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Field != index || fa.Referrers() == nil {
			continue
		}
		for _, s := range *fa.Referrers() {
			switch s := s.(type) {
			case *ssa.Store:
				if s.Addr == fa {
					out = union(out, e.evalStore(s))
				}
			case *ssa.Call:
				if f, ok := flagCall(s.Common()); ok && f.varArg && argIs(s.Common(), 0, fa) {
					out = union(out, e.flagPart(s.Common(), f, 1))
				}
			}
		}
	}
	if !parsed.isUnknown() {
		out = withEnvDefault(union(parsed, out))
	}
	if elsewhere {
		if key := fieldKeyOf(a.Type(), index); key != "" {
			out = union(out, single(Part{Kind: PartField, Name: key}))
		} else {
			out = union(out, unknown())
		}
	}
	return out
}

// filledBy finds the library call (env.Parse, envconfig.Process) that
// the struct pointer boxed by mi is handed to.
func (e *evaluator) filledBy(mi *ssa.MakeInterface) (structFill, bool) {
	refs := mi.Referrers()
	if refs == nil {
		return structFill{}, false
	}
	for _, r := range *refs {
		if c, ok := r.(*ssa.Call); ok {
			if fill, ok := e.structFillOf(c.Common()); ok && fill.target == mi.X {
				return fill, true
			}
		}
	}
	return e.libFilledBy(mi)
}

// fillsFields reports whether the call hands the struct a points to to
// a function of this package, which may set its fields (defaults(&cfg)).
// Calls into other packages are left out: the standard library's
// methods on *http.Server do not set the address the program chose.
func (e *evaluator) fillsFields(c *ssa.CallCommon, a *ssa.Alloc) bool {
	callee := c.StaticCallee()
	if callee == nil || callee.Pkg != e.st.ssaPkg {
		return false
	}
	for _, x := range c.Args {
		if x == a {
			return true
		}
	}
	return false
}

// edgeValue is the value of one edge of p, with the position of the
// literal when the edge is a constant that the function assigns to p's
// variable in exactly one place (if p == "" { p = "8080" }): SSA keeps
// no position for it.
func (e *evaluator) edgeValue(p *ssa.Phi, edge ssa.Value) Value {
	v := e.eval(edge)
	c, ok := edge.(*ssa.Const)
	if !ok || c.Value == nil || p.Comment == "" {
		return v
	}
	var found ast.Expr
	for _, bl := range e.st.assignedLits(p.Parent())[p.Comment] {
		tv, ok := e.st.pass.TypesInfo.Types[bl]
		if !ok || tv.Value == nil || tv.Value.ExactString() != c.Value.ExactString() {
			continue
		}
		if found != nil {
			return v // written twice: which one is not known
		}
		found = bl
	}
	return withAt(v, e.st, found)
}

// evalStore is the value a store writes, with the position of the
// literal it writes when the source shows one (Port: 8080, s.Addr =
// ":80", var addr = "...").
func (e *evaluator) evalStore(s *ssa.Store) Value {
	return withAt(e.eval(s.Val), e.st, e.st.idx.stores[s.Pos()])
}

// withAt records where v is written when x, its expression, is a
// basic literal.
func withAt(v Value, st *state, x ast.Expr) Value {
	bl, ok := x.(*ast.BasicLit)
	if !ok || len(v.Alts) != 1 || len(v.Alts[0].Parts) != 1 || v.Alts[0].Parts[0].Kind != PartLit {
		return v
	}
	p := v.Alts[0].Parts[0]
	p.At = st.rangeOf(bl.Pos(), bl.End())
	return Value{Alts: []Alt{{Parts: []Part{p}, Fly: v.Alts[0].Fly, Conds: v.Alts[0].Conds}}}
}

func argIs(c *ssa.CallCommon, i int, v ssa.Value) bool {
	if c.Signature().Recv() != nil && c.StaticCallee() != nil {
		i++ // the receiver is Args[0] of a static method call
	}
	return i < len(c.Args) && c.Args[i] == v
}

// phi is the union of a phi node's edges, keeping only the edge taken
// on Fly when one is, and folding "if p == "" { p = d }" into an env
// default.
func (e *evaluator) phi(p *ssa.Phi) Value {
	if v, ok := e.defaultPhi(p); ok {
		return v
	}
	var out Value
	b := p.Block()
	for i, edge := range p.Edges {
		v := e.edgeValue(p, edge)
		if i < len(b.Preds) && flyEdge(b.Preds[i], b) {
			v = markFly(v)
		}
		if i < len(b.Preds) {
			v = withCond(v, e.edgeConds(b.Preds[i], b)...)
		}
		out = union(out, v)
	}
	return withEnvDefault(out)
}

// call evaluates a call, or result index of a call returning a tuple.
func (e *evaluator) call(c *ssa.CallCommon, index int) Value {
	callee := c.StaticCallee()
	if callee == nil {
		return unknown()
	}
	args := c.Args
	pkg, recv, name := calleeName(callee)
	switch pkg + "." + recv + name {
	case "os.Getenv", "syscall.Getenv":
		if index <= 0 {
			return e.envRead(args[0])
		}
	case "os.LookupEnv":
		if index == 0 {
			return e.envRead(args[0])
		}
	case "strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "fmt.Sprint",
		"strings.TrimSpace", "net.ParseIP", "net/netip.MustParseAddr", "net/netip.MustParseAddrPort":
		if index <= 0 {
			return e.eval(args[0])
		}
	case "strconv.Atoi", "strconv.ParseInt", "strconv.ParseUint", "net/netip.ParseAddr", "net/netip.ParseAddrPort":
		if index == 0 {
			return e.eval(args[0])
		}
	case "strconv.Quote":
		return unknown()
	case "fmt.Sprintf":
		if index <= 0 {
			return e.sprintf(args[0], args[1])
		}
	case "net.JoinHostPort":
		h := e.eval(args[0])
		if t, ok := h.text(); ok && strings.Contains(t, ":") {
			h = lit("[" + t + "]")
		}
		return concat(h, lit(":"), e.eval(args[1]))
	case "net.IPv4":
		var parts []string
		for _, a := range args {
			t, ok := e.eval(a).text()
			if !ok {
				return unknown()
			}
			parts = append(parts, t)
		}
		return lit(strings.Join(parts, "."))
	case "cmp.Or":
		return e.cmpOr(c)
	case viperPkg + ".GetString", viperPkg + ".GetInt":
		return e.viperGet(nil, args[0])
	case viperPkg + ".(*Viper).GetString", viperPkg + ".(*Viper).GetInt":
		return e.viperGet(args[0], args[1])
	}
	if v, ok := e.urfaveRead(c); ok && index <= 0 {
		return v
	}
	if f, ok := flagCall(c); ok && !f.ptr && !f.varArg && index <= 0 {
		return e.flagPart(c, f, 0)
	}
	// A function of this package: evaluate its returns, then put the
	// arguments in place of its parameters.
	if index < 0 {
		index = 0
	}
	var summary Value
	if callee.Pkg != nil && callee.Pkg == e.st.ssaPkg && len(callee.Blocks) > 0 {
		summary = e.returnValue(callee, index)
	} else if s, ok := e.st.importedReturn(funcKey(callee), index); ok {
		summary = s
	} else {
		return unknown()
	}
	key := funcKey(callee)
	call := e.st.idx.calls[c.Pos()]
	skip := 0
	if callee.Signature.Recv() != nil {
		skip = 1 // Args[0] is the receiver, not among the call's arguments
	}
	return summary.subst(func(p Part) (Value, bool) {
		if p.Kind == PartParam && p.Name == key && p.Index < len(args) {
			v := e.eval(args[p.Index])
			if i := p.Index - skip; call != nil && i >= 0 && i < len(call.Args) {
				v = withAt(v, e.st, call.Args[i])
			}
			return v, true
		}
		return Value{}, false
	})
}

// envRead is os.Getenv(name): a named variable, or one whose name a
// caller passes (the app's getenv(key, def) helper).
func (e *evaluator) envRead(name ssa.Value) Value {
	k := e.eval(name)
	if n, ok := k.text(); ok && n != "" {
		return single(Part{Kind: PartEnv, Name: n})
	}
	if hasParams(k) && len(k.Alts) == 1 {
		return single(Part{Kind: PartEnv, Key: &k})
	}
	return unknown()
}

// envCondOf recognises a block ending in a comparison of an env var
// with a literal (getenv("APP_ENV", "production") == "development"):
// cond.Equal is what the comparison means on the true branch.
func (e *evaluator) envCondOf(d *ssa.BasicBlock) (Cond, bool) {
	if d == nil || len(d.Instrs) == 0 || len(d.Succs) != 2 || d.Succs[0] == d.Succs[1] {
		return Cond{}, false
	}
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return Cond{}, false
	}
	negate := false
	x := ifi.Cond
	for {
		u, ok := x.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		negate, x = !negate, u.X
	}
	bin, ok := x.(*ssa.BinOp)
	if !ok {
		return e.boolCondOf(x, negate)
	}
	if bin.Op != token.EQL && bin.Op != token.NEQ {
		return Cond{}, false
	}
	a, b := bin.X, bin.Y
	if _, isConst := a.(*ssa.Const); isConst {
		a, b = b, a
	}
	c, ok := b.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String || constant.StringVal(c.Value) == "" {
		return Cond{}, false // x == "" is an emptiness test: defaultPhi's
	}
	v := e.eval(a)
	if !isCondVar(v) {
		return Cond{}, false
	}
	return Cond{Var: v.Alts[0].Parts[0], Value: constant.StringVal(c.Value), Equal: (bin.Op == token.EQL) != negate}, true
}

// condsOf lists the env-var conditions that hold wherever b runs: the
// dominating comparisons whose one branch b lies wholly in.
func (e *evaluator) condsOf(b *ssa.BasicBlock) []Cond {
	var out []Cond
	for d, n := b.Idom(), 0; d != nil && n < 32; d, n = d.Idom(), n+1 {
		c, ok := e.envCondOf(d)
		if !ok {
			continue
		}
		switch {
		case d.Succs[0].Dominates(b):
		case d.Succs[1].Dominates(b):
			c.Equal = !c.Equal
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// edgeConds lists the env-var conditions that hold when control goes
// from pred to b: those pred lies under, and pred's own branch when it
// ends in one (if/else-if chains join several such edges in one phi).
func (e *evaluator) edgeConds(pred, b *ssa.BasicBlock) []Cond {
	cs := e.condsOf(pred)
	if c, ok := e.envCondOf(pred); ok {
		if pred.Succs[1] == b {
			c.Equal = !c.Equal
		}
		cs = append(cs, c)
	}
	return cs
}

func withCond(v Value, cs ...Cond) Value {
	if len(cs) == 0 {
		return v
	}
	out := Value{Alts: make([]Alt, len(v.Alts))}
	for i, a := range v.Alts {
		a.Conds = joinConds(a.Conds, cs)
		out.Alts[i] = a
	}
	return out
}

// returnValue is the union of what fn returns as result index, each
// return marked when it is reached only on Fly.
func (e *evaluator) returnValue(fn *ssa.Function, index int) Value {
	if m, ok := e.returns[fn]; ok {
		if v, ok := m[index]; ok {
			return v
		}
	}
	if e.inReturn[fn] {
		return unknown()
	}
	e.inReturn[fn] = true
	defer delete(e.inReturn, fn)
	var out Value
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || index >= len(ret.Results) {
			continue
		}
		v := e.eval(ret.Results[index])
		if xs := e.st.idx.returns[ret.Pos()]; len(xs) == len(ret.Results) {
			v = withAt(v, e.st, xs[index])
		}
		if flyBlock(b) {
			v = markFly(v)
		}
		v = withCond(v, e.condsOf(b)...)
		out = union(out, v)
	}
	out = withEnvDefault(out)
	if e.returns[fn] == nil {
		e.returns[fn] = map[int]Value{}
	}
	e.returns[fn][index] = out
	return out
}

// cmpOr handles cmp.Or(os.Getenv("PORT"), "8080"): the first non-empty
// argument wins, so the rest are the env var's default. A literal
// argument keeps its position, for findings about the default.
func (e *evaluator) cmpOr(c *ssa.CallCommon) Value {
	args := variadicArgs(c.Args[0])
	if len(args) == 0 {
		return unknown()
	}
	var xs []ast.Expr
	if call := e.st.idx.calls[c.Pos()]; call != nil && !call.Ellipsis.IsValid() && len(call.Args) == len(args) {
		xs = call.Args
	}
	arg := func(i int) Value {
		v := e.eval(args[i])
		if xs != nil {
			v = withAt(v, e.st, xs[i])
		}
		return v
	}
	first := arg(0)
	if len(args) == 1 {
		return first
	}
	if isBareEnv(first) {
		p := first.Alts[0].Parts[0]
		def := e.cmpOrRest(arg, 1, len(args))
		p.Default = &def
		return single(p)
	}
	rest := Value{}
	for i := 1; i < len(args); i++ {
		rest = union(rest, arg(i))
	}
	return union(first, rest)
}

// cmpOrRest is the default of cmp.Or's arguments i to n-1: a chain of
// env vars ends in the last argument.
func (e *evaluator) cmpOrRest(arg func(int) Value, i, n int) Value {
	v := arg(i)
	if i+1 < n && isBareEnv(v) {
		p := v.Alts[0].Parts[0]
		d := e.cmpOrRest(arg, i+1, n)
		p.Default = &d
		return single(p)
	}
	return v
}

// isBareEnv reports whether v is one env var read with no default yet.
func isBareEnv(v Value) bool {
	return len(v.Alts) == 1 && len(v.Alts[0].Parts) == 1 && v.Alts[0].Parts[0].Kind == PartEnv && v.Alts[0].Parts[0].Default == nil
}

// sprintf formats a constant format string with symbolic arguments.
func (e *evaluator) sprintf(format, slice ssa.Value) Value {
	f, ok := e.eval(format).text()
	if !ok {
		return unknown()
	}
	args := variadicArgs(slice)
	out := lit("")
	next := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			j := strings.IndexByte(f[i:], '%')
			if j < 0 {
				j = len(f) - i
			}
			out = concat(out, lit(f[i:i+j]))
			i += j - 1
			continue
		}
		// Skip flags, width and precision; only the verb matters.
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0123456789.", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			return unknown()
		}
		verb := f[j]
		i = j
		if verb == '%' {
			out = concat(out, lit("%"))
			continue
		}
		if next >= len(args) {
			return unknown()
		}
		a := args[next]
		next++
		switch verb {
		case 's', 'd', 'v':
			out = concat(out, e.eval(a))
		default:
			out = concat(out, unknown())
		}
	}
	return out
}

// variadicArgs recovers the elements of a ...T argument slice built by
// the SSA builder (an array allocation with one store per element).
func variadicArgs(slice ssa.Value) []ssa.Value {
	s, ok := slice.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := s.X.(*ssa.Alloc)
	if !ok || arr.Referrers() == nil {
		return nil
	}
	var out []ssa.Value
	for _, r := range *arr.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok || ia.Referrers() == nil {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			continue
		}
		i := int(c.Int64())
		for _, s := range *ia.Referrers() {
			if st, ok := s.(*ssa.Store); ok && st.Addr == ia {
				for len(out) <= i {
					out = append(out, nil)
				}
				out[i] = st.Val
			}
		}
	}
	return out
}

func constValue(c *ssa.Const) Value {
	if c.Value == nil {
		return lit("") // a nil IP or an empty string: no host
	}
	switch c.Value.Kind() {
	case constant.String:
		return lit(constant.StringVal(c.Value))
	case constant.Int, constant.Bool:
		return lit(c.Value.ExactString())
	}
	return unknown()
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// binding is the value a closure's free variable was bound to, found
// in the function that made the closure.
func binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := fn.Parent()
	if idx < 0 || parent == nil {
		return nil
	}
	for _, b := range parent.Blocks {
		for _, in := range b.Instrs {
			if mc, ok := in.(*ssa.MakeClosure); ok && mc.Fn == fn && idx < len(mc.Bindings) {
				return mc.Bindings[idx]
			}
		}
	}
	return nil
}

// funcKey names a function the same way in every package's SSA.
func funcKey(fn *ssa.Function) string {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn.String()
}

// fieldKeyOf names field index of the struct that t (or *t) is, as
// "pkgpath.Type.field"; "" for unnamed structs.
func fieldKeyOf(t types.Type, index int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	s, ok := n.Underlying().(*types.Struct)
	if !ok || index >= s.NumFields() {
		return ""
	}
	return fmt.Sprintf("%s.%s.%s", n.Obj().Pkg().Path(), n.Obj().Name(), s.Field(index).Name())
}

// calleeName splits a function into its package path, receiver type
// ("(*T)." or "T."; "" for functions) and name.
func calleeName(fn *ssa.Function) (pkg, recv, name string) {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	name = fn.Name()
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return "", "", name
	}
	pkg = obj.Pkg().Path()
	if sig, ok := obj.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
			star = "*"
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			if star != "" {
				recv = "(*" + n.Obj().Name() + ")."
			} else {
				recv = n.Obj().Name() + "."
			}
		}
	}
	return pkg, recv, name
}

// defaultPhi recognises "if x == "" { x = d }" (and LookupEnv's
// "if !ok"): a two-edge phi whose one edge is the tested value and whose
// other edge comes from the empty side. The result is x with default d.
func (e *evaluator) defaultPhi(p *ssa.Phi) (Value, bool) {
	if len(p.Edges) != 2 || len(p.Block().Preds) != 2 {
		return Value{}, false
	}
	d := p.Block().Idom()
	if d == nil || len(d.Instrs) == 0 || len(d.Succs) != 2 {
		return Value{}, false
	}
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return Value{}, false
	}
	x, emptyOnTrue, ok := emptyTest(ifi.Cond)
	if !ok {
		return Value{}, false
	}
	for xi := range 2 {
		oi := 1 - xi
		if p.Edges[xi] != x {
			continue
		}
		if side(d, p.Block().Preds[oi], p.Block()) != emptyOnTrue {
			continue
		}
		if side(d, p.Block().Preds[xi], p.Block()) == emptyOnTrue {
			continue
		}
		return withDefault(e.eval(x), e.edgeValue(p, p.Edges[oi])), true
	}
	return Value{}, false
}

// emptyTest reports whether cond tests x for emptiness (x == "", or
// !ok after x, ok := os.LookupEnv), and which way.
func emptyTest(cond ssa.Value) (x ssa.Value, emptyOnTrue, ok bool) {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return nil, false, false
		}
		a, b := c.X, c.Y
		if isEmptyString(a) || isZero(a) {
			a, b = b, a
		}
		if !isEmptyString(b) && !isZero(b) {
			return nil, false, false
		}
		return a, c.Op == token.EQL, true
	case *ssa.UnOp:
		if c.Op == token.NOT {
			x, on, ok := emptyTest(c.X)
			return x, !on, ok
		}
	case *ssa.Extract:
		if call, isCall := c.Tuple.(*ssa.Call); isCall && c.Index == 1 && call.Common().StaticCallee() != nil {
			if pkg, _, name := calleeName(call.Common().StaticCallee()); pkg == "os" && name == "LookupEnv" {
				// ok is true when set: the empty side is the false one.
				for _, r := range *call.Referrers() {
					if ex, isEx := r.(*ssa.Extract); isEx && ex.Index == 0 {
						return ex, false, true
					}
				}
			}
		}
	}
	return nil, false, false
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && c.Value.ExactString() == "0"
}

// side reports whether control from pred into to went through the true
// successor of the If ending d.
func side(d, pred, to *ssa.BasicBlock) bool {
	if pred == d {
		return d.Succs[0] == to
	}
	return d.Succs[0].Dominates(pred) && d.Succs[0] != d.Succs[1]
}

// withDefault attaches def as the value used when x, an env var read,
// is empty; along a chain (FUSION_PORT, then PORT, then "8080") it goes
// to the end.
func withDefault(x, def Value) Value {
	if len(x.Alts) == 1 && len(x.Alts[0].Parts) == 1 && x.Alts[0].Parts[0].Kind == PartEnv {
		p := x.Alts[0].Parts[0]
		if p.Default == nil {
			p.Default = &def
		} else {
			d := withDefault(*p.Default, def)
			p.Default = &d
		}
		return Value{Alts: []Alt{{Parts: []Part{p}, Fly: x.Alts[0].Fly}}}
	}
	return union(x, def)
}
