package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// evilDiag quotes bytes from a user's file that XML 1.0 cannot carry at
// all (NUL, ESC, BEL), markup, and a newline.
func evilDiag() diag.Diagnostic {
	pos := source.Pos{Line: 1, Col: 1, Offset: 0}
	return diag.Diagnostic{
		Rule: "unknown-key", Severity: diag.Warning,
		Range:   source.Range{File: "a&b/<fly>.toml", Start: pos, End: source.Pos{Line: 1, Col: 2, Offset: 1}},
		Message: "unknown key \"x\x1b[2J\x00\x07\" ]]> </error>\nnext",
		Related: []diag.Related{{Range: source.Range{File: "a&b/<fly>.toml", Start: pos, End: pos}, Message: "see ]]>"}},
	}
}

// A message quoted from a hostile file must leave the XML reports
// well-formed, with the markup in it read back as text.
func TestXMLReportsParseWhateverTheMessageQuotes(t *testing.T) {
	d := evilDiag()
	for name, write := range map[string]func(*bytes.Buffer) error{
		"checkstyle": func(b *bytes.Buffer) error { return Checkstyle(b, []diag.Diagnostic{d}) },
		"junit":      func(b *bytes.Buffer) error { return JUnit(b, []diag.Diagnostic{d}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		// Decode every token: a character XML forbids fails here even
		// where xml.Unmarshal into a struct would skip it.
		dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: not well-formed XML: %v\n%s", name, err, buf.String())
				}
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				for _, a := range tok.Attr {
					text.WriteString(a.Value + "\n")
				}
			case xml.CharData:
				text.Write(tok)
			}
		}
		for _, want := range []string{"a&b/<fly>.toml", `]]> </error>`, "next"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("%s: %q did not survive the round trip:\n%s", name, want, buf.String())
			}
		}
	}
}

func TestCompactIsOneLinePerFinding(t *testing.T) {
	d := evilDiag()
	var buf bytes.Buffer
	if err := Compact(&buf, []diag.Diagnostic{d, d}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines for 2 findings:\n%q", len(lines), buf.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "a&b/<fly>.toml:1:1: warning: unknown key") || !strings.HasSuffix(l, " [unknown-key]") {
			t.Errorf("line %q is not file:line:col: severity: message [rule]", l)
		}
		for _, r := range l {
			if r < 0x20 && r != '\t' {
				t.Errorf("control byte %#x in %q", r, l)
			}
		}
	}
}

func gitlabIssues(t *testing.T, diags []diag.Diagnostic, files map[string][]byte) []gitlabIssue {
	t.Helper()
	var buf bytes.Buffer
	if err := GitLab(&buf, diags, files); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, buf.String())
	}
	return issues
}

func TestGitLabEmptyReportIsAnArray(t *testing.T) {
	var buf bytes.Buffer
	if err := GitLab(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	// GitLab rejects null; a clean run is an empty array.
	if got := strings.TrimSpace(buf.String()); got != "[]" {
		t.Errorf("clean report is %q, want []", got)
	}
}

// GitLab shows one issue per fingerprint and compares them between the
// branch and its target, so a fingerprint must be unique in a report and
// must survive lines added above the finding.
func TestGitLabFingerprints(t *testing.T) {
	at := func(content, flagged string) (diag.Diagnostic, map[string][]byte) {
		off := strings.Index(content, flagged)
		lines := source.NewLines([]byte(content))
		return diag.Diagnostic{
			Rule: "internal-port-mismatch", Severity: diag.Error,
			Range:   lines.Range("fly.toml", off, off+len(flagged)),
			Message: "m",
		}, map[string][]byte{"fly.toml": []byte(content)}
	}
	before := "[http_service]\ninternal_port = 8080\n"
	after := "app = \"x\"\n\n" + before
	d1, f1 := at(before, "8080")
	d2, f2 := at(after, "8080")
	i1, i2 := gitlabIssues(t, []diag.Diagnostic{d1}, f1), gitlabIssues(t, []diag.Diagnostic{d2}, f2)
	if i1[0].Fingerprint != i2[0].Fingerprint {
		t.Errorf("fingerprint changed when lines were added above: %s, %s", i1[0].Fingerprint, i2[0].Fingerprint)
	}
	if i1[0].Location.Lines.Begin != 2 || i2[0].Location.Lines.Begin != 4 {
		t.Errorf("lines.begin %d, %d; want 2, 4", i1[0].Location.Lines.Begin, i2[0].Location.Lines.Begin)
	}
	twice := gitlabIssues(t, []diag.Diagnostic{d1, d1}, f1)
	if twice[0].Fingerprint == twice[1].Fingerprint {
		t.Errorf("two findings share fingerprint %s; GitLab would show one", twice[0].Fingerprint)
	}
	d3, f3 := at("[http_service]\ninternal_port = 9090\n", "9090")
	if other := gitlabIssues(t, []diag.Diagnostic{d3}, f3); other[0].Fingerprint == i1[0].Fingerprint {
		t.Error("a finding on a different line text kept the fingerprint")
	}
}

// Each flylint severity lands on a distinct GitLab severity, in the same
// order, from the five GitLab knows.
func TestGitLabSeverities(t *testing.T) {
	rank := map[string]int{"info": 0, "minor": 1, "major": 2, "critical": 3, "blocker": 4}
	last := -1
	for _, s := range []diag.Severity{diag.Info, diag.Warning, diag.Error} {
		d := evilDiag()
		d.Severity = s
		got := gitlabIssues(t, []diag.Diagnostic{d}, nil)[0].Severity
		r, ok := rank[got]
		if !ok || r <= last {
			t.Errorf("%s maps to %q, not a GitLab severity above the one before", s, got)
		}
		last = r
	}
}

// The Checkstyle schema requires line; a finding about a whole file
// (one that could not be read) says line 0, which consumers place on
// the file.
func TestCheckstyleWholeFileFinding(t *testing.T) {
	d := diag.Diagnostic{Rule: "file-not-read", Severity: diag.Error, Range: source.Range{File: "fly.toml"}, Message: "m"}
	var buf bytes.Buffer
	if err := Checkstyle(&buf, []diag.Diagnostic{d}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<error line="0" severity="error" message="m" source="flylint.file-not-read">`) {
		t.Errorf("want line 0 and no column:\n%s", buf.String())
	}
}
