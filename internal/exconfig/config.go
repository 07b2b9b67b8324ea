package exconfig

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Kind is what is known of a configured value.
type Kind int

const (
	Unknown Kind = iota
	Nil
	Bool
	Int
	String
	Atom
	List
	Tuple
	// EnvRef is an environment variable read at boot:
	// System.get_env("NAME") [|| default], System.get_env("NAME",
	// default), System.fetch_env!("NAME"), each maybe through
	// String.to_integer.
	EnvRef
)

// Value is a configured value and where it is written.
type Value struct {
	Kind  Kind
	Bool  bool
	Int   int64
	Str   string // String, Atom (without the colon), EnvRef's variable
	Items []Value
	Range source.Range
	// KeyRange is the key of a keyword pair (a 2-tuple {atom, value}).
	KeyRange source.Range
	// EnvRef: Default is the value when the variable is unset (nil when
	// there is none); ToInt says String.to_integer is applied.
	Default *Value
	ToInt   bool
}

// Keyword returns the pairs of a keyword list; ok is false when v is
// not one.
func (v Value) Keyword() (pairs []Value, ok bool) {
	if v.Kind != List {
		return nil, false
	}
	for _, it := range v.Items {
		if it.Kind != Tuple || len(it.Items) != 2 || it.Items[0].Kind != Atom {
			return nil, false
		}
	}
	return v.Items, true
}

// Get returns the value of key in a keyword list, the last one written
// when repeated (Keyword.get returns the first; Config's merge leaves one
// of each, and a literal list with a repeated key is not what configs
// hold).
func (v Value) Get(key string) (Value, bool) {
	pairs, ok := v.Keyword()
	if !ok {
		return Value{}, false
	}
	for i := len(pairs) - 1; i >= 0; i-- {
		if pairs[i].Items[0].Str == key {
			return pairs[i].Items[1], true
		}
	}
	return Value{}, false
}

// truthy says whether Elixir takes v as true: anything but nil and
// false. ok is false when that is not known.
func (e *evaluator) truthy(v Value) (truth, ok bool) {
	switch v.Kind {
	case EnvRef:
		// System.get_env returns a string, even "", when the variable
		// is set; a default written as a string is truthy too.
		if _, set := e.env.Vars[v.Str]; set || v.Default != nil {
			return true, true
		}
		return false, false
	case Unknown:
		return false, false
	case Nil:
		return false, true
	case Bool:
		return v.Bool, true
	}
	return true, true
}

// Config is the merged configuration: app → key → value, where a key
// is an atom name or a module alias ("MyAppWeb.Endpoint").
type Config struct {
	Apps map[string]map[string]Value
}

// Lookup returns the value of app's key.
func (c *Config) Lookup(app, key string) (Value, bool) {
	v, ok := c.Apps[app][key]
	return v, ok
}

// Env is what the evaluator knows at boot: the Mix environment the
// release was built for ("" when not known) and the OS environment
// variables whose values are known.
type Env struct {
	MixEnv string
	Vars   map[string]string
}

// Reader reads a file of the project by its path relative to the
// project root ("config/config.exs"), returning the name positions
// should carry.
type Reader func(rel string) (data []byte, display string, ok bool)

// LoadError says which file could not be read and why.
type LoadError struct {
	File   string
	Range  source.Range
	Reason string
}

func (e *LoadError) Error() string {
	if e.Range.IsValid() {
		return fmt.Sprintf("%s: cannot read: %s", e.Range, e.Reason)
	}
	return fmt.Sprintf("%s: cannot read: %s", e.File, e.Reason)
}

// maxImports bounds import_config chains (a file importing itself).
const maxImports = 8

// Load evaluates config/config.exs (with what it imports) as the release
// is built, giving the compile-time configuration, and then
// config/runtime.exs on top, as a release boots (Config.Reader; mix
// release docs, "Runtime configuration", Elixir 1.18). runtime is nil
// when there is no runtime.exs. A file that cannot be read fails the
// load.
func Load(read Reader, env Env) (compile, runtime *Config, err error) {
	e := &evaluator{read: read, env: env, cfg: &Config{Apps: map[string]map[string]Value{}}}
	if err := e.file("config/config.exs", 0, true); err != nil {
		return nil, nil, err
	}
	compile = e.cfg.clone()
	if data, disp, ok := read("config/runtime.exs"); ok {
		if err := e.parsed("config/runtime.exs", data, disp, 0, true); err != nil {
			return nil, nil, err
		}
		runtime = e.cfg
	}
	return compile, runtime, nil
}

