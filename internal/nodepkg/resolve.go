package nodepkg

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/listen"
)

// Step is one command that a package manager invocation ends up running.
type Step struct {
	// Command is shell form (one Arg: the command as written in the
	// script, with its exact range in package.json when it has no JSON
	// escapes), or exec form for `npx x` / `yarn x` running a binary.
	Command listen.Command
	// Script is the package.json script the command is written in
	// ("" for a binary run directly).
	Script string
	// Tail is true when the command can still be running when the
	// invocation's own script ends: the last of an && chain, a command
	// sent to the background, either side of || and pipes. A command
	// followed by another must have exited first, so it serves nothing
	// for long. Pre and post scripts are never tail.
	Tail bool
	// Env holds the variables the script sets for the command
	// (`NODE_ENV=production node x`, `cross-env PORT=3000 node x`).
	Env []listen.Var
}

// Resolver resolves package manager commands through one package.json.
type Resolver struct {
	Pkg *Package
	// Exists reports whether a file exists in the app, relative to
	// package.json's directory; npm start falls back to `node server.js`
	// only when server.js exists. nil: no file exists.
	Exists func(rel string) bool
}

// maxSteps and maxDepth bound the work on an untrusted package.json whose
// scripts call each other in a cycle or fan out.
const (
	maxSteps = 256
	maxDepth = 16
	// maxWalks bounds the script bodies one resolution walks: scripts
	// that each run the next one several times would otherwise take
	// fan-out^depth walks (8 calls 16 deep never ends), whatever
	// maxSteps keeps of their output.
	maxWalks = 1024
	// maxWalkBytes bounds the script text those walks parse (about a
	// tenth of a second of parsing; real scripts total a few KB).
	maxWalkBytes = 512 << 10
)

// IsRunner reports whether argv[0] names a package manager or package
// runner that Resolve understands.
func IsRunner(prog string) bool {
	switch path.Base(prog) {
	case "npm", "npx", "yarn", "yarnpkg", "pnpm", "pnpx", "bun", "bunx":
		return true
	}
	return false
}

// Resolve expands a package manager command into the commands it runs.
// ok is false when the command is not one Resolve understands or names
// a script package.json does not have; steps is then nil.
func (r *Resolver) Resolve(argv []listen.Arg) (steps []Step, ok bool) {
	rs := &resolution{r: r}
	if !rs.invoke(argv, nil, 0) || rs.cut {
		return nil, false
	}
	return rs.steps, true
}

type resolution struct {
	r      *Resolver
	steps  []Step
	walks  int  // script bodies walked, against maxWalks
	walked int  // their bytes, against maxWalkBytes
	cut    bool // a walk was refused by those bounds
}

func texts(argv []listen.Arg) []string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = a.Text
	}
	return out
}

// valuedGlobal are package manager options before the subcommand that
// take a value.
var valuedGlobal = map[string]bool{
	"--prefix": true, "-C": true, "--dir": true, "--cwd": true, "--filter": true, "-F": true,
	"--workspace": true, "-w": true, "--loglevel": true, "--cache": true, "--userconfig": true,
}

// skipOpts returns the index of the first operand at or after i.
func skipOpts(args []string, i int) int {
	for i < len(args) {
		t := args[i]
		switch {
		case t == "--":
			return i + 1
		case valuedGlobal[t]:
			i += 2
		case strings.HasPrefix(t, "-") && len(t) > 1:
			i++
		default:
			return i
		}
	}
	return i
}

