package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An app built without a Dockerfile (Paketo builder or buildpacks,
// flyctl's builtin "go" and "node") gets the start command that build
// gives it, placed at the fly.toml line that chooses the build, and the
// listeners of what that command runs, at the listen call.
func TestBuildWithoutDockerfile(t *testing.T) {
	for _, tc := range []struct {
		dir      string
		command  string // argv, then @ line:col of its first word
		env      string // PORT as the app sees it, "" when unset
		listener string // "host":port @ file:line:col
	}{
		{"bad-buildpack-go", "/layers/paketo-buildpacks_go-build/targets/bin/server @ 4:13", "", `"":3000 @ cmd/server/main.go:12:2`},
		{"good-buildpack-go-process", "server -port 8080 @ 11:10", "", `"":8080 @ cmd/server/main.go:12:2`},
		{"bad-buildpack-node", "npm start @ 4:13", "", `"::":3000 @ server.js:4:5`},
		{"bad-builtin-go", "/goapp/app @ 4:13", "8080", `"":3000 @ main.go:7:2`},
		{"good-builtin-go", "/goapp/app @ 4:13", "8080", `"":8080 @ main.go:14:2`},
		{"good-builtin-node", "npm start @ 4:13", "8080", `"::":8080 @ index.js:2:48`},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("..", "..", "rules", "testdata", "internal-port-mismatch", tc.dir)
			ws, err := Load([]string{dir}, Options{Go: true})
			if err != nil {
				t.Fatal(err)
			}
			a := ws.Apps[0]
			g := a.Groups[0]
			var words []string
			for _, w := range g.Command.Args {
				words = append(words, w.Text)
			}
			if !g.HasCommand || len(g.Command.Args) == 0 {
				t.Fatalf("no command")
			}
			at := g.Command.Args[0].Range
			if got := fmt.Sprintf("%s @ %d:%d", strings.Join(words, " "), at.Start.Line, at.Start.Col); got != tc.command || filepath.Base(at.File) != "fly.toml" {
				t.Errorf("command = %s in %s, want %s in fly.toml", got, at.File, tc.command)
			}
			if got := a.Env["PORT"].Value; got != tc.env {
				t.Errorf("PORT = %q, want %q", got, tc.env)
			}
			if len(g.Listeners) != 1 {
				t.Fatalf("listeners = %v, want one", g.Listeners)
			}
			l := g.Listeners[0]
			rel, err := filepath.Rel(dir, l.Range.File)
			if err != nil || filepath.IsAbs(l.Range.File) {
				abs, _ := filepath.Abs(dir)
				rel, _ = filepath.Rel(abs, l.Range.File)
			}
			if got := fmt.Sprintf("%q:%d @ %s:%d:%d", l.Host.Text, l.Port.Number, filepath.ToSlash(rel), l.Range.Start.Line, l.Range.Start.Col); got != tc.listener {
				t.Errorf("listener = %s, want %s", got, tc.listener)
			}
			// A [processes] command on a buildpack image may be appended
			// to the default process: its listeners are not all known.
			if want := tc.dir != "good-buildpack-go-process"; g.ListenersKnown != want {
				t.Errorf("ListenersKnown = %v, want %v", g.ListenersKnown, want)
			}
		})
	}
}

