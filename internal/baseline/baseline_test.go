package baseline

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
)

// find returns a diagnostic of rule on the n-th (0-based) occurrence of
// text in content.
func find(t *testing.T, file, content, rule, text string, n int) diag.Diagnostic {
	t.Helper()
	off := -1
	for range n + 1 {
		i := strings.Index(content[off+1:], text)
		if i < 0 {
			t.Fatalf("no %q in %q", text, content)
		}
		off += i + 1
	}
	l := source.NewLines([]byte(content))
	return diag.Diagnostic{Rule: rule, Severity: diag.Error, Range: l.Range(file, off, off+len(text)), Message: rule + " here."}
}

const toml = "app = \"x\"\n[[services]]\n  internal_port = 8080\n[[services]]\n  internal_port = 8080\n"

func TestFilterSurvivesMovedLines(t *testing.T) {
	files := map[string][]byte{"web/fly.toml": []byte(toml)}
	d := find(t, "web/fly.toml", toml, "r", "8080", 0)
	b := New([]diag.Diagnostic{d}, files, Paths{})

	moved := "# a comment\n\n" + toml
	files["web/fly.toml"] = []byte(moved)
	d2 := find(t, "web/fly.toml", moved, "r", "8080", 0)
	if kept, stale := b.Filter([]diag.Diagnostic{d2}, files, Paths{}); len(kept) != 0 || stale != 0 {
		t.Errorf("moved finding: kept %v, stale %d", kept, stale)
	}
	// The second service's identical line is a different finding.
	d3 := find(t, "web/fly.toml", moved, "r", "8080", 1)
	if kept, stale := b.Filter([]diag.Diagnostic{d3}, files, Paths{}); len(kept) != 1 || stale != 1 {
		t.Errorf("other occurrence: kept %d, stale %d", len(kept), stale)
	}
	changed := strings.Replace(moved, "8080", "8081", 1)
	files["web/fly.toml"] = []byte(changed)
	d4 := find(t, "web/fly.toml", changed, "r", "8081", 0)
	if kept, _ := b.Filter([]diag.Diagnostic{d4}, files, Paths{}); len(kept) != 1 {
		t.Errorf("changed line still baselined")
	}
}

func TestFilterCounts(t *testing.T) {
	// Three findings with one fingerprint (same rule, file, line, text),
	// two of them baselined: one is reported.
	files := map[string][]byte{"fly.toml": []byte(toml)}
	d := find(t, "fly.toml", toml, "r", "8080", 0)
	b := New([]diag.Diagnostic{d, d}, files, Paths{})
	if len(b.Findings) != 2 || b.Findings[0] != b.Findings[1] {
		t.Fatalf("baseline %+v", b.Findings)
	}
	kept, stale := b.Filter([]diag.Diagnostic{d, d, d}, files, Paths{})
	if len(kept) != 1 || stale != 0 {
		t.Errorf("kept %d, stale %d; want 1, 0", len(kept), stale)
	}
	kept, stale = b.Filter([]diag.Diagnostic{d}, files, Paths{})
	if len(kept) != 0 || stale != 1 {
		t.Errorf("kept %d, stale %d; want 0, 1", len(kept), stale)
	}
}

func TestFilterIgnoresMessageAndMatchesRuleAndFile(t *testing.T) {
	files := map[string][]byte{"a/fly.toml": []byte(toml), "b/fly.toml": []byte(toml)}
	d := find(t, "a/fly.toml", toml, "r", "8080", 0)
	b := New([]diag.Diagnostic{d}, files, Paths{})
	reworded := d
	reworded.Message = "Reworded."
	otherRule := d
	otherRule.Rule = "s"
	otherFile := find(t, "b/fly.toml", toml, "r", "8080", 0)
	kept, _ := b.Filter([]diag.Diagnostic{reworded, otherRule, otherFile}, files, Paths{})
	if !reflect.DeepEqual(kept, []diag.Diagnostic{otherRule, otherFile}) {
		t.Errorf("kept %+v", kept)
	}
}

func TestPathsAreRelativeToTheBaseline(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{"web/fly.toml": []byte(toml)}
	d := find(t, "web/fly.toml", toml, "r", "8080", 0)
	// Run from root with the baseline in root.
	b := New([]diag.Diagnostic{d}, files, NewPaths(root, root))
	if got := b.Findings[0].File; got != "web/fly.toml" {
		t.Fatalf("file %q", got)
	}
	// Run from root/web, where the path is fly.toml and the baseline is ..
	web := filepath.Join(root, "web")
	d2 := find(t, "fly.toml", toml, "r", "8080", 0)
	kept, stale := b.Filter([]diag.Diagnostic{d2}, map[string][]byte{"fly.toml": []byte(toml)}, NewPaths(web, root))
	if len(kept) != 0 || stale != 0 {
		t.Errorf("from a subdirectory: kept %d, stale %d", len(kept), stale)
	}
}

