package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
)

func codeActions(t *testing.T, c *client, path string, r Range) []CodeAction {
	t.Helper()
	var out []CodeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}, "range": r, "context": map[string]any{"diagnostics": []any{}}}, &out)
	return out
}

func action(t *testing.T, as []CodeAction, title string) CodeAction {
	t.Helper()
	for _, a := range as {
		if a.Title == title {
			return a
		}
	}
	var titles []string
	for _, a := range as {
		titles = append(titles, a.Title)
	}
	t.Fatalf("no action %q in %q", title, titles)
	return CodeAction{}
}

// Each safe fix is a quickfix whose edit, applied by the client, clears
// the finding; "ignore" inserts a directive above the line in the file's
// comment syntax; "explain" opens the rule's page.
func TestCodeActions(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{"window": map[string]any{"showDocument": map[string]any{"support": true}}}, nil, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, fly, hasCode("invalid-kill-signal"))

	as := codeActions(t, c, fly, rng(1, 16, 1, 16))
	fix := action(t, as, `Write "SIGTERM"`)
	edits := fix.Edit.Changes[uriOf(fly)]
	if fix.Kind != "quickfix" || len(edits) != 1 || edits[0].Range != rng(1, 14, 1, 20) || edits[0].NewText != `"SIGTERM"` {
		t.Fatalf("fix = %+v, want one edit of 1:14-1:20 to \"SIGTERM\"", fix)
	}
	ign := action(t, as, "Ignore invalid-kill-signal on this line")
	if e := ign.Edit.Changes[uriOf(fly)]; len(e) != 1 || e[0].Range != rng(1, 0, 1, 0) || e[0].NewText != "# flylint:ignore invalid-kill-signal\n" {
		t.Errorf("ignore edit = %+v, want the directive inserted at 1:0", e)
	}
	exp := action(t, as, "Explain invalid-kill-signal")
	if exp.Command == nil || exp.Command.Command != explainCommand {
		t.Fatalf("explain = %+v, want the %s command", exp, explainCommand)
	}
	// Nothing on a line without a finding.
	if as := codeActions(t, c, fly, rng(0, 0, 0, 3)); len(as) != 0 {
		t.Errorf("actions on line 0: %+v, want none", as)
	}

	// The client applies the quickfix as an editor does: a didChange.
	n := c.noteCount()
	change(c, fly, 2, edits[0].Range, edits[0].NewText)
	p := c.waitPublish(n, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if len(p.Diagnostics) != 0 {
		t.Errorf("after the quickfix: %v, want none", codes(p))
	}

	// In Go the directive is "//", indented as the line.
	as = codeActions(t, c, gofile, rng(5, 31, 5, 31))
	if e := action(t, as, "Ignore loopback-bind on this line").Edit.Changes[uriOf(gofile)]; len(e) != 1 || e[0].Range != rng(5, 0, 5, 0) || e[0].NewText != "\t//flylint:ignore loopback-bind\n" {
		t.Errorf("Go ignore edit = %+v", e)
	}
	goFix := action(t, as, "Listen on all interfaces").Edit.Changes[uriOf(gofile)]
	if len(goFix) != 1 || goFix[0].Range != rng(5, 30, 5, 46) || goFix[0].NewText != `":5000"` {
		t.Errorf("Go fix = %+v, want 5:30-5:46 to \":5000\"", goFix)
	}

	c.mu.Lock()
	c.answer = func(m *message) any {
		if m.Method == "window/showDocument" {
			return map[string]any{"success": true}
		}
		return nil
	}
	before := len(c.requests)
	c.mu.Unlock()
	c.call("workspace/executeCommand", map[string]any{"command": explainCommand, "arguments": []string{"invalid-kill-signal"}}, nil)
	c.mu.Lock()
	reqs := c.requests[before:]
	c.mu.Unlock()
	if len(reqs) != 1 || reqs[0].Method != "window/showDocument" || !strings.Contains(string(reqs[0].Params), "docs/rules/invalid-kill-signal.md") {
		t.Errorf("explain sent %v, want window/showDocument of the rule's page", reqs)
	}
}

