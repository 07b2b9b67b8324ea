package jssrc

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// module is a parsed file and what flylint learned walking it once:
// which names are bound to what, what it imports and exports, and its
// calls, in source order.
type module struct {
	f     *file
	rel   string // slash path from the root
	binds map[*js.Var]binding
	// reassigned vars have no single value.
	reassigned map[*js.Var]bool
	// imports maps the names import statements bind: the parser leaves
	// them undeclared, so their uses are found by name.
	imports  map[string]importRef
	exports  map[string]exportRef
	decls    map[string]*js.Var
	specs    []string // every import statement's module, side-effect imports included
	cjs      js.IExpr // module.exports = expr
	cjsProps map[string]js.IExpr
	calls    []call
	// bareCalls counts calls of each bare identifier, to find the k-th
	// one among the tokens (the AST keeps no position for identifiers).
	bareCalls map[string]int
}

// binding is what a declared name holds: init, or its property prop
// (const { port = 3000 } = config), with def when that is undefined.
type binding struct {
	init js.IExpr
	prop string
	def  js.IExpr
	// isConst: only const bindings are trusted without checking for
	// assignments.
	isConst bool
}

type importRef struct{ spec, name string } // name: "default", "*" or an export

type exportRef struct {
	expr js.IExpr // export default expr
	v    *js.Var  // export const x / export { x }
	imp  *importRef
}

type call struct {
	callee js.IExpr
	args   []js.IExpr
	isNew  bool
	anchor int // offset in f.code of the callee's last name, -1 unknown
	// bare names a callee that is a plain identifier, the k-th call of
	// it in the file; its anchor is looked up among the tokens only
	// when the call turns out to be a listen site.
	bare  string
	bareK int
}

func newModule(f *file, rel string) *module {
	m := &module{f: f, rel: rel, binds: map[*js.Var]binding{}, reassigned: map[*js.Var]bool{},
		imports: map[string]importRef{}, exports: map[string]exportRef{}, cjsProps: map[string]js.IExpr{},
		bareCalls: map[string]int{}}
	js.Walk(&collector{m: m}, f.ast)
	return m
}

type collector struct{ m *module }

func (c *collector) Exit(js.INode) {}

func (c *collector) Enter(n js.INode) js.IVisitor {
	m := c.m
	switch n := n.(type) {
	case *js.VarDecl:
		for _, el := range n.List {
			m.bind(el.Binding, el.Default, n.TokenType == js.ConstToken)
		}
	case *js.ImportStmt:
		spec := unquote(n.Module)
		m.specs = append(m.specs, spec)
		if len(n.Default) > 0 {
			m.imports[string(n.Default)] = importRef{spec, "default"}
		}
		for _, a := range n.List {
			name, local := string(a.Name), a.Binding
			if len(local) == 0 {
				local = a.Name
			}
			if name == "" {
				name = string(local)
			}
			m.imports[string(local)] = importRef{spec, name}
		}
	case *js.ExportStmt:
		m.export(n)
	case *js.BinaryExpr:
		if isAssign(n.Op) {
			m.assign(n)
		}
	case *js.UnaryExpr:
		if v, ok := n.X.(*js.Var); ok && (n.Op == js.PreIncrToken || n.Op == js.PreDecrToken || n.Op == js.PostIncrToken || n.Op == js.PostDecrToken) {
			m.reassigned[root(v)] = true
		}
	case *js.CallExpr:
		m.addCall(n.X, argList(n.Args), false)
	case *js.NewExpr:
		var args []js.IExpr
		if n.Args != nil {
			args = argList(*n.Args)
		}
		m.addCall(n.X, args, true)
	}
	return c
}

func argList(a js.Args) []js.IExpr {
	out := make([]js.IExpr, 0, len(a.List))
	for _, x := range a.List {
		if x.Rest {
			out = append(out, nil) // a spread hides the positions after it
			continue
		}
		out = append(out, x.Value)
	}
	return out
}

func (m *module) addCall(callee js.IExpr, args []js.IExpr, isNew bool) {
	c := call{callee: callee, args: args, isNew: isNew, anchor: -1}
	switch x := callee.(type) {
	case *js.DotExpr:
		if lit, ok := x.Y.(js.LiteralExpr); ok {
			if off, ok := m.f.offsetOf(lit.Data); ok {
				c.anchor = off
			}
		}
	case *js.Var:
		name := string(x.Data)
		k := m.bareCalls[name]
		m.bareCalls[name] = k + 1
		c.bare, c.bareK = name, k
	}
	if len(m.calls) < 1<<16 {
		m.calls = append(m.calls, c)
	}
}

// nthBareCall finds the k-th `name(` among the tokens that is a call:
// not a property (.name), a declaration (function name) or a method.
func (m *module) nthBareCall(name string, k int) int {
	m.f.lex()
	toks := m.f.toks
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].text != name || toks[i+1].text != "(" {
			continue
		}
		if i > 0 {
			switch toks[i-1].text {
			case ".", "?.", "function", "async", "get", "set", "static":
				continue
			case "{", ",", ";", "}":
				// A method definition `{ name(...) {` is not a call;
				// after `{`, `,` or `}` it can be either, so look at
				// what follows the parameter list.
				if m.isMethod(i + 1) {
					continue
				}
			}
		}
		if k == 0 {
			return toks[i].off
		}
		k--
	}
	return -1
}

