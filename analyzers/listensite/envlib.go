package listensite

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/source"
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

// structFill is a library call that fills the struct target points to
// from the environment; field is what it writes into one field of the
// struct t points to, ok false when it leaves the field alone.
type structFill struct {
	target ssa.Value
	field  func(t types.Type, index int) (v Value, ok bool)
	// nested, when set, adds what the call writes into the fields of
	// nested structs (kong's embed, go-envconfig's prefix=), by field key.
	nested func(add func(key string, v Value))
}

// tagLib is a library that fills a struct, and the structs nested in it,
// from the fields' tags, as kong and go-envconfig do. field is what it
// writes into field i of s when names there take prefix p, ok false when
// it leaves the field alone; nest says whether it fills the struct in
// field i of s too, and under which prefix. known is false when the call
// has options the model does not follow: then whatever it fills is
// unknown.
type tagLib[P any] struct {
	known bool
	field func(s *types.Struct, i int, p P) (Value, bool)
	nest  func(s *types.Struct, i int, p P) (P, bool)
}

// fill is the structFill of a call that fills the struct target points
// to, its own fields taking prefix top.
func (l tagLib[P]) fill(target ssa.Value, top P) structFill {
	return structFill{
		target: target,
		field: func(t types.Type, i int) (Value, bool) {
			s := structOf(t)
			if s == nil || i >= s.NumFields() {
				return Value{}, false
			}
			if !l.known {
				return unknown(), true
			}
			return l.field(s, i, top)
		},
		nested: func(add func(string, Value)) {
			if s := structOf(target.Type()); s != nil {
				l.addNested(s, top, add, 0)
			}
		},
	}
}

// addNested adds what the call writes into the fields of the structs
// nested in s to the field table. The depth bound keeps a struct that
// holds a pointer to its own type from recursing without end.
func (l tagLib[P]) addNested(s *types.Struct, p P, add func(string, Value), depth int) {
	if depth > 4 {
		return
	}
	for i := range s.NumFields() {
		f := s.Field(i)
		inner := structOf(f.Type())
		if inner == nil || !f.Exported() {
			continue
		}
		ip, ok := l.nest(s, i, p)
		if !ok {
			continue
		}
		for j := range inner.NumFields() {
			key := fieldKeyOf(f.Type(), j)
			if key == "" {
				continue
			}
			if !l.known {
				add(key, unknown())
				continue
			}
			if v, ok := l.field(inner, j, ip); ok {
				add(key, v)
			}
		}
		l.addNested(inner, ip, add, depth+1)
	}
}

// structFillOf recognises caarlos0/env's Parse (module paths v6 to v11)
// and kelseyhightower/envconfig's Process and MustProcess.
func (e *evaluator) structFillOf(c *ssa.CallCommon) (structFill, bool) {
	callee := c.StaticCallee()
	if callee == nil {
		return structFill{}, false
	}
	pkg, recv, name := calleeName(callee)
	if recv != "" {
		return structFill{}, false
	}
	unbox := func(x ssa.Value) ssa.Value {
		if mi, ok := x.(*ssa.MakeInterface); ok {
			return mi.X
		}
		return x
	}
	switch {
	case isCaarlosEnv(pkg) && name == "Parse" && len(c.Args) == 1:
		return structFill{target: unbox(c.Args[0]), field: e.st.envTagValue}, true
	case pkg == "github.com/kelseyhightower/envconfig" && (name == "Process" || name == "MustProcess") && len(c.Args) == 2:
		prefix, known := e.eval(c.Args[0]).text()
		return structFill{target: unbox(c.Args[1]), field: func(t types.Type, i int) (Value, bool) {
			if !known {
				return unknown(), true // the variables' names depend on it
			}
			return e.st.envconfigValue(prefix, t, i)
		}}, true
	}
	return e.libStructFill(c, pkg, name)
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

// addFilledFields adds to the field table what fill writes into the
// fields of the struct it is handed: with what the package stores there
// elsewhere, withEnvDefault then makes the stored literals the default
// of a variable the library reads without a default of its own.
func (st *state) addFilledFields(fill structFill) {
	t := fill.target.Type()
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
		if v, ok := fill.field(t, i); ok {
			st.fields[key] = union(st.fields[key], v)
		}
	}
	if fill.nested != nil {
		fill.nested(func(key string, v Value) { st.fields[key] = union(st.fields[key], v) })
	}
}

// kelseyhightower/envconfig (https://github.com/kelseyhightower/envconfig,
// README "Struct Tag Support"; behaviour read in envconfig.go at v1.4.0):
// Process(prefix, &spec) names a field's variable by its name, or its
// split_words form (MultiWord -> MULTI_WORD), or its envconfig tag,
// then PREFIX_ in front when the prefix is not empty, all upper-cased.
// When that variable is unset it looks up the bare tag name, then uses
// the `default` tag; with neither the field keeps its value. Not
// represented: a variable set to "" gives "" where the model takes the
// default; nested structs (their fields get the parent's key as prefix)
// and custom decoders stay unknown.

// envconfigValue is what Process(prefix, ...) writes into field index
// of the struct t points to.
func (st *state) envconfigValue(prefix string, t types.Type, index int) (Value, bool) {
	s := structOf(t)
	if s == nil || index >= s.NumFields() {
		return Value{}, false
	}
	f := s.Field(index)
	tag := reflect.StructTag(s.Tag(index))
	if !f.Exported() || isTrue(tag.Get("ignored")) {
		return Value{}, false
	}
	if structOf(f.Type()) != nil {
		return unknown(), true
	}
	alt := strings.ToUpper(tag.Get("envconfig"))
	key := f.Name()
	if isTrue(tag.Get("split_words")) {
		key = splitWords(key)
	}
	if alt != "" {
		key = alt
	}
	if prefix != "" {
		key = prefix + "_" + key
	}
	key = strings.ToUpper(key)
	var def *Value
	var defAt source.Range
	if d := tag.Get("default"); d != "" {
		v := lit(d)
		def, defAt = &v, st.tagValueRange(f, "default", d)
	}
	part := Part{Kind: PartEnv, Name: key, Default: def, DefaultRange: defAt}
	if alt != "" && alt != key {
		fallback := single(Part{Kind: PartEnv, Name: alt, Default: def, DefaultRange: defAt})
		part.Default, part.DefaultRange = &fallback, source.Range{}
	}
	return single(part), true
}

func isTrue(s string) bool {
	b, _ := strconv.ParseBool(s)
	return b
}

var (
	// wordRe and acronymRe split a Go name into words the way envconfig
	// does for split_words: runs of lower case, a capital and what
	// follows, or a run of capitals; an acronym before a word
	// (HTTPPort) splits into HTTP and Port.
	wordRe    = lazyre.New(`([^A-Z]+|[A-Z]+[^A-Z]+|[A-Z]+)`)
	acronymRe = lazyre.New(`([A-Z]+)([A-Z][^A-Z]+)`)
)

func splitWords(name string) string {
	var words []string
	for _, w := range wordRe().FindAllString(name, -1) {
		if m := acronymRe().FindStringSubmatch(w); len(m) == 3 {
			words = append(words, m[1], m[2])
			continue
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return name
	}
	return strings.Join(words, "_")
}
