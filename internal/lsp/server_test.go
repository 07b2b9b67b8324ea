package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
)

// The fixture app: fly.toml routes [http_service] to 5000, which main.go
// binds on loopback (loopback-bind, shown in main.go), and kill_signal
// has a safe fix (invalid-kill-signal). The emoji before the address
// makes UTF-16 and UTF-8 columns differ on the Go finding's line.
const (
	flyTOML = "app = \"web\"\nkill_signal = \"TERM\"\n\n[http_service]\n  internal_port = 5000\n"
	mainGo  = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tgo http.ListenAndServe(/*🚀*/\"127.0.0.1:5000\", nil)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n"
	goMod   = "module example.com/web\n\ngo 1.22\n"
)

func fixtureApp(t testing.TB) (dir, fly, gofile string) {
	t.Helper()
	dir = t.TempDir()
	writeFiles(t, dir, map[string]string{"fly.toml": flyTOML, "main.go": mainGo, "go.mod": goMod})
	return dir, filepath.Join(dir, "fly.toml"), filepath.Join(dir, "main.go")
}

func rng(l1, c1, l2, c2 int) Range {
	return Range{Start: Position{l1, c1}, End: Position{l2, c2}}
}

func codes(p PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code)
	}
	return out
}

func hasCode(code string) func(PublishDiagnosticsParams) bool {
	return func(p PublishDiagnosticsParams) bool {
		for _, d := range p.Diagnostics {
			if d.Code == code {
				return true
			}
		}
		return false
	}
}

func isEmpty(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 }

func find(t *testing.T, p PublishDiagnosticsParams, code string) Diagnostic {
	t.Helper()
	for _, d := range p.Diagnostics {
		if d.Code == code {
			return d
		}
	}
	t.Fatalf("no %s in %v", code, codes(p))
	return Diagnostic{}
}

func open(c *client, path, text string, version int) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uriOf(path), "languageId": "toml", "version": version, "text": text}})
}

func change(c *client, path string, version int, r Range, text string) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uriOf(path), "version": version},
		"contentChanges": []any{map[string]any{"range": r, "text": text}},
	})
}

// Opening fly.toml publishes its findings and those of main.go, at UTF-16
// positions with the related location; an unsaved edit of internal_port
// clears main.go's finding with an empty publish, and nothing is written.
func TestOpenChangeAcrossFiles(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	c := startClient(t, Options{})
	res := c.initialize(map[string]any{}, nil, dir)
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding = %v, want utf-16 for a client that offers none", caps["positionEncoding"])
	}
	if sync := caps["textDocumentSync"].(map[string]any); sync["change"] != float64(2) {
		t.Errorf("textDocumentSync.change = %v, want 2 (incremental)", sync["change"])
	}
	open(c, fly, flyTOML, 1)
	p := c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil })
	if d := find(t, p, "invalid-kill-signal"); d.Range != rng(1, 14, 1, 20) || d.Severity != severityError || p.Version == nil || *p.Version != 1 {
		t.Errorf("kill_signal finding at %+v severity %d version %v, want 1:14-1:20, error, version 1", d.Range, d.Severity, p.Version)
	}
	g := c.waitPublish(0, gofile, hasCode("loopback-bind"))
	d := find(t, g, "loopback-bind")
	// "\tgo http.ListenAndServe(" is 24 units, "/*🚀*/" 6 in UTF-16.
	if d.Range != rng(5, 30, 5, 46) {
		t.Errorf("loopback-bind at %+v, want 5:30-5:46 (UTF-16)", d.Range)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uriOf(fly) || d.RelatedInformation[0].Location.Range != rng(4, 18, 4, 22) {
		t.Errorf("relatedInformation = %+v, want fly.toml 4:18-4:22", d.RelatedInformation)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "/docs/rules/loopback-bind.md") {
		t.Errorf("codeDescription = %+v, want the rule's page", d.CodeDescription)
	}

	n := c.noteCount()
	change(c, fly, 2, rng(4, 18, 4, 22), "8080")
	c.waitPublish(n, gofile, isEmpty)
	p = c.waitPublish(n, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if got := codes(p); len(got) != 1 || got[0] != "invalid-kill-signal" {
		t.Errorf("fly.toml after the edit: %v, want only invalid-kill-signal", got)
	}
	if b, _ := os.ReadFile(fly); string(b) != flyTOML {
		t.Errorf("fly.toml on disk changed to %q; the server must never write", b)
	}
}

// A client that offers UTF-8 gets it, and columns are then bytes.
func TestPositionEncodingUTF8(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	c := startClient(t, Options{})
	res := c.initialize(map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}, nil, dir)
	if enc := res["capabilities"].(map[string]any)["positionEncoding"]; enc != "utf-8" {
		t.Fatalf("positionEncoding = %v, want utf-8", enc)
	}
	open(c, fly, flyTOML, 1)
	d := find(t, c.waitPublish(0, gofile, hasCode("loopback-bind")), "loopback-bind")
	if d.Range != rng(5, 32, 5, 48) {
		t.Errorf("loopback-bind at %+v, want 5:32-5:48 (bytes)", d.Range)
	}
}

// countingGo counts real Go analyses.
func countingGo(n *atomic.Int32) func(context.Context, string, goload.Options) (*goload.Result, error) {
	return func(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
		n.Add(1)
		return goload.Analyze(ctx, mod, []string{"./..."}, o)
	}
}

