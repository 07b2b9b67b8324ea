package listen

import (
	"path"
	"strings"

	"github.com/flylint-dev/flylint/internal/lazyre"
)

// recognise matches an unwrapped argv against the server table and the
// language launchers (python -m, node script, php -S).
func (in *interp) recognise(ws []word, sc *scope) Result {
	name := path.Base(ws[0].value())
	unknown := Result{Program: name, Argv: argvOf(ws)}
	switch {
	case pythonName().MatchString(name):
		return in.python(ws, sc, unknown)
	case name == "node" || name == "nodejs":
		return in.node(ws, sc, unknown)
	case phpName().MatchString(name):
		return in.php(ws, sc, unknown)
	case name == "ruby":
		rest := skipFlags(ws[1:], []string{"-r", "-I", "-C", "-E"})
		if len(rest) == 0 {
			return unknown
		}
		return in.run(rest, sc)
	case name == "socat":
		return in.socat(ws)
	case notServing[name]:
		return Result{Known: true, Program: name, Argv: argvOf(ws)}
	}
	if r, ok := in.table(name, ws, 0, sc); ok {
		return r
	}
	return unknown
}

var (
	pythonName = lazyre.New(`^(python|pypy)[0-9.]*$`)
	phpName    = lazyre.New(`^php[0-9.]*$`)
)

// python handles `python [opts] -m module args` and `python [opts]
// script.py args`: the module or script then names the program.
func (in *interp) python(ws []word, sc *scope, unknown Result) Result {
	for i := 1; i < len(ws); i++ {
		t := ws[i].value()
		switch {
		case t == "-m" && i+1 < len(ws):
			mod := ws[i+1].value()
			if r, ok := in.table(mod, ws, i+1, sc); ok {
				return r
			}
			unknown.Program = mod
			return unknown
		case strings.HasPrefix(t, "-m") && len(t) > 2:
			return unknown // -mmodule: rare enough not to guess
		case t == "-c" || strings.HasPrefix(t, "-c"):
			return unknown
		case t == "-X" || t == "-W":
			i++
		case strings.HasPrefix(t, "-"):
		default:
			if r, ok := in.table(path.Base(t), ws, i, sc); ok {
				return r
			}
			unknown.Program = path.Base(t)
			return unknown
		}
	}
	return unknown
}

// node handles `node [opts] script args`. Next's CLI script is
// recognised by path; Next.js standalone output's server.js only when
// Options.NextStandalone says so or its path has a "standalone"
// directory (.next/standalone/server.js), because every other Node app
// calls its entry point server.js too.
func (in *interp) node(ws []word, sc *scope, unknown Result) Result {
	valued := []string{"-r", "--require", "--import", "--loader", "--experimental-loader", "--title", "--inspect-port", "--env-file", "-C", "--conditions"}
	for i := 1; i < len(ws); i++ {
		t := ws[i].value()
		switch {
		case t == "-e" || t == "-p" || t == "--eval" || t == "--print":
			return unknown
		case contains(valued, t):
			i++
		case strings.HasPrefix(t, "-"):
		default:
			base := path.Base(t)
			switch {
			case strings.Contains(t, "node_modules/next/dist/bin/next") || strings.Contains(t, "node_modules/.bin/"):
				if r, ok := in.table(strings.TrimSuffix(base, ".js"), ws, i, sc); ok {
					return r
				}
			case base == "server.js" && (in.opt.NextStandalone || hasDir(t, "standalone")):
				if r, ok := in.table(nextStandalone, ws, i, sc); ok {
					return r
				}
			}
			if r, ok := in.nodeEntry(t, ws, i, sc); ok {
				return r
			}
			unknown.Program = base
			return unknown
		}
	}
	return unknown
}

func hasDir(p, dir string) bool {
	parts := strings.Split(p, "/")
	return contains(parts[:len(parts)-1], dir)
}

// phpBuiltin is `php -S addr`: PHP's built-in web server.
// https://www.php.net/manual/en/features.commandline.webserver.php (8.x):
// the address is required.
var phpBuiltin = &server{name: "php -S", runtime: "php", addrFlags: []string{"-S"}, defPort: 0,
	valued: []string{"-t", "-d", "-c", "-z"}}

func (in *interp) php(ws []word, sc *scope, unknown Result) Result {
	for i := 1; i < len(ws); i++ {
		t := ws[i].value()
		switch {
		case t == "-S" || strings.HasPrefix(t, "-S"):
			m := &match{s: phpBuiltin, prog: ws[0], sc: sc, args: ws[1:], all: ws}
			return in.serve(m)
		case t == "-d" || t == "-c" || t == "-t" || t == "-z":
			i++
		case strings.HasPrefix(t, "-"):
		default:
			if r, ok := in.table(path.Base(t), ws, i, sc); ok {
				return r
			}
			unknown.Program = path.Base(t)
			return unknown
		}
	}
	return unknown
}

// table looks ws[at] up as a program name; the arguments follow it.
func (in *interp) table(name string, ws []word, at int, sc *scope) (Result, bool) {
	rest := ws[at+1:]
	for _, s := range servers {
		if !contains(s.progs, name) {
			continue
		}
		args, ok := matchSub(s, rest)
		if !ok {
			continue
		}
		return in.serve(&match{s: s, prog: ws[at], sc: sc, args: args, all: ws}), true
	}
	return Result{}, false
}

// matchSub finds the entry's subcommand among the operands and returns
// the arguments without it.
func matchSub(s *server, rest []word) ([]word, bool) {
	if s.subs == nil {
		return rest, true
	}
	idx := -1
	for i := 0; i < len(rest); i++ {
		t := rest[i].value()
		if contains(s.globalValued, t) || s.takesValue(t, rest[i+1:]) {
			i++
			continue
		}
		if !strings.HasPrefix(t, "-") {
			idx = i
			break
		}
	}
	if idx < 0 {
		return rest, contains(s.subs, "")
	}
	sub := rest[idx].value()
	if contains(s.subs, sub) && sub != "" {
		out := append(append([]word{}, rest[:idx]...), rest[idx+1:]...)
		return out, true
	}
	// `vite ./web` serves a root directory; `vite build` does not serve.
	if contains(s.subs, "") && (strings.Contains(sub, "/") || sub == ".") {
		return rest, true
	}
	return nil, false
}

// takesValue reports whether option t consumes the next argument, for
// the options the entry knows.
func (s *server) takesValue(t string, next []word) bool {
	k := s.kind(t)
	if k == "" {
		return false
	}
	if k == "host" && s.bareHost != "" && (len(next) == 0 || strings.HasPrefix(next[0].value(), "-")) {
		return false
	}
	return true
}
