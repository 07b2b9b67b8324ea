package workspace

import (
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/rubysrc"
	"github.com/flylint-dev/flylint/internal/source"
)

// Where Puma listens (puma/puma v6.6.0, 08f63d4 v8.0.0):
//
//   - Options come in three layers, the command line ("user"), the
//     config file and the defaults; for :binds the first layer that sets
//     it wins whole (configuration.rb UserFileDefaultOptions#fetch).
//   - `puma` puts -b and -p in the user layer (cli.rb). It loads -C's
//     file, else the first of config/puma/<env>.rb and config/puma.rb
//     that exists, relative to the working directory, env being -e, else
//     APP_ENV || RACK_ENV || RAILS_ENV, else development
//     (configuration.rb config_files, puma_options_from_env).
//   - `rails server` runs Puma through its Rack handler
//     (lib/rack/handler/puma.rb), which loads the same default files with
//     Rails' environment. Rails marks Port as given by the user only for
//     -p or when PORT is set, and Host for -b, HOST or BINDING (railties
//     server_command.rb user_supplied_options, rails/rails@00f944e); only
//     then does the handler put them in the user layer. Otherwise the
//     file's binds win, and Rails' host becomes the file's default host
//     (file_config.set_default_host).
//   - The DSL's `port p` binds tcp://<default host>:p; the default host
//     is 0.0.0.0 up to Puma 7, and in Puma 8 "::" when the machine has a
//     non-loopback IPv6 interface, which a Fly Machine has (its 6PN
//     address), else 0.0.0.0 (Configuration.default_tcp_host).

// pumaLockRe finds Puma's version in Gemfile.lock's specs.
var pumaLockRe = lazyre.New(`(?m)^    puma \((\d+)\.`)

// addPumaListeners replaces the listeners of a group that runs Puma
// (directly or through `rails server`) with the binds of the Puma
// configuration file it loads, when that file decides them. env is the
// environment the server sees. A file flylint cannot read, or whose binds
// are conditional, leaves the group's listeners unknown.
func (b *appBuilder) addPumaListeners(g *Group, env listen.Env) {
	res := g.Interpreted
	rails := res.Program == "rails server"
	if !rails && res.Program != "puma" || len(res.Argv) == 0 || len(g.Listeners) != len(res.Listeners) {
		return
	}
	for _, l := range g.Listeners {
		if !l.Port.IsDefault || !l.Host.Default {
			return // given on the command line or by PORT/BINDING: the file does not count
		}
	}
	unknown := func() {
		g.Listeners, g.ListenersKnown = nil, false
	}
	if b.app.Image == nil || b.app.Dockerfile == nil || b.buildContext() == "" {
		return
	}
	if _, ok := env["HOST"]; rails && ok {
		return // Rails takes HOST as the user's host too
	}
	// An environment or directory a script sets is not followed.
	for _, a := range g.Command.Args {
		t := a.Text
		for _, s := range []string{"RAILS_ENV", "RACK_ENV", "APP_ENV", "cd ", "--dir", "chdir"} {
			if strings.Contains(t, s) || t == "cd" {
				unknown()
				return
			}
		}
	}
	conf, railsEnv := "", ""
	argv := res.Argv
	for i := 1; i < len(argv); i++ {
		t := argv[i].Text
		name, val, has := strings.Cut(t, "=")
		value := func() (string, bool) {
			if has {
				return val, true
			}
			if i+1 < len(argv) {
				i++
				return argv[i].Text, true
			}
			return "", false
		}
		switch {
		case !rails && (name == "-C" || name == "--config"):
			v, ok := value()
			if !ok || v == "-" {
				return
			}
			conf = v
		case !rails && strings.HasPrefix(t, "-C"):
			conf = t[2:]
		case name == "-e" || name == "--environment":
			v, ok := value()
			if !ok {
				return
			}
			railsEnv = v
		case strings.HasPrefix(t, "-e"):
			railsEnv = t[2:]
		case rails && (name == "-u" || name == "--using"):
			if v, ok := value(); !ok || v != "puma" {
				return // another Rack server reads no Puma file
			}
		case rails && strings.HasPrefix(t, "-u"):
			if t[2:] != "puma" {
				return
			}
		}
	}
	if railsEnv == "" {
		var ok bool
		if railsEnv, ok = serverEnv(env, rails); !ok {
			unknown()
			return
		}
	}
	wd := b.app.Image.Workdir
	if !strings.HasPrefix(wd, "/") || !envName(railsEnv) {
		unknown()
		return
	}
	cands := []string{path.Join(wd, "config/puma", railsEnv+".rb"), path.Join(wd, "config/puma.rb")}
	if conf != "" {
		if !path.IsAbs(conf) {
			conf = path.Join(wd, conf)
		}
		cands = []string{conf}
	}
	watched := []string{path.Join(wd, "config"), path.Join(wd, "Gemfile.lock"), path.Join(wd, "config.ru")}
	if conf != "" {
		watched = append(watched, path.Dir(conf))
	}
	fsys := newImageFS(b, b.buildContext(), nil, watched)
	var data []byte
	disp := ""
	for _, c := range cands {
		d, dp, present, ok := fsys.readThrough(c)
		if !ok {
			unknown()
			return
		}
		if present {
			data, disp = d, dp
			break
		}
	}
	if disp == "" {
		if conf != "" {
			unknown() // Puma stops when -C names a missing file
		}
		return // no file: the defaults stand
	}
	// A rackup file's first line may carry server options (`#\ -p
	// 8080`), which Puma merges into the file layer (configuration.rb
	// load_rackup, v6.6.0) and Rack's server reads too: not followed.
	if ru, _, present, ok := fsys.readThrough(path.Join(wd, "config.ru")); !ok || present && bytes.HasPrefix(ru, []byte("#\\")) {
		unknown()
		return
	}
	cfg, err := rubysrc.ReadPuma(data)
	if err != nil {
		unknown()
		return
	}
	if len(cfg.Binds) == 0 {
		return
	}
	lines := source.NewLines(data)
	defHost := listen.Host{Class: listen.HostUnknown}
	if rails {
		defHost = g.Listeners[0].Host
	} else if lock, _, present, ok := fsys.readThrough(path.Join(wd, "Gemfile.lock")); ok && present {
		if m := pumaLockRe().FindSubmatch(lock); m != nil {
			defHost = listen.Host{Class: listen.HostIPv4Wildcard, Text: "0.0.0.0", Default: true}
			if n, _ := strconv.Atoi(string(m[1])); n >= 8 {
				defHost = listen.Host{Class: listen.HostDualStack, Text: "::", Default: true}
			}
		}
	}
	var out []listen.Listener
	for _, pb := range cfg.Binds {
		l := listen.Listener{Proto: listen.TCP, Origin: "Puma (" + path.Base(disp) + ")", Program: res.Program,
			Range: lines.Range(disp, pb.Off, pb.End)}
		if pb.URL != "" {
			host, port, isUnix, ok := pumaURL(pb.URL)
			if isUnix {
				continue
			}
			if !ok {
				unknown()
				return
			}
			l.Host = listen.Host{Class: listen.ClassifyHost(host, "ruby"), Text: host}
			l.Port = listen.Port{Number: port}
			out = append(out, l)
			continue
		}
		l.Host = defHost
		if pb.Host != "" {
			l.Host = listen.Host{Class: listen.ClassifyHost(pb.Host, "ruby"), Text: pb.Host}
		}
		p, ok := pumaPort(pb, env)
		if !ok {
			unknown()
			return
		}
		l.Port = p
		out = append(out, l)
	}
	if len(out) == 0 {
		unknown() // only unix sockets: not followed
		return
	}
	g.Listeners = out
	if !res.Known {
		// The interpreter gave up on -C alone when no other command
		// runs beside Puma.
		g.ListenersKnown = len(res.Others) == 0 && res.Tails <= 1
	}
}

