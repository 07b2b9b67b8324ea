package listensite

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/source"
)

// spf13/viper (https://github.com/spf13/viper, README "Working with
// Environment Variables", "Working with Flags" and "Establishing
// Defaults"; order read in viper.go's find, BindEnv, getEnv and
// mergeWithEnvPrefix at v1.19.0): Get* looks a key up, case-insensitively,
// in Set, a bound pflag the command line changed, env, config file,
// key/value store, SetDefault, and last the bound pflag's own default.
// Env: after AutomaticEnv the variable named by the key upper-cased,
// behind SetEnvPrefix's prefix and "_" when there is one, is tried
// first; then those BindEnv names: BindEnv("port", "PORT") names PORT
// as given, BindEnv("port") derives the name as AutomaticEnv does.
// SetEnvKeyReplacer(strings.NewReplacer(".", "_")) rewrites every such
// name before the lookup, and a variable set to "" counts as unset
// unless AllowEmptyEnv. BindPFlag("port", cmd.Flags().Lookup("port"))
// ties a key to a pflag; BindPFlags(fs) ties each flag of fs to the key
// of its name.
//
// The package-level functions act on a global instance; viper.New()
// makes separate ones with the same methods (see vipers). An instance
// that is also told Set, AllowEmptyEnv, RegisterAlias, to read a config
// file or a remote store, or given a prefix, replacer or key the
// analysis cannot read, leaves Get* unknown, and so does a key with
// neither SetDefault nor a bound flag (it may be set up elsewhere).
// Limits: another package of the program may still read a config file
// into the global instance, or into an instance this package exports;
// BindPFlags binds whichever flag of the package has the key's name,
// whatever flag set it was defined on.

// viperSetup is what a package tells one viper instance.
type viperSetup struct {
	automaticEnv bool
	prefix       *Value
	defaults     map[string]Value
	// envs lists, per key, the variables BindEnv names; "" stands for
	// the name derived from the key.
	envs map[string][]string
	// flags is, per key, the pflag name BindPFlag ties it to.
	flags    map[string]string
	allFlags bool // BindPFlags: every flag by its own name
	replacer *strings.Replacer
	blocked  bool
}

func newViperSetup() *viperSetup {
	return &viperSetup{defaults: map[string]Value{}, envs: map[string][]string{}, flags: map[string]string{}}
}

// vipers is every viper instance of the package, found in one scan.
// Instances made by viper.New() (v1.19.0 viper.go: "New returns an
// initialized Viper instance"; each has its own defaults, env bindings
// and config, and the package-level functions act on a separate global
// one, which GetViper returns; MustBindEnv is BindEnv that panics on
// error: viper.go at v1.12.0) are told apart by the New call that
// makes them: the receiver of each method call is followed back
// through variables, phis, returns, package variables, struct fields
// and parameters to that call.
type vipers struct {
	global *viperSetup
	byNew  map[*ssa.Call]*viperSetup
	// all is set when a setup method is called on an instance the
	// analysis cannot trace, or an instance is handed to code it does
	// not read: any instance may then hold what nothing here shows.
	all bool
}

const viperPkg = "github.com/spf13/viper"

func (e *evaluator) vipers() *vipers {
	if e.st.viper != nil {
		return e.st.viper
	}
	vs := &vipers{global: newViperSetup(), byNew: map[*ssa.Call]*viperSetup{}}
	e.st.viper = vs
	o := &viperOrigins{e: e}
	setup := func(origin *ssa.Call) *viperSetup {
		if origin == nil {
			return vs.global
		}
		if vs.byNew[origin] == nil {
			vs.byNew[origin] = newViperSetup()
		}
		return vs.byNew[origin]
	}
	for _, fn := range e.st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := call.Common()
				callee := c.StaticCallee()
				var pkg, recv, name string
				if callee != nil {
					pkg, recv, name = calleeName(callee)
				}
				switch {
				case pkg == viperPkg && recv == "":
					e.viperCall(vs.global, c, 0, name)
					continue
				case pkg == viperPkg && recv == "(*Viper).":
					if !viperSetupMethod(name) {
						continue
					}
					if origin, ok := o.of(c.Args[0]); ok {
						e.viperCall(setup(origin), c, 1, name)
					} else {
						vs.all = true
					}
					continue
				case callee != nil && callee.Pkg == e.st.ssaPkg && len(callee.Blocks) > 0:
					continue // its own calls are scanned, and its parameters traced
				}
				// An instance handed to code not read here (a method
				// of an interface, another package's function) may be
				// given a config file or values there.
				for _, a := range c.Args {
					if !isViper(a.Type()) {
						continue
					}
					if origin, ok := o.of(a); ok {
						setup(origin).blocked = true
					} else {
						vs.all = true
					}
				}
			}
		}
	}
	return vs
}

