package caddyconf

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// This file works out what a site does with a Fly health check's
// request as far as redirects to https:// go, from Caddy's own code
// (caddyserver/caddy v2.11.4, e2eee6a):
//
//   - caddyconfig/httpcaddyfile/directives.go defaultDirectiveOrder puts
//     redir before every handler that may answer (handle, route, respond,
//     reverse_proxy, file_server), and sortRoutes sorts same-named
//     directives by their matchers' paths;
//   - caddyconfig/httpcaddyfile/builtins.go parseRedir: no code or
//     "temporary" is a 302, "permanent" a 301, a number a 3xx or 401, and
//     "html" a 200 with a page ("don't redirect non-browser clients");
//   - modules/caddyhttp/matchers.go: MatchProtocol "http" is r.TLS == nil,
//     MatchHeader "!Field" matches when the field is absent and a value
//     compares exactly, MatchPath lowercases and matches exact, prefix*,
//     *suffix, *sub* or a glob.
//
// A check is a plain HTTP request with only its headers table
// (flyctl c08be17 ServiceHTTPCheck.HTTPHeaders), so what matters is its
// path and whether it sends X-Forwarded-Proto: https. Anything else a
// matcher looks at (other headers, hosts, CEL expressions, query) leaves
// the outcome unknown.

// tri is whether a matcher matches a check's request.
type tri int

const (
	no tri = iota
	yes
	unknown
)

// state is what a check sends as X-Forwarded-Proto: nothing (the
// default) or "https".
type state int

const (
	noXFP state = iota
	xfpHTTPS
	nStates
)

// match is a matcher's verdict for each state, and whether it rests on
// the protocol being plain HTTP (which no header changes).
type match struct {
	v      [nStates]tri
	scheme bool
}

func all(t tri) match { return match{v: [nStates]tri{t, t}} }

func and(a, b match) match {
	out := match{scheme: a.scheme || b.scheme}
	for s := range out.v {
		switch {
		case a.v[s] == no || b.v[s] == no:
			out.v[s] = no
		case a.v[s] == unknown || b.v[s] == unknown:
			out.v[s] = unknown
		default:
			out.v[s] = yes
		}
	}
	return out
}

func not(a match) match {
	out := match{scheme: a.scheme}
	for s, v := range a.v {
		switch v {
		case yes:
			out.v[s] = no
		case no:
			out.v[s] = yes
		default:
			out.v[s] = unknown
		}
	}
	return out
}

// outcome is what one state of the request gets from a block.
type outcome struct {
	kind listen.RedirectKind // NoRedirect with decided set: answered otherwise
	// decided is true when a handler answers (a redirect or another
	// response); false means the block let the request through.
	decided bool
	scheme  bool
	at      token
}

var undecidable = outcome{kind: listen.RedirectUnknown, decided: true}

// matcherDef is one named matcher: its lines, each a matcher name and
// its arguments.
type matcherDef struct {
	lines   [][]token
	unknown bool
}

type router struct {
	f   *File
	env map[string]string
}

// siteRoutes models a site without a hostname in its addresses: every
// request reaches it whatever its Host header.
func (f *File) siteRoutes(site *node, env map[string]string) *listen.HTTPRoutes {
	if f.hasOrder() {
		// The order option can move any handler, a plugin's too, before
		// redir or handle.
		return &listen.HTTPRoutes{By: "Caddy", Server: listen.Redirect{Kind: listen.RedirectUnknown}}
	}
	r := &router{f: f, env: env}
	return &listen.HTTPRoutes{By: "Caddy", Lookup: func(p string) listen.Redirect { return r.lookup(site.block, p) }}
}

func (f *File) hasOrder() bool {
	if f.global == nil {
		return false
	}
	for _, o := range f.global.block {
		if len(o.words) > 0 && o.words[0].text == "order" {
			return true
		}
	}
	return false
}

// lookup combines the two states into the model's Redirect.
func (r *router) lookup(block []*node, p string) listen.Redirect {
	unknownR := listen.Redirect{Kind: listen.RedirectUnknown}
	clean, ok := checkPath(p)
	if !ok {
		return unknownR
	}
	var out [nStates]outcome
	for s := range out {
		out[s] = r.block(block, nil, clean, state(s))
	}
	plain, withHeader := out[noXFP], out[xfpHTTPS]
	switch {
	case plain.kind == listen.RedirectUnknown:
		return unknownR
	case plain.kind != listen.Redirects:
		return listen.Redirect{}
	}
	red := listen.Redirect{Kind: listen.Redirects, Range: r.f.rangeOf(plain.at)}
	switch withHeader.kind {
	case listen.Redirects:
		// Redirected whatever the header says.
		if plain.scheme && withHeader.scheme {
			red.Cond = listen.CondScheme
		}
	case listen.RedirectUnknown:
		// The advice would be to send the header, and what the header
		// gets is not known.
		return unknownR
	default:
		red.Cond = listen.CondForwardedProto
	}
	return red
}

