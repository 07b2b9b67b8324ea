package nodepkg

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

func load(t *testing.T, name string) *Package {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse("package.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func argv(s string) []listen.Arg {
	var out []listen.Arg
	for _, f := range strings.Fields(s) {
		out = append(out, listen.Arg{Text: f})
	}
	return out
}

// show renders steps as "script|tail|text@line:col" for compact asserts.
func show(steps []Step) []string {
	var out []string
	for _, s := range steps {
		tail := "-"
		if s.Tail {
			tail = "T"
		}
		var texts []string
		for _, a := range s.Command.Args {
			texts = append(texts, a.Text)
		}
		out = append(out, s.Script+"|"+tail+"|"+strings.Join(texts, " ")+"@"+s.Command.Args[0].Range.String())
	}
	return out
}

func TestResolve(t *testing.T) {
	p := load(t, "next.json")
	if p.Main == nil || p.Main.Value != "dist/server.js" || p.Main.Range.String() != "package.json:3:11" {
		t.Fatalf("main = %+v", p.Main)
	}
	r := &Resolver{Pkg: p}
	cases := []struct {
		cmd  string
		want []string
	}{
		{"npm start", []string{
			"prestart|-|prisma migrate deploy@package.json:7:18",
			"build|-|next build@package.json:6:15",
			"start|T|next start -p 8080@package.json:8:62",
			"poststart|-|echo done@package.json:9:19",
		}},
		{"yarn serve", []string{
			"prestart|-|prisma migrate deploy@package.json:7:18",
			"build|-|next build@package.json:6:15",
			"start|T|next start -p 8080@package.json:8:62",
			"poststart|-|echo done@package.json:9:19",
		}},
		{"npx --yes next start", []string{"|T|next start@"}},
		{"pnpm exec next dev", []string{"|T|next dev@"}},
		{"yarn next start", []string{"|T|next start@"}},
		{"bun run server.ts", []string{"|T|bun server.ts@"}},
		// The escaped quotes make the text differ from the file: the
		// range falls back to the whole string.
		{"npm run esc", []string{`esc|-|node "server.js"@package.json:11:12`, "esc|T|next start -H 127.0.0.1@package.json:11:35"}},
	}
	for _, c := range cases {
		steps, ok := r.Resolve(argv(c.cmd))
		if !ok {
			t.Errorf("%s: not resolved", c.cmd)
			continue
		}
		if got := show(steps); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.cmd, got, c.want)
		}
	}
	steps, _ := r.Resolve(argv("yarn serve"))
	if len(steps) < 3 || len(steps[2].Env) != 2 || steps[2].Env[0].Name != "PORT" || steps[2].Env[1].Name != "NODE_ENV" || steps[2].Env[1].Value != "production" {
		t.Errorf("env of next start = %+v", steps[2].Env)
	}
	for _, bad := range []string{"npm run missing", "npm install", "yarn", "npx", "node server.js"} {
		if steps, ok := r.Resolve(argv(bad)); ok {
			t.Errorf("%s resolved to %q", bad, show(steps))
		}
	}
	// A script that runs itself ends at the depth bound, handing the
	// innermost call over unresolved.
	if steps, ok := r.Resolve(argv("npm run loop")); !ok || len(steps) != 1 || steps[0].Command.Args[0].Text != "npm run loop" {
		t.Errorf("loop = %v %q", ok, show(steps))
	}
}

