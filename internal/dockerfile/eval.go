package dockerfile

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

type opKind int

const (
	opArg opKind = iota
	opEnv
	opExpose
	opWorkdir
	opCmd
	opEntrypoint
	opShell
	opCopy
)

// op is an instruction whose effect depends on variables, kept as written
// so a build with other build args can evaluate it again.
type op struct {
	kind   opKind
	args   []*Arg
	env    []envRaw
	expose []exposeRaw
	text   string       // WORKDIR path
	rng    source.Range // the instruction, for problems
	shell  []string
	inst   *Instruction
	copy   *Copy
}

type envRaw struct {
	key, value string
	rng        source.Range
}

type exposeRaw struct {
	text string
	rng  source.Range
}

// platformArgs are the ARGs buildkit defines before the first FROM
// (dockerfile2llb defaultArgs; TARGETSTAGE is added per build). Fly's
// builders build linux/amd64 images, so that is what they hold here.
var platformArgs = [][2]string{
	{"BUILDPLATFORM", "linux/amd64"}, {"BUILDOS", "linux"}, {"BUILDOSVERSION", ""}, {"BUILDARCH", "amd64"}, {"BUILDVARIANT", ""},
	{"TARGETPLATFORM", "linux/amd64"}, {"TARGETOS", "linux"}, {"TARGETOSVERSION", ""}, {"TARGETARCH", "amd64"}, {"TARGETVARIANT", ""},
}

// vars is the environment variable expansion sees: ARG and ENV values in
// the order they were set, inherited through FROM <stage>. A stage that
// shares its parent with others is a layer over the parent's vars (an
// only child simply takes them over); layers are flattened every maxDepth
// so lookups stay cheap on a pathological Dockerfile.
type vars struct {
	parent *vars
	own    map[string]string
	// unknown marks the names in own whose value passed an expansion
	// limit: set, but to nothing flylint knows.
	unknown map[string]bool
	depth   int
}

const maxDepth = 32

func newVars() *vars { return &vars{own: map[string]string{}} }

func (v *vars) child() *vars {
	if v == nil {
		return newVars()
	}
	if v.depth+1 < maxDepth {
		return &vars{parent: v, own: map[string]string{}, depth: v.depth + 1}
	}
	var layers []*vars
	size := 0
	for l := v; l != nil; l = l.parent {
		layers = append(layers, l)
		size += len(l.own)
	}
	flat := &vars{own: make(map[string]string, size)}
	for i := len(layers) - 1; i >= 0; i-- {
		for k, val := range layers[i].own {
			flat.own[k] = val
			if layers[i].unknown[k] {
				flat.setUnknown(k)
			} else {
				delete(flat.unknown, k)
			}
		}
	}
	return flat
}

func (v *vars) set(k, val string) {
	v.own[k] = val
	delete(v.unknown, k)
}

// setUnknown sets k to a value flylint does not know.
func (v *vars) setUnknown(k string) {
	v.own[k] = ""
	if v.unknown == nil {
		v.unknown = map[string]bool{}
	}
	v.unknown[k] = true
}

// isUnknown reports whether k is set to a value flylint does not know.
func (v *vars) isUnknown(k string) bool {
	for l := v; l != nil; l = l.parent {
		if _, ok := l.own[k]; ok {
			return l.unknown[k]
		}
	}
	return false
}

// Get implements shell.EnvGetter.
func (v *vars) Get(k string) (string, bool) {
	for l := v; l != nil; l = l.parent {
		if x, ok := l.own[k]; ok {
			return x, true
		}
	}
	return "", false
}

