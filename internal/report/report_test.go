package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// A message quotes the user's files; whatever they hold, the text and
// github outputs must carry no control byte but the newline that ends
// each line (and the tab of a quoted source line).
func TestControlBytesNeverReachTheTerminal(t *testing.T) {
	evil := "A = \"\x1b[2J\x1b]0;owned\x07\r\x00\x7f\""
	pos := source.Pos{Line: 1, Col: 1, Offset: 0}
	d := diag.Diagnostic{
		Rule: "unknown-key", Severity: diag.Warning,
		Range:   source.Range{File: "fly\x1b.toml", Start: pos, End: source.Pos{Line: 1, Col: 2, Offset: 1}},
		Message: "unknown key " + evil + ".",
		Related: []diag.Related{{Range: source.Range{File: "fly\x1b.toml", Start: pos, End: pos}, Message: "see " + evil}},
	}
	files := map[string][]byte{"fly\x1b.toml": []byte(evil + "\n")}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text":   func(b *bytes.Buffer) error { return Text(b, []diag.Diagnostic{d}, files) },
		"github": func(b *bytes.Buffer) error { return GitHub(b, []diag.Diagnostic{d}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		for i, r := range buf.String() {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
				t.Errorf("%s output has control byte %#x at %d:\n%q", name, r, i, buf.String())
				break
			}
		}
		if !strings.Contains(buf.String(), "unknown key") {
			t.Errorf("%s output lost the message: %q", name, buf.String())
		}
	}
}