// isViper is *viper.Viper.
func isViper(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == viperPkg && n.Obj().Name() == "Viper"
}

// viperSetupMethod is a method viperCall reads: one that changes where
// Get* finds a key.
func viperSetupMethod(name string) bool {
	switch name {
	case "AutomaticEnv", "SetEnvPrefix", "SetDefault", "BindEnv", "MustBindEnv", "SetEnvKeyReplacer",
		"BindPFlag", "BindPFlags", "Set", "BindFlagValue", "BindFlagValues", "AllowEmptyEnv",
		"ReadInConfig", "ReadConfig", "MergeInConfig", "MergeConfig", "MergeConfigMap",
		"ReadRemoteConfig", "WatchRemoteConfig", "SetConfigFile", "SetFs", "RegisterAlias":
		return true
	}
	return false
}

// viperCall records one call to a viper instance; skip is 1 for a
// method, whose first argument is the receiver.
func (e *evaluator) viperCall(v *viperSetup, c *ssa.CallCommon, skip int, name string) {
	args := c.Args[skip:]
	switch name {
	case "AutomaticEnv":
		v.automaticEnv = true
	case "SetEnvPrefix":
		if v.prefix != nil {
			v.blocked = true // which call runs last is not known
		}
		p := e.eval(args[0])
		v.prefix = &p
	case "SetDefault":
		k, ok := e.eval(args[0]).text()
		if !ok {
			v.blocked = true
			return
		}
		d := e.eval(args[1])
		if x := e.st.idx.calls[c.Pos()]; x != nil && len(x.Args) == 2 {
			d = withAt(d, e.st, x.Args[1])
		}
		k = strings.ToLower(k)
		v.defaults[k] = union(v.defaults[k], d)
	case "BindEnv", "MustBindEnv":
		vargs := variadicArgs(args[0])
		if len(vargs) == 0 {
			v.blocked = true
			return
		}
		var names []string
		for _, a := range vargs {
			t, ok := e.eval(a).text()
			if !ok {
				v.blocked = true
				return
			}
			names = append(names, t)
		}
		k := strings.ToLower(names[0])
		if len(names) == 1 {
			v.envs[k] = append(v.envs[k], "")
		} else {
			v.envs[k] = append(v.envs[k], names[1:]...)
		}
	case "SetEnvKeyReplacer":
		r, ok := e.newReplacer(args[0])
		if !ok || v.replacer != nil {
			v.blocked = true
			return
		}
		v.replacer = r
	case "BindPFlag":
		k, ok := e.eval(args[0]).text()
		flag, isFlag := pflagLookup(e, args[1])
		if !ok || !isFlag {
			v.blocked = true
			return
		}
		v.flags[strings.ToLower(k)] = flag
	case "BindPFlags":
		v.allFlags = true
	case "Set", "BindFlagValue", "BindFlagValues", "AllowEmptyEnv", "ReadInConfig", "ReadConfig",
		"MergeInConfig", "MergeConfig", "MergeConfigMap", "ReadRemoteConfig", "WatchRemoteConfig",
		"SetConfigFile", "SetFs", "Reset", "RegisterAlias":
		v.blocked = true
	}
}

// newReplacer is strings.NewReplacer called with literal pairs.
func (e *evaluator) newReplacer(x ssa.Value) (*strings.Replacer, bool) {
	call, ok := x.(*ssa.Call)
	if !ok || call.Common().StaticCallee() == nil {
		return nil, false
	}
	if pkg, _, name := calleeName(call.Common().StaticCallee()); pkg != "strings" || name != "NewReplacer" {
		return nil, false
	}
	args := variadicArgs(call.Common().Args[0])
	if len(args)%2 != 0 {
		return nil, false
	}
	var pairs []string
	for _, a := range args {
		t, ok := e.eval(a).text()
		if !ok {
			return nil, false
		}
		pairs = append(pairs, t)
	}
	return strings.NewReplacer(pairs...), true
}

