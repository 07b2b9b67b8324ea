package rules_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// The Rails finding names Rails as the redirecting server, gives Rails'
// fixes, and points at the force_ssl assignment in the file the image
// holds.
func TestCheckRedirectedRails(t *testing.T) {
	ds := byRule(lintWith(t, "testdata/check-redirected-to-https/bad-rails-force-ssl", workspace.Options{}), "check-redirected-to-https")
	if len(ds) != 1 {
		t.Fatalf("got %d findings", len(ds))
	}
	d := ds[0]
	for _, want := range []string{"Rails (config.force_ssl) on port 3000", `path "/up"`, `X-Forwarded-Proto = "https"`, "config.assume_ssl = true"} {
		if !strings.Contains(d.Message, want) {
			t.Errorf("message lacks %q: %s", want, d.Message)
		}
	}
	if len(d.Related) != 1 {
		t.Fatalf("related = %+v", d.Related)
	}
	r := d.Related[0]
	if filepath.ToSlash(r.File) != "testdata/check-redirected-to-https/bad-rails-force-ssl/config/environments/production.rb" ||
		r.Start.Line != 12 || r.Start.Col != 3 || r.End.Line != 12 || r.End.Col != 26 {
		t.Errorf("related at %s:%d:%d-%d:%d", r.File, r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
	}
}
