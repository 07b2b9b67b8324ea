package listen

import (
	"net"
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint/flylint/source"
)

// Result is what a start command was understood to do.
type Result struct {
	Listeners []Listener
	// Known is true when the program that serves was recognised, so that
	// "nothing listens on port p" is meaningful. Unknown programs yield
	// no listener, never a guess.
	Known   bool
	Program string // the recognised server, or argv[0] of the final command
	Argv    []Arg  // the final argv after unwrapping wrappers
	Reads   []string
}

// Interpret works out what a start command listens on. env is the process
// environment as known statically; variables not in env are unset (Fly
// sets no PORT).
func Interpret(cmd Command, env Env) Result {
	in := &interp{env: Env{}}
	for k, v := range env {
		in.env[k] = v
	}
	if cmd.Shell {
		if len(cmd.Args) == 0 {
			return Result{}
		}
		return in.script(cmd.Args[0])
	}
	return in.argv(cmd.Args)
}

type interp struct {
	env   Env
	depth int
}

// wrappers run the rest of argv as the real command.
var wrappers = map[string]int{ // name -> leading args to skip after it (besides flags)
	"exec": 0, "dumb-init": 0, "tini": 0, "nohup": 0, "npx": 0, "bunx": 0,
	"su-exec": 1, "gosu": 1, "chpst": 0,
}

func (in *interp) argv(args []Arg) Result {
	in.depth++
	if in.depth > 8 || len(args) == 0 {
		return Result{}
	}
	// VAR=value prefixes set env for the command.
	for len(args) > 0 && isAssign(args[0].Text) {
		k, v, _ := strings.Cut(args[0].Text, "=")
		in.env[k] = Var{Name: k, Value: v, Range: args[0].Range, Origin: "command"}
		args = args[1:]
	}
	if len(args) == 0 {
		return Result{}
	}
	name := path.Base(args[0].Text)
	switch {
	case name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh":
		for i := 1; i < len(args); i++ {
			t := args[i].Text
			if strings.HasPrefix(t, "-") && strings.HasSuffix(t, "c") && i+1 < len(args) {
				return in.script(args[i+1])
			}
			if !strings.HasPrefix(t, "-") {
				break
			}
		}
		return Result{Program: name}
	case name == "env":
		rest := args[1:]
		for len(rest) > 0 && strings.HasPrefix(rest[0].Text, "-") {
			rest = rest[1:]
		}
		return in.argv(rest)
	case name == "bundle" || name == "poetry" || name == "pipenv" || name == "uv" || name == "pdm":
		if len(args) > 2 && (args[1].Text == "exec" || args[1].Text == "run") {
			return in.argv(args[2:])
		}
	}
	if skip, ok := wrappers[name]; ok {
		rest := args[1:]
		for len(rest) > 0 && strings.HasPrefix(rest[0].Text, "-") {
			if rest[0].Text == "--" {
				rest = rest[1:]
				break
			}
			rest = rest[1:]
		}
		if skip > 0 && len(rest) >= skip {
			rest = rest[skip:]
		}
		return in.argv(rest)
	}
	if name == "socat" {
		return in.socat(args)
	}
	if s, rest := matchServer(args); s != nil {
		return in.server(s, args[0], rest, args)
	}
	if idle[name] {
		return Result{Known: true, Program: name, Argv: args}
	}
	return Result{Program: name, Argv: args}
}

// idle programs keep a Machine running without serving anything.
var idle = map[string]bool{"sleep": true, "tail": true}

