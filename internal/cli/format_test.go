package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// TestFormatsShowingFixes holds every -format to its showsFixes: the
// rules skip proving fixes for a format that says it shows none, so a
// format that printed them anyway would print fixes that were never
// checked, or none at all.
func TestFormatsShowingFixes(t *testing.T) {
	const file, text = "fly.toml", "app = \"demo\"\nforce_http = true\n"
	lines := source.NewLines([]byte(text))
	key := lines.Range(file, 13, 23)
	d := diag.Diagnostic{
		Rule:     rules.UnknownKey.ID,
		Severity: diag.Warning,
		Range:    key,
		Message:  `"force_http" is not a key flyctl knows.`,
		Fixes: []diag.Fix{{
			Message: "Rename the key to force_https",
			Edits:   []diag.Edit{{Range: key, NewText: "force_https_QZ"}},
		}},
	}
	ws := &workspace.Workspace{Files: map[string][]byte{file: []byte(text)}}
	for _, name := range formatNames() {
		f := formats[name]
		var out bytes.Buffer
		if err := f.write(&out, []diag.Diagnostic{d}, ws, []*rules.Rule{rules.UnknownKey}, options{format: name}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if shows := strings.Contains(out.String(), "force_https_QZ"); shows != f.showsFixes {
			t.Errorf("-format %s: report shows the fix: %v, but showsFixes is %v:\n%s", name, shows, f.showsFixes, out.String())
		}
	}
}
