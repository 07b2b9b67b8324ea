package listensite

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// PartKind says what one piece of a symbolic string is.
type PartKind uint8

const (
	// PartLit is literal text.
	PartLit PartKind = iota
	// PartEnv is the value of an environment variable (Name), with an
	// optional Default used when it is unset or empty.
	PartEnv
	// PartFlag is the value of a command-line flag (Name) whose default is
	// Default.
	PartFlag
	// PartParam is parameter Index of function Name (a funcKey); it is
	// replaced by the argument at each call site the analysis sees.
	PartParam
	// PartField is whatever is stored into the struct field Name (a
	// fieldKey) anywhere the analysis sees.
	PartField
	// PartUnknown could not be worked out.
	PartUnknown
)

// Part is one piece of a Value's alternative. Values must survive gob
// encoding because they travel between packages in facts.
type Part struct {
	Kind    PartKind
	Text    string // PartLit
	Name    string // env var, flag, funcKey or fieldKey
	Index   int    // PartParam
	Default *Value // PartEnv, PartFlag
	// DefaultRange is where a flag's default is written, when it is a
	// plain string literal, so reports can point at it.
	DefaultRange source.Range
	// Key is the name of a PartEnv still waiting on a caller (the app's
	// own getenv(key, def) helper): Name is filled in when Key
	// becomes a literal at a call site.
	Key *Value
	// At is where a PartLit is written when it is one literal in the
	// source (a struct literal field, a flag default, an argument), so
	// a finding about the value can stand there.
	At source.Range
	// Short is another name of a PartFlag on the command line: pflag's
	// shorthand (-p), a urfave/cli alias, kong's short tag.
	Short string
	// Negation is the name of a boolean PartFlag's opposite, which sets
	// it to false: kong's negatable tag (--no-dev).
	Negation string
}

// Cond is a condition on an environment variable that picks an
// alternative: Var (a PartEnv, with the default the program uses when
// it is unset) compared with the literal Value; Equal says which way
// the comparison went on the path that produced the alternative.
type Cond struct {
	Var   Part
	Value string
	Equal bool
	// Bool is true for a branch on a boolean (if *dev): Var is parsed
	// as one and compared with "true".
	Bool bool
}

// Alt is one way a value can come out: the concatenation of Parts.
type Alt struct {
	Parts []Part
	// Fly is true when the program picks this alternative on a branch
	// taken only on Fly (FLY_APP_NAME, FLY_REGION or FLY_MACHINE_ID set).
	Fly bool
	// Conds are the branches on environment variables that lead to
	// this alternative; all must hold for it to be the one used.
	Conds []Cond
}

// Value is what a string or integer expression may evaluate to: one
// Alt per way through the program. A Value with no Alts is unknown.
type Value struct {
	Alts []Alt
}

// maxAlts bounds the alternatives kept per value so that long chains
// of branches cannot blow up the analysis.
const maxAlts = 16

func lit(s string) Value        { return Value{Alts: []Alt{{Parts: []Part{{Kind: PartLit, Text: s}}}}} }
func unknown() Value            { return Value{Alts: []Alt{{Parts: []Part{{Kind: PartUnknown}}}}} }
func single(p Part) Value       { return Value{Alts: []Alt{{Parts: []Part{p}}}} }
func (v Value) isUnknown() bool { return len(v.Alts) == 0 }

// concat joins values piece by piece, pairing every alternative of a
// with every alternative of b.
func concat(vs ...Value) Value {
	out := Value{Alts: []Alt{{}}}
	for _, v := range vs {
		if len(v.Alts) == 0 {
			v = unknown()
		}
		var next []Alt
		for _, a := range out.Alts {
			for _, b := range v.Alts {
				if len(next) >= maxAlts {
					break
				}
				parts := make([]Part, 0, len(a.Parts)+len(b.Parts))
				parts = append(parts, a.Parts...)
				parts = appendParts(parts, b.Parts...)
				next = append(next, Alt{Parts: parts, Fly: a.Fly || b.Fly, Conds: joinConds(a.Conds, b.Conds)})
			}
		}
		out.Alts = next
	}
	return out
}