// invoke resolves one package manager argv. env is what enclosing
// scripts set for it.
func (rs *resolution) invoke(argv []listen.Arg, env []listen.Var, depth int) bool {
	if depth > maxDepth || len(argv) == 0 {
		return false
	}
	args := texts(argv)
	prog := path.Base(args[0])
	i := skipOpts(args, 1)
	switch prog {
	case "npx", "pnpx", "bunx":
		return rs.exec(argv, npxStart(args, 1), env)
	case "npm":
		if i >= len(args) {
			return false
		}
		switch args[i] {
		case "start", "restart":
			return rs.script("start", argv[i+1:], env, depth, true, true)
		case "run", "run-script", "rum", "urn":
			j := skipOpts(args, i+1)
			if j >= len(args) {
				return false
			}
			return rs.script(args[j], argv[j+1:], env, depth, true, false)
		case "exec", "x":
			return rs.exec(argv, npxStart(args, i+1), env)
		}
		return false
	case "yarn", "yarnpkg", "pnpm", "bun":
		if i >= len(args) {
			return false
		}
		sub := args[i]
		// https://docs.npmjs.com/cli/v10/using-npm/scripts#pre--post-scripts
		// (npm 10) and https://classic.yarnpkg.com/en/docs/package-json#toc-scripts
		// (yarn 1) run pre<name> and post<name>. Yarn 2+ does not
		// (https://yarnpkg.com/advanced/lifecycle-scripts, 4.x). pnpm 8+
		// runs them again (enable-pre-post-scripts defaults to true) and
		// bun run runs them (https://bun.sh/docs/cli/run, 1.1); neither
		// re-verified.
		prePost := prog != "yarn" || !rs.r.berry()
		switch {
		case sub == "exec" || sub == "dlx" || (prog == "bun" && sub == "x"):
			return rs.exec(argv, npxStart(args, i+1), env)
		case sub == "run" || sub == "run-script":
			j := skipOpts(args, i+1)
			if j >= len(args) {
				return false
			}
			return rs.scriptOrBin(argv, j, env, depth, prePost, prog)
		case sub == "start" && prog == "pnpm":
			return rs.script("start", argv[i+1:], env, depth, prePost, true)
		}
		return rs.scriptOrBin(argv, i, env, depth, prePost, prog)
	}
	return false
}

// berry reports whether packageManager names Yarn 2 or later.
func (r *Resolver) berry() bool {
	v, ok := strings.CutPrefix(r.Pkg.PackageManager, "yarn@")
	return ok && v != "" && v[0] >= '2' && v[0] <= '9'
}

// scriptOrBin is `yarn x`, `pnpm x`, `bun run x`: the script x when
// package.json has one, else the binary (or, for bun, the file) x.
func (rs *resolution) scriptOrBin(argv []listen.Arg, j int, env []listen.Var, depth int, prePost bool, prog string) bool {
	name := argv[j].Text
	if _, ok := rs.r.Pkg.Scripts[name]; ok {
		return rs.script(name, argv[j+1:], env, depth, prePost, false)
	}
	if prog == "bun" {
		// `bun run file.ts` runs the file with bun: that argv is the
		// command, for source analysis to take the entry from.
		return rs.run(prog, append([]listen.Arg{argv[0]}, argv[j:]...), env)
	}
	return rs.exec(argv, j, env)
}

// npxStart finds the command in `npx [opts] cmd args`.
func npxStart(args []string, i int) int {
	for i < len(args) {
		t := args[i]
		switch {
		case t == "--":
			return i + 1
		case t == "-p" || t == "--package" || t == "-c" || t == "--call":
			i += 2
		case strings.HasPrefix(t, "-"):
			i++
		default:
			return i
		}
	}
	return i
}

// exec runs argv[at:] as a binary, as `npx x` does.
func (rs *resolution) exec(argv []listen.Arg, at int, env []listen.Var) bool {
	if at <= 0 || at >= len(argv) {
		return false
	}
	return rs.run(path.Base(argv[0].Text), argv[at:], env)
}

func (rs *resolution) run(runner string, cmd []listen.Arg, env []listen.Var) bool {
	if len(rs.steps) < maxSteps {
		rs.steps = append(rs.steps, Step{Command: listen.Command{Args: append([]listen.Arg(nil), cmd...), Origin: runner + " " + cmd[0].Text}, Tail: true, Env: env})
	}
	return true
}

// script runs package.json script name with extra arguments. start is
// npm's start, which falls back to `node server.js`.
// https://docs.npmjs.com/cli/v10/commands/npm-start (npm 10): "If no
// "start" property is specified ... npm will run node server.js".
func (rs *resolution) script(name string, extra []listen.Arg, env []listen.Var, depth int, prePost, start bool) bool {
	if _, ok := rs.r.Pkg.Scripts[name]; !ok {
		if start && rs.r.Exists != nil && rs.r.Exists("server.js") {
			rs.steps = append(rs.steps, Step{Command: listen.Command{Args: []listen.Arg{{Text: "node"}, {Text: "server.js"}}, Origin: "npm start (no start script: node server.js)"}, Script: name, Tail: true, Env: env})
			return true
		}
		return false
	}
	if prePost {
		rs.body("pre"+name, nil, env, depth, false)
	}
	ok := rs.body(name, extra, env, depth, true)
	if prePost {
		rs.body("post"+name, nil, env, depth, false)
	}
	return ok
}

