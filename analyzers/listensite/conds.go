package listensite

import "github.com/flylint-dev/flylint/internal/listen"

// Alternative is one address a site may listen on, and the conditions
// on environment variables under which the program picks it.
type Alternative struct {
	Host listen.Host
	Port listen.Port
	When []Condition
}

// Condition is one branch on an environment variable: the variable's
// value (Default when it is unset or empty, "" without one) compared
// with Value. Equal says which way the comparison must come out.
// Env is "" when the variable's name or default could not be worked
// out: such a condition cannot be decided.
type Condition struct {
	Env        string
	Default    string
	HasDefault bool
	Value      string
	Equal      bool
	// Flag is the command-line flag the value is read from (then Env,
	// when set, is the variable the flag falls back to), FlagShort its
	// other name; Bool says the value is a boolean compared with "true".
	Flag      string
	FlagShort string
	Bool      bool
	// FlagNegation is the flag that sets a boolean Flag to the opposite
	// (kong's --no-dev), if there is one.
	FlagNegation string
}

func condition(c Cond) Condition {
	p := c.Var
	out := Condition{Value: c.Value, Equal: c.Equal, Bool: c.Bool}
	if p.Kind == PartFlag {
		out.Flag, out.FlagShort, out.FlagNegation = p.Name, p.Short, p.Negation
		if env, ok := flagEnv(p); ok {
			p = env // the flag falls back to it, then to its default
		} else {
			if p.Default != nil {
				if t, ok := p.Default.text(); ok {
					out.Default, out.HasDefault = t, true
				}
			}
			return out
		}
	}
	if p.Kind != PartEnv || p.Key != nil {
		return out
	}
	if p.Default != nil {
		t, ok := p.Default.text()
		if !ok {
			return out // a default read from elsewhere: undecidable
		}
		out.Default, out.HasDefault = t, true
	}
	out.Env = p.Name
	return out
}

// alternatives lists the ways r's address may come out when the
// program picks among them by env conditions; nil when it does not.
func alternatives(r *RawSite, network string) []Alternative {
	addr := pickFly(r.Addr)
	if !hasConds(addr) {
		return nil
	}
	out := make([]Alternative, 0, len(addr.Alts))
	for _, a := range addr.Alts {
		h, p := splitAlt(a, network, r.EmptyAddr)
		if _, known := networkOf(r); !known {
			h = UnknownFamily(h)
		}
		alt := Alternative{Host: h, Port: p}
		for _, c := range a.Conds {
			alt.When = append(alt.When, condition(c))
		}
		out = append(out, alt)
	}
	return out
}

// Decide is the site's listener in an environment: lookup returns an
// environment variable's value and whether it is set (fly.toml [env]
// over Dockerfile ENV, as Fly runs the app). Alternatives whose
// conditions the environment contradicts are dropped; what the rest
// agree on is kept, and what they do not agree on stays unknown.
func (s *Site) Decide(lookup func(string) (string, bool)) listen.Listener {
	return s.DecideWith(lookup, nil)
}

func (s *Site) decide(holds func(Condition) (bool, bool)) listen.Listener {
	if s.Raw == nil || len(s.Alternatives) == 0 {
		return s.Listener
	}
	addr := pickFly(s.Raw.Addr)
	var kept Value
	for _, a := range addr.Alts {
		ok := true
		for _, c := range a.Conds {
			if h, decided := holds(condition(c)); decided && !h {
				ok = false
			}
		}
		if ok {
			kept.Alts = append(kept.Alts, a)
		}
	}
	if len(kept.Alts) == len(addr.Alts) || len(kept.Alts) == 0 {
		return s.Listener
	}
	r := *s.Raw
	r.Addr = kept
	l, _ := resolve(&r)
	l.Program = s.Program
	return l
}
