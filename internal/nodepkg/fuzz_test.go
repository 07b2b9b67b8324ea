package nodepkg

import (
	"os"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// FuzzParse feeds arbitrary package.json text and resolves the common
// start commands through it: no panic, no hang, and every exact range
// maps back onto the text it claims.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/next.json"); err == nil {
		f.Add(string(data))
	}
	f.Add(`{"scripts":{"start":"a && npm run start","prestart":"x\u00e9 \"y\""}}`)
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse("package.json", []byte(src))
		if err != nil {
			return
		}
		r := &Resolver{Pkg: p, Exists: func(string) bool { return true }}
		for _, cmd := range []string{"npm start", "yarn start", "pnpm dev", "bun run start", "npm run build"} {
			steps, _ := r.Resolve(argv(cmd))
			for _, s := range steps {
				for _, a := range s.Command.Args {
					rg := a.Range
					if rg.End.Offset-rg.Start.Offset == len(a.Text) && rg.Start.Line == rg.End.Line && rg.IsValid() {
						if rg.End.Offset > len(src) || src[rg.Start.Offset:rg.End.Offset] != a.Text {
							t.Fatalf("range %v claims %q, file has %q", rg, a.Text, src[rg.Start.Offset:min(rg.End.Offset, len(src))])
						}
					}
				}
			}
		}
		_ = listen.Command{}
	})
}
