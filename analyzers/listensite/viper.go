package listensite

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// spf13/viper (https://github.com/spf13/viper, README "Working with
// Environment Variables" and "Establishing Defaults", v1.x): Get* looks
// a key up, case-insensitively, in Set, flags, env, config file, key/value
// store, then SetDefault. After AutomaticEnv, the env variable is the key
// upper-cased, behind SetEnvPrefix's prefix and "_" when there is one,
// and an empty variable counts as unset unless AllowEmptyEnv. Only that
// slice is modelled, and only with the package-level functions: a
// package that also calls Set, binds flags or env names, reads a config
// file or replaces env key characters leaves Get* unknown, and so does
// a key this package gives no SetDefault (it may be set up elsewhere).
// Limit: another package of the program may still read a config file.

// viperSetup is what a package tells viper's global instance.
type viperSetup struct {
	automaticEnv bool
	prefix       *Value
	defaults     map[string]Value
	blocked      bool
}

const viperPkg = "github.com/spf13/viper"

func (e *evaluator) viper() *viperSetup {
	if e.st.viper != nil {
		return e.st.viper
	}
	v := &viperSetup{defaults: map[string]Value{}}
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
						continue
					}
					d := e.eval(c.Args[1])
					if x := e.st.idx.calls[c.Pos()]; x != nil && len(x.Args) == 2 {
						d = withAt(d, e.st, x.Args[1])
					}
					k = strings.ToLower(k)
					v.defaults[k] = union(v.defaults[k], d)
				case "Set", "BindPFlag", "BindPFlags", "BindFlagValue", "BindFlagValues", "BindEnv",
					"SetEnvKeyReplacer", "AllowEmptyEnv", "ReadInConfig", "ReadConfig", "MergeInConfig",
					"MergeConfig", "MergeConfigMap", "ReadRemoteConfig", "SetConfigFile", "SetFs", "Reset":
					v.blocked = true
				}
			}
		}
	}
	return v
}

// viperGet is viper.GetString(key) or GetInt(key) on the global
// instance.
func (e *evaluator) viperGet(key ssa.Value) Value {
	k, ok := e.eval(key).text()
	if !ok {
		return unknown()
	}
	v := e.viper()
	def, hasDef := v.defaults[strings.ToLower(k)]
	if v.blocked || !hasDef || len(def.Alts) == 0 {
		return unknown()
	}
	if !v.automaticEnv {
		return def
	}
	name := k
	if v.prefix != nil {
		p, ok := v.prefix.text()
		if !ok {
			return unknown()
		}
		if p != "" {
			name = p + "_" + k
		}
	}
	return single(Part{Kind: PartEnv, Name: strings.ToUpper(name), Default: &def})
}
