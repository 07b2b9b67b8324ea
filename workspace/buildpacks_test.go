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
		{"good-buildpack-go-process", "server -port 8080 @ 10:10", "", `"":8080 @ cmd/server/main.go:12:2`},
		{"bad-buildpack-node", "npm start @ 4:13", "", `"::":3000 @ server.js:4:5`},
		{"bad-builtin-go", "/goapp/app @ 4:13", "8080", `"":3000 @ main.go:7:2`},
		{"good-builtin-go", "/goapp/app @ 4:13", "8080", `"":8080 @ main.go:14:2`},
		{"good-builtin-node", "npm start @ 4:13", "8080", `"::":8080 @ index.js:2:48`},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("..", "rules", "testdata", "internal-port-mismatch", tc.dir)
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
			if !g.ListenersKnown {
				t.Errorf("listeners not known to be complete")
			}
		})
	}
}

// The real case of issue 12 in ../shared/corpus/src-apps (LABELS.md: a
// BUG): a Paketo builder runs npm start, i.e. node server.js, which
// listens on 3000 while internal_port is 8080.
func TestPaketoNodeSrcApp(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "src-apps", "ibrahimmort__positive-vibes-project")
	if _, err := os.Stat(filepath.Join(dir, "fly.toml")); err != nil {
		t.Skipf("src-apps corpus not found: %v", err)
	}
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := ws.Apps[0].Groups[0]
	if g.Command.Origin != "Paketo Node.js buildpack (npm start)" || len(g.Listeners) != 1 {
		t.Fatalf("command %q %v, listeners %v", g.Command.Origin, g.Command.Args, g.Listeners)
	}
	l := g.Listeners[0]
	if l.Port.Number != 3000 || filepath.Base(l.Range.File) != "server.js" || l.Range.Start.Line != 398 {
		t.Errorf("listener = %d at %s, want 3000 at server.js:398", l.Port.Number, l.Range)
	}
}