func (c *Config) clone() *Config {
	out := &Config{Apps: map[string]map[string]Value{}}
	for a, m := range c.Apps {
		mm := map[string]Value{}
		for k, v := range m {
			mm[k] = v
		}
		out.Apps[a] = mm
	}
	return out
}

type evaluator struct {
	read Reader
	env  Env
	cfg  *Config
}

type scope struct {
	vars  map[string]Value
	file  string
	lines *source.Lines
	rel   string
}

func (e *evaluator) file(rel string, depth int, certain bool) error {
	data, disp, ok := e.read(rel)
	if !ok {
		return &LoadError{File: rel, Reason: "file not found"}
	}
	return e.parsed(rel, data, disp, depth, certain)
}

// parsed evaluates the file at rel whose content has been read, so that
// a caller that had to read it to learn whether it exists does not read
// it again.
func (e *evaluator) parsed(rel string, data []byte, disp string, depth int, certain bool) error {
	if depth > maxImports {
		return &LoadError{File: rel, Reason: fmt.Sprintf("import_config nested deeper than %d", maxImports)}
	}
	lines := source.NewLines(data)
	nodes, err := Parse(data)
	if err != nil {
		le := &LoadError{File: disp, Reason: err.Error()}
		var pe *Error
		if errors.As(err, &pe) {
			le.Range = lines.Range(disp, pe.Offset, pe.Offset)
			le.Reason = pe.Msg
		}
		return le
	}
	sc := &scope{vars: map[string]Value{}, file: disp, lines: lines, rel: rel}
	return e.stmts(nodes, sc, certain, depth)
}

func (s *scope) rng(n *Node) source.Range { return s.lines.Range(s.file, n.Start, n.End) }

// stmts runs top-level statements: config calls, import_config,
// assignments and if blocks. certain is false under a condition flylint
// could not decide.
func (e *evaluator) stmts(nodes []*Node, sc *scope, certain bool, depth int) error {
	for _, n := range nodes {
		switch {
		case n.Kind == NCall && n.Recv == nil && n.Name == "config" && !n.HasDo:
			e.config(n, sc, certain)
		case n.Kind == NCall && n.Recv == nil && n.Name == "import_config" && len(n.Args) == 1:
			name := e.eval(n.Args[0], sc)
			if name.Kind != String {
				return &LoadError{File: sc.file, Range: sc.rng(n), Reason: "import_config of a file flylint cannot name"}
			}
			rel := path.Join(path.Dir(sc.rel), name.Str)
			if !certain {
				// Under an undecided condition (if File.exists?(...)):
				// import_config raises on a missing file, so a release
				// that was built did not take this branch when the file
				// is not in the project; when it is, what it sets may or
				// may not apply.
				data, disp, ok := e.read(rel)
				if !ok {
					continue
				}
				if err := e.parsed(rel, data, disp, depth+1, certain); err != nil {
					return err
				}
				continue
			}
			if err := e.file(rel, depth+1, certain); err != nil {
				return err
			}
		case n.Kind == NCall && n.Recv == nil && n.Name == "if" && n.HasDo && len(n.Args) == 1:
			cond := e.eval(n.Args[0], sc)
			truth, known := e.truthy(cond)
			inner := &scope{vars: copyVars(sc.vars), file: sc.file, lines: sc.lines, rel: sc.rel}
			if !known || truth {
				if err := e.stmts(n.Do, inner, certain && known, depth); err != nil {
					return err
				}
			}
			if !known || !truth {
				inner = &scope{vars: copyVars(sc.vars), file: sc.file, lines: sc.lines, rel: sc.rel}
				if err := e.stmts(n.Else, inner, certain && known, depth); err != nil {
					return err
				}
			}
		case n.Kind == NBinary && n.Op == "=" && n.Args[0].Kind == NVar:
			bare := &scope{vars: map[string]Value{}, file: sc.file, lines: sc.lines, rel: sc.rel}
			if err := e.uncertain(n.Args[1], bare); err != nil {
				return err
			}
			v := e.eval(n.Args[1], sc)
			if !certain {
				v = Value{Range: v.Range}
			}
			sc.vars[n.Args[0].Name] = v
		case n.Kind == NCall && n.Recv == nil && n.Name == "import" && len(n.Args) == 1 && n.Args[0].Kind == NAlias && n.Args[0].Name == "Config":
		case n.Kind == NCall && n.Recv == nil && (n.Name == "use" || n.Name == "import") && len(n.Args) == 1 && n.Args[0].Kind == NAlias && n.Args[0].Name == "Mix.Config":
		default:
			// Any other statement (a case, a call of the app's own code)
			// is not run: the config calls inside it may or may not
			// happen, so what they set becomes unknown. Their arguments
			// are read without the variables in scope, which clauses may
			// rebind: a key named through one leaves the whole app
			// unknown.
			bare := &scope{vars: map[string]Value{}, file: sc.file, lines: sc.lines, rel: sc.rel}
			if err := e.uncertain(n, bare); err != nil {
				return err
			}
		}
	}
	return nil
}

