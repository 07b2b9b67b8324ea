package listensite

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint/flylint/source"
)

// caarlos0/env (https://github.com/caarlos0/env, README "Usage" and the
// tags `env` and `envDefault`; behaviour read in env.go at v11.4.1):
// env.Parse(&cfg) walks cfg's fields; a field tagged `env:"PORT"` gets
// the variable's value when it is set and not empty, else the
// `envDefault` value when the tag has one, else it keeps what it held
// (get/getOr, and setField's `value != ""`). That is exactly a PartEnv
// whose default is envDefault, or the field's earlier value.
// Differences the model does not represent: before v7.0.0 (#248) a
// variable set to "" kept the field's value instead of taking
// envDefault; the `file` and `expand` options, envPrefix on nested
// structs, and ParseWithOptions (Prefix, UseFieldNameByDefault, custom
// tag names), whose fields therefore stay unknown.

// envParseTarget is the struct pointer handed to caarlos0/env's Parse
// (module paths v6 to v11), or nil.
func envParseTarget(c *ssa.CallCommon) ssa.Value {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) != 1 {
		return nil
	}
	pkg, recv, name := calleeName(callee)
	if recv != "" || name != "Parse" || !isCaarlosEnv(pkg) {
		return nil
	}
	x := c.Args[0]
	if mi, ok := x.(*ssa.MakeInterface); ok {
		x = mi.X
	}
	return x
}

func isCaarlosEnv(pkg string) bool {
	v, ok := strings.CutPrefix(pkg, "github.com/caarlos0/env/v")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 6 && n <= 11
}

// envTagValue is what env.Parse writes into field index of the struct
// t points to; ok is false when Parse does not touch the field. A
// PartEnv without a default keeps the field's earlier value when the
// variable is unset: callers fold in what is stored (withEnvDefault).
func (st *state) envTagValue(t types.Type, index int) (v Value, ok bool) {
	p, isPtr := t.Underlying().(*types.Pointer)
	if !isPtr {
		return Value{}, false
	}
	s, isStruct := p.Elem().Underlying().(*types.Struct)
	if !isStruct || index >= s.NumFields() {
		return Value{}, false
	}
	f := s.Field(index)
	if structOf(f.Type()) != nil {
		// Parse fills nested structs too, under envPrefix: not modelled.
		return unknown(), true
	}
	tag := reflect.StructTag(s.Tag(index))
	key, has := tag.Lookup("env")
	if !has {
		return Value{}, false
	}
	name, opts, _ := strings.Cut(key, ",")
	for _, o := range strings.Split(opts, ",") {
		if o == "file" || o == "expand" {
			return unknown(), true // the value is a file's content, or expanded
		}
	}
	def, hasDef := tag.Lookup("envDefault")
	if name == "" {
		if hasDef {
			return lit(def), true
		}
		return Value{}, false
	}
	part := Part{Kind: PartEnv, Name: name}
	if hasDef {
		d := lit(def)
		part.Default = &d
		part.DefaultRange = st.tagValueRange(f, "envDefault", def)
	}
	return single(part), true
}

// structOf is the struct type t is or points to, nil for other types.
func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	s, _ := t.Underlying().(*types.Struct)
	return s
}

// tagValueRange is where the value of key is written in f's tag, when
// the tag is a raw string of this package that spells it without
// escapes, so a finding about a default can stand on it.
func (st *state) tagValueRange(f *types.Var, key, val string) (r source.Range) {
	field := st.astField(f)
	if field == nil || field.Tag == nil || !strings.HasPrefix(field.Tag.Value, "`") {
		return r
	}
	raw := field.Tag.Value
	needle := key + `:"` + val + `"`
	for i := 0; i < len(raw); {
		j := strings.Index(raw[i:], needle)
		if j < 0 {
			return r
		}
		at := i + j
		if raw[at-1] == '`' || raw[at-1] == ' ' {
			start := field.Tag.Pos() + token.Pos(at+len(key)+2)
			return st.rangeOf(start, start+token.Pos(len(val)))
		}
		i = at + 1
	}
	return r
}

// astField finds the declaration of the struct field f in this
// package's files.
func (st *state) astField(f *types.Var) *ast.Field {
	for _, file := range st.pass.Files {
		if f.Pos() < file.Pos() || f.Pos() > file.End() {
			continue
		}
		var found *ast.Field
		ast.Inspect(file, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if fl, ok := n.(*ast.Field); ok {
				for _, id := range fl.Names {
					if id.Pos() == f.Pos() {
						found = fl
					}
				}
			}
			return true
		})
		return found
	}
	return nil
}

// addEnvFields adds to the field table what env.Parse writes into the
// fields of the struct t points to: with what the package stores there
// elsewhere, withEnvDefault then makes the stored literals the default
// of a variable without envDefault.
func (st *state) addEnvFields(t types.Type) {
	s := structOf(t)
	if s == nil {
		return
	}
	if _, ok := t.Underlying().(*types.Pointer); !ok {
		return
	}
	for i := range s.NumFields() {
		key := fieldKeyOf(t, i)
		if key == "" {
			continue
		}
		if v, ok := st.envTagValue(t, i); ok {
			st.fields[key] = union(st.fields[key], v)
		}
	}
}
