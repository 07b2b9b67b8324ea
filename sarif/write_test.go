package sarif

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/fingerprint"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/rules"
)

func write(t *testing.T, diags []diag.Diagnostic, rs []*rules.Rule, files map[string][]byte, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, diags, rs, files, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCleanRunHasEmptyResults(t *testing.T) {
	data := write(t, nil, testRules, nil, opts)
	if !bytes.Contains(data, []byte(`"results": []`)) {
		t.Errorf("a clean run must say \"results\": []:\n%s", data)
	}
	run := get(t, decode(t, data), "runs", 0)
	driver := get(t, run, "tool", "driver")
	for k, want := range map[string]any{"name": "flylint", "version": "0.1.0", "semanticVersion": "0.1.0", "informationUri": "https://github.com/flylint-dev/flylint"} {
		if got := get(t, driver, k); got != want {
			t.Errorf("driver.%s = %v, want %v", k, got, want)
		}
	}
	if n := len(get(t, driver, "rules").([]any)); n != 3 {
		t.Errorf("%d rules, want 3", n)
	}
	if get(t, run, "automationDetails") != nil || get(t, run, "originalUriBaseIds") != nil {
		t.Error("no category and no source root were given")
	}
}

func TestRuleDescriptor(t *testing.T) {
	rule := get(t, decode(t, write(t, nil, testRules, nil, opts)), "runs", 0, "tool", "driver", "rules", 2)
	for path, want := range map[string]any{
		"id":                           "public-sensitive-port",
		"shortDescription.text":        "A database or admin port is routed from the internet",
		"fullDescription.text":         "Every port a service exposes on a public IP is open to the whole internet.",
		"helpUri":                      "https://github.com/flylint-dev/flylint/blob/main/docs/rules/public-sensitive-port.md",
		"defaultConfiguration.level":   "warning",
		"properties.security-severity": "7.5",
		"help.markdown":                rules.Markdown(publicPort),
		"properties.tags":              []any{"security", "exposure"},
		"name":                         "PublicSensitivePort",
		"defaultConfiguration.enabled": true,
	} {
		var keys []any
		for _, k := range strings.Split(path, ".") {
			keys = append(keys, k)
		}
		got, _ := json.Marshal(get(t, rule, keys...))
		w, _ := json.Marshal(want)
		if !bytes.Equal(got, w) {
			t.Errorf("%s = %s, want %s", path, got, w)
		}
	}
	help := get(t, rule, "help", "text").(string)
	if !strings.Contains(help, "Keep databases on the private network.") || strings.Contains(help, "```") {
		t.Errorf("help.text = %q", help)
	}
	// A security-severity without the tag still gets the tag GitHub needs.
	r := *publicPort
	r.Tags = []string{"exposure"}
	tags := get(t, decode(t, write(t, nil, []*rules.Rule{&r}, nil, opts)), "runs", 0, "tool", "driver", "rules", 0, "properties", "tags")
	if got, _ := json.Marshal(tags); string(got) != `["exposure","security"]` {
		t.Errorf("tags = %s", got)
	}
}

func TestUTF16Columns(t *testing.T) {
	// Line 2: `x = "` is 5 bytes, é 2 bytes (1 unit), 😀 4 bytes (2 units).
	content := []byte("# é😀\r\nx = \"é😀127.0.0.1\" # é\r\n")
	start := bytes.Index(content, []byte("127"))
	d := diag.Diagnostic{Rule: "loopback-bind", Severity: diag.Error, Range: source.NewLines(content).Range("fly.toml", start, start+9), Message: "Bad."}
	if d.Start.Col != 12 {
		t.Fatalf("byte column %d", d.Start.Col)
	}
	files := map[string][]byte{"fly.toml": content}
	res := get(t, decode(t, write(t, []diag.Diagnostic{d}, testRules, files, opts)), "runs", 0, "results", 0)
	region := get(t, res, "locations", 0, "physicalLocation", "region")
	got, _ := json.Marshal(region)
	if want := `{"endColumn":18,"endLine":2,"startColumn":9,"startLine":2}`; string(got) != want {
		t.Errorf("region = %s, want %s", got, want)
	}
	if h := get(t, res, "partialFingerprints", "primaryLocationLineHash"); h != fingerprint.LineHash(content, 2) {
		t.Errorf("line hash %v, want %q", h, fingerprint.LineHash(content, 2))
	}
	if h := get(t, res, "partialFingerprints", findingHashKey); h != fingerprint.Of(d, content) {
		t.Errorf("finding hash %v, want %q", h, fingerprint.Of(d, content))
	}
	// Without the content, columns stay in bytes and no line hash is made.
	res = get(t, decode(t, write(t, []diag.Diagnostic{d}, testRules, nil, opts)), "runs", 0, "results", 0)
	if c := get(t, res, "locations", 0, "physicalLocation", "region", "startColumn"); c != 12.0 {
		t.Errorf("startColumn without content = %v", c)
	}
	if get(t, res, "partialFingerprints", "primaryLocationLineHash") != nil {
		t.Error("a line hash without content")
	}
}

var link = regexp.MustCompile(`\[((?:[^\]\\]|\\.)*)\]\((\d+)\)`)

// Every embedded link must name a related location's id, and every
// related location must be linked: GitHub shows only linked ones.
func TestRelatedLocationsAreLinked(t *testing.T) {
	diags, files := severalRules(t)
	doc := decode(t, write(t, diags, testRules, files, opts))
	results := get(t, doc, "runs", 0, "results").([]any)
	linked := 0
	for _, r := range results {
		msg := get(t, r, "message", "text").(string)
		ids := map[string]bool{}
		if rel, ok := get(t, r, "relatedLocations").([]any); ok {
			for _, l := range rel {
				ids[strconv.Itoa(int(get(t, l, "id").(float64)))] = true
			}
		}
		seen := map[string]bool{}
		for _, m := range link.FindAllStringSubmatch(msg, -1) {
			if !ids[m[2]] {
				t.Errorf("%q links to id %s, which is not a related location", msg, m[2])
			}
			seen[m[2]] = true
			linked++
		}
		if len(seen) != len(ids) {
			t.Errorf("%q links %d of %d related locations", msg, len(seen), len(ids))
		}
	}
	if linked != 3 {
		t.Errorf("%d links, want 3", linked)
	}
	// The diagnostic's own message comes first, unchanged.
	if msg := get(t, results[1], "message", "text").(string); !strings.HasPrefix(msg, diags[1].Message+" Related: ") {
		t.Errorf("message = %q", msg)
	}
	if got := relatedLinks([]diag.Related{{Range: source.Range{File: "a[1]/fly.toml"}}}); got != ` Related: [a\[1\]/fly.toml](1).` {
		t.Errorf("escaped link = %q", got)
	}
}

func TestWritesNothingOnError(t *testing.T) {
	for name, call := range map[string]func(*bytes.Buffer) error{
		"rule passed twice": func(b *bytes.Buffer) error {
			return Write(b, nil, []*rules.Rule{loopbackBind, loopbackBind}, nil, opts)
		},
		"diagnostic without file": func(b *bytes.Buffer) error {
			return Write(b, []diag.Diagnostic{{Rule: "loopback-bind", Message: "x."}}, testRules, nil, opts)
		},
	} {
		var buf bytes.Buffer
		if err := call(&buf); err == nil || buf.Len() != 0 {
			t.Errorf("%s: err %v, wrote %d bytes", name, err, buf.Len())
		}
	}
}

func TestRuleNotPassedGetsADescriptor(t *testing.T) {
	d := diag.Diagnostic{Rule: "not-a-rule", Severity: diag.Warning, Range: source.Range{File: "fly.toml"}, Message: "x."}
	run := get(t, decode(t, write(t, []diag.Diagnostic{d}, testRules, nil, opts)), "runs", 0)
	if id := get(t, run, "tool", "driver", "rules", 3, "id"); id != "not-a-rule" {
		t.Errorf("rules[3].id = %v", id)
	}
	if i := get(t, run, "results", 0, "ruleIndex"); i != 3.0 {
		t.Errorf("ruleIndex = %v", i)
	}
}

func TestOutputIsIndependentOfInputOrder(t *testing.T) {
	diags, files := severalRules(t)
	reversed := slices.Clone(diags)
	slices.Reverse(reversed)
	if a, b := write(t, diags, testRules, files, opts), write(t, reversed, testRules, files, opts); !bytes.Equal(a, b) {
		t.Error("the order of the diagnostics changed the log")
	}
}

func TestVersionAndURIs(t *testing.T) {
	o := opts
	o.ToolVersion, o.SrcRoot = "(devel)", "/home/ci/repo é"
	run := get(t, decode(t, write(t, nil, testRules, nil, o)), "runs", 0)
	if v := get(t, run, "tool", "driver", "semanticVersion"); v != nil {
		t.Errorf("semanticVersion %v for a version that is not semver", v)
	}
	if u := get(t, run, "originalUriBaseIds", "%SRCROOT%", "uri"); u != "file:///home/ci/repo%20%C3%A9/" {
		t.Errorf("SRCROOT = %v", u)
	}
	for in, want := range map[string]string{
		"web/fly.toml":    "web/fly.toml",
		"my app/fly.toml": "my%20app/fly.toml",
		"é/Dockerfile":    "%C3%A9/Dockerfile",
		"c:x/fly.toml":    "./c:x/fly.toml",
		"a/100%/#1?.toml": "a/100%25/%231%3F.toml",
	} {
		if got, rel := fileURI(in); got != want || !rel {
			t.Errorf("fileURI(%q) = %q, %v; want %q", in, got, rel, want)
		}
	}
	if got, rel := fileURI("/abs/fly.toml"); got != "file:///abs/fly.toml" || rel {
		t.Errorf("absolute: %q %v", got, rel)
	}
}

func TestURIsFromSubdirectory(t *testing.T) {
	x := newIndex(nil)
	x.base = uriBase("/repo", "/repo/apps/api")
	if x.base != "apps/api/" {
		t.Fatalf("uriBase = %q", x.base)
	}
	for in, want := range map[string]string{
		"fly.toml":            "apps/api/fly.toml",
		"../web/Dockerfile":   "apps/web/Dockerfile",
		"../../../etc/x.toml": "../../../etc/x.toml", // leaves the root: as written
		"/abs/fly.toml":       "file:///abs/fly.toml",
	} {
		if got := *x.artifactLocation(in).URI; got != want {
			t.Errorf("%s: uri %q, want %q", in, got, want)
		}
	}
	for _, tc := range [][2]string{{"", "/repo"}, {"/repo", ""}, {"/repo", "/repo"}, {"/repo", "/elsewhere"}} {
		if b := uriBase(tc[0], tc[1]); b != "" {
			t.Errorf("uriBase(%q, %q) = %q, want none", tc[0], tc[1], b)
		}
	}
}

// Diagnostics come from parsers fed arbitrary bytes; whatever their
// positions, Write must produce a valid log.
func FuzzWrite(f *testing.F) {
	f.Add([]byte("x = \"é😀127.0.0.1\"\r\n"), 1, 9, 1, 18, 2, 1)
	f.Add([]byte("\uFEFF\xff\x00\r\r\n"), 3, 1, 1, 1, 0, 0)
	f.Add([]byte(""), 1, 1, 0, 0, 9, 9)
	f.Fuzz(func(t *testing.T, content []byte, line, col, endLine, endCol, relLine, relCol int) {
		l := source.NewLines(content)
		d := diag.Diagnostic{
			Rule: "loopback-bind", Severity: diag.Error, Message: "m.",
			Range:   source.Range{File: "f", Start: l.At(line, col), End: source.Pos{Line: endLine, Col: endCol}},
			Related: []diag.Related{{Range: source.Range{File: "f", Start: source.Pos{Line: relLine, Col: relCol}}}},
			Fixes:   []diag.Fix{{Edits: []diag.Edit{{Range: source.Range{File: "f", Start: source.Pos{Line: line, Col: col}, End: source.Pos{Line: endLine, Col: endCol}}}}}},
		}
		var buf bytes.Buffer
		if err := Write(&buf, []diag.Diagnostic{d}, testRules, map[string][]byte{"f": content}, opts); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatal("not JSON")
		}
	})
}
