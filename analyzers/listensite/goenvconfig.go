package listensite

import (
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/source"
)

// sethvargo/go-envconfig (https://github.com/sethvargo/go-envconfig,
// README "Usage", "Configuration" and "Prefixing"; behaviour read in
// envconfig.go at v1.1.0): envconfig.Process(ctx, &cfg) (MustProcess,
// or ProcessWith(ctx, &envconfig.Config{Target: &cfg, Lookuper: …}))
// fills fields tagged `env:"PORT, default=8080"`: the variable's value
// when it is set (set to "" counts as a value), else the default
// option. A struct field, tagged or not, is processed too; its
// `prefix=DB_` option goes in front of its fields' variables, as does
// the prefix of envconfig.PrefixLookuper("APP_", envconfig.OsLookuper())
// for every field.
//
// Not modelled, so left unknown: other lookupers (MapLookuper,
// MultiLookuper, a custom one), mutators, and $VAR expansion in defaults.
// A field the program set before Process keeps its value unless the
// tag says overwrite: a field with other stores comes out as the union,
// which disagrees and stays unknown, never a guess. Difference: an env
// var set to "" is a value to the library but unset to PartEnv.

const goEnvconfigPkg = "github.com/sethvargo/go-envconfig"

// libStructFill recognises the struct-filling calls modelled in this
// file and kong.go.
func (e *evaluator) libStructFill(c *ssa.CallCommon, pkg, name string) (structFill, bool) {
	switch pkg {
	case kongPkg:
		return e.kongFill(c, name)
	case goEnvconfigPkg:
		return e.goEnvconfigFill(c, name)
	}
	return structFill{}, false
}

// goEnvconfigFill recognises Process, MustProcess and ProcessWith.
func (e *evaluator) goEnvconfigFill(c *ssa.CallCommon, name string) (structFill, bool) {
	var target ssa.Value
	prefix, known := "", true
	switch {
	case (name == "Process" || name == "MustProcess") && len(c.Args) >= 2:
		target = c.Args[1]
		if len(c.Args) > 2 && variadicArgs(c.Args[2]) != nil {
			known = false // mutators rewrite values
		}
	case name == "ProcessWith" && len(c.Args) == 2:
		cfg, ok := c.Args[1].(*ssa.Alloc)
		if !ok {
			return structFill{}, false
		}
		targets := storedIn(cfg, "Target")
		if len(targets) != 1 {
			return structFill{}, false
		}
		target = targets[0]
		for _, l := range storedIn(cfg, "Lookuper") {
			p, ok := e.prefixLookuper(l)
			if !ok {
				known = false
			}
			prefix = p
		}
		if len(storedIn(cfg, "Mutators")) > 0 {
			known = false
		}
	default:
		return structFill{}, false
	}
	if mi, ok := target.(*ssa.MakeInterface); ok {
		target = mi.X
	}
	return tagLib[string]{known: known, field: e.st.goEnvconfigField, nest: goEnvconfigNest}.fill(target, prefix), true
}

// prefixLookuper is the prefix of
// envconfig.PrefixLookuper(prefix, envconfig.OsLookuper()).
func (e *evaluator) prefixLookuper(v ssa.Value) (string, bool) {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		v = mi.X
	}
	call, ok := v.(*ssa.Call)
	if !ok || call.Common().StaticCallee() == nil {
		return "", false
	}
	pkg, _, name := calleeName(call.Common().StaticCallee())
	if pkg != goEnvconfigPkg {
		return "", false
	}
	switch name {
	case "OsLookuper":
		return "", true
	case "PrefixLookuper":
		args := call.Common().Args
		p, ok := e.eval(args[0]).text()
		if !ok {
			return "", false
		}
		inner, ok := e.prefixLookuper(args[1])
		return p + inner, ok
	}
	return "", false
}

// envconfigTag splits go-envconfig's tag into the variable's name and
// its options.
func envconfigTag(tag string) (key string, opts map[string]string) {
	parts := strings.Split(tag, ",")
	opts = map[string]string{}
	for _, o := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(o), "=")
		opts[k] = v
	}
	return strings.TrimSpace(parts[0]), opts
}

// goEnvconfigField is what Process writes into field i of s.
func (st *state) goEnvconfigField(s *types.Struct, i int, prefix string) (Value, bool) {
	f := s.Field(i)
	if !f.Exported() || structOf(f.Type()) != nil {
		return Value{}, false // nested structs are goEnvconfigNest's to admit
	}
	tag, ok := reflect.StructTag(s.Tag(i)).Lookup("env")
	if !ok {
		return Value{}, false
	}
	key, opts := envconfigTag(tag)
	if key == "" {
		return Value{}, false
	}
	def := zeroOf(f.Type())
	if d, ok := opts["default"]; ok {
		if strings.Contains(d, "$") {
			def = unknown() // expanded from other variables
		} else {
			def = lit(d)
			def.Alts[0].Parts[0].At = st.tagSubRange(f, "default="+d, len("default="))
		}
	}
	return single(Part{Kind: PartEnv, Name: prefix + key, Default: &def}), true
}

// goEnvconfigNest is the prefix Process gives the fields of the struct in
// field i of s: it fills every nested struct, tagged or not, and the
// tag's prefix= option adds to the outer prefix.
func goEnvconfigNest(s *types.Struct, i int, prefix string) (string, bool) {
	if tag, ok := reflect.StructTag(s.Tag(i)).Lookup("env"); ok {
		_, opts := envconfigTag(tag)
		prefix += opts["prefix"]
	}
	return prefix, true
}

// tagSubRange is where the value after skip bytes of needle is written
// in f's raw-string tag, when needle appears there once.
func (st *state) tagSubRange(f *types.Var, needle string, skip int) (r source.Range) {
	field := st.astField(f)
	if field == nil || field.Tag == nil || !strings.HasPrefix(field.Tag.Value, "`") {
		return r
	}
	raw := field.Tag.Value
	at := strings.Index(raw, needle)
	if at < 0 || strings.Count(raw, needle) != 1 {
		return r
	}
	start := field.Tag.Pos() + token.Pos(at+skip)
	end := start + token.Pos(len(needle)-skip)
	return st.rangeOf(start, end)
}

// libFilledBy finds the ProcessWith call whose Config's Target is the
// struct pointer boxed by mi.
func (e *evaluator) libFilledBy(mi *ssa.MakeInterface) (structFill, bool) {
	for _, r := range *mi.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != mi {
			continue
		}
		fa, ok := st.Addr.(*ssa.FieldAddr)
		if !ok || fieldName(fa.X.Type(), fa.Field) != "Target" {
			continue
		}
		cfg, ok := fa.X.(*ssa.Alloc)
		if !ok || cfg.Referrers() == nil {
			continue
		}
		for _, cr := range *cfg.Referrers() {
			if c, ok := cr.(*ssa.Call); ok {
				if fill, ok := e.structFillOf(c.Common()); ok && fill.target == mi.X {
					return fill, true
				}
			}
		}
	}
	return structFill{}, false
}