func TestStartFallback(t *testing.T) {
	p, err := Parse("package.json", []byte(`{"scripts":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Pkg: p}
	if _, ok := r.Resolve(argv("npm start")); ok {
		t.Error("npm start without server.js resolved")
	}
	r.Exists = func(rel string) bool { return rel == "server.js" }
	steps, ok := r.Resolve(argv("npm start"))
	if !ok || len(steps) != 1 || steps[0].Command.Args[1].Text != "server.js" {
		t.Errorf("npm start = %v %q", ok, show(steps))
	}
}

func TestBerrySkipsPrePost(t *testing.T) {
	p, err := Parse("package.json", []byte(`{"packageManager":"yarn@4.1.0","scripts":{"prestart":"a","start":"b"}}`))
	if err != nil {
		t.Fatal(err)
	}
	steps, _ := (&Resolver{Pkg: p}).Resolve(argv("yarn start"))
	if got := show(steps); len(got) != 1 || !strings.HasPrefix(got[0], "start|T|b@") {
		t.Errorf("yarn 4 start = %q", got)
	}
	steps, _ = (&Resolver{Pkg: p}).Resolve(argv("npm start"))
	if len(steps) != 2 {
		t.Errorf("npm start = %q", show(steps))
	}
}

// TestInterpret shows a script reaching the listener model with the
// flag's position inside package.json.
func TestInterpret(t *testing.T) {
	p := load(t, "next.json")
	steps, _ := (&Resolver{Pkg: p}).Resolve(argv("npm start"))
	res := listen.Interpret(steps[2].Command, nil)
	if len(res.Listeners) != 1 {
		t.Fatalf("listeners = %+v", res)
	}
	l := res.Listeners[0]
	if l.Port.Number != 8080 || l.PortRange.String() != "package.json:8:76" {
		t.Errorf("listener = %v port at %s", l, l.PortRange)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"scripts":`, `{"a":1,}`, `{"scripts":{"x":1}} x`} {
		if _, err := Parse("package.json", []byte(in)); err == nil {
			t.Errorf("%q parsed", in)
		} else if !strings.Contains(err.Error(), "package.json") {
			t.Errorf("%q: error %q does not name the file", in, err)
		}
	}
	p, err := Parse("package.json", []byte(`{"scripts":{"x":1,"y":"a\u00e9b c"},"main":7,"dependencies":{"@sveltejs/adapter-node":"^5"},"devDependencies":[]}`))
	if err != nil || p.Main != nil || len(p.Scripts) != 1 || !p.Deps["@sveltejs/adapter-node"] || len(p.Deps) != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	y := p.Scripts["y"]
	if r, exact := y.Sub(5, 6); !exact || r.Start.Col != 33 {
		t.Errorf("sub after escape = %v %v", r, exact)
	}
}

// Wrappers that run other scripts: npm-run-all's run-s/run-p and
// concurrently, with what keeps running marked tail.
func TestResolveWrappers(t *testing.T) {
	r := &Resolver{Pkg: load(t, "wrappers.json")}
	cases := []struct {
		cmd  string
		want []string
	}{
		// run-s: build and migrate exit before serve; serve's run-p
		// keeps both start scripts running.
		{"npm start", []string{
			"build|-|tsc@package.json:3:15",
			"migrate|-|prisma migrate deploy@package.json:6:17",
			"start:api|T|node dist/api.js@package.json:4:19",
			"start:web|T|next start -p 3000@package.json:5:19",
		}},
		{"npm run all", []string{
			"build|-|tsc@package.json:3:15",
			"start:api|T|node dist/api.js@package.json:4:19",
			"start:web|T|next start -p 3000@package.json:5:19",
		}},
		// concurrently: the quoted command keeps its place in package.json.
		{"npm run both", []string{
			"both|T|node dist/api.js@package.json:10:40",
			"start:web|T|next start -p 3000@package.json:5:19",
		}},
		// Followed by &&, what concurrently runs has ended first.
		{"npm run then", []string{
			"then|-|tsc@package.json:13:28",
			"then|T|next start -p 4000@package.json:13:36",
		}},
	}
	for _, c := range cases {
		steps, ok := r.Resolve(argv(c.cmd))
		if !ok {
			t.Errorf("%s: not resolved", c.cmd)
			continue
		}
		if got := show(steps); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.cmd, got, c.want)
		}
	}
	// An expansion or a missing script leaves the wrapper itself as the
	// command, which nothing recognises (the escaped quotes make the
	// range the whole string's).
	for _, c := range []struct{ cmd, want string }{
		{"npm run bad", `bad|T|concurrently "$CMD"@package.json:11:12`},
		{"npm run missing", `missing|T|run-p nope@package.json:12:17`},
	} {
		steps, ok := r.Resolve(argv(c.cmd))
		if got := show(steps); !ok || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: got %q, want %q", c.cmd, got, c.want)
		}
	}
}

// Scripts that each run the next one eight times, twenty deep, would
// take 8^20 walks; the resolution gives up after maxWalks.
func TestResolveFanOutBomb(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"scripts":{`)
	for i := range 20 {
		call := fmt.Sprintf("npm run s%d", i+1)
		fmt.Fprintf(&sb, `"s%d": %q,`, i, strings.TrimSuffix(strings.Repeat(call+" && ", 8), " && "))
	}
	sb.WriteString(`"s20": "node x.js"}}`)
	p, err := Parse("package.json", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	steps, ok := (&Resolver{Pkg: p}).Resolve(argv("npm run s0"))
	if ok || steps != nil {
		t.Errorf("resolved %d steps; a cut-off resolution must not claim to be complete", len(steps))
	}
	// The work done, not the time taken: the machine may be busy.
	rs := &resolution{r: &Resolver{Pkg: p}}
	rs.invoke(argv("npm run s0"), nil, 0)
	if !rs.cut || rs.walks > maxWalks {
		t.Errorf("walked %d script bodies (cut %v), past maxWalks %d", rs.walks, rs.cut, maxWalks)
	}
}

// A 60 KB script run a thousand times is 60 MB of parsing; the
// resolution stops at maxWalkBytes instead.
func TestResolveBytesBomb(t *testing.T) {
	big := strings.Repeat("x ", 30<<10)
	calls := strings.TrimSuffix(strings.Repeat("npm run big && ", 1000), " && ")
	data := fmt.Sprintf(`{"scripts":{"start":%q,"big":%q}}`, calls, big)
	p, err := Parse("package.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if steps, ok := (&Resolver{Pkg: p}).Resolve(argv("npm start")); ok {
		t.Errorf("resolved %d steps past the byte bound", len(steps))
	}
	rs := &resolution{r: &Resolver{Pkg: p}}
	rs.invoke(argv("npm start"), nil, 0)
	if !rs.cut || rs.walked > maxWalkBytes {
		t.Errorf("parsed %d bytes of scripts (cut %v), past maxWalkBytes %d", rs.walked, rs.cut, maxWalkBytes)
	}
}