// A client that takes LSP 3.18 snippet edits gets the reason as a
// placeholder to fill in; one without showDocument gets the
// documentation as a message.
func TestIgnoreSnippetAndExplainMessage(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"snippetEditSupport": true}}}, nil, dir)
	open(c, fly, flyTOML, 7)
	c.waitPublish(0, fly, hasCode("invalid-kill-signal"))
	ign := action(t, codeActions(t, c, fly, rng(1, 0, 1, 30)), "Ignore invalid-kill-signal on this line")
	if ign.Edit == nil || len(ign.Edit.DocumentChanges) != 1 {
		t.Fatalf("ignore = %+v, want one document change", ign)
	}
	dc := ign.Edit.DocumentChanges[0]
	body, _ := json.Marshal(dc.Edits)
	if dc.TextDocument.Version == nil || *dc.TextDocument.Version != 7 ||
		!strings.Contains(string(body), `"snippet":{"kind":"snippet","value":"# flylint:ignore invalid-kill-signal ${1:reason it does not apply here}\n"}`) {
		t.Errorf("snippet edit = %s (version %v)", body, dc.TextDocument.Version)
	}
	n := c.noteCount()
	c.call("workspace/executeCommand", map[string]any{"command": explainCommand, "arguments": []string{"invalid-kill-signal"}}, nil)
	found := false
	for _, m := range c.notesSince(n) {
		found = found || m.Method == "window/showMessage" && strings.Contains(string(m.Params), "# invalid-kill-signal")
	}
	if !found {
		t.Error("explain without showDocument sent no window/showMessage with the rule's documentation")
	}
	_, ch := c.start("workspace/executeCommand", map[string]any{"command": explainCommand, "arguments": []string{"no-such-rule"}})
	if m := c.wait(ch, "executeCommand"); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("explain of an unknown rule: %+v, want InvalidParams", m.Error)
	}
}

// Hover on a finding shows its rule's documentation over the finding's
// range; elsewhere there is nothing.
func TestHover(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, fly, hasCode("invalid-kill-signal"))
	var h *Hover
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{1, 17}}, &h)
	if h == nil || h.Contents.Kind != "markdown" || !strings.HasPrefix(h.Contents.Value, "# invalid-kill-signal\n") || h.Range == nil || *h.Range != rng(1, 14, 1, 20) {
		t.Fatalf("hover = %+v, want the rule's markdown over 1:14-1:20", h)
	}
	h = nil
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{2, 0}}, &h)
	if h != nil {
		t.Errorf("hover on an empty line = %+v, want null", h)
	}
	// Off any finding, a fly.toml key gets its schema documentation.
	h = nil
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{4, 5}}, &h)
	if h == nil || !strings.Contains(h.Contents.Value, "internal_port") || h.Range == nil || *h.Range != rng(4, 2, 4, 15) {
		t.Errorf("hover on internal_port = %+v, want its documentation over 4:2-4:15", h)
	}
}

// Completion in fly.toml offers keys of the table at the cursor and the
// enumerated values after "key =", each replacing what is typed.
func TestCompletion(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, map[string]any{"go": "off"}, dir)
	text := "app = \"web\"\n\n[http_service]\n  internal_port = 5000\n  auto_stop_machines = \"su\"\n  forc\n"
	open(c, fly, text, 1)
	var list CompletionList
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{4, 25}}, &list)
	item := func(label string) *CompletionItem {
		for i := range list.Items {
			if list.Items[i].Label == label {
				return &list.Items[i]
			}
		}
		return nil
	}
	if it := item(`"suspend"`); it == nil || it.TextEdit == nil || it.TextEdit.NewText != `"suspend"` || it.TextEdit.Range != rng(4, 23, 4, 27) || it.Kind != 20 {
		t.Errorf("value completion: %+v in %d items, want \"suspend\" replacing 4:23-4:27", it, len(list.Items))
	}
	list = CompletionList{}
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{5, 6}}, &list)
	if it := item("force_https"); it == nil || it.TextEdit == nil || it.TextEdit.Range != rng(5, 2, 5, 6) || it.Kind != 10 || it.Documentation == nil {
		t.Errorf("key completion: %+v, want force_https replacing 4:2-4:6 with docs", it)
	}
	if it := item("internal_port"); it != nil {
		t.Errorf("internal_port is already set in [http_service], yet offered: %+v", it)
	}
	list = CompletionList{Items: []CompletionItem{{Label: "stale"}}}
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uriOf(filepath.Join(dir, "main.go"))}, "position": Position{0, 0}}, &list)
	if len(list.Items) != 0 {
		t.Errorf("completion outside fly.toml: %d items", len(list.Items))
	}
}

