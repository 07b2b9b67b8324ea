package fingerprint

import (
	"regexp"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// at returns a diagnostic of rule on the first occurrence of flagged
// after the n-th (0-based) occurrence of anchor in content.
func at(t *testing.T, content, rule, anchor string, n int, flagged string) diag.Diagnostic {
	t.Helper()
	off := 0
	for range n + 1 {
		i := strings.Index(content[off:], anchor)
		if i < 0 {
			t.Fatalf("no %q in %q", anchor, content)
		}
		off += i + 1
	}
	off--
	start := off + strings.Index(content[off:], flagged)
	l := source.NewLines([]byte(content))
	return diag.Diagnostic{Rule: rule, Severity: diag.Error, Range: l.Range("fly.toml", start, start+len(flagged)), Message: "m."}
}

const service = "[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n"

func TestOfIsStableWhenLinesMove(t *testing.T) {
	before := service
	after := "# comment\napp = \"x\"\n\n" + strings.ReplaceAll(service, "  ", "\t")
	after = strings.ReplaceAll(after, "\n", "\r\n")
	a := Of(at(t, before, "internal-port-mismatch", "internal_port", 0, "8080"), []byte(before))
	b := Of(at(t, after, "internal-port-mismatch", "internal_port", 0, "8080"), []byte(after))
	if a != b {
		t.Errorf("moved, re-indented, CRLF: %q became %q", a, b)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}:1$`).MatchString(a) {
		t.Errorf("form: %q", a)
	}
	withBOM := "\uFEFF" + before
	if c := Of(at(t, withBOM, "internal-port-mismatch", "internal_port", 0, "8080"), []byte(withBOM)); c != a {
		t.Errorf("a BOM changed the fingerprint: %q vs %q", c, a)
	}
}

func TestOfChangesWithWhatIdentifiesTheFinding(t *testing.T) {
	base := at(t, service, "internal-port-mismatch", "internal_port", 0, "8080")
	ref := Of(base, []byte(service))
	otherRule := base
	otherRule.Rule = "duplicate-service"
	otherFile := base
	otherFile.File = "api/fly.toml"
	reworded := base
	reworded.Message = "Another wording."
	edited := strings.Replace(service, "8080", "8081", 1)
	for name, got := range map[string]string{
		"rule":         Of(otherRule, []byte(service)),
		"file":         Of(otherFile, []byte(service)),
		"line text":    Of(at(t, edited, "internal-port-mismatch", "internal_port", 0, "8081"), []byte(edited)),
		"flagged text": Of(at(t, service, "internal-port-mismatch", "internal_port", 0, "internal_port"), []byte(service)),
	} {
		if got == ref {
			t.Errorf("changing the %s kept fingerprint %q", name, got)
		}
	}
	if got := Of(reworded, []byte(service)); got != ref {
		t.Errorf("a reworded message changed the fingerprint: %q vs %q", got, ref)
	}
}

func TestOfCountsIdenticalLines(t *testing.T) {
	content := service + "\n" + service
	first := Of(at(t, content, "r", "internal_port", 0, "8080"), []byte(content))
	second := Of(at(t, content, "r", "internal_port", 1, "8080"), []byte(content))
	if !strings.HasSuffix(first, ":1") || !strings.HasSuffix(second, ":2") || first[:16] != second[:16] {
		t.Errorf("identical lines: %q and %q", first, second)
	}
	f := NewFile([]byte(content))
	if got := f.Of(at(t, content, "r", "internal_port", 1, "8080")); got != second {
		t.Errorf("File.Of = %q, Of = %q", got, second)
	}
}

func TestOfWithoutPositionOrContent(t *testing.T) {
	whole := diag.Diagnostic{Rule: "r", Range: source.Range{File: "fly.toml"}, Message: "a."}
	other := whole
	other.Message = "b."
	if a, b := Of(whole, []byte(service)), Of(other, nil); a != b || !strings.HasSuffix(a, ":1") {
		t.Errorf("whole-file findings depend on rule and file only: %q vs %q", a, b)
	}
	d := at(t, service, "r", "internal_port", 0, "8080")
	withMsg := d
	withMsg.Message = "other."
	if Of(d, nil) == Of(withMsg, nil) {
		t.Error("without content, the message tells findings apart")
	}
	// Positions past the end of the content clamp instead of panicking.
	d.Start = source.Pos{Line: 99, Col: 99, Offset: 9999}
	d.End = source.Pos{Line: 100, Col: 1, Offset: 10000}
	if got := Of(d, []byte("x")); got == "" {
		t.Error("empty fingerprint")
	}
}

func FuzzOf(f *testing.F) {
	f.Add([]byte(service), 2, 19, 3, 1)
	f.Add([]byte("\uFEFF\r\n\xff\x00"), 1, 1, 1, 9)
	f.Add([]byte(""), 5, -3, 0, 0)
	f.Fuzz(func(t *testing.T, content []byte, line, col, endLine, endCol int) {
		d := diag.Diagnostic{Rule: "r", Range: source.Range{File: "f",
			Start: source.Pos{Line: line, Col: col}, End: source.Pos{Line: endLine, Col: endCol}}}
		if got := Of(d, content); !regexp.MustCompile(`^[0-9a-f]{16}:[1-9][0-9]*$`).MatchString(got) {
			t.Fatalf("Of = %q", got)
		}
	})
}
