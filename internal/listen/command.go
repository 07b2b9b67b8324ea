package listen

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/source"
)

// Result is what a start command was understood to do.
type Result struct {
	Listeners []Listener
	// Known is true when every program the command runs to serve was
	// recognised (a table entry, or a program known to serve nothing),
	// so that "nothing listens on port p" is meaningful. Unknown
	// programs yield no listener, never a guess.
	Known bool
	// Program is the recognised server ("gunicorn"), or argv[0] of the
	// final command.
	Program string
	// Argv is the final argv after unwrapping (sh -c, exec, env, tini,
	// bundle exec, ...), for other consumers such as Go flag resolution.
	Argv []Arg
	// Others are the argv of the other commands a shell script runs
	// before its final one (a daemon started with `nginx &&`, a
	// migration), unwrapped like Argv: servers configured by files
	// (nginx, Caddy) are found there too.
	Others [][]Arg
	// Tails counts the commands a shell script leaves running: its last
	// one, and each started in the background with &. Argv is the last
	// of them. 0 for a command that is not a script.
	Tails int
	// Reads lists the environment variables the recognised servers read
	// for their address, and those the command expands into it.
	Reads []string
	// Config lists files the recognised server reads by default when
	// they exist (gunicorn.conf.py, config/puma.rb). flylint does not
	// look into the image: when one exists, it may change the address.
	Config []string
	// Skipped are the parts of the command flylint did not analyse
	// because they passed a limit (MaxCommandLen, MaxNesting,
	// MaxExpansion); each deserves a finding.
	Skipped []Skip
}

// Options are facts from outside the command that change its meaning.
type Options struct {
	// NextStandalone says the image runs Next.js standalone output (it
	// copies .next/standalone), so `node server.js` is Next's generated
	// server, which binds $HOSTNAME:$PORT. Without it only a script
	// path with a "standalone" directory in it is taken for one.
	NextStandalone bool
	// NodeDeps are the app's package.json dependencies; some framework
	// entry files are recognised only with their framework installed.
	NodeDeps map[string]bool
	// AstroNode is the app's @astrojs/node adapter as its astro.config
	// sets it; nil when the app has none.
	AstroNode *AstroNode
}

// AstroNode is what flylint reads of an astro.config that uses the
// @astrojs/node adapter.
type AstroNode struct {
	// Standalone is mode: "standalone": dist/server/entry.mjs then starts
	// its own server (in "middleware" mode it only exports a handler).
	Standalone bool
	// ServerConfig is set when the config may set server.host or
	// server.port, which the standalone server falls back to when HOST
	// or PORT is unset.
	ServerConfig bool
}

// Interpret works out what a start command listens on. env is the
// process environment as known statically (fly.toml [env] over Dockerfile
// ENV); variables not in env are unset (Fly sets no PORT).
func Interpret(cmd Command, env Env) Result {
	return InterpretWith(cmd, env, Options{})
}

// InterpretWith is Interpret with Options.
func InterpretWith(cmd Command, env Env, opt Options) (res Result) {
	defer func() {
		// The shell expander is a large dependency fed arbitrary text; a
		// bug there must cost a finding, not the whole run.
		if recover() != nil {
			res = Result{}
		}
	}()
	in := &interp{opt: opt, origin: cmd.Origin}
	sc := newScope(env)
	defer func() {
		res.Skipped = in.skips
		if *sc.unknownRead {
			// Something the command reads has no known value (it passed
			// an expansion limit): what it listens on is not known
			// either, and a partial answer could be misread.
			res = Result{Program: res.Program, Argv: res.Argv, Skipped: in.skips}
		}
	}()
	if cmd.Shell {
		if len(cmd.Args) == 0 {
			return Result{}
		}
		return in.script(cmd.Args[0], sc)
	}
	ws := make([]word, len(cmd.Args))
	for i, a := range cmd.Args {
		ws[i] = execWord(a)
	}
	return in.run(ws, sc)
}

type interp struct {
	opt    Options
	depth  int
	origin string // where the command comes from, for Skip messages
	skips  []Skip
	// spent is what expansions have produced so far, against
	// maxExpandTotal. Only a refused word can take it past the total
	// (an expansion is let through only if it fits), so spent >
	// maxExpandTotal is "the budget is used up".
	spent int
}

func (in *interp) skip(r source.Range, msg string) {
	in.skips = append(in.skips, Skip{Range: r, Message: msg})
}