// body walks one script's shell text.
func (rs *resolution) body(name string, extra []listen.Arg, env []listen.Var, depth int, tail bool) bool {
	f, ok := rs.r.Pkg.Scripts[name]
	if !ok || len(f.Value) > 64<<10 {
		return false
	}
	if rs.walks >= maxWalks || rs.walked+len(f.Value) > maxWalkBytes {
		rs.cut = true // Resolve then gives up: what was cut off is unknown
		return false
	}
	rs.walks++
	rs.walked += len(f.Value)
	file, err := syntax.NewParser().Parse(strings.NewReader(f.Value), "")
	if err != nil {
		// An unparsable script still runs through sh: hand it over whole
		// so the interpreter can say it does not know it.
		rs.emit(name, f, 0, len(f.Value), extra, env, tail)
		return true
	}
	w := &walker{rs: rs, name: name, f: f, extra: extra, depth: depth}
	w.stmts(file.Stmts, env, tail)
	return true
}

type walker struct {
	rs    *resolution
	name  string
	f     Field
	extra []listen.Arg
	depth int
	// base is where the text walked starts in the script: 0, or inside
	// the quotes of a command concurrently runs.
	base int
}

// off is the offset in the script's value of a position in the text
// walked.
func (w *walker) off(p syntax.Pos) int { return w.base + int(p.Offset()) }

func (w *walker) stmts(list []*syntax.Stmt, env []listen.Var, tail bool) {
	for i, st := range list {
		w.stmt(st, env, (tail && i == len(list)-1) || st.Background)
	}
}

func (w *walker) stmt(st *syntax.Stmt, env []listen.Var, tail bool) {
	switch c := st.Cmd.(type) {
	case *syntax.BinaryCmd:
		if c.Op == syntax.AndStmt {
			w.stmt(c.X, env, false)
			w.stmt(c.Y, env, tail)
			return
		}
		w.stmt(c.X, env, tail)
		w.stmt(c.Y, env, tail)
		return
	case *syntax.Block:
		w.stmts(c.Stmts, env, tail)
		return
	case *syntax.CallExpr:
		if w.call(c, env, tail) {
			return
		}
		w.rs.emit(w.name, w.f, w.off(c.Pos()), w.off(c.End()), w.extraIf(tail), env, tail)
		return
	}
	w.rs.emit(w.name, w.f, w.off(st.Pos()), w.off(st.End()), nil, env, tail)
}

// extraIf hands the arguments after `npm run x --` to the command that
// serves, which is where they go when the script is one command.
func (w *walker) extraIf(tail bool) []listen.Arg {
	if tail {
		return w.extra
	}
	return nil
}

