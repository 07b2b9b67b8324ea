package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/exconfig"
	"github.com/flylint-dev/flylint/internal/listen"
)

// The listener and redirect of the phx.new 1.8 shape stand where the
// config writes them: the port's expression and the ip tuple in
// runtime.exs, force_ssl's value in prod.exs.
func TestPhoenixListener(t *testing.T) {
	dir := filepath.Join("..", "..", "rules", "testdata", "check-redirected-to-https", "bad-phoenix-forwarded-proto")
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := ws.Apps[0].Groups[0]
	if g.ListenersKnown || len(g.Listeners) != 1 {
		t.Fatalf("known=%v listeners=%v", g.ListenersKnown, g.Listeners)
	}
	l := g.Listeners[0]
	got := fmt.Sprintf("%s %s port=%s env=%s/%v default=%d host=%s definite=%v", l.Origin, l, rangeText(l.PortRange), l.Port.Env, l.Port.EnvSet, l.Port.Default, rangeText(l.HostRange), l.Definite)
	want := "Phoenix endpoint tcp :::8080 (dual-stack wildcard) port=runtime.exs:8:16 env=PORT/true default=4000 host=runtime.exs:12:16 definite=true"
	if got != want {
		t.Errorf("listener:\ngot  %s\nwant %s", got, want)
	}
	if l.Routes == nil || l.Routes.By != "Phoenix (force_ssl)" || rangeText(l.Routes.Server.Range) != "prod.exs:6:14" {
		t.Errorf("routes = %+v", l.Routes)
	}
}

// Docker expands ${MIX_ENV} in a COPY source with the copying stage's
// environment: a MIX_ENV the final stage inherits through FROM resolves
// the release, one set only in the builder does not (the build would
// copy _build//rel/demo), so the listener stays unknown.
func TestPhoenixReleaseEnvOfCopyingStage(t *testing.T) {
	for _, c := range []struct {
		name, runner string
		want         bool
	}{
		{"inherited by the final stage", "FROM base", true},
		{"set only in the builder", "FROM debian:bookworm-slim", false},
		// The COPY runs in a parent of the final stage, before the final
		// stage sets MIX_ENV.
		{"set after the copying stage", "FROM debian:bookworm-slim AS runner", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "rules", "testdata", "check-redirected-to-https", "bad-phoenix-forwarded-proto"))); err != nil {
				t.Fatal(err)
			}
			df := `FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-bookworm-20250520-slim AS base
ENV MIX_ENV="prod"

FROM base AS builder
WORKDIR /app
COPY mix.exs ./
COPY config config
COPY rel rel
RUN mix deps.get && mix release

` + c.runner + `
WORKDIR "/app"
COPY --from=builder /app/_build/${MIX_ENV}/rel/demo ./
CMD ["/app/bin/server"]
`
			if strings.Contains(c.runner, " AS runner") {
				df += "\nFROM runner\nENV MIX_ENV=\"prod\"\n"
			}
			if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df), 0o644); err != nil {
				t.Fatal(err)
			}
			ws, err := Load([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			got := len(g.Listeners) == 1 && g.Listeners[0].Origin == "Phoenix endpoint" && g.Listeners[0].Port.Number == 8080
			if got != c.want || !c.want && len(g.Listeners) != 0 {
				t.Fatalf("listeners=%v, want the endpoint: %v", g.Listeners, c.want)
			}
		})
	}
}

// The port forms Cowboy2Adapter reads (phoenixframework/phoenix@167c469
// lib/phoenix/endpoint/cowboy2_adapter.ex), and what Bandit is not taken
// to share.
func TestPhoenixPortForms(t *testing.T) {
	env := listen.Env{"PORT": {Name: "PORT", Value: "8080"}}
	for _, c := range []struct {
		http   string
		cowboy bool
		want   string // Number/Env/EnvSet/Default/IsDefault/Required, or "none"
	}{
		{`[port: 4_000]`, true, "4000//false/0/false/false"},
		{`[port: "4001"]`, true, "4001//false/0/false/false"},
		{`[port: "4001"]`, false, "none"},
		{`[port: {:system, "PORT"}]`, true, "8080/PORT/true/0/false/true"},
		{`[port: {:system, "PORT"}]`, false, "none"},
		{`[port: {:system, "HTTP_PORT"}]`, true, "0/HTTP_PORT/false/0/false/true"},
		{`[ip: {0, 0, 0, 0}]`, true, "4000//false/0/true/false"},
		{`[ip: {0, 0, 0, 0}]`, false, "none"},
		{`[port: String.to_integer(System.get_env("HTTP_PORT") || "4002")]`, false, "4002/HTTP_PORT/false/4002/true/false"},
		{`[port: System.get_env("PORT")]`, true, "none"},
		{`[port: 70000]`, true, "none"},
	} {
		files := map[string]string{"config/config.exs": "import Config\nconfig :demo, DemoWeb.Endpoint, http: " + c.http + "\n"}
		cfg, _, err := exconfig.Load(func(rel string) ([]byte, string, bool) {
			s, ok := files[rel]
			return []byte(s), rel, ok
		}, exconfig.Env{MixEnv: "prod"})
		if err != nil {
			t.Fatal(err)
		}
		ep, _ := cfg.Lookup("demo", "DemoWeb.Endpoint")
		got := "none"
		if l, ok := phoenixListener(ep, env, c.cowboy); ok {
			p := l.Port
			got = fmt.Sprintf("%d/%s/%v/%d/%v/%v", p.Number, p.Env, p.EnvSet, p.Default, p.IsDefault, p.Required)
		}
		if got != c.want {
			t.Errorf("http: %s (cowboy %v): got %s, want %s", c.http, c.cowboy, got, c.want)
		}
	}
}

// server: true, or :phoenix's serve_endpoints without it, starts the
// HTTP server; nothing, false or an unknown value does not.
func TestPhoenixServes(t *testing.T) {
	for src, want := range map[string]bool{
		"config :demo, DemoWeb.Endpoint, server: true":                                          true,
		"config :demo, DemoWeb.Endpoint, server: false\nconfig :phoenix, serve_endpoints: true": false,
		"config :demo, DemoWeb.Endpoint, url: []\nconfig :phoenix, serve_endpoints: true":       true,
		"config :demo, DemoWeb.Endpoint, url: []":                                               false,
		"config :demo, DemoWeb.Endpoint, server: System.get_env(\"X\") == \"1\"":                false,
	} {
		files := map[string]string{"config/config.exs": "import Config\n" + src + "\n"}
		cfg, _, err := exconfig.Load(func(rel string) ([]byte, string, bool) {
			s, ok := files[rel]
			return []byte(s), rel, ok
		}, exconfig.Env{MixEnv: "prod"})
		if err != nil {
			t.Fatal(err)
		}
		ep, _ := cfg.Lookup("demo", "DemoWeb.Endpoint")
		if got := serves(cfg, ep); got != want {
			t.Errorf("%q: serves = %v, want %v", src, got, want)
		}
	}
}