// checkPath is the request path Caddy's path matcher compares: the
// check's path without its query, lowercased. Paths Caddy would clean
// first (dot segments, doubled slashes, escapes) are left undecided.
func checkPath(p string) (string, bool) {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "%\\") || strings.Contains(p, "//") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return strings.ToLower(p), true
}

// handlersBetween are the default-order directives after redir and
// before handle that may answer a request or change its path; a plugin's
// directive is not known at all.
var handlersBetween = map[string]bool{
	"method": true, "rewrite": true, "uri": true, "try_files": true,
	"basicauth": true, "basic_auth": true, "forward_auth": true,
	"intercept": true, "invoke": true,
}

// harmless are the standard directives that neither answer before
// handle nor change the path, or that come after handle in the order.
var harmless = map[string]bool{
	"tracing": true, "map": true, "vars": true, "fs": true, "root": true,
	"log_append": true, "skip_log": true, "log_skip": true, "log_name": true,
	"header": true, "request_body": true, "request_header": true,
	"encode": true, "push": true, "templates": true,
	"abort": true, "error": true, "respond": true, "metrics": true,
	"reverse_proxy": true, "php_fastcgi": true, "file_server": true,
	"acme_server": true, "log": true, "tls": true, "bind": true,
	"handle_errors": true, "redir": true, "handle": true, "handle_path": true,
	"route": true,
}

// block evaluates one site or handle block for the check's request in
// one state, in Caddy's directive order. Parse bounds the nesting, and
// so the recursion, at MaxDepth.
func (r *router) block(block []*node, outer map[string]*matcherDef, p string, s state) outcome {
	defs := make(map[string]*matcherDef, len(outer))
	for k, v := range outer {
		defs[k] = v
	}
	var redirs, handles, routes []*node
	nested := false
	for _, d := range block {
		if len(d.words) == 0 {
			continue
		}
		name := d.words[0].text
		switch {
		case strings.HasPrefix(name, "@"):
			if _, dup := defs[name]; dup {
				return undecidable // Caddy refuses a second definition
			}
			defs[name] = r.def(d)
			continue
		case name == "import":
			return undecidable
		case name == "redir":
			redirs = append(redirs, d)
		case name == "handle" || name == "handle_path":
			handles = append(handles, d)
		case name == "route":
			routes = append(routes, d)
		}
		if name != "handle_errors" && d.hasBlock && name != "redir" && containsRedir(d.block) {
			nested = true
		}
	}
	// redir comes before every handler that answers; the first one that
	// matches answers.
	if o, done := r.first(redirs, defs, p, s, func(d *node, m match) outcome { return r.redir(d, m) }); done {
		return o
	}
	if !nested {
		return outcome{}
	}
	for _, d := range block {
		if len(d.words) == 0 || strings.HasPrefix(d.words[0].text, "@") {
			continue
		}
		name := d.words[0].text
		if handlersBetween[name] || !harmless[name] {
			return undecidable
		}
		if d.hasBlock && containsRedir(d.block) && name != "handle" && name != "handle_path" && name != "route" && name != "handle_errors" {
			return undecidable // reverse_proxy's handle_response and the like
		}
	}
	// handle and handle_path blocks are mutually exclusive: the first
	// that matches, in sorted order, runs.
	o, done := r.first(handles, defs, p, s, func(d *node, m match) outcome {
		if d.words[0].text == "handle_path" {
			return undecidable // strips a prefix before its directives see the path
		}
		in := r.block(d.block, defs, p, s)
		in.scheme = in.scheme || m.scheme
		return in
	})
	if done && (o.decided || o.kind == listen.RedirectUnknown) {
		return o
	}
	// route blocks keep their directives' order and are not exclusive;
	// one that may run and holds a redir is not modelled.
	for _, d := range routes {
		if !containsRedir(d.block) {
			continue
		}
		m, _ := r.matcherOf(d, defs)
		if m.eval(p).v[s] != no {
			return undecidable
		}
	}
	return outcome{}
}

