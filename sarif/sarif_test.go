package sarif

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/rules"
	"github.com/flylint/flylint/source"
)

var testRule = &rules.Rule{ID: "loopback-bind", Severity: diag.Error, Title: "A proxied service listens on a loopback address", Why: "First sentence. More.", Tags: []string{"bind"}}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return doc
}

func TestCleanRunHasEmptyResults(t *testing.T) {
	data, err := Marshal(nil, []*rules.Rule{testRule}, nil, Options{ToolVersion: "1.2.3", InformationURI: "https://example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"results": []`) {
		t.Errorf("a clean run must say results: []:\n%s", data)
	}
	run := decode(t, data)["runs"].([]any)[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "flylint" || driver["semanticVersion"] != "1.2.3" {
		t.Errorf("driver = %v", driver)
	}
}

// Columns are UTF-16 code units: "é" is one unit (two bytes), "😀" two
// units (four bytes).
func TestRegionsUseUTF16Columns(t *testing.T) {
	content := []byte("# é😀\nx = \"é😀127.0.0.1\"\n")
	start := strings.Index(string(content), "127")
	l := source.NewLines(content)
	d := diag.Diagnostic{Rule: "loopback-bind", Severity: diag.Error, Range: l.Range("fly.toml", start, start+9), Message: "Bad. Fix it."}
	data, err := Marshal([]diag.Diagnostic{d}, []*rules.Rule{testRule}, map[string][]byte{"fly.toml": content}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := decode(t, data)["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
	region := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)
	// Byte column 13 ("x = \"" is 5 bytes, é 2, 😀 4) is UTF-16 column 9.
	if d.Start.Col != 12 || region["startColumn"] != 9.0 || region["endColumn"] != 18.0 {
		t.Errorf("byte col %d, region %v", d.Start.Col, region)
	}
	if res["ruleIndex"] != 0.0 || res["partialFingerprints"] == nil {
		t.Errorf("result = %v", res)
	}
}

func TestDiagnosticWithoutPosition(t *testing.T) {
	d := diag.Diagnostic{Rule: "loopback-bind", Severity: diag.Error, Range: source.Range{File: "fly.toml"}, Message: "Whole file."}
	data, err := Marshal([]diag.Diagnostic{d}, []*rules.Rule{testRule}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"region"`) {
		t.Errorf("no position means no region:\n%s", data)
	}
}

func TestUnknownRuleIsAnError(t *testing.T) {
	d := diag.Diagnostic{Rule: "nope", Severity: diag.Error, Range: source.Range{File: "f"}, Message: "x"}
	if _, err := Marshal([]diag.Diagnostic{d}, []*rules.Rule{testRule}, nil, Options{}); err == nil {
		t.Error("a result must reference a rule in rules[]")
	}
}

// TestGoldenValidates runs Microsoft's SARIF Multitool (SARIF and GitHub
// rule sets) over the golden SARIF reports; CI sets FLYLINT_SARIF_VALIDATE.
func TestGoldenValidates(t *testing.T) {
	if os.Getenv("FLYLINT_SARIF_VALIDATE") == "" {
		t.Skip("set FLYLINT_SARIF_VALIDATE=1 to run ../shared/tools/sarif-validate")
	}
	tool, err := filepath.Abs(filepath.Join("..", "..", "shared", "tools", "sarif-validate"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("no validator at %s", tool)
	}
	golden, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.sarif"))
	if len(golden) == 0 {
		t.Fatal("no golden SARIF files")
	}
	out, err := exec.Command(tool, golden...).CombinedOutput()
	if err != nil {
		t.Fatalf("sarif-validate: %v\n%s", err, out)
	}
}