// joinConds is the conditions of both a and b, each once.
func joinConds(a, b []Cond) []Cond {
	if len(b) == 0 {
		return a
	}
	out := append([]Cond(nil), a...)
	for _, c := range b {
		if !hasCond(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func hasCond(cs []Cond, c Cond) bool {
	for _, x := range cs {
		if x.Equal == c.Equal && x.Value == c.Value && partEqual(x.Var, c.Var) {
			return true
		}
	}
	return false
}

// appendParts appends, merging adjacent literals so that "a"+"b" reads
// as one literal. A literal that knows where it is written stays
// separate, so that its position survives (see mergeLits).
func appendParts(dst []Part, ps ...Part) []Part {
	for _, p := range ps {
		if p.Kind == PartLit && p.Text == "" {
			continue
		}
		if p.Kind == PartLit && len(dst) > 0 && dst[len(dst)-1].Kind == PartLit && !p.At.IsValid() && !dst[len(dst)-1].At.IsValid() {
			dst[len(dst)-1].Text += p.Text
			continue
		}
		dst = append(dst, p)
	}
	return dst
}

// union is the value of a variable that holds a or b (a phi node).
func union(vs ...Value) Value {
	var out Value
	// An empty input adds nothing: accumulators start empty. Callers
	// that mean "unknown" pass unknown().
	for _, v := range vs {
		for _, a := range v.Alts {
			if len(out.Alts) >= maxAlts {
				return out
			}
			dup := false
			for _, b := range out.Alts {
				if altEqual(a, b) {
					dup = true
					break
				}
			}
			if !dup {
				out.Alts = append(out.Alts, a)
			}
		}
	}
	return out
}

func altEqual(a, b Alt) bool {
	if a.Fly != b.Fly || len(a.Parts) != len(b.Parts) || len(a.Conds) != len(b.Conds) {
		return false
	}
	for _, c := range a.Conds {
		if !hasCond(b.Conds, c) {
			return false
		}
	}
	for i := range a.Parts {
		if !partEqual(a.Parts[i], b.Parts[i]) {
			return false
		}
	}
	return true
}

func partEqual(a, b Part) bool {
	if a.Kind != b.Kind || a.Text != b.Text || a.Name != b.Name || a.Index != b.Index || a.Short != b.Short || a.Negation != b.Negation {
		return false
	}
	if (a.Default == nil) != (b.Default == nil) {
		return false
	}
	if a.Default != nil && !valueEqual(*a.Default, *b.Default) {
		return false
	}
	if (a.Key == nil) != (b.Key == nil) {
		return false
	}
	return a.Key == nil || valueEqual(*a.Key, *b.Key)
}

func valueEqual(a, b Value) bool {
	if len(a.Alts) != len(b.Alts) {
		return false
	}
	for i := range a.Alts {
		if !altEqual(a.Alts[i], b.Alts[i]) {
			return false
		}
	}
	return true
}

// markFly returns v with every alternative marked as the one used on Fly.
func markFly(v Value) Value {
	out := Value{Alts: make([]Alt, len(v.Alts))}
	for i, a := range v.Alts {
		a.Fly = true
		out.Alts[i] = a
	}
	return out
}

// withEnvDefault folds the pattern "read X; if it is empty use d" into
// one PartEnv with a default. v is the union of the branches: when all
// alternatives but the env read are literals, they are the default.
func withEnvDefault(v Value) Value {
	if hasConds(v) {
		return v // the branches are decided by their conditions, not by emptiness
	}
	if r, ok := foldEnvInContext(v); ok {
		return r
	}
	envAt := -1
	for i, a := range v.Alts {
		if len(a.Parts) == 1 && (a.Parts[0].Kind == PartEnv) && a.Parts[0].Default == nil && !a.Fly {
			if envAt >= 0 {
				return v
			}
			envAt = i
		}
	}
	if envAt < 0 || len(v.Alts) < 2 {
		return v
	}
	var def Value
	for i, a := range v.Alts {
		if i == envAt {
			continue
		}
		if a.Fly {
			return v
		}
		def.Alts = append(def.Alts, a)
	}
	p := v.Alts[envAt].Parts[0]
	p.Default = &def
	return single(p)
}

func hasConds(v Value) bool {
	for _, a := range v.Alts {
		if len(a.Conds) > 0 {
			return true
		}
	}
	return false
}

// text returns the value's literal text when it has exactly one
// alternative made only of literals.
func (v Value) text() (string, bool) {
	if len(v.Alts) != 1 {
		return "", false
	}
	var b strings.Builder
	for _, p := range v.Alts[0].Parts {
		if p.Kind != PartLit {
			return "", false
		}
		b.WriteString(p.Text)
	}
	return b.String(), true
}

// hasSymbols reports whether v still refers to parameters or fields
// that a caller or another package may fill in.
func (v Value) hasSymbols() bool {
	for _, a := range v.Alts {
		for _, p := range a.Parts {
			switch p.Kind {
			case PartParam, PartField:
				return true
			case PartEnv, PartFlag:
				if p.Default != nil && p.Default.hasSymbols() || p.Key != nil {
					return true
				}
			}
		}
	}
	return false
}

// subst replaces symbolic parts using f, which returns the replacement
// and true, or false to keep a part as it is.
func (v Value) subst(f func(Part) (Value, bool)) Value {
	var out Value
	for _, a := range v.Alts {
		acc := Value{Alts: []Alt{{Fly: a.Fly, Conds: substConds(a.Conds, f)}}}
		for _, p := range a.Parts {
			p = substPart(p, f)
			if r, ok := f(p); ok {
				acc = concat(acc, r)
				continue
			}
			acc = concat(acc, single(p))
		}
		out = union(out, acc)
	}
	return out
}

// substPart substitutes inside a part: its default, and the name of
// an env var read through a helper, which becomes known, or unknown
// when nothing is left to substitute.
func substPart(p Part, f func(Part) (Value, bool)) Part {
	if p.Default != nil {
		d := p.Default.subst(f)
		p.Default = &d
	}
	if p.Key != nil {
		k := p.Key.subst(f)
		switch t, ok := k.text(); {
		case ok && t != "":
			p.Name, p.Key = t, nil
		case hasParams(k):
			p.Key = &k
		default:
			return Part{Kind: PartUnknown}
		}
	}
	return p
}

func substConds(cs []Cond, f func(Part) (Value, bool)) []Cond {
	if len(cs) == 0 {
		return nil
	}
	out := make([]Cond, len(cs))
	for i, c := range cs {
		c.Var = substPart(c.Var, f)
		out[i] = c
	}
	return out
}

// String renders v for tests and debugging.
func (v Value) String() string {
	if len(v.Alts) == 0 {
		return "?"
	}
	var alts []string
	for _, a := range v.Alts {
		var b strings.Builder
		if a.Fly {
			b.WriteString("fly:")
		}
		for _, p := range a.Parts {
			switch p.Kind {
			case PartLit:
				b.WriteString(strconv.Quote(p.Text))
			case PartEnv, PartFlag:
				kind := "env"
				if p.Kind == PartFlag {
					kind = "flag"
				}
				name := p.Name
				if p.Key != nil {
					name = "[" + p.Key.String() + "]"
				}
				b.WriteString(kind + "(" + name)
				if p.Default != nil {
					b.WriteString("|" + p.Default.String())
				}
				b.WriteString(")")
			case PartParam:
				b.WriteString("param(" + p.Name + "#" + strconv.Itoa(p.Index) + ")")
			case PartField:
				b.WriteString("field(" + p.Name + ")")
			default:
				b.WriteString("?")
			}
		}
		for _, c := range a.Conds {
			op := "!="
			if c.Equal {
				op = "=="
			}
			b.WriteString(" if " + Value{Alts: []Alt{{Parts: []Part{c.Var}}}}.String() + op + strconv.Quote(c.Value))
		}
		alts = append(alts, b.String())
	}
	return strings.Join(alts, " | ")
}

// foldEnvInContext handles the two-return helper
// `if p := os.Getenv("P"); p != "" { return ":" + p }; return ":8080"`:
// one alternative is prefix+env+suffix, the others are literals with
// the same prefix and suffix, which give the env var's default.
func foldEnvInContext(v Value) (Value, bool) {
	if len(v.Alts) < 2 {
		return v, false
	}
	envAlt, envAt := -1, -1
	for i, a := range v.Alts {
		if a.Fly {
			return v, false
		}
		for j, p := range a.Parts {
			if p.Kind == PartEnv && p.Default == nil {
				if envAlt >= 0 {
					return v, false
				}
				envAlt, envAt = i, j
			}
		}
	}
	if envAlt < 0 {
		return v, false
	}
	parts := v.Alts[envAlt].Parts
	prefix, suffix := "", ""
	for j, p := range parts {
		switch {
		case j == envAt:
		case p.Kind != PartLit:
			return v, false
		case j < envAt:
			prefix += p.Text
		default:
			suffix += p.Text
		}
	}
	if prefix == "" && suffix == "" {
		return v, false // the plain case is withEnvDefault's
	}
	var def Value
	for i, a := range v.Alts {
		if i == envAlt {
			continue
		}
		t, ok := Value{Alts: []Alt{a}}.text()
		if !ok || len(t) < len(prefix)+len(suffix) || t[:len(prefix)] != prefix || t[len(t)-len(suffix):] != suffix {
			return v, false
		}
		def = union(def, lit(t[len(prefix):len(t)-len(suffix)]))
	}
	p := parts[envAt]
	p.Default = &def
	return concat(lit(prefix), single(p), lit(suffix)), true
}