// first runs the first directive of ds, in sortRoutes' order, whose
// matcher matches; done is false when none does.
func (r *router) first(ds []*node, defs map[string]*matcherDef, p string, s state, run func(*node, match) outcome) (outcome, bool) {
	type entry struct {
		d       *node
		m       match
		path    string // the single path pattern sortRoutes compares, or ""
		matched bool
	}
	var es []entry
	for _, d := range ds {
		m, pats := r.matcherOf(d, defs)
		e := entry{d: d, m: m.eval(p), matched: m.has}
		if len(pats) == 1 {
			e.path = pats[0]
		}
		es = append(es, e)
	}
	sort.SliceStable(es, func(i, j int) bool { return sortsBefore(es[i].path, es[j].path, es[i].matched, es[j].matched) })
	for _, e := range es {
		switch e.m.v[s] {
		case unknown:
			return undecidable, true
		case yes:
			return run(e.d, e.m), true
		}
	}
	return outcome{}, false
}

// sortsBefore is sortRoutes' comparison of two same-named directives
// (caddyconfig/httpcaddyfile/directives.go, v2.11.4).
func sortsBefore(ip, jp string, im, jm bool) bool {
	if ip != "" && jp != "" {
		it, jt := strings.TrimSuffix(ip, "*"), strings.TrimSuffix(jp, "*")
		if it == jt {
			return len(ip) < len(jp)
		}
		if len(it) == len(jt) {
			return it < jt
		}
		return len(it) > len(jt)
	}
	return im && !jm
}

func containsRedir(block []*node) bool {
	for _, d := range block {
		if len(d.words) > 0 && d.words[0].text == "redir" {
			return true
		}
		if d.hasBlock && containsRedir(d.block) {
			return true
		}
	}
	return false
}

// redir is what a matching redir directive answers.
func (r *router) redir(d *node, m match) outcome {
	args := d.words[1:]
	if len(args) > 0 && isMatcherToken(args[0].text) {
		args = args[1:]
	}
	if len(args) < 1 || len(args) > 2 {
		return undecidable
	}
	to, _, _ := expand(args[0].text, r.env)
	code := ""
	if len(args) == 2 {
		code = args[1].text
	}
	other := outcome{decided: true}
	switch code {
	case "html":
		return other // a 200 with a page: a check passes
	case "", "permanent", "temporary":
	default:
		n, err := strconv.Atoi(code)
		if err != nil || n < 300 || n > 399 {
			// a placeholder, or 401 with a Location: not a redirect to
			// follow, and not flylint's to judge here
			return undecidable
		}
	}
	switch {
	case strings.HasPrefix(strings.ToLower(to), "https://"):
		return outcome{kind: listen.Redirects, decided: true, scheme: m.scheme, at: d.words[0]}
	case strings.HasPrefix(to, "{"):
		return undecidable // the scheme is a placeholder
	}
	return other
}

func isMatcherToken(s string) bool {
	return s == "*" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "@")
}

// matcher is a directive's matcher before it meets a path: path
// patterns ORed (nil for none), negated path patterns, and the other
// conditions, all ANDed.
type matcher struct {
	has      bool // the directive has a matcher token
	paths    []string
	notPaths []string
	rest     match
}

// eval decides the matcher for path p.
func (m matcher) eval(p string) match {
	out := m.rest
	if m.paths != nil {
		out = and(out, anyPath(m.paths, p))
	}
	if m.notPaths != nil {
		out = and(out, not(anyPath(m.notPaths, p)))
	}
	return out
}

func anyPath(pats []string, p string) match {
	pm := all(no)
	for _, pat := range pats {
		switch pathMatch(pat, p) {
		case yes:
			return all(yes)
		case unknown:
			pm = all(unknown)
		}
	}
	return pm
}

var unknownMatcher = matcher{has: true, rest: all(unknown)}

// matcherOf reads a directive's matcher token; pats are its path
// patterns, for sorting.
func (r *router) matcherOf(d *node, defs map[string]*matcherDef) (matcher, []string) {
	if len(d.words) < 2 || !isMatcherToken(d.words[1].text) {
		return matcher{rest: all(yes)}, nil
	}
	t := d.words[1].text
	switch {
	case t == "*":
		// No matcher set at all (NewRoute adds none for "*"), so it
		// sorts with the directives that have no matcher.
		return matcher{rest: all(yes)}, nil
	case strings.HasPrefix(t, "/"):
		return matcher{has: true, paths: []string{t}, rest: all(yes)}, []string{t}
	}
	def := defs[t]
	if def == nil || def.unknown {
		return unknownMatcher, nil
	}
	return r.compile(def)
}

