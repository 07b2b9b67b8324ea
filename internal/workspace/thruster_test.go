package workspace

import (
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

func TestThrusterListeners(t *testing.T) {
	// Rails 8.0's generated Dockerfile (railties v8.0.0
	// generators/rails/app/templates/Dockerfile.tt): ENTRYPOINT
	// bin/docker-entrypoint, EXPOSE 80, CMD thrust + rails server.
	const rails8 = `CMD ["./bin/thrust", "./bin/rails", "server"]`
	type want struct {
		port, proxyTo int
		program       string
	}
	for _, tc := range []struct {
		name, cmd, env, pumaRB string
		known                  bool
		want                   []want
	}{
		{"rails8", rails8, "", "port ENV.fetch(\"PORT\", 3000)\n", true,
			[]want{{80, 3000, "thrust"}, {3000, 0, "rails server"}}},
		// PORT in [env] does not reach Rails: Thruster sets it to
		// TARGET_PORT.
		{"port-env-overridden", rails8, "PORT = \"8080\"\n", "", true,
			[]want{{80, 3000, "thrust"}, {3000, 0, "rails server"}}},
		{"ports-set", rails8, "HTTP_PORT = \"8080\"\nTHRUSTER_TARGET_PORT = \"4000\"\n", "", true,
			[]want{{8080, 4000, "thrust"}, {4000, 0, "rails server"}}},
		{"bad-number-default", rails8, "HTTP_PORT = \"eighty\"\n", "", true,
			[]want{{80, 3000, "thrust"}, {3000, 0, "rails server"}}},
		{"tls", rails8, "TLS_DOMAIN = \"example.com\"\n", "", true,
			[]want{{80, 0, "thrust"}, {443, 3000, "thrust"}, {3000, 0, "rails server"}}},
		{"tls-empty", rails8, "TLS_DOMAIN = \" , \"\n", "", true,
			[]want{{80, 3000, "thrust"}, {3000, 0, "rails server"}}},
		// puma -C under thrust reads PORT as Thruster sets it.
		{"puma", `CMD ["bundle", "exec", "thrust", "bundle", "exec", "puma", "-C", "config/puma.rb"]`, "",
			"port ENV.fetch(\"PORT\") { 9999 }\n", true,
			[]want{{80, 3000, "thrust"}, {3000, 0, "puma"}}},
		{"unknown-app", `CMD ["./bin/thrust", "./my-server"]`, "", "", false,
			[]want{{80, 3000, "thrust"}}},
		{"no-app", `CMD ["./bin/thrust"]`, "", "", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"fly.toml": "app = \"web\"\n\n[http_service]\n  internal_port = 80\n",
				"Dockerfile": "FROM ruby:3.4-slim\nWORKDIR /rails\nENV RAILS_ENV=\"production\"\nCOPY . .\n" +
					"ENTRYPOINT [\"/rails/bin/docker-entrypoint\"]\nEXPOSE 80\n" + tc.cmd + "\n",
				"bin/docker-entrypoint": "#!/bin/bash -e\n\nif [ \"${@: -2:1}\" == \"./bin/rails\" ] && [ \"${@: -1:1}\" == \"server\" ]; then\n  ./bin/rails db:prepare\nfi\n\nexec \"${@}\"\n",
			}
			if tc.env != "" {
				files["fly.toml"] += "\n[env]\n" + tc.env
			}
			if tc.pumaRB != "" {
				files["config/puma.rb"] = tc.pumaRB
			}
			ws, err := Load([]string{writeFiles(t, files)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if g.ListenersKnown != tc.known || len(g.Listeners) != len(tc.want) {
				t.Fatalf("known %v, listeners %+v", g.ListenersKnown, g.Listeners)
			}
			for i, w := range tc.want {
				l := g.Listeners[i]
				to := 0
				if len(l.ProxyTo) == 1 {
					to = l.ProxyTo[0].Port
				}
				if l.Port.Number != w.port || to != w.proxyTo || l.Program != w.program {
					t.Errorf("listener %d: %+v, want %+v", i, l, w)
				}
				if l.Program == "thrust" && (l.Host.Class != listen.HostDualStack || !strings.Contains(l.Range.File, "Dockerfile")) {
					t.Errorf("thruster listener %+v", l)
				}
			}
		})
	}
}
