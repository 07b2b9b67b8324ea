package jssrc

import (
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

type kind int

const (
	kUnknown kind = iota
	kUndef        // undefined: an unset environment variable, a missing property
	kStr
	kNum
	kObj // an object literal: obj in mod
	kMod // a module namespace (require, import * as)
)

// value is what static evaluation knows of an expression.
type value struct {
	k kind
	s string // kStr, kNum (decimal text)
	// env is the environment variable the value comes from; envSet says
	// whether the app's environment sets it. def is the fallback used
	// when it is unset (hasDef).
	env    string
	envSet bool
	def    string
	hasDef bool
	obj    *js.ObjectExpr
	mod    *module
}

func (v value) truthy() (truth, known bool) {
	switch v.k {
	case kUndef:
		return false, true
	case kStr:
		return v.s != "", true
	case kNum:
		return v.s != "0" && v.s != "NaN", true
	case kObj, kMod:
		return true, true
	}
	return false, false
}

// eval evaluates an expression of module m. It follows consts, imports of
// the app's own modules and environment reads; anything else is unknown.
func (a *analysis) eval(m *module, e js.IExpr, depth int) value {
	if e == nil || depth > 48 || a.budget <= 0 {
		return value{}
	}
	a.budget--
	switch e := e.(type) {
	case js.LiteralExpr:
		return literal(e)
	case *js.LiteralExpr:
		return literal(*e)
	case *js.GroupExpr:
		return a.eval(m, e.X, depth+1)
	case *js.Var:
		return a.evalVar(m, root(e), depth+1)
	case *js.ObjectExpr:
		return value{k: kObj, obj: e, mod: m}
	case *js.TemplateExpr:
		if e.Tag != nil {
			return value{}
		}
		var sb strings.Builder
		out := value{k: kStr}
		for _, p := range e.List {
			sb.WriteString(templateText(p.Value))
			v := a.eval(m, p.Expr, depth+1)
			if v.env != "" && out.env == "" {
				out.env, out.envSet = v.env, v.envSet
			}
			if v.k != kStr && v.k != kNum {
				return value{env: out.env, envSet: out.envSet}
			}
			sb.WriteString(v.s)
		}
		sb.WriteString(templateText(e.Tail))
		out.s = sb.String()
		return out
	case *js.DotExpr:
		if inner, ok := e.X.(*js.DotExpr); ok && isGlobal(inner.X, "process") && dotName(inner) == "env" {
			return a.envVar(dotName(e))
		}
		return a.member(a.eval(m, e.X, depth+1), dotName(e), depth)
	case *js.IndexExpr:
		key := a.eval(m, e.Y, depth+1)
		if key.k != kStr {
			return value{}
		}
		if inner, ok := e.X.(*js.DotExpr); ok && isGlobal(inner.X, "process") && dotName(inner) == "env" {
			return a.envVar(key.s)
		}
		return a.member(a.eval(m, e.X, depth+1), key.s, depth)
	case *js.BinaryExpr:
		return a.binary(m, e, depth)
	case *js.UnaryExpr:
		if e.Op == js.PosToken {
			return toNumber(a.eval(m, e.X, depth+1))
		}
		return value{}
	case *js.CondExpr:
		c := a.eval(m, e.Cond, depth+1)
		if t, ok := c.truthy(); ok {
			// process.env.PORT ? Number(process.env.PORT) : 3000 is a
			// fallback like ||: the other branch is the default.
			x, y := a.eval(m, e.X, depth+1), a.eval(m, e.Y, depth+1)
			out, other := y, x
			if t {
				out, other = x, y
			}
			if c.env != "" && out.env == "" {
				out.env, out.envSet = c.env, c.envSet
			}
			if c.env != "" && !out.hasDef {
				d := other
				if !t {
					d = out
				}
				if d.k == kStr || d.k == kNum {
					out.def, out.hasDef = d.s, true
				}
			}
			return out
		}
		x, y := a.eval(m, e.X, depth+1), a.eval(m, e.Y, depth+1)
		if (x.k == kStr || x.k == kNum) && x.k == y.k && x.s == y.s {
			return x
		}
		return value{}
	case *js.CallExpr:
		return a.evalCall(m, e, depth)
	}
	return value{}
}

func literal(e js.LiteralExpr) value {
	switch e.TokenType {
	case js.StringToken:
		return value{k: kStr, s: unquote(e.Data)}
	case js.DecimalToken, js.IntegerToken:
		s := strings.ReplaceAll(string(e.Data), "_", "")
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return value{k: kNum, s: strconv.FormatFloat(n, 'f', -1, 64)}
		}
	case js.HexadecimalToken:
		if n, err := strconv.ParseInt(strings.ReplaceAll(string(e.Data[2:]), "_", ""), 16, 64); err == nil {
			return value{k: kNum, s: strconv.FormatInt(n, 10)}
		}
	case js.NullToken:
		return value{k: kUndef}
	}
	return value{}
}