// Keys implements shell.EnvGetter.
func (v *vars) Keys() []string {
	seen := map[string]bool{}
	var keys []string
	for l := v; l != nil; l = l.parent {
		for k := range l.own {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// build is one evaluation of the file for a set of build args.
type build struct {
	f         *File
	lex       *shell.Lex
	buildArgs map[string]string
	globals   *vars
	parents   []int // index of each stage's parent stage, -1 for none
	bases     []string
	problems  []Problem
	// limits are expansions flylint refused (see expandLimit); spent is
	// what expansions have produced so far, against maxExpandTotal.
	limits []Problem
	spent  int
	// fromProblems are each stage's FROM expansion problems.
	fromProblems [][]Problem
}

func (f *File) newBuild(target string, buildArgs map[string]string) *build {
	b := &build{f: f, lex: shell.NewLex(f.Escape), buildArgs: buildArgs, globals: newVars()}
	if target == "" {
		target = "default"
	}
	for _, kv := range append(platformArgs, [2]string{"TARGETSTAGE", target}) {
		v := kv[1]
		if o, ok := buildArgs[kv[0]]; ok {
			v = o
		}
		b.globals.set(kv[0], v)
	}
	// buildkit's buildMetaArgs: a build arg wins, else the default
	// expanded with the meta-args before it.
	for _, a := range f.MetaArgs {
		if v, ok := buildArgs[a.Name]; ok {
			b.globals.set(a.Name, v)
		} else if a.HasDef {
			b.setExpanded(b.globals, a.Name, a.Default, a.Range, "ARG")
		}
	}
	byName := map[string]int{}
	for i, st := range f.Stages {
		before := len(b.problems)
		base, known := b.expand(st.baseRaw, b.globals, st.From, "FROM")
		if !known {
			// Kept as written: it names no stage, so nothing is
			// inherited on a guess, and no image is assumed.
			base = st.baseRaw
		} else if base == "" {
			b.problems = append(b.problems, Problem{
				Range:   st.From,
				Message: fmt.Sprintf("FROM %s names no image once its variables are expanded: docker build fails with \"base name should not be blank\"; give the ARG a default or pass it as a build arg.", st.baseRaw),
			})
		}
		// FROM problems count only for builds that use the stage.
		b.fromProblems = append(b.fromProblems, append([]Problem(nil), b.problems[before:]...))
		b.problems = b.problems[:before]
		parent := -1
		if j, ok := byName[base]; ok {
			parent = j
		}
		b.parents = append(b.parents, parent)
		b.bases = append(b.bases, base)
		if st.Name != "" {
			byName[st.Name] = i
		}
	}
	return b
}

// expand runs buildkit's word expansion. An error (such as
// ${VAR:?message} with VAR unset) fails a real build; here it becomes a
// problem and the text stays as written. known is false when the word
// reads a variable whose value is not known, or could expand past the
// limits (see within): its value is then not known either.
func (b *build) expand(word string, env *vars, r source.Range, inst string) (res string, known bool) {
	if !lexable(word) || literal(word, b.f.Escape) {
		return word, true
	}
	if !b.within(word, env, r, inst) {
		return "", false
	}
	res, _, err := b.lex.ProcessWord(word, env)
	if err != nil {
		b.problems = append(b.problems, Problem{Range: r, Message: fmt.Sprintf("Cannot expand %q: %v; docker build fails here with these build args.", word, err)})
		return word, true
	}
	b.spent += len(res)
	return res, true
}

// setExpanded sets name to word expanded, or to unknown.
func (b *build) setExpanded(v *vars, name, word string, r source.Range, inst string) {
	if val, ok := b.expand(word, v, r, inst); ok {
		v.set(name, val)
	} else {
		v.setUnknown(name)
	}
}

// Expansion limits. "ENV A1=$A0$A0..." ten times on each of eight lines
// (379 bytes) expands to gigabytes; buildkit's lexer would build every
// byte. Real values are paths, versions and URLs.
const (
	// MaxExpansion is the largest value one word may expand to.
	MaxExpansion = 64 << 10
	// maxExpandTotal bounds what one evaluation of the file expands in
	// all, so that many values each under MaxExpansion cannot add up.
	maxExpandTotal = 4 << 20
)

// within reports whether word can be expanded: it reads no variable of
// unknown value, and what it could grow to fits MaxExpansion and what is
// left of maxExpandTotal. A word past a limit is a finding (in limits),
// at most a few per file: once the total is used up, later words are
// unknown without a word.
func (b *build) within(word string, env *vars, r source.Range, inst string) bool {
	if d := braceDepth(word); d > listen.MaxNesting {
		// buildkit's lexer recurses once per level: a million levels
		// overflowed the goroutine stack.
		b.limits = append(b.limits, Problem{Range: r, Message: fmt.Sprintf("This %s nests ${ } %d deep, past flylint's limit of %d, so flylint did not expand it: the value is unknown, and so is everything that uses it. No real Dockerfile nests defaults this deep; write the value out.", inst, d, listen.MaxNesting)})
		return false
	}
	size, unknown := b.expansionBound(word, env)
	if unknown {
		return false
	}
	if size <= MaxExpansion && b.spent+size <= maxExpandTotal {
		return true
	}
	if b.spent <= maxExpandTotal { // once past the total, the first refusal said so
		msg := fmt.Sprintf("This %s could expand to %s bytes, past flylint's limit of %d bytes for one value, so flylint did not expand it: the value is unknown, and so is everything that uses it. Real values are paths, versions and URLs; write the value out instead of repeating variables.", inst, atLeast(size), MaxExpansion)
		if size <= MaxExpansion {
			msg = fmt.Sprintf("Variable expansions in this Dockerfile add up to more than %d bytes at this %s, past flylint's limit, so flylint stopped expanding: this value and every later one that uses a variable are unknown. Real Dockerfiles expand a few kilobytes; write values out instead of repeating variables.", maxExpandTotal, inst)
		}
		b.limits = append(b.limits, Problem{Range: r, Message: msg})
	}
	// Refused words count too, so a file of them gives a few findings,
	// not one per line.
	b.spent += min(size, MaxExpansion)
	return false
}

func atLeast(n int) string {
	if n > maxExpandTotal {
		return fmt.Sprintf("more than %d", maxExpandTotal)
	}
	return fmt.Sprint(n)
}

// expansionBound is the most buildkit's lexer can make of word: its own
// length plus the whole value of each variable it names (in defaults
// too, and even where quoting or an escape would stop the expansion:
// the bound only has to be high enough). ${X/pattern/repl} may put repl
// in at every byte of X, so each one squares the bound. unknown is true
// when word names a variable whose value is not known.
func (b *build) expansionBound(word string, env *vars) (size int, unknown bool) {
	size = len(word)
	repl := 0
	for i := 0; i < len(word); i++ {
		if word[i] != '$' || i+1 == len(word) {
			continue
		}
		j := i + 1
		braced := word[j] == '{'
		if braced {
			j++
		}
		name, n := lexName(word[j:])
		if n == 0 {
			continue
		}
		j += n
		if braced && j < len(word) && word[j] == '/' {
			repl++
		}
		if env.isUnknown(name) {
			return 0, true
		}
		if v, ok := env.Get(name); ok {
			size = listen.BoundAdd(size, len(v), maxExpandTotal)
		}
		i = j - 1
	}
	for range repl {
		size = listen.BoundMul(size, size+1, maxExpandTotal)
	}
	return size, false
}

// braceDepth is how deep ${ } nests in word: each level is a recursion
// in buildkit's lexer. Braces without a $ count too, which can only
// make the answer higher.
func braceDepth(word string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(word); i++ {
		switch word[i] {
		case '{':
			depth++
			deepest = max(deepest, depth)
		case '}':
			depth = max(depth-1, 0)
		}
	}
	return deepest
}

// lexName reads a variable name as buildkit's processName does: digits,
// one special parameter, or letters, digits and underscores.
func lexName(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	r, w := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsDigit(r):
		n := 0
		for n < len(s) {
			r, w := utf8.DecodeRuneInString(s[n:])
			if !unicode.IsDigit(r) {
				break
			}
			n += w
		}
		return s[:n], n
	case strings.ContainsRune("@*#?-$!0", r):
		return s[:w], w
	}
	n := 0
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		n += w
	}
	return s[:n], n
}

// stageEval is a stage's state at its end.
type stageEval struct {
	vars    *vars
	env     []*EnvVar
	expose  []*Expose
	cmd     *Instruction
	entry   *Instruction
	workdir string
	shell   []string
}

// eval runs a stage's instructions over its parent's end state. With
// inherit, the stage takes over the parent's variables instead of layering
// over them: the caller promises no other stage will read them, which
// keeps a long FROM chain linear.
func (b *build) eval(st *Stage, parent *stageEval, inherit bool) *stageEval {
	se := &stageEval{}
	if parent != nil {
		se.vars = parent.vars
		if !inherit {
			se.vars = parent.vars.child()
		}
		se.cmd, se.entry, se.workdir, se.shell = parent.cmd, parent.entry, parent.workdir, parent.shell
	} else {
		se.vars = newVars()
	}
	ownCmd := false
	for _, o := range st.ops {
		switch o.kind {
		case opArg:
			b.evalArgs(o.args, se.vars)
		case opEnv:
			// Every pair is expanded before any is set: in
			// "ENV A=1 B=$A", B sees the A from before the instruction.
			type pair struct {
				key, value string
				known      bool
			}
			vals := make([]pair, 0, len(o.env))
			for _, e := range o.env {
				k, ok := b.expand(e.key, se.vars, e.rng, "ENV")
				v, known := b.expand(e.value, se.vars, e.rng, "ENV")
				if ok { // a name that is not known sets nothing flylint can name
					vals = append(vals, pair{k, v, known})
				} else {
					vals = append(vals, pair{})
				}
			}
			for i, kv := range vals {
				if kv.key == "" {
					continue
				}
				if kv.known {
					se.vars.set(kv.key, kv.value)
				} else {
					se.vars.setUnknown(kv.key)
				}
				se.env = append(se.env, &EnvVar{Name: kv.key, Value: kv.value, Unknown: !kv.known, Range: o.env[i].rng})
			}
		case opExpose:
			for _, e := range o.expose {
				se.expose = append(se.expose, b.evalExpose(e, se.vars)...)
			}
		case opWorkdir:
			dir, known := b.expand(o.text, se.vars, o.rng, "WORKDIR")
			if !known {
				dir = o.text
			}
			if !path.IsAbs(dir) {
				base := se.workdir
				if base == "" {
					base = "/"
				}
				dir = path.Join(base, dir)
			}
			se.workdir = dir
		case opShell:
			se.shell = o.shell
		case opCopy:
			o.copy.Workdir = se.workdir
			if o.copy.Workdir == "" {
				o.copy.Workdir = "/"
			}
		case opCmd:
			se.cmd, ownCmd = o.inst, true
		case opEntrypoint:
			se.entry = o.inst
			// Dockerfile reference, ENTRYPOINT: "If CMD is defined from
			// the base image, setting ENTRYPOINT will reset CMD to an empty
			// value. In this scenario, CMD must be defined in the current
			// image to have a value." buildkit (dispatchEntrypoint) keeps a
			// CMD set earlier in the same stage; a later CMD sets it again.
			// https://docs.docker.com/reference/dockerfile/#entrypoint
			if !ownCmd {
				se.cmd = nil
			}
		}
	}
	return se
}

// evalArgs mirrors buildkit's dispatchArg: a build arg wins; an ARG
// without a default takes the meta-arg of the same name; a default is
// expanded with what the stage has set so far.
func (b *build) evalArgs(args []*Arg, v *vars) {
	for _, a := range args {
		if val, ok := b.buildArgs[a.Name]; ok {
			v.set(a.Name, val)
			continue
		}
		if a.HasDef {
			b.setExpanded(v, a.Name, a.Default, a.Range, "ARG")
			continue
		}
		if g, ok := b.globals.Get(a.Name); ok {
			if b.globals.isUnknown(a.Name) {
				v.setUnknown(a.Name)
			} else {
				v.set(a.Name, g)
			}
		}
	}
}

// evalExpose expands one EXPOSE argument as buildkit's dispatchExpose
// does (it may become several words, or none). An argument naming a
// variable nothing sets gives one Expose with Port 0.
func (b *build) evalExpose(e exposeRaw, v *vars) []*Expose {
	if !lexable(e.text) {
		return []*Expose{{Text: e.text, Proto: listen.TCP, Range: e.rng}}
	}
	var words []string
	if literal(e.text, b.f.Escape) {
		words = strings.Fields(e.text)
	} else {
		if !b.within(e.text, v, e.rng, "EXPOSE") {
			return []*Expose{{Text: e.text, Proto: listen.TCP, Range: e.rng}}
		}
		res, err := b.lex.ProcessWordWithMatches(e.text, v)
		if err != nil || len(res.Unmatched) > 0 {
			return []*Expose{{Text: e.text, Proto: listen.TCP, Range: e.rng}}
		}
		if words, err = b.lex.ProcessWords(e.text, v); err != nil {
			return []*Expose{{Text: e.text, Proto: listen.TCP, Range: e.rng}}
		}
	}
	if len(words) == 0 {
		return []*Expose{{Text: e.text, Proto: listen.TCP, Range: e.rng}}
	}
	out := make([]*Expose, 0, len(words))
	for _, w := range words {
		x := &Expose{Text: e.text, Range: e.rng}
		start, end, proto, err := parsePortSpec(w)
		if err != nil {
			x.Proto = listen.TCP
			b.problems = append(b.problems, Problem{
				Range:   e.rng,
				Message: fmt.Sprintf("EXPOSE %s is not a port: docker build fails with %q; write a port, a range or port/proto, such as 8080 or 53/udp.", w, err.Error()),
			})
		} else {
			x.Port, x.EndPort, x.Proto = start, end, proto
		}
		out = append(out, x)
	}
	return out
}

// evaluateStages fills each stage's expanded fields for a build with no
// build args, the way the Dockerfile reads on its own.
func (f *File) evaluateStages() {
	b := f.newBuild("", nil)
	evals := make([]*stageEval, len(f.Stages))
	children := make([]int, len(f.Stages))
	for _, j := range b.parents {
		if j >= 0 {
			children[j]++
		}
	}
	lower := map[string]string{} // lower-case base → a stage name it would match
	for i, st := range f.Stages {
		st.Base = b.bases[i]
		var parent *stageEval
		if j := b.parents[i]; j >= 0 {
			st.Parent = f.Stages[j]
			parent = evals[j]
		} else if name, ok := lower[strings.ToLower(st.Base)]; ok && name != st.Base {
			b.problems = append(b.problems, Problem{
				Range:   st.From,
				Message: fmt.Sprintf("FROM %s does not name stage %q: stage references are matched exactly and stage names are lower-case, so docker looks for an image %q and fails; write FROM %s.", st.Base, name, st.Base, name),
			})
		}
		if st.Name != "" {
			lower[st.Name] = st.Name
		}
		b.problems = append(b.problems, b.fromProblems[i]...)
		se := b.eval(st, parent, parent != nil && children[b.parents[i]] == 1)
		evals[i] = se
		st.Env, st.Expose, st.Workdir = se.env, se.expose, se.workdir
	}
	f.Problems = append(f.Problems, b.problems...)
	f.Limits = append(f.Limits, b.limits...)
}

// Image returns the image a build of target produces: target is a stage
// name ([build] build-target in fly.toml), "" for the last stage.
// buildArgs are fly.toml [build.args] and override ARG defaults. An
// unknown target is an error whose message lists the stage names.
func (f *File) Image(target string, buildArgs map[string]string) (*Image, error) {
	if len(f.Stages) == 0 {
		return nil, fmt.Errorf("%s has no stages", f.Path)
	}
	idx := len(f.Stages) - 1
	if target != "" {
		idx = -1
		want := strings.ToLower(target)
		for i, st := range f.Stages {
			if st.Name == want {
				idx = i // a later stage of the same name wins, as in buildkit
			}
		}
		if idx < 0 {
			return nil, f.unknownTarget(target)
		}
	}
	b := f.newBuild(target, buildArgs)
	var chain []int
	for i := idx; i >= 0 && len(chain) <= len(f.Stages); i = b.parents[i] {
		chain = append(chain, i)
	}
	img := &Image{Stage: f.Stages[idx], Env: listen.Env{}}
	var se *stageEval
	for k := len(chain) - 1; k >= 0; k-- {
		b.problems = append(b.problems, b.fromProblems[chain[k]]...)
		img.Chain = append(img.Chain, f.Stages[chain[k]])
		se = b.eval(f.Stages[chain[k]], se, true)
		for _, e := range se.env {
			img.Env[e.Name] = listen.Var{Name: e.Name, Value: e.Value, Unknown: e.Unknown, Range: e.Range, Origin: "Dockerfile ENV"}
		}
		img.Expose = append(img.Expose, se.expose...)
	}
	img.Root = b.bases[chain[len(chain)-1]]
	img.Entrypoint, img.Cmd, img.Workdir, img.Shell = se.entry, se.cmd, se.workdir, se.shell
	img.Problems = b.problems
	img.Limits = b.limits
	return img, nil
}

func (f *File) unknownTarget(target string) error {
	var names []string
	for _, st := range f.Stages {
		if st.Name != "" {
			names = append(names, st.Name)
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("build target %q is not a stage of %s: its stages have no names (name one with FROM <image> AS %s)", target, f.Path, strings.ToLower(target))
	}
	return fmt.Errorf("build target %q is not a stage of %s; its stages are: %s", target, f.Path, strings.Join(names, ", "))
}

// lexable reports whether shell.Lex can read a word quietly: its
// text/scanner prints NUL bytes and invalid UTF-8 to stderr. Such a word
// has no variable flylint could resolve, so it is kept as written.
func lexable(w string) bool {
	return utf8.ValidString(w) && !strings.ContainsRune(w, 0)
}

// literal reports whether buildkit's word expansion gives w back as it
// is, and its word split is strings.Fields(w): ASCII with no character
// the lexer treats specially ($ for variables, quotes, the escape token,
// < for heredocs). Most words are literal (image names, ports, paths), and
// the lexer builds a map and a scanner on every call, so they skip it.
// FuzzLiteral holds this to buildkit's own answer.
func literal(w string, escape rune) bool {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == 0, c >= utf8.RuneSelf, c == '$', c == '\'', c == '"', c == '<', rune(c) == escape:
			return false
		}
	}
	return true
}