// pflagLookup is the flag name of fs.Lookup("port") on a pflag FlagSet.
func pflagLookup(e *evaluator, x ssa.Value) (string, bool) {
	call, ok := x.(*ssa.Call)
	if !ok || call.Common().StaticCallee() == nil {
		return "", false
	}
	pkg, recv, name := calleeName(call.Common().StaticCallee())
	if pkg != "github.com/spf13/pflag" || name != "Lookup" || (recv != "(*FlagSet)." && recv != "") {
		return "", false
	}
	args := call.Common().Args
	return e.eval(args[len(args)-1]).text()
}

// pflagDefined is the value the package's pflag definitions named name
// give: the flag with its default.
func (e *evaluator) pflagDefined(name string) Value {
	var out Value
	for _, call := range e.st.callsInto("flag", "github.com/spf13/pflag") {
		f, ok := flagCall(call.Common())
		if !ok {
			continue
		}
		v := e.flagPart(call.Common(), f, 0)
		if len(v.Alts) == 1 && len(v.Alts[0].Parts) == 1 && v.Alts[0].Parts[0].Kind == PartFlag && v.Alts[0].Parts[0].Name == name {
			out = union(out, v)
		}
	}
	return out
}

// viperGet is GetString(key) or GetInt(key) on the instance recv is
// (nil: the package-level functions, on the global instance).
func (e *evaluator) viperGet(recv, key ssa.Value) Value {
	k, ok := e.eval(key).text()
	if !ok {
		return unknown()
	}
	vs := e.vipers()
	if vs.all {
		return unknown()
	}
	v := vs.global
	if recv != nil {
		origin, ok := (&viperOrigins{e: e}).of(recv)
		if !ok {
			return unknown()
		}
		if origin != nil {
			v = vs.byNew[origin]
		}
	}
	if v == nil || v.blocked {
		return unknown() // an instance nothing sets up: its key may come from anywhere
	}
	k = strings.ToLower(k)
	var flag *Part
	flagName, bound := v.flags[k]
	if !bound && v.allFlags {
		flagName, bound = k, true
	}
	if bound {
		fv := e.pflagDefined(flagName)
		if len(fv.Alts) == 1 && len(fv.Alts[0].Parts) == 1 && fv.Alts[0].Parts[0].Kind == PartFlag {
			p := fv.Alts[0].Parts[0]
			flag = &p
		} else if _, explicit := v.flags[k]; explicit {
			return unknown() // defined elsewhere, or twice
		}
	}
	def, hasDef := v.defaults[k]
	switch {
	case hasDef && len(def.Alts) > 0:
	case flag != nil && flag.Default != nil:
		def = *flag.Default
	default:
		return unknown()
	}
	derived := k
	if v.prefix != nil {
		p, ok := v.prefix.text()
		if !ok {
			return unknown()
		}
		if p != "" {
			derived = p + "_" + k
		}
	}
	derived = strings.ToUpper(derived)
	var names []string
	if v.automaticEnv {
		names = append(names, derived)
	}
	for _, n := range v.envs[k] {
		if n == "" {
			n = derived
		}
		names = append(names, n)
	}
	for i := len(names) - 1; i >= 0; i-- {
		n := names[i]
		if v.replacer != nil {
			n = v.replacer.Replace(n)
		}
		d := def
		def = single(Part{Kind: PartEnv, Name: n, Default: &d})
	}
	if flag != nil {
		p := *flag
		p.Default, p.DefaultRange = &def, source.Range{}
		if !hasDef {
			p.DefaultRange = flag.DefaultRange
		}
		return single(p)
	}
	return def
}

// viperOrigins follows a *viper.Viper value back to where it is made.
type viperOrigins struct {
	e    *evaluator
	seen map[ssa.Value]bool
}

// maxViperTrace bounds how many values one trace visits.
const maxViperTrace = 256