// call handles a command that is itself a package manager or cross-env;
// it reports whether it did.
func (w *walker) call(c *syntax.CallExpr, env []listen.Var, tail bool) bool {
	for _, as := range c.Assigns {
		if as.Name == nil {
			continue
		}
		val := ""
		if as.Value != nil {
			val = as.Value.Lit()
		}
		r, _ := w.f.Sub(w.off(as.Pos()), w.off(as.End()))
		env = append(env[:len(env):len(env)], listen.Var{Name: as.Name.Value, Value: val, Range: r, Origin: "package.json scripts." + w.name})
	}
	if len(c.Args) == 0 {
		return len(c.Assigns) > 0
	}
	first := c.Args[0].Lit()
	if first == "cross-env" || first == "cross-env-shell" {
		i := 1
		for ; i < len(c.Args); i++ {
			lit := c.Args[i].Lit()
			k, v, ok := strings.Cut(lit, "=")
			if !ok || k == "" || strings.ContainsAny(k, "$/") {
				break
			}
			r, _ := w.f.Sub(w.off(c.Args[i].Pos()), w.off(c.Args[i].End()))
			env = append(env[:len(env):len(env)], listen.Var{Name: k, Value: v, Range: r, Origin: "package.json scripts." + w.name})
		}
		if i >= len(c.Args) {
			return true
		}
		rest := &syntax.CallExpr{Args: c.Args[i:]}
		if w.call(rest, env, tail) {
			return true
		}
		w.rs.emit(w.name, w.f, w.off(c.Args[i].Pos()), w.off(c.End()), w.extraIf(tail), env, tail)
		return true
	}
	switch first {
	case "run-s", "run-p", "npm-run-all":
		return w.runAll(c, env, tail)
	case "concurrently":
		return w.concurrently(c, env, tail)
	}
	if !IsRunner(first) {
		return false
	}
	argv := make([]listen.Arg, 0, len(c.Args))
	for _, a := range c.Args {
		lit := a.Lit()
		if lit == "" {
			return false // expansions: not a script name flylint can know
		}
		r, _ := w.f.Sub(w.off(a.Pos()), w.off(a.End()))
		argv = append(argv, listen.Arg{Text: lit, Range: r})
	}
	before := len(w.rs.steps)
	if !w.rs.invoke(argv, env, w.depth+1) {
		w.rs.steps = w.rs.steps[:before]
		return false
	}
	if !tail {
		for k := before; k < len(w.rs.steps); k++ {
			w.rs.steps[k].Tail = false
		}
	}
	return true
}

// emit records the script text [s, e) as a shell-form command.
func (rs *resolution) emit(name string, f Field, s, e int, extra []listen.Arg, env []listen.Var, tail bool) {
	if len(rs.steps) >= maxSteps || s < 0 || e > len(f.Value) || s >= e {
		return
	}
	text := f.Value[s:e]
	r, _ := f.Sub(s, e)
	for _, a := range extra {
		// Extra arguments are appended quoted; the range then no longer
		// maps byte for byte, so positions fall back to the script.
		q, err := syntax.Quote(a.Text, syntax.LangPOSIX)
		if err != nil {
			q = "''"
		}
		text += " " + q
		r = f.inexact()
	}
	rs.steps = append(rs.steps, Step{
		Command: listen.Command{Shell: true, Args: []listen.Arg{{Text: text, Range: r}}, Origin: "package.json scripts." + name},
		Script:  name, Tail: tail, Env: env,
	})
}

// runAll is npm-run-all's run-s (one script after another), run-p (all
// at once) and npm-run-all (sequential until -p/--parallel, and back
// with -s/--sequential), each script run as `npm run <name>` with its pre
// and post scripts; a name with * is a glob over the script names, with
// ":" as the separator (https://github.com/mysticatea/npm-run-all, 4.1,
// docs/npm-run-all.md and docs/run-s.md). A script serves for long only
// in the last group, and of a sequential last group only its last script.
func (w *walker) runAll(c *syntax.CallExpr, env []listen.Var, tail bool) bool {
	type group struct {
		parallel bool
		names    []string
	}
	first := c.Args[0].Lit()
	groups := []group{{parallel: first == "run-p"}}
	for i := 1; i < len(c.Args); i++ {
		t := c.Args[i].Lit()
		switch {
		case t == "":
			return false // an expansion: the script names are not known
		case t == "--":
			i = len(c.Args) // arguments for the scripts' placeholders
		case first == "npm-run-all" && (t == "-p" || t == "--parallel" || t == "-s" || t == "--sequential" || t == "--serial"):
			groups = append(groups, group{parallel: t == "-p" || t == "--parallel"})
		case t == "--max-parallel" || t == "--npm-path":
			i++
		case strings.HasPrefix(t, "-"):
		default:
			names := w.rs.r.Pkg.globScripts(t)
			if len(names) == 0 {
				return false
			}
			g := &groups[len(groups)-1]
			g.names = append(g.names, names...)
		}
	}
	for len(groups) > 1 && len(groups[len(groups)-1].names) == 0 {
		groups = groups[:len(groups)-1]
	}
	before := len(w.rs.steps)
	for gi, g := range groups {
		for ni, name := range g.names {
			at := len(w.rs.steps)
			if !w.rs.script(name, nil, env, w.depth+1, true, false) {
				w.rs.steps = w.rs.steps[:before]
				return false
			}
			last := gi == len(groups)-1 && (g.parallel || ni == len(g.names)-1)
			if !tail || !last {
				for k := at; k < len(w.rs.steps); k++ {
					w.rs.steps[k].Tail = false
				}
			}
		}
	}
	return true
}