func templateText(b []byte) string {
	s := string(b)
	s = strings.TrimPrefix(s, "`")
	s = strings.TrimPrefix(s, "}")
	s = strings.TrimSuffix(s, "`")
	s = strings.TrimSuffix(s, "${")
	return s
}

func (a *analysis) envVar(name string) value {
	if name == "" {
		return value{}
	}
	if v, ok := a.opt.Env[name]; ok {
		return value{k: kStr, s: v.Value, env: name, envSet: true}
	}
	return value{k: kUndef, env: name}
}

func (a *analysis) evalVar(m *module, v *js.Var, depth int) value {
	if imp, ok := m.importOf(v); ok {
		return a.imported(m, imp, depth)
	}
	if v.Decl == js.NoDecl {
		if string(v.Data) == "undefined" {
			return value{k: kUndef}
		}
		return value{}
	}
	b, ok := m.binds[v]
	if !ok || (!b.isConst && m.reassigned[v]) {
		return value{}
	}
	var out value
	if b.prop != "" {
		base := b.init
		// const { PORT = 3000 } = process.env
		if d, ok := base.(*js.DotExpr); ok && isGlobal(d.X, "process") && dotName(d) == "env" {
			out = a.envVar(b.prop)
		} else {
			out = a.member(a.eval(m, base, depth+1), b.prop, depth)
		}
		if out.k == kUndef && b.def != nil {
			d := a.eval(m, b.def, depth+1)
			d.env, d.envSet, d.def, d.hasDef = out.env, out.envSet, d.s, true
			return d
		}
		return out
	}
	return a.eval(m, b.init, depth+1)
}

// member is v.name.
func (a *analysis) member(v value, name string, depth int) value {
	switch v.k {
	case kObj:
		// Looking through the properties is work too: a huge object read
		// many times must not escape the budget.
		a.budget -= len(v.obj.List)
		for i := len(v.obj.List) - 1; i >= 0; i-- {
			p := v.obj.List[i]
			if p.Spread {
				return value{} // a later spread may override: unknown
			}
			if k, ok := propKey(p); ok && k == name {
				return a.eval(v.mod, p.Value, depth+1)
			}
		}
		return value{k: kUndef}
	case kMod:
		return a.exported(v.mod, name, depth)
	}
	return value{}
}

func (a *analysis) binary(m *module, e *js.BinaryExpr, depth int) value {
	switch e.Op {
	case js.OrToken, js.NullishToken:
		x := a.eval(m, e.X, depth+1)
		fallback := x.k == kUndef
		if e.Op == js.OrToken {
			t, ok := x.truthy()
			if !ok {
				return value{env: x.env, envSet: x.envSet}
			}
			fallback = !t
		} else if x.k == kUnknown {
			return value{env: x.env, envSet: x.envSet}
		}
		y := a.eval(m, e.Y, depth+1)
		if !fallback {
			if x.env != "" && (y.k == kStr || y.k == kNum) {
				x.def, x.hasDef = y.s, true
			}
			return x
		}
		if x.env != "" && y.env == "" {
			y.env, y.envSet = x.env, x.envSet
			if y.k == kStr || y.k == kNum {
				y.def, y.hasDef = y.s, true
			}
		}
		return y
	case js.AndToken:
		x := a.eval(m, e.X, depth+1)
		if t, ok := x.truthy(); ok {
			if !t {
				return x
			}
			return a.eval(m, e.Y, depth+1)
		}
		return value{}
	case js.EqEqEqToken, js.NotEqEqToken, js.EqEqToken, js.NotEqToken:
		x, y := a.eval(m, e.X, depth+1), a.eval(m, e.Y, depth+1)
		known := func(v value) bool { return v.k == kStr || v.k == kNum || v.k == kUndef }
		if !known(x) || !known(y) {
			return value{}
		}
		eq := x.k == y.k && x.s == y.s
		if e.Op == js.NotEqEqToken || e.Op == js.NotEqToken {
			eq = !eq
		}
		if eq {
			return value{k: kNum, s: "1"}
		}
		return value{k: kNum, s: "0"}
	case js.AddToken:
		x, y := a.eval(m, e.X, depth+1), a.eval(m, e.Y, depth+1)
		if x.k == kStr || y.k == kStr {
			if (x.k == kStr || x.k == kNum) && (y.k == kStr || y.k == kNum) {
				return value{k: kStr, s: x.s + y.s}
			}
		} else if x.k == kNum && y.k == kNum {
			p, _ := strconv.ParseFloat(x.s, 64)
			q, _ := strconv.ParseFloat(y.s, 64)
			return value{k: kNum, s: strconv.FormatFloat(p+q, 'f', -1, 64)}
		}
	}
	return value{}
}

