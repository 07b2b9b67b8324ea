package listensite

import (
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"

	"github.com/flylint-dev/flylint/internal/listen"
)

// Branches on flags and booleans: `if *dev { host = "127.0.0.1" }`,
// `if c.Bool("dev")`, `if cfg.Debug` where Debug comes from a flag or
// an env tag. Such a branch is decided like an env comparison: by the
// start command's arguments as Fly runs the app, else the variable the
// flag falls back to, else the default.

// isCondVar reports whether v is one flag or env var read that a
// branch condition may be decided on.
func isCondVar(v Value) bool {
	if len(v.Alts) != 1 || len(v.Alts[0].Parts) != 1 || len(v.Alts[0].Conds) > 0 || v.Alts[0].Fly {
		return false
	}
	k := v.Alts[0].Parts[0].Kind
	return k == PartEnv || k == PartFlag
}

// boolCondOf recognises a branch on a boolean read from a flag or an
// env var: the condition is that it parses as true.
func (e *evaluator) boolCondOf(x ssa.Value, negate bool) (Cond, bool) {
	b, ok := x.Type().Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsBoolean == 0 {
		return Cond{}, false
	}
	v := e.eval(x)
	if !isCondVar(v) {
		return Cond{}, false
	}
	return Cond{Var: v.Alts[0].Parts[0], Value: "true", Equal: !negate, Bool: true}, true
}

// FlagLookup finds a flag on the start command: by its name or its
// other name short; isBool says it is a boolean flag, which -name alone
// sets to true.
type FlagLookup func(name, short string, isBool bool) (string, bool)

// DecideWith is Decide with the start command's flags too: flags
// looks a flag up on the command line as Fly runs the app; nil when
// that command is not known, which leaves flag conditions undecided.
func (s *Site) DecideWith(env func(string) (string, bool), flags FlagLookup) listen.Listener {
	return s.decide(func(c Condition) (bool, bool) { return c.holdsIn(env, flags) })
}

// holdsIn decides c: the flag when the command line gives it, else
// the env var (the flag's fallback) when the environment sets it to
// something, else the default. env returns a variable's value and
// whether it is set; ok is false when c cannot be decided.
func (c Condition) holdsIn(env func(string) (string, bool), flags FlagLookup) (holds, ok bool) {
	if c.Flag == "" && c.Env == "" {
		return false, false
	}
	v, decided := c.Default, false
	if c.Flag != "" {
		if flags == nil || (!c.HasDefault && c.Env == "") {
			return false, false
		}
		fv, set := flags(c.Flag, c.FlagShort, c.Bool)
		if c.FlagNegation != "" {
			if nv, negated := flags(c.FlagNegation, "", true); negated {
				b, err := strconv.ParseBool(nv)
				if set || err != nil {
					// Which of the two comes last is not kept here.
					return false, false
				}
				fv, set = strconv.FormatBool(!b), true
			}
		}
		if set {
			v, decided = fv, true
		}
	}
	if !decided && c.Env != "" {
		if ev, set := env(c.Env); set && ev != "" {
			v = ev
		}
	}
	if c.Bool {
		bv, err := strconv.ParseBool(v)
		if err != nil {
			return false, false // the program would refuse it or read false
		}
		v = strconv.FormatBool(bv)
	}
	return (v == c.Value) == c.Equal, true
}
