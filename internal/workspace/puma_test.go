package workspace

import (
	"strconv"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

func pumaApp(cmd, pumaRB string, edit func(map[string]string)) map[string]string {
	files := map[string]string{
		"fly.toml": "app = \"web\"\n\n[http_service]\n  internal_port = 3000\n",
		"Dockerfile": "FROM ruby:3.3-slim\nWORKDIR /rails\nENV RAILS_ENV=production\nCOPY . .\n" +
			"CMD " + cmd + "\n",
	}
	if pumaRB != "" {
		files["config/puma.rb"] = pumaRB
	}
	if edit != nil {
		edit(files)
	}
	return files
}

func TestPumaListeners(t *testing.T) {
	const rails = `["./bin/rails", "server"]`
	const puma = `["bundle", "exec", "puma", "-C", "config/puma.rb"]`
	type want struct {
		port  int
		host  string
		class listen.HostClass
		env   string
		file  string // the listener's range: file:line, "" for the command
	}
	for _, tc := range []struct {
		name   string
		cmd    string
		pumaRB string
		edit   func(map[string]string)
		known  bool
		want   []want
	}{
		// Rails 7.1's generated file under rails server: PORT unset,
		// so the file's bind stands, with Rails' host.
		{"rails-generated", rails, "threads 1, 1\nport ENV.fetch(\"PORT\") { 3000 }\n", nil, true,
			[]want{{3000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", "config/puma.rb:2"}}},
		{"rails-file-port", rails, "port 8080\n", nil, true,
			[]want{{8080, "0.0.0.0", listen.HostIPv4Wildcard, "", "config/puma.rb:1"}}},
		{"rails-development-host", rails, "port 8080\n", func(f map[string]string) {
			f["Dockerfile"] = strings.Replace(f["Dockerfile"], "ENV RAILS_ENV=production\n", "", 1)
		}, true, []want{{8080, "localhost", listen.HostLoopback, "", "config/puma.rb:1"}}},
		// PORT set makes Rails pass the port as the user's: the file's
		// binds no longer count.
		{"rails-port-env", rails, "port 8080\n", func(f map[string]string) {
			f["fly.toml"] += "\n[env]\n  PORT = \"9000\"\n"
		}, true, []want{{9000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", ""}}},
		{"rails-port-flag", `["./bin/rails", "server", "-p", "4000"]`, "port 8080\n", nil, true,
			[]want{{4000, "0.0.0.0", listen.HostIPv4Wildcard, "", ""}}},
		// -b alone puts Rails' port in the user layer too.
		{"rails-bind-flag", `["./bin/rails", "server", "-b", "0.0.0.0"]`, "port 8080\n", nil, true,
			[]want{{3000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", ""}}},
		{"rails-other-server", `["./bin/rails", "server", "-u", "thin"]`, "port 8080\n", nil, true,
			[]want{{3000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", ""}}},
		{"rails-no-file", rails, "", nil, true,
			[]want{{3000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", ""}}},
		{"rails-bind-loopback", rails, "bind \"tcp://127.0.0.1:3000\"\n", nil, true,
			[]want{{3000, "127.0.0.1", listen.HostLoopback, "", "config/puma.rb:1"}}},
		{"rails-conditional", rails, "if ENV['X']\n  port 8080\nend\n", nil, false, nil},
		// puma -C: the host is Puma's default, which its version decides.
		{"puma-C-6", puma, "port ENV.fetch(\"PORT\", 3000)\n", func(f map[string]string) {
			f["Gemfile.lock"] = "GEM\n  specs:\n    puma (6.4.2)\n      nio4r (~> 2.0)\n"
		}, true, []want{{3000, "0.0.0.0", listen.HostIPv4Wildcard, "PORT", "config/puma.rb:1"}}},
		{"puma-C-8", puma, "port ENV.fetch(\"PORT\", 3000)\n", func(f map[string]string) {
			f["Gemfile.lock"] = "GEM\n  specs:\n    puma (8.0.0)\n"
		}, true, []want{{3000, "::", listen.HostDualStack, "PORT", "config/puma.rb:1"}}},
		{"puma-C-no-lock", puma, "port ENV.fetch(\"PORT\", 3000)\n", nil, true,
			[]want{{3000, "", listen.HostUnknown, "PORT", "config/puma.rb:1"}}},
		{"puma-C-port-env", puma, "port ENV.fetch(\"PORT\", 3000)\n", func(f map[string]string) {
			f["fly.toml"] += "\n[env]\n  PORT = \"8080\"\n"
		}, true, []want{{8080, "", listen.HostUnknown, "PORT", "config/puma.rb:1"}}},
		{"puma-C-missing", `["puma", "-C", "config/other.rb"]`, "port 1\n", nil, false, nil},
		{"puma-C-unreadable", puma, "port ENV.fetch('PORT').to_i\n", nil, false, nil},
		// Without -C the environment's file comes first.
		{"puma-env-file", `["bundle", "exec", "puma"]`, "port 3000\n", func(f map[string]string) {
			f["config/puma/production.rb"] = "x = 1\nport 5000\n"
		}, true, []want{{5000, "", listen.HostUnknown, "", "config/puma/production.rb:2"}}},
		{"puma-default-file", `["bundle", "exec", "puma"]`, "port 3000\n", nil, true,
			[]want{{3000, "", listen.HostUnknown, "", "config/puma.rb:1"}}},
		{"puma-flag-wins", `["bundle", "exec", "puma", "-p", "7000"]`, "port 3000\n", nil, true,
			[]want{{7000, "0.0.0.0", listen.HostIPv4Wildcard, "", ""}}},
		{"rackup-options", rails, "port 8080\n", func(f map[string]string) {
			f["config.ru"] = "#\\ -p 9000\nrun Rails.application\n"
		}, false, nil},
		{"rackup-plain", rails, "port 8080\n", func(f map[string]string) {
			f["config.ru"] = "# comment\nrun Rails.application\n"
		}, true, []want{{8080, "0.0.0.0", listen.HostIPv4Wildcard, "", "config/puma.rb:1"}}},
		{"puma-script-env", `bundle exec puma`, "port 3000\n", func(f map[string]string) {
			f["Dockerfile"] = strings.Replace(f["Dockerfile"], "CMD bundle exec puma", "CMD RAILS_ENV=staging bundle exec puma", 1)
		}, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := Load([]string{writeFiles(t, pumaApp(tc.cmd, tc.pumaRB, tc.edit))}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if g.ListenersKnown != tc.known || len(g.Listeners) != len(tc.want) {
				t.Fatalf("known %v, listeners %+v", g.ListenersKnown, g.Listeners)
			}
			for i, w := range tc.want {
				l := g.Listeners[i]
				if l.Port.Number != w.port || l.Host.Text != w.host || l.Host.Class != w.class || l.Port.Env != w.env {
					t.Errorf("listener %d: %+v, want %+v", i, l, w)
				}
				at := ""
				if _, rel, ok := strings.Cut(l.Range.File, "/config/"); ok {
					at = "config/" + rel + ":" + strconv.Itoa(l.Range.Start.Line)
				}
				if at != w.file {
					t.Errorf("listener %d at %q, want %q", i, at, w.file)
				}
			}
		})
	}
}
