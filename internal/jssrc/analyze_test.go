package jssrc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// render shows every field a rule may use, and the positions.
func render(l listen.Listener) string {
	h, p := l.Host, l.Port
	return fmt.Sprintf("%s %s host=%q/%s def=%v env=%s port=%d env=%s set=%v dflt=%d req=%v isdef=%v @%s port@%s host@%s",
		l.Origin, l.Proto, h.Text, h.Class, h.Default, h.Env, p.Number, p.Env, p.EnvSet, p.Default, p.Required, p.IsDefault,
		pos(l.Range), pos(l.PortRange), pos(l.HostRange))
}

func pos(r interface{ String() string }) string {
	return strings.TrimPrefix(r.String(), "testdata/app/")
}

func TestShapes(t *testing.T) {
	env := func(kv ...string) listen.Env {
		e := listen.Env{}
		for i := 0; i+1 < len(kv); i += 2 {
			e[kv[i]] = listen.Var{Name: kv[i], Value: kv[i+1]}
		}
		return e
	}
	cases := []struct {
		entry   string
		env     listen.Env
		runtime string
		want    []string
	}{
		{"node_http.js", nil, "", []string{
			`http.createServer().listen tcp host="0.0.0.0"/IPv4 wildcard def=false env= port=3000 env=PORT set=false dflt=3000 req=false isdef=false @node_http.js:3:48 port@node_http.js:3:55 host@node_http.js:3:61`}},
		{"node_http.js", env("PORT", "8080"), "", []string{
			`http.createServer().listen tcp host="0.0.0.0"/IPv4 wildcard def=false env= port=8080 env=PORT set=true dflt=3000 req=false isdef=false @node_http.js:3:48 port@node_http.js:3:55 host@node_http.js:3:61`}},
		{"express.mjs", nil, "", []string{
			`app.listen tcp host="::"/dual-stack wildcard def=true env= port=8080 env=PORT set=false dflt=8080 req=false isdef=false @express.mjs:4:5 port@express.mjs:4:12 host@`}},
		{"koa.js", nil, "", []string{
			`app.listen tcp host="127.0.0.1"/loopback def=false env= port=4000 env=PORT set=false dflt=4000 req=false isdef=false @koa.js:4:5 port@koa.js:4:12 host@koa.js:4:25`}},
		{"fastify.ts", nil, "", []string{
			`fastify.listen tcp host="localhost"/loopback def=true env= port=3000 env= set=false dflt=0 req=false isdef=false @fastify.ts:3:11 port@fastify.ts:3:26 host@`,
			`fastify.listen tcp host="0.0.0.0"/IPv4 wildcard def=false env= port=3001 env= set=false dflt=0 req=false isdef=false @fastify.ts:5:7 port@fastify.ts:5:22 host@fastify.ts:5:34`}},
		{"hapi.js", nil, "", []string{
			`hapi server tcp host="localhost"/loopback def=false env= port=3000 env= set=false dflt=0 req=false isdef=false @hapi.js:2:21 port@hapi.js:2:36 host@hapi.js:2:48`}},
		{"bun.ts", nil, "bun", []string{
			`Bun.serve tcp host="127.0.0.1"/loopback def=false env= port=3000 env=PORT set=false dflt=3000 req=false isdef=false @bun.ts:1:5 port@ host@bun.ts:2:13`}},
		{"bun.ts", env("BUN_PORT", "9000"), "bun", []string{
			`Bun.serve tcp host="127.0.0.1"/loopback def=false env= port=9000 env=BUN_PORT set=true dflt=3000 req=false isdef=false @bun.ts:1:5 port@ host@bun.ts:2:13`}},
		{"bundefault.ts", nil, "bun", []string{
			`Bun.serve (export default) tcp host="0.0.0.0"/IPv4 wildcard def=true env= port=3000 env=PORT set=false dflt=3000 req=false isdef=false @bundefault.ts:2:16 port@bundefault.ts:3:9 host@`}},
		// Without bun running it, a default export serves nothing.
		{"bundefault.ts", nil, "node", nil},
		{"deno.tsx", nil, "deno", []string{
			`Deno.serve tcp host="0.0.0.0"/IPv4 wildcard def=false env= port=8000 env= set=false dflt=0 req=false isdef=false @deno.tsx:2:6 port@deno.tsx:2:20 host@deno.tsx:2:36`}},
		{"hono.ts", nil, "", []string{
			`@hono/node-server serve tcp host="::"/dual-stack wildcard def=true env= port=8787 env= set=false dflt=0 req=false isdef=false @hono.ts:4:1 port@hono.ts:4:33 host@`}},
		{"dgram.js", nil, "", []string{
			`dgram.Socket.bind udp host="fly-global-services"/fly-global-services def=false env= port=5353 env= set=false dflt=0 req=false isdef=false @dgram.js:3:3 port@dgram.js:3:8 host@dgram.js:3:14`,
			`dgram.Socket.bind udp host="0.0.0.0"/IPv4 wildcard def=true env= port=53 env= set=false dflt=0 req=false isdef=false @dgram.js:5:3 port@dgram.js:5:16 host@`}},
		// A secret port and a reassigned host stay unknown.
		{"secret.js", nil, "", []string{
			`app.listen tcp host=""/unknown def=false env= port=0 env=SECRET_PORT set=false dflt=0 req=false isdef=false @secret.js:4:5 port@secret.js:4:12 host@secret.js:4:18`}},
		{"decoy.js", nil, "", nil},
		{"cjs.js", nil, "", []string{
			`net.createServer().listen tcp host="::"/dual-stack wildcard def=false env= port=5000 env= set=false dflt=0 req=false isdef=false @cjs.js:3:20 port@cjs.js:3:29 host@cjs.js:3:35`}},
		{"cond.js", env("NODE_ENV", "production"), "", []string{
			`app.listen tcp host="0.0.0.0"/IPv4 wildcard def=false env= port=8080 env= set=false dflt=0 req=false isdef=false @cond.js:2:5 port@cond.js:2:12 host@cond.js:2:18`}},
		{"cond2.ts", nil, "", []string{
			`app.listen tcp host="::"/dual-stack wildcard def=true env= port=3000 env=PORT set=false dflt=3000 req=false isdef=false @cond2.ts:2:5 port@cond2.ts:2:12 host@`}},
		{"cond2.ts", env("PORT", "8080"), "", []string{
			`app.listen tcp host="::"/dual-stack wildcard def=true env= port=8080 env=PORT set=true dflt=3000 req=false isdef=false @cond2.ts:2:5 port@cond2.ts:2:12 host@`}},
		{"nest.ts", nil, "", []string{
			`app.listen tcp host="::"/dual-stack wildcard def=true env= port=3000 env=PORT set=false dflt=3000 req=false isdef=false @nest.ts:6:13 port@nest.ts:6:20 host@`}},
		{"cond.js", nil, "", []string{
			`app.listen tcp host="127.0.0.1"/loopback def=false env= port=8080 env= set=false dflt=0 req=false isdef=false @cond.js:2:5 port@cond.js:2:12 host@cond.js:2:18`}},
	}
	for _, c := range cases {
		res := Analyze(c.entry, Options{Root: "testdata/app", Env: c.env, Runtime: c.runtime})
		if len(res.Errors) > 0 {
			t.Errorf("%s: errors %v", c.entry, res.Errors)
		}
		var got []string
		for _, l := range res.Listeners {
			got = append(got, render(l))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s %v:\n got %s\nwant %s", c.entry, c.env, strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
		}
	}
}