// evalCall knows the conversions a port goes through and require().
func (a *analysis) evalCall(m *module, e *js.CallExpr, depth int) value {
	args := argList(e.Args)
	if isGlobal(e.X, "require") && len(args) == 1 {
		spec := a.eval(m, args[0], depth+1)
		if spec.k == kStr {
			if dep := a.load(m, spec.s); dep != nil {
				return a.moduleValue(dep, depth)
			}
		}
		return value{}
	}
	if d, ok := e.X.(*js.DotExpr); ok && dotName(d) == "get" && len(args) >= 1 && a.isNestConfig(m, d.X, depth) {
		// NestJS ConfigService.get reads process.env (after .env files
		// flylint does not read): https://docs.nestjs.com/techniques/configuration
		// (Nest 10). A second argument is the default.
		key := a.eval(m, args[0], depth+1)
		if key.k != kStr {
			return value{}
		}
		v := a.envVar(key.s)
		if v.k == kUndef && len(args) >= 2 {
			d := a.eval(m, args[1], depth+1)
			if d.k == kStr || d.k == kNum {
				d.env, d.def, d.hasDef = key.s, d.s, true
				return d
			}
		}
		return v
	}
	name := ""
	if v, ok := e.X.(*js.Var); ok && root(v).Decl == js.NoDecl {
		name = string(v.Data)
	} else if d, ok := e.X.(*js.DotExpr); ok && isGlobal(d.X, "Number") {
		name = "Number." + dotName(d)
	}
	switch name {
	case "Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat":
		if len(args) == 0 {
			return value{}
		}
		return toNumber(a.eval(m, args[0], depth+1))
	case "String":
		if len(args) == 0 {
			return value{}
		}
		v := a.eval(m, args[0], depth+1)
		if v.k == kNum {
			v.k = kStr
		}
		return v
	}
	return value{}
}

// toNumber converts as Number() does for the shapes ports take; an unset
// variable becomes NaN, which is falsy like undefined.
func toNumber(v value) value {
	switch v.k {
	case kNum:
		return v
	case kStr:
		s := strings.TrimSpace(v.s)
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			v.k, v.s = kNum, strconv.FormatFloat(n, 'f', -1, 64)
			return v
		}
		if v.envSet {
			return value{env: v.env, envSet: true}
		}
		return value{}
	case kUndef:
		return v
	}
	return value{env: v.env, envSet: v.envSet}
}

// moduleValue is what require(dep) returns.
func (a *analysis) moduleValue(dep *module, depth int) value {
	if dep.cjs != nil {
		return a.eval(dep, dep.cjs, depth+1)
	}
	return value{k: kMod, mod: dep}
}

func (a *analysis) imported(m *module, imp importRef, depth int) value {
	dep := a.load(m, imp.spec)
	if dep == nil {
		return value{}
	}
	switch imp.name {
	case "*":
		return value{k: kMod, mod: dep}
	case "default":
		if _, ok := dep.exports["default"]; !ok && dep.cjs != nil {
			return a.eval(dep, dep.cjs, depth+1)
		}
	}
	return a.exported(dep, imp.name, depth)
}

func (a *analysis) exported(dep *module, name string, depth int) value {
	if ex, ok := dep.exports[name]; ok {
		switch {
		case ex.expr != nil:
			return a.eval(dep, ex.expr, depth+1)
		case ex.v != nil:
			return a.evalVar(dep, ex.v, depth+1)
		case ex.imp != nil:
			return a.imported(dep, *ex.imp, depth+1)
		}
	}
	if e, ok := dep.cjsProps[name]; ok {
		return a.eval(dep, e, depth+1)
	}
	if dep.cjs != nil {
		return a.member(a.eval(dep, dep.cjs, depth+1), name, depth)
	}
	return value{}
}

// isNestConfig reports whether e is NestJS's ConfigService: a variable
// bound to app.get(ConfigService) with ConfigService imported from
// @nestjs/config.
func (a *analysis) isNestConfig(m *module, e js.IExpr, depth int) bool {
	v, ok := e.(*js.Var)
	if !ok || depth > 16 {
		return false
	}
	b, ok := m.binds[root(v)]
	if !ok || b.prop != "" {
		return false
	}
	init := b.init
	if u, ok := init.(*js.UnaryExpr); ok && u.Op == js.AwaitToken {
		init = u.X
	}
	c, ok := init.(*js.CallExpr)
	if !ok || dotNameOf(c.X) != "get" || len(c.Args.List) != 1 {
		return false
	}
	cv, ok := c.Args.List[0].Value.(*js.Var)
	if !ok {
		return false
	}
	imp, ok := m.importOf(cv)
	return ok && imp.spec == "@nestjs/config" && imp.name == "ConfigService"
}