// of is the viper.New call x comes from, or nil for the global
// instance; ok is false when x may come from elsewhere, or from more
// than one place.
func (o *viperOrigins) of(x ssa.Value) (*ssa.Call, bool) {
	o.seen = map[ssa.Value]bool{}
	var origin *ssa.Call
	first := true
	ok := o.walk(x, func(c *ssa.Call) bool {
		if first {
			origin, first = c, false
			return true
		}
		return c == origin
	})
	if !ok || first {
		return nil, false
	}
	return origin, true
}

// walk calls found with every origin x may have; it stops, false, on a
// value it cannot follow or when found says no.
func (o *viperOrigins) walk(x ssa.Value, found func(*ssa.Call) bool) bool {
	if o.seen[x] {
		return true // a cycle adds no origin
	}
	if len(o.seen) > maxViperTrace {
		return false
	}
	o.seen[x] = true
	st := o.e.st
	switch x := x.(type) {
	case *ssa.Call:
		return o.fromCall(x.Common(), 0, x, found)
	case *ssa.Extract:
		if c, ok := x.Tuple.(*ssa.Call); ok {
			return o.fromCall(c.Common(), x.Index, nil, found)
		}
	case *ssa.Phi:
		for _, in := range x.Edges {
			if !o.walk(in, found) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		switch p := x.X.(type) {
		case *ssa.Global:
			if p.Pkg != st.ssaPkg {
				return false
			}
			stores := st.storesTo(p)
			if len(stores) == 0 {
				return false
			}
			for _, in := range stores {
				s, ok := in.(*ssa.Store)
				if !ok || !o.walk(s.Val, found) {
					return false
				}
			}
			return true
		case *ssa.FieldAddr:
			return o.fromField(fieldKeyOf(p.X.Type(), p.Field), found)
		}
	case *ssa.Field:
		return o.fromField(fieldKeyOf(x.X.Type(), x.Field), found)
	case *ssa.Parameter:
		return o.fromParam(x, found)
	case *ssa.FreeVar:
		if b := binding(x); b != nil {
			return o.walk(b, found)
		}
	case *ssa.ChangeType:
		return o.walk(x.X, found)
	}
	return false
}

// fromCall follows result index of a call: viper.New makes an
// instance, GetViper returns the global one, a function of this
// package returns what its return statements give.
func (o *viperOrigins) fromCall(c *ssa.CallCommon, index int, call *ssa.Call, found func(*ssa.Call) bool) bool {
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	pkg, recv, name := calleeName(callee)
	if pkg == viperPkg && recv == "" {
		switch {
		case name == "New" && call != nil:
			return found(call)
		case name == "GetViper":
			return found(nil)
		}
		return false // NewWithOptions, Sub and the like: not modelled
	}
	if callee.Pkg != o.e.st.ssaPkg || len(callee.Blocks) == 0 {
		return false
	}
	some := false
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || index >= len(ret.Results) {
			continue
		}
		if _, isNil := ret.Results[index].(*ssa.Const); isNil {
			continue // return nil, err: no instance to use
		}
		if !o.walk(ret.Results[index], found) {
			return false
		}
		some = true
	}
	return some
}

// fromField follows every value this package stores into the field.
func (o *viperOrigins) fromField(key string, found func(*ssa.Call) bool) bool {
	if key == "" {
		return false
	}
	vals := o.e.st.storesToField(key)
	if len(vals) == 0 {
		return false // set elsewhere, if at all
	}
	for _, v := range vals {
		if !o.walk(v.Val, found) {
			return false
		}
	}
	return true
}

// fromParam follows the argument every call in this package passes;
// a function also used as a value, or with no call here, is not
// followed.
func (o *viperOrigins) fromParam(p *ssa.Parameter, found func(*ssa.Call) bool) bool {
	fn := p.Parent()
	if fn == nil || fn.Pkg != o.e.st.ssaPkg {
		return false
	}
	calls, taken := o.e.st.callersOf(fn)
	// Methods may be called through interfaces, and exported
	// functions from other packages.
	if taken || fn.Signature.Recv() != nil || (fn.Object() != nil && fn.Object().Exported() && fn.Pkg.Pkg.Name() != "main") {
		return false
	}
	idx := -1
	for i, q := range fn.Params {
		if q == p {
			idx = i
		}
	}
	if idx < 0 || len(calls) == 0 {
		return false
	}
	for _, c := range calls {
		if idx >= len(c.Args) || !o.walk(c.Args[idx], found) {
			return false
		}
	}
	return true
}