// Edits to fly.toml reuse the module's Go analysis; saving a Go file, or
// the file changing on disk, runs it again and republishes.
func TestGoCacheSaveAndWatchedFiles(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	var analyses atomic.Int32
	c := startClient(t, Options{GoAnalyze: countingGo(&analyses)})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	for v := 2; v <= 5; v++ {
		n := c.noteCount()
		port := []string{"8080", "5000"}[v%2]
		change(c, fly, v, rng(4, 18, 4, 22), port)
		c.waitPublish(n, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v })
	}
	if got := analyses.Load(); got != 1 {
		t.Errorf("%d Go analyses after fly.toml edits, want 1 (cached)", got)
	}
	// fly.toml now says 5000 again (version 5): main.go has its finding.
	fixed := strings.Replace(mainGo, "127.0.0.1:5000", "0.0.0.0:5000", 1)
	writeFiles(t, dir, map[string]string{"main.go": fixed})
	open(c, gofile, fixed, 1)
	n := c.noteCount()
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uriOf(gofile)}})
	c.waitPublish(n, gofile, isEmpty)
	if got := analyses.Load(); got != 2 {
		t.Errorf("%d Go analyses after saving main.go, want 2", got)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uriOf(gofile)}})
	// A request answers once a lint has seen the close: no lint of the
	// buffer is still running when the disk changes under it (it would
	// rightly analyse the buffer, which then differs from the disk).
	var hover any
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{0, 0}}, &hover)
	writeFiles(t, dir, map[string]string{"main.go": mainGo})
	n = c.noteCount()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": uriOf(gofile), "type": 2}}})
	c.waitPublish(n, gofile, hasCode("loopback-bind"))
	if got := analyses.Load(); got != 3 {
		t.Errorf("%d Go analyses after main.go changed on disk, want 3", got)
	}
}

// Closing a buffer without saving lints the file as on disk again.
func TestCloseRevertsToDisk(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	n := c.noteCount()
	change(c, fly, 2, rng(4, 18, 4, 22), "8080")
	c.waitPublish(n, gofile, isEmpty)
	n = c.noteCount()
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}})
	c.waitPublish(n, gofile, hasCode("loopback-bind"))
}

// An unsaved package.json is what the loader reads: changing the start
// script's port to internal_port clears fly.toml's finding. (The shape
// of rules/testdata/internal-port-mismatch/bad-node-npm-next.)
func TestPackageJSONBuffer(t *testing.T) {
	dir := t.TempDir()
	pkg := "{\n  \"name\": \"web\",\n  \"scripts\": {\n    \"start\": \"next start -p 8080\"\n  }\n}\n"
	writeFiles(t, dir, map[string]string{
		"fly.toml":     "app = \"web\"\n\n[http_service]\n  internal_port = 3000\n",
		"Dockerfile":   "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"npm\", \"start\"]\n",
		"package.json": pkg,
	})
	fly, pj := filepath.Join(dir, "fly.toml"), filepath.Join(dir, "package.json")
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, nil, dir)
	d := find(t, c.waitPublish(0, fly, hasCode("internal-port-mismatch")), "internal-port-mismatch")
	if d.Range != rng(3, 18, 3, 22) {
		t.Errorf("internal-port-mismatch at %+v, want 3:18-3:22", d.Range)
	}
	open(c, pj, pkg, 1)
	n := c.noteCount()
	change(c, pj, 2, rng(3, 29, 3, 33), "3000")
	c.waitPublish(n, fly, isEmpty)
}

// A bug that panics while linting is shown to the user, and the server
// goes on answering.
func TestPanicInLintIsReported(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	c := startClient(t, Options{GoAnalyze: func(context.Context, string, goload.Options) (*goload.Result, error) {
		panic("boom")
	}})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	var h *Hover
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{0, 0}}, &h)
	found := false
	for _, m := range c.notesSince(0) {
		found = found || m.Method == "window/showMessage" && strings.Contains(string(m.Params), "internal error") && strings.Contains(string(m.Params), "boom")
	}
	if !found {
		t.Error("no window/showMessage told of the internal error")
	}
}

// An unsaved edit to main.go is what the Go analysis reads: binding
// 0.0.0.0 in the buffer clears the loopback finding, the reverse edit
// brings it back, and nothing on disk changes. An edit elsewhere reuses
// the analysis of the buffers as they stand.
func TestGoBufferEdits(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	var analyses atomic.Int32
	c := startClient(t, Options{GoAnalyze: countingGo(&analyses)})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	open(c, gofile, mainGo, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))

	n := c.noteCount()
	change(c, gofile, 2, rng(5, 31, 5, 40), "0.0.0.0")
	c.waitPublish(n, gofile, func(p PublishDiagnosticsParams) bool { return isEmpty(p) && p.Version != nil && *p.Version == 2 })
	if got := analyses.Load(); got != 2 {
		t.Errorf("%d Go analyses after the edit, want 2", got)
	}
	// kill_signal fixed in fly.toml: main.go's buffer is unchanged, so
	// its analysis is reused.
	n = c.noteCount()
	change(c, fly, 2, rng(1, 15, 1, 19), "SIGTERM")
	c.waitPublish(n, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if got := analyses.Load(); got != 2 {
		t.Errorf("%d Go analyses after a fly.toml edit, want 2 (cached)", got)
	}

	n = c.noteCount()
	change(c, gofile, 3, rng(5, 31, 5, 38), "127.0.0.1")
	d := find(t, c.waitPublish(n, gofile, hasCode("loopback-bind")), "loopback-bind")
	if d.Range != rng(5, 30, 5, 46) {
		t.Errorf("loopback-bind at %+v, want 5:30-5:46", d.Range)
	}
	for name, want := range map[string]string{"main.go": mainGo, "fly.toml": flyTOML} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s changed on disk", name)
		}
	}
}