// Real apps of ../shared/corpus/src-apps built by buildpacks, with the
// listener LABELS.md gives: ibrahimmort__positive-vibes-project (Paketo,
// npm start -> node server.js on 3000 while internal_port is 8080, a
// BUG) and two clean Heroku ones whose PORT comes from [env].
func TestBuildpackSrcApps(t *testing.T) {
	for _, tc := range []struct {
		app, origin string
		port        int
		at          string // file:line of the listener
	}{
		{"ibrahimmort__positive-vibes-project", "Paketo Node.js buildpack (npm start)", 3000, "server.js:398"},
		{"0ussamaBernou__football-players-api", "Heroku Node.js buildpack (npm start)", 8080, "server.js:47"},
		{"fisand__nuxt-fly", "Heroku Node.js buildpack (npm start)", 8080, "package.json:9"},
	} {
		t.Run(tc.app, func(t *testing.T) {
			dir := filepath.Join("..", "..", "..", "shared", "corpus", "src-apps", tc.app)
			if _, err := os.Stat(filepath.Join(dir, "fly.toml")); err != nil {
				t.Skipf("src-apps corpus not found: %v", err)
			}
			ws, err := Load([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if g.Command.Origin != tc.origin || len(g.Listeners) != 1 {
				t.Fatalf("command %q %v, listeners %v", g.Command.Origin, g.Command.Args, g.Listeners)
			}
			l := g.Listeners[0]
			if got := fmt.Sprintf("%s:%d", filepath.Base(l.Range.File), l.Range.Start.Line); l.Port.Number != tc.port || got != tc.at {
				t.Errorf("listener = %d at %s, want %d at %s", l.Port.Number, got, tc.port, tc.at)
			}
		})
	}
}

func TestPaketoBuildpack(t *testing.T) {
	for ref, want := range map[string]string{
		"gcr.io/paketo-buildpacks/go":                "go",
		"paketo-buildpacks/go@4.1.0":                 "go",
		"docker.io/paketobuildpacks/go:latest":       "go",
		"paketo-buildpacks/go-dist":                  "",
		"paketo-buildpacks/nodejs":                   "node",
		"gcr.io/paketo-buildpacks/nodejs:1.2.3":      "node",
		"heroku/nodejs":                              "",
		"paketo-buildpacks/procfile":                 "",
		"registry.example:5000/paketo-buildpacks/go": "go",
	} {
		if got := paketoBuildpack(ref); got != want {
			t.Errorf("paketoBuildpack(%q) = %q, want %q", ref, got, want)
		}
	}
}

// Builds flylint does not know the outcome of keep no command rather
// than a guessed one.
func TestBuildWithoutDockerfileUnknown(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"buildpacks without a builder": {"fly.toml": "[build]\n  buildpacks = [\"paketo-buildpacks/nodejs\"]\n", "package.json": `{"scripts":{"start":"node s.js"}}`},
		"a builder not modelled":       {"fly.toml": "[build]\n  builder = \"gcr.io/buildpacks/builder:v1\"\n", "package.json": `{"scripts":{"start":"node s.js"}}`},
		"a Procfile":                   {"fly.toml": "[build]\n  builder = \"paketobuildpacks/builder:base\"\n", "package.json": `{"scripts":{"start":"node s.js"}}`, "Procfile": "web: node other.js\n"},
		"both Go and Node":             {"fly.toml": "[build]\n  builder = \"paketobuildpacks/builder:full\"\n", "package.json": `{"scripts":{"start":"node s.js"}}`, "go.mod": "module m\n", "main.go": "package main\n"},
		"Node with no entry file":      {"fly.toml": "[build]\n  builder = \"paketobuildpacks/builder:full\"\n", "package.json": `{}`},
		"Go with no Go files":          {"fly.toml": "[build]\n  builder = \"paketobuildpacks/builder:base\"\n", "go.mod": "module m\n"},
		"a Go target outside the app":  {"fly.toml": "[build]\n  builder = \"paketobuildpacks/builder:base\"\n[build.args]\n  BP_GO_TARGETS = \"../x\"\n", "go.mod": "module m\n", "main.go": "package main\n"},
		"Heroku with a Procfile":       {"fly.toml": "[build]\n  builder = \"heroku/builder:24\"\n", "package.json": `{"scripts":{"start":"node s.js"}}`, "Procfile": "web: node other.js\n"},
		"an unknown builtin":           {"fly.toml": "[build]\n  builtin = \"ruby\"\n"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for n, c := range files {
				writeTestFile(t, filepath.Join(dir, n), c)
			}
			ws, err := Load([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if g := ws.Apps[0].Groups[0]; g.HasCommand {
				t.Errorf("command %v (%s), want none", g.Command.Args, g.Command.Origin)
			}
		})
	}
}

// Without BP_GO_TARGETS, go-build builds the app's root package when it
// has Go files, else each directory under cmd/ with Go files, and starts
// the first; the binary of the root is named after the module path.
func TestPaketoGoDefaultTargets(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  string
	}{
		"root":                {map[string]string{"go.mod": "module example.com/shop/v2\n", "main.go": "package main\n", "cmd/tool/main.go": "package main\n"}, "v2"},
		"cmd/*":               {map[string]string{"go.mod": "module example.com/shop\n", "cmd/b/main.go": "package main\n", "cmd/a/main.go": "package main\n"}, "a"},
		"empty BP_GO_TARGETS": {map[string]string{"go.mod": "module example.com/shop\n", "cmd/b/main.go": "package main\n", "fly.toml": "[build]\n  builder = \"paketobuildpacks/builder-jammy-tiny\"\n[build.args]\n  BP_GO_TARGETS = \"\"\n"}, "b"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if _, ok := tc.files["fly.toml"]; !ok {
				tc.files["fly.toml"] = "[build]\n  builder = \"paketobuildpacks/builder-jammy-tiny\"\n"
			}
			for n, c := range tc.files {
				writeTestFile(t, filepath.Join(dir, filepath.FromSlash(n)), c)
			}
			ws, err := Load([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if want := paketoGoBin + tc.want; len(g.Command.Args) != 1 || g.Command.Args[0].Text != want {
				t.Errorf("command %v, want %s", g.Command.Args, want)
			}
		})
	}
}

// Heroku's Node.js buildpack starts `<package manager> start` when there
// is a start script, else node server.js or index.js.
func TestHerokuNode(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  string
	}{
		"npm":             {map[string]string{"package.json": `{"scripts":{"start":"node s.js"}}`}, "npm start"},
		"pnpm lockfile":   {map[string]string{"package.json": `{"scripts":{"start":"node s.js"}}`, "pnpm-lock.yaml": ""}, "pnpm start"},
		"yarn lockfile":   {map[string]string{"package.json": `{"scripts":{"start":"node s.js"}}`, "yarn.lock": ""}, "yarn start"},
		"packageManager":  {map[string]string{"package.json": `{"packageManager":"pnpm@9.1.0","scripts":{"start":"node s.js"}}`, "yarn.lock": ""}, "pnpm start"},
		"no start script": {map[string]string{"package.json": `{}`, "index.js": ""}, "node index.js"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			tc.files["fly.toml"] = "[build]\n  builder = \"heroku/builder:24\"\n"
			for n, c := range tc.files {
				writeTestFile(t, filepath.Join(dir, n), c)
			}
			ws, err := Load([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			for _, w := range ws.Apps[0].Groups[0].Command.Args {
				words = append(words, w.Text)
			}
			if got := strings.Join(words, " "); got != tc.want {
				t.Errorf("command %q, want %q", got, tc.want)
			}
		})
	}
}

// The repository is untrusted: a BP_GO_TARGETS directory linked out of
// the tree is not listed, an entry file the buildpack would pick that is
// not a regular file stops the search (the next file is not what runs),
// and the search of cmd/ is bounded and says so when it gives up.
func TestBuildWithoutDockerfileHostile(t *testing.T) {
	t.Run("target linked out of the tree", func(t *testing.T) {
		outside := t.TempDir()
		writeTestFile(t, filepath.Join(outside, "main.go"), "package main\n")
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, "go.mod"), "module m\n")
		writeTestFile(t, filepath.Join(dir, "fly.toml"), "[build]\n  builder = \"paketobuildpacks/builder:base\"\n[build.args]\n  BP_GO_TARGETS = \"./out\"\n")
		linkTestFile(t, outside, filepath.Join(dir, "out"))
		ws, err := Load([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if g := ws.Apps[0].Groups[0]; g.HasCommand {
			t.Errorf("command %v, want none", g.Command.Args)
		}
	})
	t.Run("server.js is a link", func(t *testing.T) {
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, "package.json"), `{}`)
		writeTestFile(t, filepath.Join(dir, "app.js"), "")
		writeTestFile(t, filepath.Join(dir, "fly.toml"), "[build]\n  builder = \"paketobuildpacks/builder:full\"\n")
		linkTestFile(t, "app.js", filepath.Join(dir, "server.js"))
		ws, err := Load([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if g := ws.Apps[0].Groups[0]; g.HasCommand {
			t.Errorf("command %v, want none", g.Command.Args)
		}
	})
	t.Run("cmd/ too large", func(t *testing.T) {
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, "go.mod"), "module m\n")
		writeTestFile(t, filepath.Join(dir, "fly.toml"), "[build]\n  builder = \"paketobuildpacks/builder:base\"\n")
		for i := range maxCmdEntries + 1 {
			writeTestFile(t, filepath.Join(dir, "cmd", "a", fmt.Sprintf("f%d.txt", i)), "")
		}
		writeTestFile(t, filepath.Join(dir, "cmd", "z", "main.go"), "package main\n")
		ws, err := Load([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := ws.Apps[0]
		if g := a.Groups[0]; g.HasCommand {
			t.Errorf("command %v, want none", g.Command.Args)
		}
		if len(a.Limits) != 1 || !strings.Contains(a.Limits[0].Message, "BP_GO_TARGETS") || a.Limits[0].Range.Start.Line != 2 {
			t.Errorf("limits = %v, want one at the builder naming BP_GO_TARGETS", a.Limits)
		}
	})
}
