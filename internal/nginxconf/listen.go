package nginxconf

import (
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Listen is one socket a server block opens.
type Listen struct {
	// Host is the address as written without brackets ("127.0.0.1",
	// "::", "*"); "" when only a port is written or the server has no
	// listen at all.
	Host string
	Port int // 0 when it could not be worked out
	// IPv6Only is the ipv6only parameter's effect on an IPv6 wildcard:
	// on unless "ipv6only=off" (nginx 1.3.4 and later).
	IPv6Only bool
	UDP      bool // "udp" in a stream server, "quic" in an http one
	// Env names the environment variable the port was substituted from
	// in a template, EnvSet whether the environment sets it.
	Env    string
	EnvSet bool
	// Default is true for a server with no listen directive: nginx then
	// listens on *:80 (as root) or *:8000.
	Default bool
	// Range is the listen directive's address argument (the server
	// block's name for a default); HostRange and PortRange the parts.
	Range, HostRange, PortRange source.Range
	// ProxyTo are the proxy_pass targets of the server this listen
	// belongs to, when written as literal host:port.
	ProxyTo []Target
	// Routes is what an http server does with plain requests, as far
	// as redirects to https:// go; nil for a stream server.
	Routes *listen.HTTPRoutes
}

// Target is one upstream address a server proxies to.
type Target struct {
	Host  string
	Port  int
	Range source.Range
}

// Config is a set of files and how to find included ones.
type Config struct {
	// Include returns the files an include's pattern names (already
	// made absolute), sorted as nginx's glob sorts them, and whether
	// that set is known exactly (files the image holds that flylint
	// cannot see make it false).
	Include func(pattern string) (files []*File, known bool)
	// Prefix is the directory relative includes start from (/etc/nginx).
	Prefix string
	// Env is the environment a template's ${VAR} comes from; Template
	// reports whether a file is one the image's entrypoint runs
	// envsubst on.
	Env      map[string]string
	Template func(f *File) bool
	// Root is true when the run as root: a server without listen is on
	// port 80, otherwise 8000.
	Root bool
}

// Result is what the files open.
type Result struct {
	Listens []Listen
	// Complete is false when an include named files flylint cannot
	// see, or a listen it could not read: a port missing from Listens
	// may then still be opened.
	Complete bool
}

// maxFiles bounds how many files one configuration's includes read.
const maxFiles = 256

// Listens walks the main file and what it includes.
func (c *Config) Listens(main *File) Result {
	w := &walker{c: c, res: Result{Complete: true}}
	w.walk(main, main.Directives, "main", nil, 0)
	return w.res
}

type walker struct {
	c     *Config
	res   Result
	files int
}

// server collects one server block's listens and proxy targets, which
// may come from included files too.
type server struct {
	name    Word
	file    *File
	listens []Listen
	proxy   []Target
	// sawListen: the block has a listen directive, even one that opens
	// no TCP port (a unix socket) or could not be read.
	sawListen bool
}

func (w *walker) walk(f *File, dirs []*Directive, ctx string, srv *server, depth int) {
	if depth > MaxDepth {
		w.res.Complete = false
		return
	}
	for _, d := range dirs {
		switch name := d.Name.Text; {
		case name == "include" && len(d.Args) == 1:
			pat := d.Args[0].Text
			if !strings.HasPrefix(pat, "/") {
				pat = path.Join(w.c.Prefix, pat)
			}
			files, known := w.c.Include(pat)
			if !known {
				w.res.Complete = false
			}
			for _, inc := range files {
				w.files++
				if w.files > maxFiles {
					w.res.Complete = false
					return
				}
				w.walk(inc, inc.Directives, ctx, srv, depth+1)
			}
		case d.HasBlock && (name == "http" || name == "stream") && ctx == "main":
			w.walk(f, d.Block, name, nil, depth+1)
		case d.HasBlock && name == "server" && (ctx == "http" || ctx == "stream"):
			s := &server{name: d.Name, file: f}
			w.walk(f, d.Block, ctx+"-server", s, depth+1)
			if !s.sawListen && ctx == "http" {
				port := 8000
				if w.c.Root {
					port = 80
				}
				s.listens = append(s.listens, Listen{Port: port, Default: true, Range: d.Name.Range})
			}
			var routes *listen.HTTPRoutes
			if ctx == "http" {
				routes = Routes(d.Block)
			}
			for _, l := range s.listens {
				l.ProxyTo = s.proxy
				l.Routes = routes
				w.res.Listens = append(w.res.Listens, l)
			}
		case name == "listen" && srv != nil && len(d.Args) > 0:
			srv.sawListen = true
			l, ok := w.listen(f, d, ctx == "stream-server")
			if !ok {
				w.res.Complete = false
				continue
			}
			if l.Port > 0 || l.Env != "" {
				srv.listens = append(srv.listens, l)
			}
		case name == "proxy_pass" && srv != nil && len(d.Args) == 1:
			if t, ok := w.target(f, d.Args[0], ctx == "stream-server"); ok {
				srv.proxy = append(srv.proxy, t)
			}
		case d.HasBlock && srv != nil:
			// location, if, limit_except: proxy_pass lives inside them.
			w.walk(f, d.Block, ctx, srv, depth+1)
		}
	}
}

// listen reads "listen address[:port] [params]", "listen port" and
// "listen unix:path" (no TCP socket: ok with port 0), as documented at
// https://nginx.org/en/docs/http/ngx_http_core_module.html#listen and
// https://nginx.org/en/docs/stream/ngx_stream_core_module.html#listen
// (nginx 1.27).
func (w *walker) listen(f *File, d *Directive, stream bool) (Listen, bool) {
	a := d.Args[0]
	l := Listen{Range: a.Range, IPv6Only: true}
	text, env, envSet, subst := w.substitute(f, a.Text)
	if strings.HasPrefix(text, "unix:") {
		return Listen{}, true
	}
	for _, p := range d.Args[1:] {
		switch {
		case p.Text == "udp" && stream, p.Text == "quic" && !stream:
			l.UDP = true
		case p.Text == "ipv6only=off":
			l.IPv6Only = false
		}
	}
	hostPart, portPart, hostAt, portAt := "", text, 0, 0
	switch {
	case strings.HasPrefix(text, "["):
		end := strings.IndexByte(text, ']')
		if end < 0 {
			return Listen{}, false
		}
		hostPart, hostAt = text[1:end], 1
		rest := text[end+1:]
		portPart, portAt = "80", -1
		if strings.HasPrefix(rest, ":") {
			portPart, portAt = rest[1:], end+2
		} else if rest != "" {
			return Listen{}, false
		}
	case strings.Contains(text, ":"):
		i := strings.LastIndexByte(text, ':')
		hostPart, portPart, portAt = text[:i], text[i+1:], i+1
	case !allDigits(text) && !strings.Contains(text, "$"):
		// A bare address or name listens on port 80.
		hostPart, portPart, portAt = text, "80", -1
	}
	l.Host = hostPart
	if hostPart != "" && !subst {
		l.HostRange = f.RangeOf(a, hostAt, hostAt+len(hostPart))
	}
	if n, err := strconv.Atoi(portPart); err == nil && n > 0 && n < 65536 {
		l.Port = n
	} else if env == "" {
		return Listen{}, false
	}
	l.Env, l.EnvSet = env, envSet
	switch {
	case env != "":
		// The variable's reference is what carries the port.
		l.PortRange = l.Range
		if i := strings.Index(a.Text, "$"); i >= 0 {
			l.PortRange = f.RangeOf(a, i, len(a.Text))
		}
	case portAt >= 0 && !subst:
		l.PortRange = f.RangeOf(a, portAt, portAt+len(portPart))
	}
	return l, true
}

// target reads a proxy_pass address: "http://127.0.0.1:8081/", a stream
// server's "127.0.0.1:5432". A name that is an upstream block, a
// variable, or a unix socket is left out.
func (w *walker) target(f *File, a Word, stream bool) (Target, bool) {
	text, _, _, subst := w.substitute(f, a.Text)
	rest := text
	def := 0
	if !stream {
		switch {
		case strings.HasPrefix(rest, "http://"):
			rest, def = rest[len("http://"):], 80
		case strings.HasPrefix(rest, "https://"):
			rest, def = rest[len("https://"):], 443
		default:
			return Target{}, false
		}
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	if strings.ContainsAny(rest, "$") || strings.HasPrefix(rest, "unix:") {
		return Target{}, false
	}
	host, port := rest, def
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			return Target{}, false
		}
		host, port = rest[:i], n
	}
	if port == 0 {
		return Target{}, false
	}
	r := a.Range
	if !subst {
		r = f.RangeOf(a, 0, len(a.Text))
	}
	return Target{Host: strings.Trim(host, "[]"), Port: port, Range: r}, true
}

