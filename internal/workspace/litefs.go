package workspace

import (
	"os"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// LiteFS (superfly/litefs@a51e72d, v0.5.14: cmd/litefs/mount_linux.go
// and config.go; https://fly.io/docs/litefs/config/) is started as
// `litefs mount [-config path] [-no-expand-env] [-- cmd args...]`. It
// reads -config, else the first of ./litefs.yml, ~/litefs.yml and
// /etc/litefs.yml; it expands $VAR and ${VAR} in the whole file (unless
// -no-expand-env); it listens on http.addr (default ":20202") for its own
// API and, when proxy.addr is set, on proxy.addr with a proxy that
// forwards to proxy.target; and it runs the exec commands in order, the
// last one (or the command after "--") in the background as the app.

// maxLiteFSDepth stops a LiteFS exec that starts LiteFS again.
const maxLiteFSDepth = 2

// litefsListeners gives the listeners of a `litefs mount` process: its
// proxy and API sockets, and those of the app it runs.
func (b *appBuilder) litefsListeners(g *Group, argv []listen.Arg) ([]listen.Listener, bool) {
	if len(argv) < 2 || argv[1].Text != "mount" || b.litefsDepth >= maxLiteFSDepth {
		return nil, false
	}
	conf, expandEnv := "", true
	var tail []listen.Arg
	for i := 2; i < len(argv); i++ {
		t := strings.TrimLeft(argv[i].Text, "-")
		name, val, hasVal := strings.Cut(t, "=")
		switch {
		case argv[i].Text == "--":
			tail = argv[i+1:]
			i = len(argv)
		case name == "config":
			if !hasVal {
				if i+1 >= len(argv) {
					return nil, false
				}
				val = argv[i+1].Text
				i++
			}
			conf = val
		case name == "no-expand-env":
			// A Go bool flag: -no-expand-env, or =true/=false.
			off, err := strconv.ParseBool(val)
			expandEnv = val != "" && (err != nil || !off)
		}
	}
	img := b.app.Image
	wd := img.Workdir
	if wd == "" {
		wd = "/"
	}
	cands := []string{path.Join(wd, "litefs.yml"), "/root/litefs.yml", "/etc/litefs.yml"}
	if conf != "" {
		cands = []string{conf}
		if !path.IsAbs(conf) {
			cands[0] = path.Join(wd, conf)
		}
	}
	fs := newImageFS(b, b.buildContext(), nil, cands)
	rel := ""
	for _, c := range cands {
		r, known := fs.lookup(c)
		if !known {
			return nil, false
		}
		if r != "" {
			rel = r
			break
		}
	}
	if rel == "" {
		return nil, false
	}
	data, disp, ok := fs.read(rel)
	if !ok {
		return nil, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	lf := &litefsFile{path: disp, data: data, lines: source.NewLines(data), env: b.app.Env, expand: expandEnv}
	root := doc.Content[0]
	var out []listen.Listener
	complete := true
	if addr := mapGet(mapGet(root, "proxy"), "addr"); addr != nil {
		l, ok := lf.listener(addr, "LiteFS proxy")
		if !ok {
			complete = false
		} else {
			if t := mapGet(mapGet(root, "proxy"), "target"); t != nil {
				if u, ok := lf.upstream(t); ok {
					l.ProxyTo = []listen.Upstream{u}
				}
			}
			out = append(out, l)
		}
	}
	if addr := mapGet(mapGet(root, "http"), "addr"); addr != nil {
		if l, ok := lf.listener(addr, "LiteFS API"); ok {
			out = append(out, l)
		} else {
			complete = false
		}
	} else {
		out = append(out, listen.Listener{Proto: listen.TCP, Origin: "LiteFS API", Program: "litefs", Range: argv[1].Range,
			Host: listen.Host{Class: listen.HostDualStack, Default: true}, Port: listen.Port{Number: 20202, IsDefault: true}})
	}
	// The app: the command after "--", else the last exec entry.
	var app listen.Command
	switch {
	case len(tail) > 0:
		app = listen.Command{Args: tail, Origin: "litefs mount --"}
	default:
		exec := mapGet(root, "exec")
		var cmd *yaml.Node
		switch {
		case exec == nil:
		case exec.Kind == yaml.ScalarNode:
			cmd = exec
		case exec.Kind == yaml.SequenceNode && len(exec.Content) > 0:
			cmd = mapGet(exec.Content[len(exec.Content)-1], "cmd")
		}
		if cmd == nil {
			// No app: LiteFS alone serves nothing else.
			return out, complete
		}
		var ok bool
		if app, ok = lf.command(cmd); !ok {
			return out, false
		}
	}
	sub := &Group{Name: g.Name, Command: app, HasCommand: true}
	b.litefsDepth++
	res := listen.Interpret(app, b.app.Env)
	sub.Listeners, sub.ListenersKnown, sub.Interpreted = res.Listeners, res.Known, res
	for _, s := range res.Skipped {
		b.limit(s.Range, s.Message)
	}
	b.addNodeListeners(sub)
	b.addConfiguredServers(sub)
	b.litefsDepth--
	out = append(out, sub.Listeners...)
	return out, complete && sub.ListenersKnown
}

// mapGet returns the value of key in a YAML mapping, or nil.
func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

type litefsFile struct {
	path   string
	data   []byte
	lines  *source.Lines
	env    listen.Env
	expand bool
}

// scalar returns a scalar's offset in the file when its text is written
// there byte for byte (plain, or quoted without escapes).
func (f *litefsFile) scalar(n *yaml.Node) (start int, exact bool) {
	if n.Line <= 0 || n.Column <= 0 {
		return 0, false
	}
	off := f.lines.Offset(n.Line, n.Column)
	if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
		off++
	}
	if off < 0 || off+len(n.Value) > len(f.data) || string(f.data[off:off+len(n.Value)]) != n.Value {
		return 0, false
	}
	return off, true
}

func (f *litefsFile) rangeOf(n *yaml.Node, i, j int) source.Range {
	start, exact := f.scalar(n)
	if !exact {
		off := f.lines.Offset(n.Line, n.Column)
		return f.lines.Range(f.path, off, off)
	}
	return f.lines.Range(f.path, start+i, start+j)
}

// expandValue is LiteFS's expansion of one value: os.Expand with the
// process environment. ref is the last variable it read; known is false
// when one is not set in the app's environment (a secret may set it).
func (f *litefsFile) expandValue(s string) (out, ref string, set, known bool) {
	if !f.expand || !strings.Contains(s, "$") {
		return s, "", false, true
	}
	known = true
	out = os.Expand(s, func(name string) string {
		name = strings.TrimSpace(name)
		ref = name
		v, ok := f.env[name]
		if !ok || v.Unknown || !isEnvName(name) {
			known = false
			return ""
		}
		set = true
		return v.Value
	})
	return out, ref, set, known
}

func isEnvName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// listener reads an address LiteFS passes to net.Listen("tcp", addr).
func (f *litefsFile) listener(n *yaml.Node, origin string) (listen.Listener, bool) {
	if n.Kind != yaml.ScalarNode {
		return listen.Listener{}, false
	}
	text, ref, set, known := f.expandValue(n.Value)
	l := listen.Listener{Proto: listen.TCP, Origin: origin, Program: "litefs", Range: f.rangeOf(n, 0, len(n.Value))}
	i := strings.LastIndexByte(n.Value, ':')
	if ref != "" {
		l.Port.Env, l.Port.EnvSet = ref, set
	}
	if !known {
		if ref == "" || i < 0 || strings.Contains(n.Value[:i], "$") {
			return listen.Listener{}, false
		}
		// The port is a variable the app's environment does not set.
		l.Host = listen.Host{Class: listen.ClassifyHost(n.Value[:i], "go"), Text: n.Value[:i]}
		l.PortRange = f.rangeOf(n, i+1, len(n.Value))
		return l, true
	}
	host, port, ok := listen.SplitHostPort(text)
	p, err := strconv.Atoi(port)
	if !ok || err != nil || p <= 0 || p > 65535 {
		return listen.Listener{}, false
	}
	l.Port.Number = p
	l.Host = listen.Host{Class: listen.ClassifyHost(host, "go"), Text: host, Default: host == ""}
	if i >= 0 {
		l.PortRange = f.rangeOf(n, i+1, len(n.Value))
		if host != "" && text == n.Value {
			l.HostRange = f.rangeOf(n, 0, i)
		}
	}
	return l, true
}

func (f *litefsFile) upstream(n *yaml.Node) (listen.Upstream, bool) {
	if n.Kind != yaml.ScalarNode {
		return listen.Upstream{}, false
	}
	text, _, _, known := f.expandValue(n.Value)
	if !known {
		return listen.Upstream{}, false
	}
	host, port, ok := listen.SplitHostPort(text)
	p, err := strconv.Atoi(port)
	if !ok || err != nil {
		return listen.Upstream{}, false
	}
	return listen.Upstream{Host: host, Port: p, Range: f.rangeOf(n, 0, len(n.Value))}, true
}

// command splits an exec cmd into words as LiteFS does (shellwords,
// no shell), each word at its place when the value is written plainly.
func (f *litefsFile) command(n *yaml.Node) (listen.Command, bool) {
	if n.Kind != yaml.ScalarNode {
		return listen.Command{}, false
	}
	text, _, _, known := f.expandValue(n.Value)
	if !known {
		return listen.Command{}, false
	}
	if listen.CheckCommand(text) != nil {
		return listen.Command{}, false
	}
	words, err := splitWords(text)
	if err != nil || len(words) == 0 {
		return listen.Command{}, false
	}
	c := listen.Command{Origin: "litefs.yml exec"}
	whole := f.rangeOf(n, 0, len(n.Value))
	for _, w := range words {
		r := whole // the words of an expanded command no longer line up with the file
		if text == n.Value {
			r = f.rangeOf(n, w.start, w.end)
		}
		c.Args = append(c.Args, listen.Arg{Text: w.text, Range: r})
	}
	return c, true
}
