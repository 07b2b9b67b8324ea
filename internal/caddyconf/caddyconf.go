// Package caddyconf reads a Caddyfile for the sockets Caddy opens: the
// addresses of its site blocks, the global http_port and https_port
// options, the bind directive, and where reverse_proxy forwards.
//
// The tokenizer is flylint's own, after the grammar documented at
// https://caddyserver.com/docs/caddyfile/concepts (Caddy 2.8–2.11):
// tokens split on blanks, a newline ends a directive, "#" starts a
// comment at the start of a token, "..." and `...` quote, and "{" "}"
// standing alone open and close blocks. Caddy's own caddyfile package
// is not used: it imports Caddy's core (certmagic, zap, quic-go,
// prometheus), 270 more packages and +8.9 MB on a small binary,
// measured in the proposal in DESIGN.md, for a grammar this small.
package caddyconf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Limits keep a hostile file cheap.
const (
	MaxDepth  = 64
	MaxTokens = 200_000
)

// token is one word of the file.
type token struct {
	text  string
	line  int // 1-based line the token starts on
	start int // byte offset of text in the file when exact
	end   int
	exact bool // text is the file's bytes [start:end)
	quote bool
}

// SyntaxError is a file Caddy would refuse to adapt.
type SyntaxError struct {
	Range   source.Range
	Message string
}

func (e *SyntaxError) Error() string { return e.Range.String() + ": " + e.Message }

func tokenize(path string, data []byte, lines *source.Lines) ([]token, error) {
	var out []token
	line := 1
	i := 0
	errAt := func(off int, msg string) error {
		return &SyntaxError{Range: lines.Range(path, off, min(off+1, len(data))), Message: msg}
	}
	for i < len(data) {
		c := data[i]
		switch {
		case c == '\n':
			line++
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			continue
		case c == '\\' && i+1 < len(data) && (data[i+1] == '\n' || data[i+1] == '\r'):
			// An escaped newline continues the directive.
			i++
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			i++
			line++
			continue
		}
		if len(out) >= MaxTokens {
			return nil, errAt(i, fmt.Sprintf("more than %d tokens", MaxTokens))
		}
		start, startLine := i, line
		switch c {
		case '"':
			var sb strings.Builder
			exact := true
			i++
			for i < len(data) && data[i] != '"' {
				if data[i] == '\\' && i+1 < len(data) && data[i+1] == '"' {
					exact = false
					i++
				}
				if data[i] == '\n' {
					line++
				}
				sb.WriteByte(data[i])
				i++
			}
			if i >= len(data) {
				return nil, errAt(start, "unterminated quoted string")
			}
			i++
			out = append(out, token{text: sb.String(), line: startLine, start: start + 1, end: i - 1, exact: exact, quote: true})
			continue
		case '`':
			end := strings.IndexByte(string(data[i+1:]), '`')
			if end < 0 {
				return nil, errAt(start, "unterminated backtick string")
			}
			text := string(data[i+1 : i+1+end])
			line += strings.Count(text, "\n")
			i += end + 2
			out = append(out, token{text: text, line: startLine, start: start + 1, end: i - 1, exact: true, quote: true})
			continue
		}
		for i < len(data) && data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n' {
			i++
		}
		out = append(out, token{text: string(data[start:i]), line: startLine, start: start, end: i, exact: true})
	}
	return out, nil
}

// node is a directive (or a site's address line) with its block.
type node struct {
	first    token // where it starts, for messages
	words    []token
	block    []*node
	hasBlock bool
}

// File is a parsed Caddyfile.
type File struct {
	Path  string
	lines *source.Lines
	// global is the global options block, nil without one.
	global *node
	sites  []*node
	// imports is true when the file imports others at the top level:
	// they may define more sites.
	imports bool
}

