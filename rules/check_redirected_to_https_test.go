package rules_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// The fixtures' want files hold the check's position; the related
// location must be the directive that redirects (or, for automatic
// HTTPS, the site address that turns it on).
func TestCaddyRedirectRelated(t *testing.T) {
	for dir, want := range map[string]string{
		"bad-caddy-not-forwarded-https":  "Caddyfile:3:2",
		"bad-caddy-protocol-http-handle": "Caddyfile:4:3",
		"bad-caddy-automatic-https":      "Caddyfile:1:1",
	} {
		t.Run(dir, func(t *testing.T) {
			root := filepath.Join("testdata", rules.CheckRedirectedToHTTPS.ID, dir)
			ws, err := workspace.Load([]string{root}, workspace.Options{})
			if err != nil {
				t.Fatal(err)
			}
			diags, err := lint.Run(ws, lint.Options{Rules: []*rules.Rule{rules.CheckRedirectedToHTTPS}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				// Automatic HTTPS is not fixed by another path: the
				// message must give its own advice.
				if auto := strings.Contains(d.Message, "auto_https disable_redirects"); auto != (dir == "bad-caddy-automatic-https") {
					t.Errorf("message does not fit the redirect: %s", d.Message)
				}
				for _, r := range d.Related {
					rel, _ := filepath.Rel(root, r.File)
					got = append(got, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), r.Start.Line, r.Start.Col))
				}
			}
			if len(got) != 1 || got[0] != want {
				t.Errorf("related locations %v, want [%s]", got, want)
			}
		})
	}
}