// uncertain applies, as undecided, every config call inside code that
// is not evaluated. An import_config there fails the load: which file
// it reads is not known.
func (e *evaluator) uncertain(n *Node, sc *scope) error {
	if n == nil {
		return nil
	}
	if n.Kind == NCall && n.Recv == nil {
		switch n.Name {
		case "config":
			e.config(n, sc, false)
			return nil
		case "import_config":
			return &LoadError{File: sc.file, Range: sc.rng(n), Reason: "import_config inside code flylint does not evaluate"}
		}
	}
	for _, l := range [][]*Node{n.Args, n.Do, n.Else} {
		for _, c := range l {
			if err := e.uncertain(c, sc); err != nil {
				return err
			}
		}
	}
	for _, p := range n.Parts {
		if err := e.uncertain(p.Expr, sc); err != nil {
			return err
		}
	}
	return e.uncertain(n.Recv, sc)
}

func copyVars(m map[string]Value) map[string]Value {
	out := make(map[string]Value, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// config applies `config :app, opts` or `config :app, key, opts`, which
// Config merges into what is set: "keyword lists are always deep-merged",
// anything else replaced (https://hexdocs.pm/elixir/1.18/Config.html#config/3).
func (e *evaluator) config(n *Node, sc *scope, certain bool) {
	if len(n.Args) == 0 {
		return
	}
	app := e.eval(n.Args[0], sc)
	if app.Kind != Atom {
		// config of an app flylint cannot name: no known key may
		// be trusted any more.
		for a, m := range e.cfg.Apps {
			for k, v := range m {
				e.cfg.Apps[a][k] = Value{Range: v.Range}
			}
		}
		return
	}
	m := e.cfg.Apps[app.Str]
	if m == nil {
		m = map[string]Value{}
		e.cfg.Apps[app.Str] = m
	}
	var set []Value // pairs {key, value}
	switch len(n.Args) {
	case 2:
		kw := e.eval(n.Args[1], sc)
		pairs, ok := kw.Keyword()
		if !ok {
			for k, v := range m {
				m[k] = Value{Range: v.Range}
			}
			return
		}
		set = pairs
	case 3:
		key := e.eval(n.Args[1], sc)
		k := Value{Kind: Atom, Str: key.Str, Range: key.Range}
		if key.Kind != Atom {
			for k, v := range m {
				m[k] = Value{Range: v.Range}
			}
			return
		}
		set = []Value{{Kind: Tuple, Items: []Value{k, e.eval(n.Args[2], sc)}, Range: sc.rng(n)}}
	default:
		return
	}
	for _, p := range set {
		k, v := p.Items[0].Str, p.Items[1]
		old, had := m[k]
		m[k] = merge(old, had, v, certain)
	}
}

// merge is Config's deep merge: two keyword lists merge key by key,
// anything else is replaced. Uncertain, every key the new value sets
// becomes Unknown (it may or may not have been set).
func merge(old Value, had bool, v Value, certain bool) Value {
	op, oldKW := old.Keyword()
	np, newKW := v.Keyword()
	if had && oldKW && newKW {
		out := Value{Kind: List, Range: v.Range, Items: append([]Value(nil), op...)}
		for _, p := range np {
			i := -1
			for j, q := range out.Items {
				if q.Items[0].Str == p.Items[0].Str {
					i = j
				}
			}
			if i < 0 {
				nv := p.Items[1]
				if !certain {
					nv = Value{Range: nv.Range}
				}
				out.Items = append(out.Items, Value{Kind: Tuple, Items: []Value{p.Items[0], nv}, Range: p.Range, KeyRange: p.KeyRange})
				continue
			}
			q := out.Items[i]
			out.Items[i] = Value{Kind: Tuple, Range: p.Range, KeyRange: p.KeyRange,
				Items: []Value{p.Items[0], merge(q.Items[1], true, p.Items[1], certain)}}
		}
		return out
	}
	if !certain {
		return Value{Range: v.Range}
	}
	return v
}

// eval works out what flylint can of an expression without running it.
func (e *evaluator) eval(n *Node, sc *scope) Value {
	r := sc.rng(n)
	unknown := Value{Range: r}
	switch n.Kind {
	case NInt:
		return Value{Kind: Int, Int: n.Int, Range: r}
	case NBool:
		return Value{Kind: Bool, Bool: n.Name == "true", Range: r}
	case NNil:
		return Value{Kind: Nil, Range: r}
	case NAtom:
		if n.Quoted && !literal(n.Parts) {
			return unknown
		}
		return Value{Kind: Atom, Str: n.Name, Range: r}
	case NAlias:
		// An alias is the atom :"Elixir.Foo"; the config key carries
		// its source spelling.
		return Value{Kind: Atom, Str: n.Name, Range: r}
	case NString:
		var b strings.Builder
		for _, p := range n.Parts {
			if p.Expr == nil {
				b.WriteString(p.Lit)
				continue
			}
			v := e.eval(p.Expr, sc)
			switch v.Kind {
			case String, Atom:
				b.WriteString(v.Str)
			case Int:
				b.WriteString(strconv.FormatInt(v.Int, 10))
			default:
				return unknown
			}
		}
		return Value{Kind: String, Str: b.String(), Range: r}
	case NSigil:
		if !literal(n.Parts) {
			return unknown
		}
		switch n.Name {
		case "s", "S":
			return Value{Kind: String, Str: litText(n.Parts), Range: r}
		case "w", "W":
			out := Value{Kind: List, Range: r}
			for _, w := range strings.Fields(litText(n.Parts)) {
				it := Value{Kind: String, Str: w, Range: r}
				switch n.SigilMods {
				case "a":
					it.Kind = Atom
				case "", "s":
				default:
					return unknown
				}
				out.Items = append(out.Items, it)
			}
			return out
		}
		return unknown
	case NVar:
		if v, ok := sc.vars[n.Name]; ok {
			v.Range = r
			return v
		}
		return unknown
	case NList, NTuple:
		out := Value{Kind: List, Range: r}
		if n.Kind == NTuple {
			out.Kind = Tuple
		}
		for _, a := range n.Args {
			if a.Kind == NPair {
				if a.Quoted && n.Kind == NTuple {
					return unknown
				}
				out.Items = append(out.Items, Value{Kind: Tuple, Range: sc.rng(a),
					KeyRange: sc.lines.Range(sc.file, a.Start, a.KeyEnd),
					Items:    []Value{{Kind: Atom, Str: a.Name, Range: sc.lines.Range(sc.file, a.Start, a.KeyEnd)}, e.eval(a.Args[0], sc)}})
				continue
			}
			out.Items = append(out.Items, e.eval(a, sc))
		}
		return out
	case NBinary:
		return e.binary(n, sc)
	case NCall:
		return e.call(n, sc)
	}
	return unknown
}

func literal(ps []Part) bool {
	for _, p := range ps {
		if p.Expr != nil {
			return false
		}
	}
	return true
}

func (e *evaluator) binary(n *Node, sc *scope) Value {
	r := sc.rng(n)
	unknown := Value{Range: r}
	switch n.Op {
	case "||", "or":
		a := e.eval(n.Args[0], sc)
		if a.Kind == EnvRef && a.Default == nil && !a.ToInt {
			// System.get_env("PORT") || "4000"
			if b := e.eval(n.Args[1], sc); b.Kind == String {
				a.Default, a.Range = &b, r
				return a
			}
		}
		if t, ok := e.truthy(a); ok {
			if t {
				return a
			}
			return e.eval(n.Args[1], sc)
		}
		return unknown
	case "&&", "and":
		a := e.eval(n.Args[0], sc)
		if t, ok := e.truthy(a); ok {
			if !t {
				return a
			}
			return e.eval(n.Args[1], sc)
		}
		return unknown
	case "==", "!=", "===", "!==":
		a, b := e.eval(n.Args[0], sc), e.eval(n.Args[1], sc)
		eq, ok := e.equal(a, b)
		if !ok {
			return unknown
		}
		if n.Op == "!=" || n.Op == "!==" {
			eq = !eq
		}
		return Value{Kind: Bool, Bool: eq, Range: r}
	case "|>":
		// x |> f(a) is f(x, a).
		if c := n.Args[1]; c.Kind == NCall && !c.HasDo {
			call := *c
			call.Args = append([]*Node{n.Args[0]}, c.Args...)
			call.Start, call.End = n.Start, n.End
			return e.call(&call, sc)
		}
	case "<>":
		a, b := e.eval(n.Args[0], sc), e.eval(n.Args[1], sc)
		if a.Kind == String && b.Kind == String {
			return Value{Kind: String, Str: a.Str + b.Str, Range: r}
		}
	}
	return unknown
}

func (e *evaluator) equal(a, b Value) (eq, ok bool) {
	for _, v := range []*Value{&a, &b} {
		if val, set := e.env.Vars[v.Str]; v.Kind == EnvRef && set && !v.ToInt {
			*v = Value{Kind: String, Str: val}
		}
	}
	switch {
	case a.Kind == Unknown || b.Kind == Unknown || a.Kind == EnvRef || b.Kind == EnvRef || a.Kind == List || a.Kind == Tuple:
		return false, false
	case a.Kind != b.Kind:
		return false, true
	case a.Kind == Int:
		return a.Int == b.Int, true
	case a.Kind == Bool:
		return a.Bool == b.Bool, true
	case a.Kind == Nil:
		return true, true
	}
	return a.Str == b.Str, true
}

func (e *evaluator) call(n *Node, sc *scope) Value {
	r := sc.rng(n)
	unknown := Value{Range: r}
	if n.HasDo {
		return unknown
	}
	fun := n.Name
	if n.Recv != nil {
		if n.Recv.Kind != NAlias {
			return unknown
		}
		fun = n.Recv.Name + "." + n.Name
	}
	args := make([]Value, len(n.Args))
	for i, a := range n.Args {
		if a.Kind == NPair {
			return unknown
		}
		args[i] = e.eval(a, sc)
	}
	switch {
	case fun == "config_env" && len(args) == 0, fun == "Mix.env" && len(args) == 0:
		if e.env.MixEnv == "" {
			return unknown
		}
		return Value{Kind: Atom, Str: e.env.MixEnv, Range: r}
	case (fun == "System.get_env" || fun == "System.fetch_env!") && (len(args) == 1 || len(args) == 2 && fun == "System.get_env"):
		if args[0].Kind != String {
			return unknown
		}
		name := args[0].Str
		v := Value{Kind: EnvRef, Str: name, Range: r}
		if len(args) == 2 {
			if args[1].Kind != String {
				return unknown
			}
			v.Default = &args[1]
		}
		return v
	case fun == "String.to_integer" && len(args) == 1:
		a := args[0]
		switch a.Kind {
		case String:
			i, err := strconv.ParseInt(a.Str, 10, 64)
			if err != nil {
				return unknown
			}
			return Value{Kind: Int, Int: i, Range: r}
		case EnvRef:
			if a.ToInt || a.Default != nil && a.Default.Kind != String {
				return unknown
			}
			if a.Default != nil {
				if _, err := strconv.ParseInt(a.Default.Str, 10, 64); err != nil {
					return unknown
				}
			}
			a.ToInt, a.Range = true, r
			return a
		}
	}
	return unknown
}
