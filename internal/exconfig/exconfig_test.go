package exconfig

import (
	"strings"
	"testing"
)

func load(t *testing.T, files map[string]string, env Env) (*Config, *Config, error) {
	t.Helper()
	return Load(func(rel string) ([]byte, string, bool) {
		s, ok := files[rel]
		return []byte(s), rel, ok
	}, env)
}

// The shape of phx.new 1.8's generated config (installer/templates/
// phx_single/config/*.exs.eex, phoenixframework/phoenix@167c469).
const configExs = `import Config

config :demo, DemoWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  live_view: [signing_salt: "abc"]

config :esbuild,
  version: "0.25.4",
  demo: [args: ~w(js/app.js --bundle), env: %{"NODE_PATH" => [Path.expand("../deps", __DIR__)]}]

# Import environment specific config.
import_config "#{config_env()}.exs"
`

const prodExs = `import Config

config :demo, DemoWeb.Endpoint,
  force_ssl: [
    rewrite_on: [:x_forwarded_proto],
    exclude: [
      # paths: ["/health"],
      hosts: ["localhost", "127.0.0.1"]
    ]
  ]
config :logger, level: :info
`

const runtimeExs = `import Config

if System.get_env("PHX_SERVER") do
  config :demo, DemoWeb.Endpoint, server: true
end

config :demo, DemoWeb.Endpoint,
  http: [port: String.to_integer(System.get_env("PORT", "4000"))]

if config_env() == :prod do
  secret_key_base =
    System.get_env("SECRET_KEY_BASE") ||
      raise """
      environment variable SECRET_KEY_BASE is missing.
      """

  host = System.get_env("PHX_HOST") || "example.com"

  config :demo, DemoWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [
      ip: {0, 0, 0, 0, 0, 0, 0, 0}
    ],
    secret_key_base: secret_key_base
end
`