func TestMarshalIsSortedAndParses(t *testing.T) {
	files := map[string][]byte{"b/fly.toml": []byte(toml), "a/fly.toml": []byte(toml)}
	ds := []diag.Diagnostic{
		find(t, "b/fly.toml", toml, "r", "8080", 1),
		find(t, "b/fly.toml", toml, "q", "app", 0),
		find(t, "a/fly.toml", toml, "z", "8080", 0),
	}
	ds[0].Message = `uses <app> & "quotes"`
	b := New(ds, files, Paths{})
	rev := New([]diag.Diagnostic{ds[2], ds[1], ds[0]}, files, Paths{})
	data := b.Marshal()
	if string(data) != string(rev.Marshal()) {
		t.Error("order of diagnostics changes the file")
	}
	var order []string
	for _, e := range b.Findings {
		order = append(order, e.File+" "+e.Rule)
	}
	if want := []string{"a/fly.toml z", "b/fly.toml q", "b/fly.toml r"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order %q", order)
	}
	if !strings.HasPrefix(string(data), "{\n  \"version\": 1,\n  \"tool\": \"flylint\",\n  \"findings\": [\n    {\n      \"rule\": \"z\",\n      \"file\": \"a/fly.toml\",\n") ||
		!strings.Contains(string(data), `"message": "uses <app> & \"quotes\""`) || !strings.HasSuffix(string(data), "}\n") {
		t.Errorf("encoding:\n%s", data)
	}
	back, err := Parse(data)
	if err != nil || !reflect.DeepEqual(back, b) {
		t.Errorf("round trip: %v\n%+v", err, back)
	}
	empty := New(nil, nil, Paths{}).Marshal()
	if string(empty) != "{\n  \"version\": 1,\n  \"tool\": \"flylint\",\n  \"findings\": []\n}\n" {
		t.Errorf("empty baseline:\n%s", empty)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"", "not a flylint baseline: EOF"},
		{"{", "not a flylint baseline: unexpected EOF"},
		{"[]", "not a flylint baseline: json: cannot unmarshal array"},
		{"{}", `not a flylint baseline: no "tool": "flylint"`},
		{`{"version":1,"tool":"other","findings":[]}`, `tool is "other"`},
		{`{"version":2,"tool":"flylint","findings":[]}`, "baseline version 2 is not supported (this flylint reads version 1)"},
		{`{"version":1,"tool":"flylint","findings":[{"rule":"r"}]}`, "finding 1 has no rule or fingerprint"},
		{`{"version":1,"tool":"flylint","findings":[]} {}`, "data after the JSON object"},
		{"\x00\xff", "not a flylint baseline: invalid character"},
	} {
		_, err := Parse([]byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.data, err, tc.want)
		}
	}
	if _, err := Parse([]byte(`{"version":1,"tool":"flylint","findings":null,"future":true}`)); err != nil {
		t.Errorf("unknown field: %v", err)
	}
}

func TestWriteAndRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	files := map[string][]byte{"fly.toml": []byte(toml)}
	b := New([]diag.Diagnostic{find(t, "fly.toml", toml, "r", "8080", 0)}, files, Paths{})
	if err := Write(p, b); err != nil {
		t.Fatal(err)
	}
	back, err := Read(p)
	if err != nil || !reflect.DeepEqual(back, b) {
		t.Errorf("Read: %v %+v", err, back)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing.json")); !os.IsNotExist(err) {
		t.Errorf("missing: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":1,"tool":"flylint","findings":[{"rule":"r","file":"f","fingerprint":"x:1"}]}`))
	f.Add([]byte(`{"version":1e400}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data)
		if err != nil {
			return
		}
		// What parses re-encodes to something that parses the same.
		again, err := Parse(b.Marshal())
		if err != nil || len(again.Findings) != len(b.Findings) {
			t.Fatalf("re-parse: %v", err)
		}
	})
}

// A FIFO given as -baseline used to block until a writer came; /dev/zero
// was read until MaxSize. Both are refused before any byte is read.
func TestReadRefusesFIFOAndDevices(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "b.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(p)
			done <- err
		}()
		select {
		case err := <-done:
			var odd *safefile.NotRegularError
			if !errors.As(err, &odd) {
				t.Errorf("Read(%s): %v, want a not-a-regular-file error", p, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) blocked", p)
		}
	}
}