func isAssign(s string) bool {
	k, _, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return false
	}
	for i, c := range k {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// script interprets a /bin/sh -c script: each simple command in it, so
// `cd /app && exec gunicorn …` and `a & b` are understood.
func (in *interp) script(a Arg) Result {
	f, err := syntax.NewParser().Parse(strings.NewReader(a.Text), "")
	if err != nil {
		return Result{}
	}
	// Offsets in the script map to the file only when the script text
	// was written on one line exactly as the shell receives it.
	exact := a.Range.IsValid() && a.Range.Start.Line == a.Range.End.Line && a.Range.End.Offset-a.Range.Start.Offset == len(a.Text)
	var res Result
	res.Known = true
	sawServer := false
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		for _, as := range call.Assigns {
			if as.Value != nil {
				in.env[as.Name.Value] = Var{Name: as.Name.Value, Value: in.word(as.Value), Origin: "command"}
			}
		}
		var args []Arg
		for _, w := range call.Args {
			r := a.Range
			if exact {
				r = source.Range{File: a.Range.File, Start: shift(a.Range.Start, int(w.Pos().Offset())), End: shift(a.Range.Start, int(w.End().Offset()))}
			}
			args = append(args, Arg{Text: in.word(w), Range: r})
		}
		if len(args) == 0 {
			return false
		}
		switch path.Base(args[0].Text) {
		case "cd", "export", "echo", "set", "mkdir", "chown", "chmod", "[", "test", "true", "printf":
			return false
		}
		sub := (&interp{env: in.env, depth: in.depth}).argv(args)
		if len(sub.Listeners) > 0 || sub.Known && sub.Program != "" && !idle[sub.Program] {
			sawServer = true
		}
		res.Listeners = append(res.Listeners, sub.Listeners...)
		res.Reads = append(res.Reads, sub.Reads...)
		if !sub.Known {
			res.Known = false
		}
		res.Program, res.Argv = sub.Program, sub.Argv
		return false
	})
	if !sawServer && len(res.Listeners) == 0 && res.Program == "" {
		res.Known = false
	}
	return res
}

func shift(p source.Pos, off int) source.Pos {
	return source.Pos{Line: p.Line, Col: p.Col + off, Offset: p.Offset + off}
}

// word expands a shell word against the static env: $X and ${X:-d}.
func (in *interp) word(w *syntax.Word) string {
	var sb strings.Builder
	var parts func([]syntax.WordPart)
	parts = func(ps []syntax.WordPart) {
		for _, p := range ps {
			switch p := p.(type) {
			case *syntax.Lit:
				sb.WriteString(p.Value)
			case *syntax.SglQuoted:
				sb.WriteString(p.Value)
			case *syntax.DblQuoted:
				parts(p.Parts)
			case *syntax.ParamExp:
				// References stay as written; the port and host parsers
				// resolve them, so they know the value came from the env.
				name := p.Param.Value
				if p.Exp != nil && (p.Exp.Op == syntax.DefaultUnsetOrNull || p.Exp.Op == syntax.DefaultUnset) && p.Exp.Word != nil {
					// Keep the reference visible to the port parser.
					sb.WriteString("${" + name + ":-" + in.word(p.Exp.Word) + "}")
				} else {
					sb.WriteString("$" + name)
				}
			default:
				sb.WriteString("\x00") // something flylint cannot know
			}
		}
	}
	parts(w.Parts)
	return sb.String()
}

// ClassifyHost turns a bind host into a HostClass. runtime "go" makes
// 0.0.0.0 dual-stack (Go opens one IPv6 socket for "tcp"); elsewhere it
// is IPv4-only.
func ClassifyHost(host, runtime string) HostClass {
	h := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(host), "["), "]")
	switch {
	case h == "" || h == "*":
		if runtime == "go" || runtime == "node" {
			return HostDualStack
		}
		return HostIPv4Wildcard
	case strings.EqualFold(h, "localhost") || strings.HasPrefix(h, "127.") || h == "::1":
		return HostLoopback
	case h == "0.0.0.0":
		if runtime == "go" {
			return HostDualStack
		}
		return HostIPv4Wildcard
	case h == "::" || h == "0:0:0:0:0:0:0:0":
		return HostDualStack
	case h == "fly-local-6pn" || strings.HasPrefix(strings.ToLower(h), "fdaa:") || h == "$FLY_PRIVATE_IP" || h == "${FLY_PRIVATE_IP}":
		return Host6PN
	case h == "fly-global-services":
		return HostGlobalServices
	case strings.Contains(h, "$") || strings.Contains(h, "\x00"):
		return HostUnknown
	}
	if ip := net.ParseIP(h); ip != nil {
		if ip.To4() != nil {
			return HostIPv4
		}
		return HostIPv6
	}
	return HostName
}

