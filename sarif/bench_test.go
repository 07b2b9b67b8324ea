package sarif

import (
	"io"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// BenchmarkWrite2000 measures a large report: 2000 findings in one file.
func BenchmarkWrite2000(b *testing.B) {
	content := []byte(strings.Repeat("  internal_port = 8080 # é😀\n", 2000))
	l := source.NewLines(content)
	var diags []diag.Diagnostic
	for i := range 2000 {
		start := l.Offset(i+1, 19)
		diags = append(diags, diag.Diagnostic{Rule: "loopback-bind", Severity: diag.Error, Range: l.Range("fly.toml", start, start+4), Message: "Bad. Fix it."})
	}
	files := map[string][]byte{"fly.toml": content}
	for b.Loop() {
		if err := Write(io.Discard, diags, testRules, files, opts); err != nil {
			b.Fatal(err)
		}
	}
}