// what names the command in Skip messages.
func (in *interp) what() string {
	if in.origin == "" {
		return "This shell command"
	}
	return "The shell command of " + in.origin
}

// argRange is the range of a.Text[i:j] when a maps byte for byte onto
// its file, else all of a.
func argRange(a Arg, i, j int) source.Range {
	if !exactArg(a) || i < 0 || j > len(a.Text) || i > j {
		return a.Range
	}
	return source.Range{File: a.Range.File, Start: shift(a.Range.Start, i), End: shift(a.Range.Start, j)}
}

// scope is the shell's variables. Only exported ones reach programs; the
// static env is exported.
type scope struct {
	vars     map[string]Var
	exported map[string]bool
	// unknownRead is set, for the whole command, once a variable whose
	// value is not known is read.
	unknownRead *bool
}

func newScope(env Env) *scope {
	sc := &scope{vars: make(map[string]Var, len(env)), exported: make(map[string]bool, len(env)), unknownRead: new(bool)}
	for k, v := range env {
		sc.vars[k] = v
		sc.exported[k] = true
	}
	return sc
}

func (sc *scope) sawUnknown() { *sc.unknownRead = true }

func (sc *scope) clone() *scope {
	out := &scope{vars: make(map[string]Var, len(sc.vars)), exported: make(map[string]bool, len(sc.exported)), unknownRead: sc.unknownRead}
	for k, v := range sc.vars {
		out.vars[k] = v
	}
	for k, v := range sc.exported {
		out.exported[k] = v
	}
	return out
}

// env returns an exported variable, as the program sees it.
func (sc *scope) env(name string) (Var, bool) {
	if !sc.exported[name] {
		return Var{}, false
	}
	v, ok := sc.vars[name]
	if v.Unknown {
		sc.sawUnknown()
	}
	return v, ok
}

// notServing are programs and builtins that serve nothing; a command that
// ends in one is known to listen nowhere.
var notServing = map[string]bool{
	"sleep": true, "tail": true, "wait": true, "true": true, "false": true, ":": true,
	"cd": true, "echo": true, "printf": true, "set": true, "export": true, "unset": true,
	"mkdir": true, "chown": true, "chmod": true, "rm": true, "cp": true, "mv": true, "ln": true,
	"touch": true, "test": true, "[": true, "ulimit": true, "umask": true, "trap": true,
}

// run interprets one simple command: unwrap, then recognise.
func (in *interp) run(ws []word, sc *scope) Result {
	in.depth++
	defer func() { in.depth-- }()
	if in.depth > 24 || len(ws) == 0 {
		return Result{}
	}
	if ws[0].opaque || ws[0].hasRefs(0, len(ws[0].tmpl)) {
		return Result{Program: ws[0].value(), Argv: argvOf(ws)}
	}
	prog := ws[0].value()
	name := path.Base(prog)
	rest := ws[1:]
	unknown := Result{Program: name, Argv: argvOf(ws)}
	switch name {
	case "exec", "nohup", "setsid", "command":
		return in.run(skipFlags(rest, nil), sc)
	case "dumb-init":
		return in.run(skipFlags(rest, []string{"-r", "--rewrite"}), sc)
	case "tini", "tini-static":
		return in.run(skipFlags(rest, []string{"-p", "-e"}), sc)
	case "su-exec", "gosu", "s6-setuidgid":
		if len(rest) < 2 {
			return unknown
		}
		return in.run(rest[1:], sc)
	case "env":
		return in.envCmd(rest, sc, unknown)
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "busybox":
		return in.shell(name, rest, sc, unknown)
	case "npx", "bunx":
		return in.run(skipFlags(rest, []string{"-p", "--package", "--node-options", "--userconfig"}), sc)
	case "bundle", "poetry", "pipenv", "pdm", "rye", "npm", "pnpm", "yarn":
		if len(rest) > 0 && (rest[0].value() == "exec" || rest[0].value() == "run" && isPyRunner(name) || rest[0].value() == "dlx") {
			return in.run(skipFlags(rest[1:], nil), sc)
		}
		return unknown // npm start, yarn dev: the package.json script decides
	case "uv":
		if len(rest) > 0 && rest[0].value() == "run" {
			return in.run(skipFlags(rest[1:], uvValued), sc)
		}
		return unknown
	}
	return in.recognise(ws, sc)
}

func isPyRunner(name string) bool {
	switch name {
	case "poetry", "pipenv", "pdm", "rye":
		return true
	}
	return false
}