// substitute applies the official image's envsubst to a word of a
// template: "$NAME" and "${NAME}" are replaced when the environment
// sets NAME and left as written otherwise (docker-nginx's
// 20-envsubst-on-templates.sh passes envsubst only the defined names).
// env is the last variable referenced, set or not.
func (w *walker) substitute(f *File, s string) (out, env string, envSet, changed bool) {
	if !strings.Contains(s, "$") || w.c.Template == nil || !w.c.Template(f) {
		return s, "", false, false
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '$' {
			sb.WriteByte(s[i])
			i++
			continue
		}
		name, n := varAt(s[i:])
		if name == "" {
			sb.WriteByte(s[i])
			i++
			continue
		}
		env = name
		if v, ok := w.c.Env[name]; ok {
			sb.WriteString(v)
			envSet, changed = true, true
		} else {
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String(), env, envSet, changed
}

// varAt reads "$NAME" or "${NAME}" at the start of s.
func varAt(s string) (name string, n int) {
	if strings.HasPrefix(s, "${") {
		end := strings.IndexByte(s, '}')
		if end < 0 || !syntax.ValidName(s[2:end]) {
			return "", 0
		}
		return s[2:end], end + 1
	}
	i := 1
	for i < len(s) && (s[i] == '_' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || i > 1 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 1 {
		return "", 0
	}
	return s[1:i], i
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