// Settings from initializationOptions and didChangeConfiguration lay
// over .flylint.toml, whose open buffer is read and whose errors are
// shown in it; settings naming no rule are refused with a message.
func TestSettingsAndConfig(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, map[string]any{"disable": []string{"invalid-kill-signal"}}, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	p := c.waitPublish(0, fly, func(PublishDiagnosticsParams) bool { return true })
	if len(p.Diagnostics) != 0 {
		t.Errorf("fly.toml with invalid-kill-signal disabled: %v", codes(p))
	}
	n := c.noteCount()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"flylint": map[string]any{"severity": map[string]string{"loopback-bind": "info"}}}})
	c.waitPublish(n, fly, hasCode("invalid-kill-signal"))
	if d := find(t, c.waitPublish(n, gofile, hasCode("loopback-bind")), "loopback-bind"); d.Severity != severityInformation {
		t.Errorf("loopback-bind severity %d, want %d (info from settings)", d.Severity, severityInformation)
	}

	n = c.noteCount()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"disable": []string{"no-such-rule"}}})
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{0, 0}}, nil)
	msg := ""
	for _, m := range c.notesSince(n) {
		if m.Method == "window/showMessage" {
			msg = string(m.Params)
		}
	}
	if !strings.Contains(msg, `\"no-such-rule\" is not a rule id`) {
		t.Errorf("bad settings: message %q, want one naming the unknown rule", msg)
	}

	// The .flylint.toml buffer, unsaved, disables loopback-bind; then a
	// typo in it is shown where it is.
	cfg := filepath.Join(dir, ".flylint.toml")
	writeFiles(t, dir, map[string]string{".flylint.toml": "\n"})
	n = c.noteCount()
	open(c, cfg, "disable = [\"loopback-bind\"]\n", 1)
	c.waitPublish(n, gofile, isEmpty)
	n = c.noteCount()
	change(c, cfg, 2, rng(0, 0, 0, 7), "disabel")
	d := find(t, c.waitPublish(n, cfg, hasCode("invalid-config")), "invalid-config")
	if d.Range.Start != (Position{0, 0}) {
		t.Errorf("config error at %+v, want at the key 0:0", d.Range)
	}
}

// Workspace folders: every app of a monorepo folder is linted, a folder
// added later is linted, and one removed has its findings cleared.
func TestWorkspaceFolders(t *testing.T) {
	mono := t.TempDir()
	bad := "app = \"%s\"\nkill_signal = \"TERM\"\n"
	writeFiles(t, mono, map[string]string{
		"apps/a/fly.toml": strings.Replace(bad, "%s", "a", 1),
		"apps/b/fly.toml": strings.Replace(bad, "%s", "b", 1),
	})
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"fly.toml": strings.Replace(bad, "%s", "c", 1)})
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, map[string]any{"go": "off"}, mono)
	for _, app := range []string{"a", "b"} {
		c.waitPublish(0, filepath.Join(mono, "apps", app, "fly.toml"), hasCode("invalid-kill-signal"))
	}
	n := c.noteCount()
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []WorkspaceFolder{{URI: uriOf(other), Name: "other"}}, "removed": []any{}}})
	c.waitPublish(n, filepath.Join(other, "fly.toml"), hasCode("invalid-kill-signal"))
	n = c.noteCount()
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": []WorkspaceFolder{{URI: uriOf(mono), Name: "mono"}}}})
	c.waitPublish(n, filepath.Join(mono, "apps", "a", "fly.toml"), isEmpty)
}