func TestLoadPhoenixConfig(t *testing.T) {
	files := map[string]string{"config/config.exs": configExs, "config/prod.exs": prodExs, "config/runtime.exs": runtimeExs}
	compile, runtime, err := load(t, files, Env{MixEnv: "prod", Vars: map[string]string{"PHX_SERVER": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	ep, _ := compile.Lookup("demo", "DemoWeb.Endpoint")
	fs, ok := ep.Get("force_ssl")
	if !ok {
		t.Fatal("force_ssl not set at compile time")
	}
	if got := fs.Range.String(); got != "config/prod.exs:4:14" {
		t.Errorf("force_ssl at %s", got)
	}
	ro, _ := fs.Get("rewrite_on")
	if len(ro.Items) != 1 || ro.Items[0].Kind != Atom || ro.Items[0].Str != "x_forwarded_proto" {
		t.Errorf("rewrite_on = %+v", ro)
	}
	ex, _ := fs.Get("exclude")
	hosts, _ := ex.Get("hosts")
	if len(hosts.Items) != 2 || hosts.Items[1].Str != "127.0.0.1" {
		t.Errorf("hosts = %+v", hosts)
	}
	if _, ok := compile.Lookup("demo", "DemoWeb.Endpoint"); !ok {
		t.Fatal("no endpoint")
	}
	rep, _ := runtime.Lookup("demo", "DemoWeb.Endpoint")
	if s, _ := rep.Get("server"); s.Kind != Bool || !s.Bool {
		t.Errorf("server = %+v", s)
	}
	// Config deep-merges http: the prod block's ip joins the port set
	// above it.
	http, _ := rep.Get("http")
	port, ok := http.Get("port")
	if !ok || port.Kind != EnvRef || port.Str != "PORT" || !port.ToInt || port.Default == nil || port.Default.Str != "4000" {
		t.Fatalf("port = %+v", port)
	}
	if got := port.Range.String(); got != "config/runtime.exs:8:16" {
		t.Errorf("port at %s", got)
	}
	ip, _ := http.Get("ip")
	if ip.Kind != Tuple || len(ip.Items) != 8 || ip.Range.String() != "config/runtime.exs:22:11" {
		t.Errorf("ip = %+v at %s", ip, ip.Range)
	}
	// force_ssl stays in the runtime view (runtime.exs starts from the
	// compile-time config).
	if _, ok := rep.Get("force_ssl"); !ok {
		t.Error("runtime config lost force_ssl")
	}
}

func TestUndecidedConditionMakesKeysUnknown(t *testing.T) {
	files := map[string]string{
		"config/config.exs": `import Config
config :demo, DemoWeb.Endpoint, http: [port: 4000]
if System.get_env("CUSTOM") do
  config :demo, DemoWeb.Endpoint, http: [port: 5000]
end
`,
	}
	c, _, err := load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	ep, _ := c.Lookup("demo", "DemoWeb.Endpoint")
	http, _ := ep.Get("http")
	if p, _ := http.Get("port"); p.Kind != Unknown {
		t.Errorf("port under an undecided condition = %+v, want unknown", p)
	}
	// Set, the variable decides it.
	c, _, _ = load(t, files, Env{MixEnv: "prod", Vars: map[string]string{"CUSTOM": "1"}})
	ep, _ = c.Lookup("demo", "DemoWeb.Endpoint")
	http, _ = ep.Get("http")
	if p, _ := http.Get("port"); p.Kind != Int || p.Int != 5000 {
		t.Errorf("port = %+v, want 5000", p)
	}
}

func TestUnknownMixEnvCannotImport(t *testing.T) {
	files := map[string]string{"config/config.exs": configExs, "config/prod.exs": prodExs}
	_, _, err := load(t, files, Env{})
	if err == nil || !strings.Contains(err.Error(), "config/config.exs:13:1: cannot read: import_config") {
		t.Errorf("err = %v", err)
	}
}

func TestNumbersAndTokens(t *testing.T) {
	files := map[string]string{"config/config.exs": `import Config
config :a, n: 4_000, h: 0x1F, b: 0b101, c: ?a, f: 1.5e3, s: ~s(x "y"), w: ~w[a b]a,
  "quoted key": :"atom x", l: 'chars', m: %{a: 1}, neg: -1, fun: &Mod.fun/1, pipe: "x" |> String.upcase()
config :a, :k, (fn x, y -> x + y end)
`}
	c, _, err := load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"n": 4000, "h": 31, "b": 5, "c": 'a'}
	for k, n := range want {
		if v, _ := c.Lookup("a", k); v.Kind != Int || v.Int != n {
			t.Errorf("%s = %+v, want %d", k, v, n)
		}
	}
	if v, _ := c.Lookup("a", "s"); v.Kind != String || v.Str != `x "y"` {
		t.Errorf("s = %+v", v)
	}
	if v, _ := c.Lookup("a", "w"); v.Kind != List || len(v.Items) != 2 || v.Items[1].Kind != Atom {
		t.Errorf("w = %+v", v)
	}
	if v, _ := c.Lookup("a", "quoted key"); v.Kind != Atom || v.Str != "atom x" {
		t.Errorf("quoted key = %+v", v)
	}
	if v, ok := c.Lookup("a", "pipe"); !ok || v.Kind != Unknown {
		t.Errorf("pipe = %+v", v)
	}
}

func TestCannotRead(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"config :a, b: <<1, 2>>", "1:15"},
		{`config :a, b: "open`, "1:15"},
		{"config :a, b: 1 2", "1:17"},
		{"config :a, b: \"#{x\"", "1:19"},
		{strings.Repeat("[", 100) + strings.Repeat("]", 100), "1:"},
		{"x = \"\"\"abc\n\"\"\"", "1:5"},
		{"case x do\n y -> import_config \"prod.exs\"\nend", "2:7"},
	} {
		_, _, err := load(t, map[string]string{"config/config.exs": tc.src}, Env{MixEnv: "prod"})
		if err == nil || !strings.Contains(err.Error(), "config/config.exs:"+tc.want) {
			t.Errorf("%q: err = %v, want at %s", tc.src, err, tc.want)
		}
	}
}