// Parse reads a Caddyfile.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path, lines: source.NewLines(data)}
	toks, err := tokenize(path, data, f.lines)
	if err != nil {
		return nil, err
	}
	p := &parser{f: f, toks: toks}
	top, err := p.block(0)
	if err != nil {
		return nil, err
	}
	for i, n := range top {
		switch {
		case i == 0 && len(n.words) == 0 && n.hasBlock:
			f.global = n
		case len(n.words) > 0 && n.words[0].text == "import" && !n.hasBlock:
			f.imports = true
		case len(n.words) > 0 && (strings.HasPrefix(n.words[0].text, "(") || strings.HasPrefix(n.words[0].text, "&(")):
			// a snippet or a named route: not a site
		case len(n.words) > 0 && n.hasBlock:
			f.sites = append(f.sites, n)
		case len(n.words) > 0 && len(f.sites) == 0:
			// A Caddyfile with one site may leave out the braces: its
			// first line is the addresses and the rest its directives.
			f.sites = append(f.sites, &node{words: n.words, block: top[i+1:], hasBlock: true})
			return f, nil
		case len(n.words) == 0:
			return nil, &SyntaxError{Range: f.rangeOf(n.first), Message: "a block without addresses is the global options block, which must come first"}
		default:
			return nil, &SyntaxError{Range: f.rangeOf(n.first), Message: "a directive outside any site block"}
		}
	}
	return f, nil
}

type parser struct {
	f    *File
	toks []token
	pos  int
}

func (p *parser) block(depth int) ([]*node, error) {
	if depth > MaxDepth {
		return nil, &SyntaxError{Range: p.f.rangeOf(p.toks[min(p.pos, len(p.toks)-1)]), Message: fmt.Sprintf("blocks nested deeper than %d", MaxDepth)}
	}
	var out []*node
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t.text == "}" && !t.quote {
			if depth == 0 {
				return nil, &SyntaxError{Range: p.f.rangeOf(t), Message: `unexpected "}"`}
			}
			p.pos++
			return out, nil
		}
		n := &node{first: t}
		line := t.line
		for p.pos < len(p.toks) && p.toks[p.pos].line == line {
			t := p.toks[p.pos]
			if !t.quote && t.text == "{" {
				p.pos++
				inner, err := p.block(depth + 1)
				if err != nil {
					return nil, err
				}
				n.block, n.hasBlock = inner, true
				break
			}
			if !t.quote && t.text == "}" {
				break
			}
			// Multi-line quoted tokens end on a later line; the next
			// token on that line still belongs to the directive.
			line = t.line + strings.Count(t.text, "\n")
			n.words = append(n.words, t)
			p.pos++
		}
		out = append(out, n)
	}
	if depth > 0 {
		return nil, &SyntaxError{Range: p.f.rangeOf(p.toks[len(p.toks)-1]), Message: `a "{" is never closed`}
	}
	return out, nil
}

func (f *File) rangeOf(t token) source.Range {
	if !t.exact {
		return f.lines.Range(f.Path, t.start-1, t.end+1)
	}
	return f.lines.Range(f.Path, t.start, t.end)
}

// sub is the range of text[i:j] of t, or t's whole range.
func (f *File) sub(t token, i, j int) source.Range {
	if !t.exact || i < 0 || j > len(t.text) || i > j {
		return f.rangeOf(t)
	}
	return f.lines.Range(f.Path, t.start+i, t.start+j)
}

// Listen is one socket a site opens.
type Listen struct {
	Host string // the bind address; "" for every interface
	Port int    // 0 when unknown
	// Env and EnvSet: the port comes from {$NAME} (with its default when
	// the environment does not set it).
	Env    string
	EnvSet bool
	// Redirect is true for the HTTP listener Caddy's automatic HTTPS
	// adds to redirect to HTTPS.
	Redirect         bool
	Range, HostRange source.Range
	PortRange        source.Range
	ProxyTo          []Target
	// Site is the address as written.
	Site string
	// Routes is what the socket does with a plain request as far as
	// redirects to https:// go; nil when a Host matcher decides whether
	// a check's request reaches the site at all.
	Routes *listen.HTTPRoutes
	// hosted: the address names a host, which becomes the site's Host
	// matcher.
	hosted bool
}

