package nginxconf

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// Routes reads what an http server block does with a plain request as
// far as redirects to https:// go: the rewrite module's return, rewrite
// and if at server level and in each prefix location
// (https://nginx.org/en/docs/http/ngx_http_rewrite_module.html, 1.27).
// What it cannot decide it marks undecided, never redirecting.
func Routes(server []*Directive) *listen.HTTPRoutes {
	r := &routes{server: scanRewrite(server)}
	for _, d := range server {
		if d.Name.Text == "include" {
			r.undecided = true
		}
		if d.Name.Text != "location" || !d.HasBlock {
			continue
		}
		var loc location
		switch a := d.Args; {
		case len(a) == 2 && a[0].Text == "=":
			loc = location{exact: true, prefix: a[1].Text}
		case len(a) == 2 && a[0].Text == "^~":
			loc = location{prefix: a[1].Text}
		case len(a) == 1 && strings.HasPrefix(a[0].Text, "/"):
			loc = location{prefix: a[0].Text}
		case len(a) == 1 && strings.HasPrefix(a[0].Text, "@"):
			continue // named: reached only by an internal redirect
		default:
			r.undecided = true // regex: may win over any prefix
			continue
		}
		for _, in := range d.Block {
			if in.Name.Text == "location" {
				r.undecided = true
			}
		}
		loc.redirect = scanRewrite(d.Block)
		r.locations = append(r.locations, loc)
	}
	return &listen.HTTPRoutes{By: "nginx", Lookup: r.lookup}
}

// routes is one server block's rewrite outcomes: the server-level
// rewrite phase runs before a location is chosen, so it applies to every
// path; then the location the path lands in decides.
type routes struct {
	server    listen.Redirect
	locations []location
	// undecided is set when the location a path lands in cannot be told
	// from prefixes alone (regex or nested locations, includes).
	undecided bool
}

// location is one "location [=|^~] /prefix" block.
type location struct {
	exact    bool
	prefix   string
	redirect listen.Redirect
}

// lookup is the outcome for path; an empty path decides only a
// server-level redirect.
func (r *routes) lookup(path string) listen.Redirect {
	if r.server.Kind != listen.NoRedirect {
		return r.server
	}
	if r.undecided || path == "" {
		return listen.Redirect{Kind: listen.RedirectUnknown}
	}
	// nginx picks an exact match first, else the longest prefix
	// (https://nginx.org/en/docs/http/ngx_http_core_module.html#location, 1.27).
	best := -1
	for i, l := range r.locations {
		if l.exact {
			if l.prefix == path {
				return l.redirect
			}
			continue
		}
		if strings.HasPrefix(path, l.prefix) && (best < 0 || len(l.prefix) > len(r.locations[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return listen.Redirect{}
	}
	return r.locations[best].redirect
}

// scanRewrite runs a block's rewrite directives in order, as nginx does,
// for a plain request without X-Forwarded-Proto.
func scanRewrite(dirs []*Directive) listen.Redirect {
	unknown := listen.Redirect{Kind: listen.RedirectUnknown}
	for _, d := range dirs {
		switch d.Name.Text {
		case "include":
			return unknown
		case "break":
			return listen.Redirect{}
		case "return":
			return returnRedirect(d)
		case "rewrite":
			return rewriteRedirect(d)
		case "if":
			if !d.HasBlock || !hasRewrite(d.Block) {
				continue
			}
			cond, taken := ifCondition(d.Args)
			if cond == "" {
				return unknown
			}
			if !taken {
				continue
			}
			in := scanRewrite(d.Block)
			if in.Kind == listen.Redirects && in.Cond == "" {
				in.Cond = cond
				return in
			}
			return unknown
		}
	}
	return listen.Redirect{}
}

func hasRewrite(dirs []*Directive) bool {
	for _, d := range dirs {
		switch d.Name.Text {
		case "return", "rewrite", "break", "if", "include":
			return true
		}
	}
	return false
}

// returnRedirect reads "return code URL" and "return URL" (a 302).
func returnRedirect(d *Directive) listen.Redirect {
	a := d.Args
	var url string
	switch {
	case len(a) == 1 && !allDigits(a[0].Text):
		url = a[0].Text
	case len(a) == 2 && (a[0].Text == "301" || a[0].Text == "302" || a[0].Text == "303" || a[0].Text == "307" || a[0].Text == "308"):
		url = a[1].Text
	case len(a) >= 1 && allDigits(a[0].Text):
		return listen.Redirect{} // a response of its own
	default:
		return listen.Redirect{Kind: listen.RedirectUnknown}
	}
	if strings.HasPrefix(strings.ToLower(url), "https://") {
		return listen.Redirect{Kind: listen.Redirects, Range: d.Name.Range}
	}
	return listen.Redirect{Kind: listen.RedirectUnknown}
}

// matchesAll are rewrite regexes that match every URI.
var matchesAll = map[string]bool{"^": true, "^(.*)$": true, "^/(.*)$": true, "^(.*)": true, "^/(.*)": true, ".*": true, "(.*)": true, "^.*$": true, "^.*": true, "^/?(.*)$": true}

// rewriteRedirect reads "rewrite regex https://... [permanent|redirect]":
// a replacement starting with https:// is a redirect whatever the flag.
func rewriteRedirect(d *Directive) listen.Redirect {
	a := d.Args
	if len(a) < 2 || len(a) > 3 || !matchesAll[a[0].Text] || !strings.HasPrefix(strings.ToLower(a[1].Text), "https://") {
		return listen.Redirect{Kind: listen.RedirectUnknown}
	}
	if len(a) == 3 && a[2].Text != "permanent" && a[2].Text != "redirect" && a[2].Text != "last" && a[2].Text != "break" {
		return listen.Redirect{Kind: listen.RedirectUnknown}
	}
	return listen.Redirect{Kind: listen.Redirects, Range: d.Name.Range}
}

// ifCondition classifies an if's condition for a health check's request:
// plain HTTP, no X-Forwarded-Proto. cond is "" when flylint does not
// model the condition; taken says whether such a request enters the block.
// An absent header makes $http_x_forwarded_proto empty, so
// "!= https" is taken and "= http" is not.
func ifCondition(args []Word) (cond string, taken bool) {
	var parts []string
	for _, a := range args {
		parts = append(parts, a.Text)
	}
	s := strings.TrimSpace(strings.Join(parts, " "))
	s, ok1 := strings.CutPrefix(s, "(")
	s, ok2 := strings.CutSuffix(s, ")")
	f := strings.Fields(s)
	if !ok1 || !ok2 || len(f) != 3 {
		return "", false
	}
	v := strings.ToLower(f[2])
	switch f[0] {
	case "$http_x_forwarded_proto":
		switch {
		case f[1] == "!=" && v == "https":
			return listen.CondForwardedProto, true
		case f[1] == "=" && v == "http":
			return listen.CondForwardedProto, false
		}
	case "$scheme":
		switch {
		case f[1] == "=" && v == "http", f[1] == "!=" && v == "https":
			return listen.CondScheme, true
		}
	}
	return "", false
}