// SplitHostPort parses "host:port", ":port", "[::]:port", "port",
// "tcp://h:p" and "http://h:p". ok is false for unix sockets and
// anything without a port.
func SplitHostPort(s string) (host, port string, ok bool) {
	if i := strings.Index(s, "://"); i >= 0 {
		if strings.HasPrefix(s, "unix") {
			return "", "", false
		}
		s = s[i+3:]
		s, _, _ = strings.Cut(s, "/")
	}
	if strings.HasPrefix(s, "unix:") || strings.HasPrefix(s, "/") {
		return "", "", false
	}
	if isPortText(s) {
		return "", s, true
	}
	// host:$PORT and host:${PORT:-8080}: the default may hold a colon.
	if i := strings.LastIndex(s, ":$"); i >= 0 {
		return strings.TrimSuffix(strings.TrimPrefix(s[:i], "["), "]"), s[i+1:], true
	}
	h, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", "", false
	}
	return h, p, true
}

func isPortText(s string) bool {
	if s == "" {
		return false
	}
	if strings.HasPrefix(s, "$") {
		return true
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

// socat opens a listener for a *-LISTEN address:
// TCP-LISTEN:port[,bind=host], UDP-LISTEN, TCP6-LISTEN, TCP4-LISTEN.
// http://www.dest-unreach.org/socat/doc/socat.html (1.8)
func (in *interp) socat(args []Arg) Result {
	res := Result{Known: true, Program: "socat", Argv: args}
	for _, a := range args[1:] {
		kind, rest, ok := strings.Cut(a.Text, ":")
		if !ok {
			continue
		}
		kind = strings.ToUpper(kind)
		var proto Proto
		class := ""
		switch kind {
		case "TCP-LISTEN", "TCP-L", "TCP4-LISTEN", "TCP6-LISTEN":
			proto = TCP
		case "UDP-LISTEN", "UDP-L", "UDP4-LISTEN", "UDP6-LISTEN", "UDP-RECVFROM", "UDP-RECV":
			proto = UDP
		default:
			continue
		}
		if strings.Contains(kind, "4") {
			class = "v4"
		} else if strings.Contains(kind, "6") {
			class = "v6"
		}
		opts := strings.Split(rest, ",")
		l := Listener{Proto: proto, Origin: "socat " + kind, Program: "socat", Range: a.Range, Port: in.port(opts[0])}
		exact := a.Range.IsValid() && a.Range.End.Offset-a.Range.Start.Offset == len(a.Text)
		if exact {
			l.PortRange = subRange(a.Range, len(kind)+1, len(kind)+1+len(opts[0]))
		}
		// Without bind=, socat listens on the IPv4 wildcard (TCP-LISTEN
		// is IPv4 unless the 6 variant is used).
		l.Host = Host{Class: HostIPv4Wildcard, Text: "0.0.0.0", Default: true}
		if class == "v6" {
			l.Host = Host{Class: HostDualStack, Text: "[::]", Default: true}
		}
		off := len(kind) + 1 + len(opts[0])
		for _, o := range opts[1:] {
			off++
			if v, ok := strings.CutPrefix(o, "bind="); ok {
				l.Host = in.host(v, "c")
				if class == "v6" && l.Host.Class == HostDualStack {
					l.Host.Class = HostIPv6Wildcard
				}
				if exact {
					l.HostRange = subRange(a.Range, off+len("bind="), off+len(o))
				}
			}
			off += len(o)
		}
		res.Listeners = append(res.Listeners, l)
	}
	return res
}