// Target is one reverse_proxy upstream.
type Target struct {
	Host  string
	Port  int
	Range source.Range
}

// Result is what the file opens.
type Result struct {
	Listens []Listen
	// Complete is false when an option flylint does not model decides
	// a port (auto_https, servers, an import, a placeholder it cannot
	// resolve).
	Complete bool
}

// Listens works out the sockets of every site, with env the process's
// environment for {$VAR} placeholders.
func (f *File) Listens(env map[string]string) Result {
	res := Result{Complete: !f.imports}
	httpPort, httpsPort := 80, 443
	autoRedirects := true
	var defaultBind []token
	if f.global != nil {
		for _, o := range f.global.block {
			if len(o.words) == 0 {
				continue
			}
			switch o.words[0].text {
			case "http_port", "https_port":
				if len(o.words) != 2 {
					res.Complete = false
					continue
				}
				v, _, _ := expand(o.words[1].text, env)
				n, err := strconv.Atoi(v)
				if err != nil {
					res.Complete = false
					continue
				}
				if o.words[0].text == "http_port" {
					httpPort = n
				} else {
					httpsPort = n
				}
			case "default_bind":
				defaultBind = o.words[1:]
			case "auto_https":
				// off and disable_redirects drop the HTTP->HTTPS redirect
				// servers; the other values leave them, and no value
				// changes a site's ports (caddyhttp/autohttps.go and
				// httpcaddyfile/addresses.go, v2.11.4).
				v := ""
				if len(o.words) == 2 {
					v = o.words[1].text
				}
				switch v {
				case "off", "disable_redirects":
					autoRedirects = false
				case "disable_certs", "ignore_loaded_certs", "prefer_wildcard":
				default:
					res.Complete = false
				}
			case "servers", "import":
				res.Complete = false
			}
		}
	}
	for _, s := range f.sites {
		var binds []token
		var proxy []Target
		f.walkSite(s.block, env, &binds, &proxy, &res, 0)
		if len(binds) == 0 {
			binds = defaultBind
		}
		redirect := map[string]bool{}
		// Each address is read once: whether any names a host (the
		// adapter then puts a Host matcher on the site, and a check's
		// Host, not the site's name, decides whether it reaches it)
		// decides the site's routes, which its listeners then share.
		type parsed struct {
			ls []Listen
			ok bool
		}
		var addrs []parsed
		hosted := false
		for _, a := range splitAddrs(s.words) {
			ls, ok := f.address(a, env, httpPort, httpsPort)
			addrs = append(addrs, parsed{ls, ok})
			hosted = hosted || !ok || slices.ContainsFunc(ls, func(l Listen) bool { return l.hosted })
		}
		var routes *listen.HTTPRoutes
		if !hosted {
			routes = f.siteRoutes(s, env)
		}
		for _, a := range addrs {
			if !a.ok {
				res.Complete = false
				continue
			}
			for _, l := range a.ls {
				if l.Redirect && !autoRedirects {
					continue
				}
				if !l.Redirect {
					l.Routes = routes
				} else {
					// One redirect listener per site is enough.
					if redirect[strconv.Itoa(l.Port)] {
						continue
					}
					redirect[strconv.Itoa(l.Port)] = true
				}
				l.ProxyTo = proxy
				if len(binds) == 0 {
					res.Listens = append(res.Listens, l)
					continue
				}
				for _, b := range binds {
					bl := l
					h, _, _ := expand(b.text, env)
					bl.Host, bl.HostRange = strings.Trim(h, "[]"), f.rangeOf(b)
					if strings.Contains(h, "/") || strings.Contains(h, "{") {
						res.Complete = false // a unix socket, a network prefix or a placeholder
						continue
					}
					res.Listens = append(res.Listens, bl)
				}
			}
		}
	}
	f.autoRoutes(res.Listens, httpPort)
	return res
}