// serverEnv is the environment name the server picks when no -e is
// given: Rails' (RAILS_ENV, else RACK_ENV, each only when non-empty:
// railties lib/rails.rb Rails.env) or Puma's (APP_ENV || RACK_ENV ||
// RAILS_ENV, where Ruby takes an empty string as set).
func serverEnv(env listen.Env, rails bool) (string, bool) {
	names := []string{"APP_ENV", "RACK_ENV", "RAILS_ENV"}
	if rails {
		names = []string{"RAILS_ENV", "RACK_ENV"}
	}
	for _, n := range names {
		v, ok := env[n]
		if !ok {
			continue
		}
		if v.Unknown {
			return "", false
		}
		if v.Value != "" || !rails {
			return v.Value, true
		}
	}
	return "development", true
}

// pumaPort resolves a `port` argument in the environment.
func pumaPort(pb rubysrc.PumaBind, env listen.Env) (listen.Port, bool) {
	if pb.Env == "" {
		return listen.Port{Number: pb.Port}, validPort(pb.Port)
	}
	p := listen.Port{Env: pb.Env, Default: pb.Port}
	if v, set := env[pb.Env]; set {
		n, err := strconv.Atoi(v.Value)
		if v.Unknown || err != nil || !validPort(n) {
			return p, false // Integer() may take it or fail: not guessed
		}
		p.Number, p.EnvSet = n, true
		if v.Origin == "command" {
			p.Env, p.EnvSet, p.Default = "", false, 0 // as good as written out
		}
		return p, true
	}
	if !pb.HasDefault {
		p.Required = true
		return p, true
	}
	p.Number = pb.Port
	return p, validPort(p.Number)
}

func validPort(n int) bool { return n > 0 && n < 65536 }

// pumaURL reads a bind URL (puma binder.rb: tcp://, ssl://, unix://).
func pumaURL(s string) (host string, port int, isUnix, ok bool) {
	u, err := url.Parse(s)
	if err != nil {
		return "", 0, false, false
	}
	switch u.Scheme {
	case "unix":
		return "", 0, true, true
	case "tcp", "ssl":
	default:
		return "", 0, false, false
	}
	n, err := strconv.Atoi(u.Port())
	if err != nil || !validPort(n) {
		return "", 0, false, false
	}
	return u.Hostname(), n, false, true
}