// globScripts returns the script names pattern selects, in the order
// package.json lists them: the name itself, or those matching a glob
// whose "*" stops at ":" and "**" does not.
func (p *Package) globScripts(pattern string) []string {
	if !strings.Contains(pattern, "*") {
		if _, ok := p.Scripts[pattern]; ok {
			return []string{pattern}
		}
		return nil
	}
	var out []string
	for _, name := range p.Order {
		if globMatch(pattern, name) {
			out = append(out, name)
		}
	}
	return out
}

func globMatch(pattern, name string) bool {
	if i := strings.Index(pattern, "**"); i >= 0 {
		return strings.HasPrefix(name, pattern[:i]) && len(name) > i
	}
	ok, err := path.Match(strings.ReplaceAll(pattern, ":", "/"), strings.ReplaceAll(name, ":", "/"))
	return ok && err == nil
}

// concurrentlyValued are concurrently's options that take a value
// (https://github.com/open-cli-tools/concurrently, 9.x, README "Usage").
var concurrentlyValued = map[string]bool{
	"-n": true, "--names": true, "-c": true, "--prefix-colors": true, "-p": true, "--prefix": true,
	"-l": true, "--prefix-length": true, "-t": true, "--timestamp-format": true, "-s": true, "--success": true,
	"--restart-tries": true, "--restart-after": true, "-m": true, "--max-processes": true,
	"--default-input-target": true, "--name-separator": true, "--hide": true, "--kill-signal": true,
}

// concurrently runs each command operand at once through a shell;
// "npm:x" (also yarn:, pnpm:, bun:) is `npm run x`. Every command it
// runs may keep running.
func (w *walker) concurrently(c *syntax.CallExpr, env []listen.Var, tail bool) bool {
	before := len(w.rs.steps)
	fail := func() bool {
		w.rs.steps = w.rs.steps[:before]
		return false
	}
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		text, at, ok := quotedText(a)
		if !ok {
			return fail()
		}
		if strings.HasPrefix(text, "-") {
			if concurrentlyValued[text] {
				i++
			}
			continue
		}
		if pm, script, ok := strings.Cut(text, ":"); ok && (pm == "npm" || pm == "yarn" || pm == "pnpm" || pm == "bun") && !strings.ContainsAny(pm, " \t") {
			names := w.rs.r.Pkg.globScripts(script)
			if len(names) == 0 {
				return fail()
			}
			for _, name := range names {
				if !w.rs.script(name, nil, env, w.depth+1, true, false) {
					return fail()
				}
			}
			continue
		}
		file, err := syntax.NewParser().Parse(strings.NewReader(text), "")
		if err != nil {
			return fail()
		}
		sub := &walker{rs: w.rs, name: w.name, f: w.f, depth: w.depth + 1, base: w.base + at}
		sub.stmts(file.Stmts, env, true)
	}
	if !tail {
		for k := before; k < len(w.rs.steps); k++ {
			w.rs.steps[k].Tail = false
		}
	}
	return true
}

// quotedText is the value of a word that is a plain literal or one
// quoted string without escapes or expansions, and the offset in the
// walked text where that value starts.
func quotedText(word *syntax.Word) (string, int, bool) {
	if lit := word.Lit(); lit != "" {
		return lit, int(word.Pos().Offset()), true
	}
	if len(word.Parts) != 1 {
		return "", 0, false
	}
	switch q := word.Parts[0].(type) {
	case *syntax.SglQuoted:
		if q.Dollar {
			return "", 0, false
		}
		return q.Value, int(q.Pos().Offset()) + 1, true
	case *syntax.DblQuoted:
		if q.Dollar || len(q.Parts) != 1 {
			return "", 0, false
		}
		lit, ok := q.Parts[0].(*syntax.Lit)
		if !ok || strings.Contains(lit.Value, "\\") {
			return "", 0, false
		}
		return lit.Value, int(q.Pos().Offset()) + 1, true
	}
	return "", 0, false
}