// autoRoutes gives the listeners automatic HTTPS adds on the HTTP port
// what they do with a check's request (caddyhttp/autohttps.go, v2.11.4):
// each redirect server's routes end with a catch-all, matched by
// protocol http alone, answering 308 to https://{host}{uri}, so every
// plain request is redirected whatever its Host and path. When a site of
// the config listens on that port itself, the redirects go after its
// routes with a Host matcher but before a catch-all site, which then
// answers; a site with a Host matcher there leaves it unknown.
func (f *File) autoRoutes(ls []Listen, httpPort int) {
	var own []*Listen
	for i := range ls {
		if !ls[i].Redirect && ls[i].Port == httpPort {
			own = append(own, &ls[i])
		}
	}
	for i := range ls {
		l := &ls[i]
		if !l.Redirect || l.Port != httpPort {
			continue
		}
		switch {
		case len(own) == 0:
			l.Routes = &listen.HTTPRoutes{By: "Caddy's automatic HTTPS", Server: listen.Redirect{
				Kind: listen.Redirects, Cond: listen.CondScheme, Range: l.Range,
				Fix: fmt.Sprintf("The site address %q makes Caddy serve the site over HTTPS, and its automatic HTTPS answers every plain-HTTP request on port %d with a 308, whatever the path and Host: "+
					"when Fly Proxy terminates TLS, write the address without a host or https:// (\":8080\" or \"http://\"); otherwise set the global option \"auto_https disable_redirects\".",
					l.Site, httpPort),
			}}
		case len(own) == 1 && !own[0].hosted:
			l.Routes = own[0].Routes
		}
	}
}

func (f *File) walkSite(block []*node, env map[string]string, binds *[]token, proxy *[]Target, res *Result, depth int) {
	if depth > MaxDepth {
		return
	}
	for _, d := range block {
		if len(d.words) == 0 {
			continue
		}
		switch d.words[0].text {
		case "bind":
			*binds = append(*binds, d.words[1:]...)
		case "import":
			res.Complete = false
		case "reverse_proxy":
			for _, w := range d.words[1:] {
				if t, ok := f.upstream(w, env); ok {
					*proxy = append(*proxy, t)
				}
			}
			for _, sub := range d.block {
				if len(sub.words) > 1 && sub.words[0].text == "to" {
					for _, w := range sub.words[1:] {
						if t, ok := f.upstream(w, env); ok {
							*proxy = append(*proxy, t)
						}
					}
				}
			}
			continue
		}
		if d.hasBlock {
			f.walkSite(d.block, env, binds, proxy, res, depth+1)
		}
	}
}

// upstream reads "localhost:8081", "http://app:3000", ":9000",
// "localhost:{$PORT}"; a matcher ("/api/*", "@name", "*") or a runtime
// placeholder is not one.
func (f *File) upstream(w token, env map[string]string) (Target, bool) {
	t, _, _ := expand(w.text, env)
	if strings.HasPrefix(t, "/") || strings.HasPrefix(t, "@") || t == "*" || strings.Contains(t, "{") {
		return Target{}, false
	}
	def := 80
	for _, s := range []string{"http://", "h2c://", "https://"} {
		if rest, ok := strings.CutPrefix(t, s); ok {
			t = rest
			if s == "https://" {
				def = 443
			}
		}
	}
	t = strings.TrimSuffix(t, "/")
	host, port := t, def
	if i := strings.LastIndexByte(t, ':'); i >= 0 && !strings.HasSuffix(t, "]") {
		n, err := strconv.Atoi(t[i+1:])
		if err != nil {
			return Target{}, false
		}
		host, port = t[:i], n
	}
	return Target{Host: strings.Trim(host, "[]"), Port: port, Range: f.rangeOf(w)}, true
}

// addrTok is one address of a site's address line: a token, or a part
// of one split at commas.
type addrTok struct {
	tok  token
	i, j int // the address is tok.text[i:j]
}

func splitAddrs(words []token) []addrTok {
	var out []addrTok
	for _, w := range words {
		start := 0
		for i := 0; i <= len(w.text); i++ {
			if i == len(w.text) || w.text[i] == ',' {
				if i > start {
					out = append(out, addrTok{tok: w, i: start, j: i})
				}
				start = i + 1
			}
		}
	}
	return out
}

