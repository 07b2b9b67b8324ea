package listensite

import (
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// alecthomas/kong (https://github.com/alecthomas/kong, README "Supported
// tags" and "Flags", v1.x; env lookup read in resolver.go's EnvResolver
// at v1.6.0): kong.Parse(&cli) (or kong.New(&cli) then Parse) fills the
// exported fields of cli from the command line. A field is a flag named
// by its `name` tag, else its field name in lower-case words joined by
// "-" (ListenAddr -> --listen-addr), with `short:"p"` as its other
// name; `env:"A,B"` lists variables tried in order (os.LookupEnv: set
// wins, even empty) when the flag is not given, then `default:"…"`. A
// struct field tagged `embed:""` or `cmd:""` holds more flags: embed's
// `prefix:"x-"` goes in front of their names and `envprefix:"X_"` in
// front of their variables. A bool field tagged `negatable:""` also
// takes --no-<name>, and `negatable:"X"` takes --X, to set it false.
//
// Modelled as a PartFlag whose default is the chain of PartEnv reads
// ending in the default tag. Not modelled, so left unknown: positional
// `arg:""` fields, `${var}` interpolation in defaults, the `kong:"…"`
// tag form, and any Parse option but Name, Description, UsageOnError,
// ConfigureHelp and Vars (Configuration, Resolvers and DefaultEnvars
// change where values come from). Without a default tag the field's
// value before Parse is kept, which the model does not follow: unknown.
// Differences: an env var set to "" gives "" where PartEnv means unset.

const kongPkg = "github.com/alecthomas/kong"

// kongFill recognises kong.Parse(&cli, options...) and kong.New(&cli,
// options...).
func (e *evaluator) kongFill(c *ssa.CallCommon, name string) (structFill, bool) {
	if (name != "Parse" && name != "New" && name != "Must") || len(c.Args) != 2 {
		return structFill{}, false
	}
	target := c.Args[0]
	if mi, ok := target.(*ssa.MakeInterface); ok {
		target = mi.X
	}
	known := true
	for _, o := range variadicArgs(c.Args[1]) {
		call, ok := o.(*ssa.Call)
		if !ok || call.Common().StaticCallee() == nil {
			known = false
			continue
		}
		pkg, _, opt := calleeName(call.Common().StaticCallee())
		switch {
		case pkg != kongPkg:
			known = false
		case opt == "Name", opt == "Description", opt == "UsageOnError", opt == "ConfigureHelp", opt == "Vars":
		default:
			known = false
		}
	}
	if _, none := c.Args[1].(*ssa.Const); !none && variadicArgs(c.Args[1]) == nil {
		known = false // options built elsewhere
	}
	return tagLib[kongPrefix]{
		known: known,
		field: func(s *types.Struct, i int, p kongPrefix) (Value, bool) {
			return e.st.kongField(s, i, p.flag, p.env)
		},
		nest: kongNest,
	}.fill(target, kongPrefix{}), true
}

// kongPrefix is what kong puts in front of the flags and the variables of
// an embedded struct's fields.
type kongPrefix struct{ flag, env string }

// kongField is what Parse writes into field i of s, whose flags take
// flagPrefix and whose variables take envPrefix.
func (st *state) kongField(s *types.Struct, i int, flagPrefix, envPrefix string) (Value, bool) {
	f := s.Field(i)
	tag := reflect.StructTag(s.Tag(i))
	if !f.Exported() || tag.Get("kong") == "-" {
		return Value{}, false
	}
	if structOf(f.Type()) != nil {
		return Value{}, false // its fields are kongNest's to admit
	}
	if _, ok := tag.Lookup("kong"); ok {
		return unknown(), true
	}
	if _, ok := tag.Lookup("arg"); ok {
		return unknown(), true
	}
	name := tag.Get("name")
	if name == "" {
		name = strings.ToLower(strings.ReplaceAll(splitWords(f.Name()), "_", "-"))
	}
	def := unknown()
	if d, ok := tag.Lookup("default"); ok && !strings.Contains(d, "${") {
		def = lit(d)
		if at := st.tagValueRange(f, "default", d); at.IsValid() {
			def.Alts[0].Parts[0].At = at
		}
	} else if !ok {
		if isBool(f.Type()) {
			def = lit("false") // a bool flag without a default is off
		}
	}
	if env := tag.Get("env"); env != "" {
		names := strings.Split(env, ",")
		for j := len(names) - 1; j >= 0; j-- {
			d := def
			def = single(Part{Kind: PartEnv, Name: envPrefix + strings.TrimSpace(names[j]), Default: &d})
		}
	}
	p := Part{Kind: PartFlag, Name: flagPrefix + name, Short: tag.Get("short"), Default: &def}
	if neg, ok := tag.Lookup("negatable"); ok && isBool(f.Type()) {
		// kong v1.16.1 negatable.go: `negatable:""` adds --no-<name>,
		// `negatable:"X"` adds --X; either sets the flag to the
		// opposite of what it parses (context.go flipBoolValue).
		p.Negation = "no-" + p.Name
		if neg != "" {
			p.Negation = neg
		}
	}
	return single(p), true
}

// kongNest says whether kong fills the struct in field i of s, an
// embedded or command struct, and under which prefixes: embed's add to
// the outer ones, a command's keep them.
func kongNest(s *types.Struct, i int, p kongPrefix) (kongPrefix, bool) {
	f := s.Field(i)
	tag := reflect.StructTag(s.Tag(i))
	if tag.Get("kong") == "-" {
		return p, false
	}
	_, embed := tag.Lookup("embed")
	_, cmd := tag.Lookup("cmd")
	if !embed && !cmd && !f.Embedded() {
		return p, false
	}
	if embed || f.Embedded() {
		p.flag += tag.Get("prefix")
		p.env += tag.Get("envprefix")
	}
	return p, true
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}