// A pipeline leading with |> on its next lines, as
// BanchanArt/banchan@713642ede88d config/config.exs writes one.
func TestLeadingPipe(t *testing.T) {
	nodes, err := Parse([]byte("tag =\n  tags\n  |> String.trim()\n  |> Enum.at(0)\nconfig :a, b: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 2 || nodes[0].Kind != NBinary || nodes[0].Args[1].Op != "|>" || nodes[1].Name != "config" {
		t.Errorf("nodes = %+v", nodes)
	}
}

// A config call inside code flylint does not run (here a case, as
// BanchanArt/banchan@713642ede88d config/runtime.exs has one) may or may
// not happen: the keys it sets become unknown, the others stay known.
func TestConfigInsideCaseIsUncertain(t *testing.T) {
	files := map[string]string{"config/config.exs": `import Config
config :a, port: 4000, host: "x"
case System.get_env("USER") do
  nil -> nil
  user -> config :a, host: user
end
x = (case 1 do
  1 -> config :a, port: 1
end)
`}
	c, _, err := load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Lookup("a", "host"); v.Kind != Unknown {
		t.Errorf("host = %+v, want unknown", v)
	}
	if v, _ := c.Lookup("a", "port"); v.Kind != Unknown {
		t.Errorf("port = %+v, want unknown", v)
	}
	files["config/config.exs"] = "import Config\nconfig :a, port: 4000\nif x do\n  Enum.each([1], fn _ -> config :b, c: 1 end)\nend\n"
	c, _, _ = load(t, files, Env{MixEnv: "prod"})
	if v, _ := c.Lookup("a", "port"); v.Kind != Int {
		t.Errorf("port = %+v, want 4000", v)
	}
	if v, ok := c.Lookup("b", "c"); !ok || v.Kind != Unknown {
		t.Errorf("b.c = %+v, want unknown", v)
	}
}

// import_config under an undecided condition, as
// AviKav/booru-box@e498031c7309 config/config.exs imports a secret file
// if it exists: absent from the project, the branch cannot have been
// taken by a build that succeeded; present, what it sets is uncertain.
func TestConditionalImport(t *testing.T) {
	files := map[string]string{
		"config/config.exs": `import Config
config :a, port: 4000, host: "x"
if File.exists?("config/#{config_env()}.secret.exs") do
  import_config "#{config_env()}.secret.exs"
end
`,
	}
	c, _, err := load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Lookup("a", "port"); v.Kind != Int {
		t.Errorf("port = %+v, want 4000", v)
	}
	files["config/prod.secret.exs"] = "import Config\nconfig :a, port: 5000\n"
	c, _, err = load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Lookup("a", "port"); v.Kind != Unknown {
		t.Errorf("port = %+v, want unknown", v)
	}
	if v, _ := c.Lookup("a", "host"); v.Kind != String {
		t.Errorf("host = %+v, want known", v)
	}
}

// A port read through a pipeline (x |> f(a) is f(x, a)) is the same
// EnvRef as the nested call.
func TestPipedPort(t *testing.T) {
	files := map[string]string{"config/config.exs": `import Config
config :a, p1: System.get_env("PORT", "4000") |> String.to_integer(),
  p2: "8080" |> String.to_integer()
`}
	c, _, err := load(t, files, Env{MixEnv: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Lookup("a", "p1"); v.Kind != EnvRef || !v.ToInt || v.Default == nil || v.Default.Str != "4000" || v.Range.String() != "config/config.exs:2:16" {
		t.Errorf("p1 = %+v at %s", v, v.Range)
	}
	if v, _ := c.Lookup("a", "p2"); v.Kind != Int || v.Int != 8080 {
		t.Errorf("p2 = %+v", v)
	}
}