// address turns a site address into its listeners, by
// https://caddyserver.com/docs/caddyfile/concepts#addresses and
// https://caddyserver.com/docs/automatic-https (2.11): an explicit port
// is used as is; "http://" means http_port; "https://" or a host that
// qualifies for a certificate (a name, localhost, an IP) means
// https_port, and automatic HTTPS then also listens on http_port to
// redirect; no host and no port (":" alone is not an address) is
// https_port too. {$VAR} and {$VAR:default} are replaced first.
func (f *File) address(a addrTok, env map[string]string, httpPort, httpsPort int) ([]Listen, bool) {
	raw := a.tok.text[a.i:a.j]
	text, envName, envSet := expand(raw, env)
	if strings.Contains(text, "{") {
		return nil, false // a runtime placeholder: not allowed, or not known
	}
	exactPos := text == raw // offsets inside the token only without substitution
	scheme := ""
	rest := text
	if i := strings.Index(rest, "://"); i >= 0 {
		scheme, rest = strings.ToLower(rest[:i]), rest[i+3:]
	}
	if strings.HasPrefix(rest, "unix/") {
		return nil, true
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	host, portText := rest, ""
	if strings.HasPrefix(rest, "[") {
		if end := strings.IndexByte(rest, ']'); end >= 0 {
			host = rest[1:end]
			portText = strings.TrimPrefix(rest[end+1:], ":")
		}
	} else if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		host, portText = rest[:i], rest[i+1:]
	}
	l := Listen{Site: raw, Range: f.sub(a.tok, a.i, a.j), hosted: host != ""}
	if envName != "" && strings.Contains(raw, "{$") {
		l.Env, l.EnvSet = envName, envSet
	}
	switch {
	case portText != "":
		n, err := strconv.Atoi(portText)
		if err != nil || n <= 0 || n > 65535 {
			if l.Env != "" {
				return []Listen{l}, true // the port is a variable the environment does not set
			}
			return nil, false
		}
		l.Port = n
		if exactPos {
			off := a.i + len(text) - len(portText)
			if p := strings.LastIndex(raw, ":"+portText); p >= 0 {
				off = a.i + p + 1
			}
			l.PortRange = f.sub(a.tok, off, off+len(portText))
		} else if i := strings.Index(raw, "{$"); i >= 0 {
			l.PortRange = f.sub(a.tok, a.i+i, a.j)
		}
		return []Listen{l}, true
	case scheme == "http":
		l.Port = httpPort
		return []Listen{l}, true
	}
	l.Port = httpsPort
	out := []Listen{l}
	if host != "" || scheme == "https" {
		r := l
		r.Port, r.Redirect, r.PortRange = httpPort, true, source.Range{}
		out = append(out, r)
	}
	return out, true
}

// expand replaces Caddy's parse-time environment placeholders {$NAME}
// and {$NAME:default} (https://caddyserver.com/docs/caddyfile/concepts#environment-variables).
// name is the last variable referenced and set whether the environment
// set it.
func expand(s string, env map[string]string) (out, name string, set bool) {
	if !strings.Contains(s, "{$") {
		return s, "", false
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if !strings.HasPrefix(s[i:], "{$") {
			sb.WriteByte(s[i])
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			sb.WriteString(s[i:])
			break
		}
		inner := s[i+2 : i+end]
		def, hasDef := "", false
		if k := strings.IndexByte(inner, ':'); k >= 0 {
			inner, def, hasDef = inner[:k], inner[k+1:], true
		}
		name = inner
		if v, ok := env[inner]; ok {
			sb.WriteString(v)
			set = true
		} else if hasDef {
			sb.WriteString(def)
		} else {
			// Caddy leaves an unset variable empty; flylint keeps the
			// reference, since a secret may set it.
			sb.WriteString(s[i : i+end+1])
		}
		i += end + 1
	}
	return sb.String(), name, set
}
