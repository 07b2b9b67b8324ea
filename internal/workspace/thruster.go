package workspace

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// Thruster (basecamp/thruster@3acd601, v0.1.22), the proxy Rails 8 puts
// in front of Puma (CMD ["./bin/thrust", "./bin/rails", "server"]), runs
// its arguments as the app and:
//
//   - reads each setting from THRUSTER_<NAME>, else <NAME>
//     (internal/config.go findEnv); a number that does not parse falls
//     back to the default (getEnvInt);
//   - listens on ":<HTTP_PORT>" (80) with Go's net.Listen("tcp"), every
//     IPv4 and IPv6 address, and with TLS_DOMAIN set also on
//     ":<HTTPS_PORT>" (443), the HTTP port then only redirecting
//     (internal/server.go Start);
//   - proxies to http://localhost:<TARGET_PORT> (3000), and sets PORT to
//     TARGET_PORT in the app's environment (internal/service.go).

// thrusterListeners gives the listeners of a `thrust <cmd…>` process:
// Thruster's own and those of the command it runs.
func (b *appBuilder) thrusterListeners(g *Group, argv []listen.Arg) ([]listen.Listener, bool) {
	if len(argv) < 2 {
		return nil, false
	}
	env := b.app.Env
	setting := func(name string) (listen.Var, bool) {
		if v, ok := env["THRUSTER_"+name]; ok {
			return v, true
		}
		v, ok := env[name]
		return v, ok
	}
	number := func(name string, def int) (listen.Port, bool) {
		p := listen.Port{Number: def, Env: name, Default: def, IsDefault: true}
		v, ok := setting(name)
		if !ok {
			return p, true
		}
		if v.Unknown {
			return p, false
		}
		if n, err := strconv.Atoi(v.Value); err == nil {
			p.Number, p.EnvSet, p.IsDefault, p.Env = n, true, false, v.Name
		}
		return p, validPort(p.Number)
	}
	httpPort, ok1 := number("HTTP_PORT", 80)
	httpsPort, ok2 := number("HTTPS_PORT", 443)
	target, ok3 := number("TARGET_PORT", 3000)
	tls := false
	if v, ok := setting("TLS_DOMAIN"); ok {
		if v.Unknown {
			return nil, false
		}
		for _, d := range strings.Split(v.Value, ",") {
			tls = tls || strings.TrimSpace(d) != ""
		}
	}
	if !ok1 || !ok3 || tls && !ok2 {
		return nil, false
	}
	host := listen.Host{Class: listen.ClassifyHost("", "go"), Text: "", Default: true, Network: "tcp"}
	proxy := []listen.Upstream{{Host: "localhost", Port: target.Number, Range: argv[0].Range}}
	mk := func(p listen.Port) listen.Listener {
		return listen.Listener{Proto: listen.TCP, Origin: "Thruster", Program: "thrust", Range: argv[0].Range, Host: host, Port: p}
	}
	var out []listen.Listener
	if tls {
		https := mk(httpsPort)
		https.ProxyTo = proxy
		out = append(out, mk(httpPort), https)
	} else {
		l := mk(httpPort)
		l.ProxyTo = proxy
		out = append(out, l)
	}
	// The app, with the PORT Thruster gives it.
	appEnv := make(listen.Env, len(env)+1)
	for k, v := range env {
		appEnv[k] = v
	}
	appEnv["PORT"] = listen.Var{Name: "PORT", Value: strconv.Itoa(target.Number), Origin: "command"}
	app := listen.Command{Args: argv[1:], Origin: "thrust"}
	res := listen.Interpret(app, appEnv)
	for _, s := range res.Skipped {
		b.limit(s.Range, s.Message)
	}
	sub := &Group{Name: g.Name, Command: app, HasCommand: true, Listeners: res.Listeners, ListenersKnown: res.Known, Interpreted: res}
	b.addPumaListeners(sub, appEnv)
	out = append(out, sub.Listeners...)
	return out, sub.ListenersKnown
}