// uvValued are `uv run` options that take a value.
var uvValued = []string{"--with", "--with-requirements", "--with-editable", "--python", "-p", "--env-file",
	"--directory", "--project", "--package", "--group", "--extra", "--index", "--index-url",
	"--extra-index-url", "--find-links", "-f", "--cache-dir", "--config-file", "-C", "--config-setting"}

// skipFlags drops leading options (and the values of those in valued)
// up to "--" or the first operand.
func skipFlags(ws []word, valued []string) []word {
	for i := 0; i < len(ws); i++ {
		t := ws[i].value()
		switch {
		case t == "--":
			return ws[i+1:]
		case !strings.HasPrefix(t, "-") || t == "-":
			return ws[i:]
		case contains(valued, t) && !strings.Contains(t, "="):
			i++
		}
	}
	return nil
}

// envCmd is env(1): options, NAME=VALUE assignments, then the command.
func (in *interp) envCmd(ws []word, sc *scope, unknown Result) Result {
	sc = sc.clone()
	for len(ws) > 0 {
		t := ws[0].value()
		switch {
		case t == "-i" || t == "--ignore-environment" || t == "-":
			sc = newScope(nil)
			ws = ws[1:]
		case t == "-u" || t == "--unset":
			if len(ws) > 1 {
				n := ws[1].value()
				delete(sc.vars, n)
				delete(sc.exported, n)
			}
			ws = ws[min(2, len(ws)):]
		case strings.HasPrefix(t, "--unset="):
			n := strings.TrimPrefix(t, "--unset=")
			delete(sc.vars, n)
			delete(sc.exported, n)
			ws = ws[1:]
		case t == "-C" || t == "--chdir":
			ws = ws[min(2, len(ws)):]
		case t == "-S" || t == "--split-string" || strings.HasPrefix(t, "--split-string="):
			return unknown // one string re-split: rare, and not worth a guess
		case t == "--":
			ws = ws[1:]
			return in.assignThenRun(ws, sc)
		case strings.HasPrefix(t, "-") && t != "-":
			ws = ws[1:]
		default:
			return in.assignThenRun(ws, sc)
		}
	}
	return unknown
}

func (in *interp) assignThenRun(ws []word, sc *scope) Result {
	for len(ws) > 0 {
		t := ws[0].value()
		k, v, ok := strings.Cut(t, "=")
		if !ok || !syntax.ValidName(k) {
			break
		}
		sc.vars[k] = Var{Name: k, Value: v, Range: ws[0].rng, Origin: "command"}
		sc.exported[k] = true
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return Result{}
	}
	return in.run(ws, sc)
}

// shell handles `sh -c SCRIPT`, `bash -lc SCRIPT`, `sh -e -c SCRIPT`.
// Anything else (`sh script.sh`) runs a file flylint does not read.
func (in *interp) shell(name string, ws []word, sc *scope, unknown Result) Result {
	if name == "busybox" {
		if len(ws) == 0 || ws[0].value() != "sh" {
			return unknown
		}
		ws = ws[1:]
	}
	sawC := false
	for i := 0; i < len(ws); i++ {
		t := ws[i].value()
		switch {
		case t == "-o" || t == "+o":
			i++ // the option's name
			continue
		case t == "--":
			if !sawC || i+1 >= len(ws) || ws[i+1].opaque {
				return unknown
			}
			return in.script(Arg{Text: ws[i+1].value(), Range: ws[i+1].scriptRange()}, sc)
		case strings.HasPrefix(t, "--"):
			continue // --login, --norc
		case len(t) > 1 && (t[0] == '-' || t[0] == '+'):
			if t[0] == '-' && strings.Contains(t[1:], "c") {
				sawC = true
			}
			continue
		}
		if !sawC || ws[i].opaque {
			return unknown
		}
		return in.script(Arg{Text: t, Range: ws[i].scriptRange()}, sc)
	}
	return unknown
}

// scriptRange is the range to use for a word that is itself a script:
// exact when the word maps byte for byte onto its file.
func (w *word) scriptRange() source.Range {
	if len(w.refs) == 0 && len(w.spans) == 1 && w.spans[0].lit && w.spans[0].t0 == 0 && w.spans[0].t1 == len(w.tmpl) {
		if r, ok := w.sub(0, len(w.tmpl)); ok {
			return r
		}
	}
	return w.rng
}

func argvOf(ws []word) []Arg {
	out := make([]Arg, len(ws))
	for i := range ws {
		out[i] = Arg{Text: ws[i].value(), Range: ws[i].rng}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
