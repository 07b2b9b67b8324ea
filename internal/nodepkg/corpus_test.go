package nodepkg

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// TestSrcAppsCorpus resolves the start commands of the src-apps whose
// labelled listener is a framework CLI or entry file reached through
// package.json (LABELS.md), and checks the listener the listen table
// then gives.
func TestSrcAppsCorpus(t *testing.T) {
	root := os.Getenv("FLYLINT_SRC_APPS")
	if root == "" {
		root = "../../../shared/corpus/src-apps"
	}
	if _, err := os.Stat(filepath.Join(root, "LABELS.md")); err != nil {
		t.Skip("src-apps corpus not found")
	}
	rows := []struct {
		app, cmd string
		env      listen.Env
		want     string // host port program
	}{
		{"remix-run__indie-stack", "npm run start", listen.Env{"PORT": {Name: "PORT", Value: "8080"}}, ":: 8080 remix-serve"},
		{"OskarZaremba__fly-io-app", "yarn run start", nil, ":: 3000 next start"},
		{"fisand__nuxt-fly", "npm start", listen.Env{"PORT": {Name: "PORT", Value: "8080"}}, ":: 8080 Nitro node-server"},
	}
	for _, r := range rows {
		data, err := os.ReadFile(filepath.Join(root, r.app, "package.json"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(filepath.Join(r.app, "package.json"), data)
		if err != nil {
			t.Fatal(err)
		}
		steps, ok := (&Resolver{Pkg: p}).Resolve(argv(r.cmd))
		var got []string
		for _, s := range steps {
			if !s.Tail {
				continue
			}
			res := listen.InterpretWith(s.Command, r.env, listen.Options{NodeDeps: p.Deps})
			for _, l := range res.Listeners {
				got = append(got, fmt.Sprintf("%s %d %s", l.Host.Text, l.Port.Number, res.Program))
			}
		}
		if !ok || len(got) != 1 || got[0] != r.want {
			t.Errorf("%s: %s resolved to %q, want %q", r.app, r.cmd, got, r.want)
		}
	}
}