func (m *module) isMethod(open int) bool {
	depth := 0
	toks := m.f.toks
	for j := open; j < len(toks); j++ {
		switch toks[j].text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j+1 < len(toks) && toks[j+1].text == "{"
			}
		}
	}
	return false
}

func (m *module) bind(b js.IBinding, init js.IExpr, isConst bool) {
	switch b := b.(type) {
	case *js.Var:
		m.binds[root(b)] = binding{init: init, isConst: isConst}
	case *js.BindingObject:
		for _, it := range b.List {
			v, ok := it.Value.Binding.(*js.Var)
			if !ok || it.Key == nil || it.Key.Computed != nil {
				continue
			}
			m.binds[root(v)] = binding{init: init, prop: propName(it.Key.Literal), def: it.Value.Default, isConst: isConst}
		}
	}
}

func (m *module) assign(n *js.BinaryExpr) {
	switch x := n.X.(type) {
	case *js.Var:
		m.reassigned[root(x)] = true
	case *js.DotExpr:
		prop := dotName(x)
		switch {
		case isGlobal(x.X, "module") && prop == "exports" && n.Op == js.EqToken:
			m.cjs = n.Y
		case isGlobal(x.X, "exports") && n.Op == js.EqToken:
			m.cjsProps[prop] = n.Y
		default:
			if inner, ok := x.X.(*js.DotExpr); ok && isGlobal(inner.X, "module") && dotName(inner) == "exports" {
				m.cjsProps[prop] = n.Y
			}
		}
	}
}

func (m *module) export(n *js.ExportStmt) {
	switch {
	case n.Default && n.Decl != nil:
		m.exports["default"] = exportRef{expr: n.Decl}
	case n.Decl != nil:
		if vd, ok := n.Decl.(*js.VarDecl); ok {
			for _, el := range vd.List {
				if v, ok := el.Binding.(*js.Var); ok {
					m.exports[string(v.Data)] = exportRef{v: root(v)}
				}
			}
		}
	case len(n.Module) > 0:
		for _, a := range n.List {
			name, as := string(a.Name), string(a.Binding)
			if as == "" {
				as = name
			}
			m.exports[as] = exportRef{imp: &importRef{unquote(n.Module), name}}
		}
	default:
		for _, a := range n.List {
			local, as := a.Name, string(a.Binding)
			if len(local) == 0 {
				local = a.Binding
			}
			if as == "" {
				as = string(local)
			}
			if v := m.declared(local); v != nil {
				m.exports[as] = exportRef{v: v}
			} else if imp, ok := m.imports[string(local)]; ok {
				m.exports[as] = exportRef{imp: &imp}
			}
		}
	}
}

// declared finds a module-level name; the index is built once, so a file
// of many exports stays linear.
func (m *module) declared(name []byte) *js.Var {
	if m.decls == nil {
		m.decls = make(map[string]*js.Var, len(m.f.ast.Declared))
		for _, v := range m.f.ast.Declared {
			if _, dup := m.decls[string(v.Data)]; !dup {
				m.decls[string(v.Data)] = root(v)
			}
		}
	}
	return m.decls[string(name)]
}

func root(v *js.Var) *js.Var {
	for i := 0; v.Link != nil && i < 64; i++ {
		v = v.Link
	}
	return v
}

// isGlobal reports whether e is the undeclared global name.
func isGlobal(e js.IExpr, name string) bool {
	v, ok := e.(*js.Var)
	if !ok {
		return false
	}
	v = root(v)
	return v.Decl == js.NoDecl && string(v.Data) == name
}

// imported returns the import a variable use names.
func (m *module) importOf(v *js.Var) (importRef, bool) {
	v = root(v)
	if v.Decl != js.NoDecl {
		return importRef{}, false
	}
	imp, ok := m.imports[string(v.Data)]
	return imp, ok
}

// propKey is a property's name: "port" for port: 1, "port" (shorthand),
// "fetch" for fetch() {}.
func propKey(p js.Property) (string, bool) {
	switch {
	case p.Spread:
		return "", false
	case p.Name != nil:
		if p.Name.Computed != nil {
			return "", false
		}
		return propName(p.Name.Literal), true
	}
	switch v := p.Value.(type) {
	case *js.Var:
		return string(v.Data), true
	case *js.MethodDecl:
		if v.Name.Private == nil && v.Name.Computed == nil {
			return propName(v.Name.Literal), true
		}
	}
	return "", false
}

func dotName(d *js.DotExpr) string {
	if lit, ok := d.Y.(js.LiteralExpr); ok {
		return string(lit.Data)
	}
	if v, ok := d.Y.(*js.Var); ok {
		return string(v.Data)
	}
	return ""
}

func propName(l js.LiteralExpr) string {
	if l.TokenType == js.StringToken {
		return unquote(l.Data)
	}
	return string(l.Data)
}

func unquote(b []byte) string {
	s := string(b)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'' || s[0] == '`') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

func isAssign(op js.TokenType) bool {
	switch op {
	case js.EqToken, js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken, js.ExpEqToken,
		js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken, js.BitOrEqToken, js.BitXorEqToken,
		js.AndEqToken, js.OrEqToken, js.NullishEqToken:
		return true
	}
	return false
}

func (m *module) importsSpec(spec string) bool {
	for _, imp := range m.imports {
		if imp.spec == spec {
			return true
		}
	}
	return false
}