// def reads "@name matcher args", "@name { matcher args ... }" or
// "@name "expression"".
func (r *router) def(d *node) *matcherDef {
	md := &matcherDef{}
	switch {
	case len(d.words) > 1 && !d.hasBlock:
		// A quoted CEL expression lands in simpleMatch as an unknown
		// matcher name.
		md.lines = [][]token{d.words[1:]}
	case len(d.words) == 1 && d.hasBlock:
		for _, l := range d.block {
			if l.hasBlock || len(l.words) == 0 {
				md.unknown = true // "not { ... }" and the like
				continue
			}
			md.lines = append(md.lines, l.words)
		}
	default:
		md.unknown = true
	}
	return md
}

// compile turns a named matcher's lines into a matcher. Caddy
// concatenates lines of one matcher kind (parseMatcherDefinitions):
// path patterns are then ORed, and each "not" line is its own negated
// set, so the nots AND. Two lines of another kind are left unknown.
func (r *router) compile(def *matcherDef) (matcher, []string) {
	m := matcher{has: true, rest: all(yes)}
	seen := map[string]bool{}
	for _, l := range def.lines {
		name := l[0].text
		var args []string
		for _, a := range l[1:] {
			v, _, _ := expand(a.text, r.env)
			args = append(args, v)
		}
		switch {
		case name == "path" && len(args) > 0:
			m.paths = append(m.paths, args...)
		case name == "not" && len(args) >= 2 && args[0] == "path":
			m.notPaths = append(m.notPaths, args[1:]...)
		case name == "not" && len(args) > 0:
			m.rest = and(m.rest, not(simpleMatch(args[0], args[1:])))
		case seen[name] || name == "path" || name == "not":
			return unknownMatcher, nil
		default:
			seen[name] = true
			m.rest = and(m.rest, simpleMatch(name, args))
		}
	}
	return m, m.paths
}

// simpleMatch decides the protocol and X-Forwarded-Proto header
// matchers for a check's request; every other matcher is unknown.
func simpleMatch(name string, args []string) match {
	switch name {
	case "protocol":
		if len(args) != 1 {
			return all(unknown)
		}
		switch args[0] {
		case "http":
			return match{v: [nStates]tri{yes, yes}, scheme: true}
		case "https":
			return match{v: [nStates]tri{no, no}, scheme: true}
		}
	case "header":
		switch {
		case len(args) == 1 && strings.EqualFold(args[0], "!X-Forwarded-Proto"):
			return match{v: [nStates]tri{yes, no}}
		case len(args) == 2 && strings.EqualFold(args[0], "X-Forwarded-Proto"):
			switch args[1] {
			case "https", "https*", "*https", "*https*", "*":
				return match{v: [nStates]tri{no, yes}}
			case "http":
				// A check that sends X-Forwarded-Proto: http itself
				// would match; flylint's model has only the two states.
				return match{v: [nStates]tri{no, no}}
			}
		}
	}
	return all(unknown)
}

// pathMatch is MatchPath for one pattern against a clean, lowercased
// path (modules/caddyhttp/matchers.go, v2.11.4).
func pathMatch(pattern, p string) tri {
	if strings.Contains(pattern, "{") || strings.Contains(pattern, "%") || strings.Contains(pattern, "//") {
		return unknown // placeholders, escapes and doubled slashes change how Caddy compares
	}
	pattern = strings.ToLower(pattern)
	if pattern == "*" {
		return yes
	}
	b := func(v bool) tri {
		if v {
			return yes
		}
		return no
	}
	n := strings.Count(pattern, "*")
	switch {
	case n == 2 && strings.HasPrefix(pattern, "*") && strings.HasSuffix(pattern, "*"):
		return b(strings.Contains(p, pattern[1:len(pattern)-1]))
	case n == 1 && strings.HasPrefix(pattern, "*"):
		return b(strings.HasSuffix(p, pattern[1:]))
	case n == 1 && strings.HasSuffix(pattern, "*"):
		return b(strings.HasPrefix(p, pattern[:len(pattern)-1]))
	}
	ok, _ := path.Match(pattern, p)
	return b(ok)
}
