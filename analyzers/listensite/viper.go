package listensite

import (
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
// Only the package-level functions are modelled. A package that also
// calls Set, AllowEmptyEnv, reads a config file or a remote store, or
// gives a prefix, replacer or key the analysis cannot read, leaves Get*
// unknown, and so does a key with neither SetDefault nor a bound flag
// (it may be set up elsewhere). Limits: another package of the program
// may still read a config file; BindPFlags binds whichever flag of the
// package has the key's name, whatever flag set it was defined on.

// viperSetup is what a package tells viper's global instance.
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

const viperPkg = "github.com/spf13/viper"

func (e *evaluator) viper() *viperSetup {
	if e.st.viper != nil {
		return e.st.viper
	}
	v := &viperSetup{defaults: map[string]Value{}, envs: map[string][]string{}, flags: map[string]string{}}
	e.st.viper = v
	for _, fn := range e.st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := call.Common()
				callee := c.StaticCallee()
				if callee == nil {
					continue
				}
				pkg, recv, name := calleeName(callee)
				if pkg != viperPkg || recv != "" {
					continue
				}
				e.viperCall(v, c, name)
			}
		}
	}
	return v
}

// viperCall records one call to viper's global instance.
func (e *evaluator) viperCall(v *viperSetup, c *ssa.CallCommon, name string) {
	switch name {
	case "AutomaticEnv":
		v.automaticEnv = true
	case "SetEnvPrefix":
		if v.prefix != nil {
			v.blocked = true // which call runs last is not known
		}
		p := e.eval(c.Args[0])
		v.prefix = &p
	case "SetDefault":
		k, ok := e.eval(c.Args[0]).text()
		if !ok {
			v.blocked = true
			return
		}
		d := e.eval(c.Args[1])
		if x := e.st.idx.calls[c.Pos()]; x != nil && len(x.Args) == 2 {
			d = withAt(d, e.st, x.Args[1])
		}
		k = strings.ToLower(k)
		v.defaults[k] = union(v.defaults[k], d)
	case "BindEnv":
		args := variadicArgs(c.Args[0])
		if len(args) == 0 {
			v.blocked = true
			return
		}
		var names []string
		for _, a := range args {
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
		r, ok := e.newReplacer(c.Args[0])
		if !ok || v.replacer != nil {
			v.blocked = true
			return
		}
		v.replacer = r
	case "BindPFlag":
		k, ok := e.eval(c.Args[0]).text()
		flag, isFlag := pflagLookup(e, c.Args[1])
		if !ok || !isFlag {
			v.blocked = true
			return
		}
		v.flags[strings.ToLower(k)] = flag
	case "BindPFlags":
		v.allFlags = true
	case "Set", "BindFlagValue", "BindFlagValues", "AllowEmptyEnv", "ReadInConfig", "ReadConfig",
		"MergeInConfig", "MergeConfig", "MergeConfigMap", "ReadRemoteConfig", "WatchRemoteConfig",
		"SetConfigFile", "SetFs", "Reset":
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
	for _, fn := range e.st.funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				f, ok := flagCall(call.Common())
				if !ok {
					continue
				}
				v := e.flagPart(call.Common(), f, 0)
				if len(v.Alts) == 1 && len(v.Alts[0].Parts) == 1 && v.Alts[0].Parts[0].Kind == PartFlag && v.Alts[0].Parts[0].Name == name {
					out = union(out, v)
				}
			}
		}
	}
	return out
}

// viperGet is viper.GetString(key) or GetInt(key) on the global
// instance.
func (e *evaluator) viperGet(key ssa.Value) Value {
	k, ok := e.eval(key).text()
	if !ok {
		return unknown()
	}
	v := e.viper()
	if v.blocked {
		return unknown()
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
