package nodepkg

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint/flylint/listen"
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
	if !rs.invoke(argv, nil, 0) {
		return nil, false
	}
	return rs.steps, true
}

type resolution struct {
	r     *Resolver
	steps []Step
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
}

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
		w.rs.emit(w.name, w.f, int(c.Pos().Offset()), int(c.End().Offset()), w.extraIf(tail), env, tail)
		return
	}
	w.rs.emit(w.name, w.f, int(st.Pos().Offset()), int(st.End().Offset()), nil, env, tail)
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
		r, _ := w.f.Sub(int(as.Pos().Offset()), int(as.End().Offset()))
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
			r, _ := w.f.Sub(int(c.Args[i].Pos().Offset()), int(c.Args[i].End().Offset()))
			env = append(env[:len(env):len(env)], listen.Var{Name: k, Value: v, Range: r, Origin: "package.json scripts." + w.name})
		}
		if i >= len(c.Args) {
			return true
		}
		rest := &syntax.CallExpr{Args: c.Args[i:]}
		if w.call(rest, env, tail) {
			return true
		}
		w.rs.emit(w.name, w.f, int(c.Args[i].Pos().Offset()), int(c.End().Offset()), w.extraIf(tail), env, tail)
		return true
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
		r, _ := w.f.Sub(int(a.Pos().Offset()), int(a.End().Offset()))
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