// While a Go analysis runs the client sees $/progress begin and end on a
// token it was asked to create, without the delay a lint of fly.toml and
// Dockerfiles waits (here, forever); a request waiting for that lint can
// be cancelled and answers RequestCancelled.
func TestProgressAndCancel(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	release := make(chan struct{})
	var once sync.Once
	started := make(chan struct{})
	c := startClient(t, Options{after: fastLint, GoAnalyze: func(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
		once.Do(func() { close(started) })
		<-release
		return goload.Analyze(ctx, mod, []string{"./..."}, o)
	}})
	c.initialize(map[string]any{"window": map[string]any{"workDoneProgress": true}}, nil, dir)
	open(c, fly, flyTOML, 1)
	<-started
	id, ch := c.start("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{1, 17}})
	c.notify("$/cancelRequest", map[string]any{"id": id})
	if m := c.wait(ch, "hover"); m.Error == nil || m.Error.Code != codeRequestCancelled {
		t.Errorf("cancelled hover answered %+v, want error %d", m, codeRequestCancelled)
	}
	close(release)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	var created string
	var kinds []string
	// progressEvents lists every create before the notifications, so
	// created is the last token by the time its $/progress comes.
	for _, e := range progressEvents(c) {
		switch {
		case e.method == "window/workDoneProgress/create":
			created = e.token
		case e.method == "$/progress" && e.token == created:
			kinds = append(kinds, e.value.Kind)
		}
	}
	if created == "" || len(kinds) < 2 || kinds[0] != "begin" || kinds[len(kinds)-1] != "end" {
		t.Errorf("progress on token %q: %v, want begin ... end", created, kinds)
	}
}

// Before initialize, requests are refused; after shutdown only exit is
// accepted, and exit then ends Serve with nil; exit without shutdown is
// an error (exit code 1).
func TestLifecycle(t *testing.T) {
	c := startClient(t, Options{})
	_, ch := c.start("textDocument/hover", map[string]any{})
	if m := c.wait(ch, "hover"); m.Error == nil || m.Error.Code != codeNotInitialized {
		t.Errorf("hover before initialize: %+v, want ServerNotInitialized", m.Error)
	}
	c.initialize(map[string]any{}, nil, t.TempDir())
	var res any = "unset"
	c.call("shutdown", nil, &res)
	if res != nil {
		t.Errorf("shutdown result %v, want null", res)
	}
	_, ch = c.start("textDocument/hover", map[string]any{})
	if m := c.wait(ch, "hover"); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("hover after shutdown: %+v, want InvalidRequest", m.Error)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != nil {
		t.Errorf("Serve after shutdown and exit = %v, want nil", err)
	}
	c.done <- nil // for the cleanup

	c2 := startClient(t, Options{})
	c2.initialize(map[string]any{}, nil, t.TempDir())
	c2.notify("exit", nil)
	if err := <-c2.done; err == nil {
		t.Error("Serve after exit without shutdown = nil, want an error")
	}
	c2.done <- nil
}

// An edit relints only the folders it can touch: the other folder's
// findings are kept (here, a change on its disk the server was not told
// of is not picked up), and a change of settings relints every folder.
func TestEditRelintsItsFolderOnly(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	bad := "app = \"x\"\nkill_signal = \"TERM\"\n"
	writeFiles(t, a, map[string]string{"fly.toml": bad})
	writeFiles(t, b, map[string]string{"fly.toml": bad})
	flyA, flyB := filepath.Join(a, "fly.toml"), filepath.Join(b, "fly.toml")
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, map[string]any{"go": "off"}, a, b)
	c.waitPublish(0, flyB, hasCode("invalid-kill-signal"))
	open(c, flyA, bad, 1)
	c.waitPublish(0, flyA, func(p PublishDiagnosticsParams) bool { return p.Version != nil })
	writeFiles(t, b, map[string]string{"fly.toml": "app = \"x\"\n"})
	n := c.noteCount()
	change(c, flyA, 2, rng(1, 14, 1, 20), `"SIGTERM"`)
	c.waitPublish(n, flyA, isEmpty)
	// A request waits for the lint, whose publishes all come before its
	// answer.
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(flyA)}, "position": Position{0, 0}}, nil)
	for _, m := range c.notesSince(n) {
		if m.Method == "textDocument/publishDiagnostics" && strings.Contains(string(m.Params), uriOf(flyB)) {
			t.Errorf("an edit in folder a relinted folder b: %s", m.Params)
		}
	}
	n = c.noteCount()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"go": "off"}})
	c.waitPublish(n, flyB, isEmpty)
}

// The ignore action applied without a snippet client: the finding is
// suppressed, and flylint's own warning at the new directive asks for
// the reason the placeholder would have held.
func TestIgnoreActionApplied(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	c := startClient(t, Options{})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil })
	e := action(t, codeActions(t, c, fly, rng(1, 14, 1, 20)), "Ignore invalid-kill-signal on this line").Edit.Changes[uriOf(fly)][0]
	n := c.noteCount()
	change(c, fly, 2, e.Range, e.NewText)
	p := c.waitPublish(n, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if got := codes(p); len(got) != 1 || got[0] != "invalid-suppression" {
		t.Fatalf("after the ignore: %v, want only invalid-suppression", got)
	}
	if d := p.Diagnostics[0]; d.Range.Start != (Position{1, 0}) || !strings.Contains(d.Message, "gives no reason") {
		t.Errorf("invalid-suppression at %+v: %q", d.Range, d.Message)
	}
}
