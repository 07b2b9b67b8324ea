package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/goload"
)

// Timers for the progress delay: a lint that outlasts it (the callback
// runs as the lint starts) and one that never does.
var (
	slowLint afterFunc = func(_ time.Duration, f func()) func() bool { f(); return func() bool { return false } }
	fastLint afterFunc = func(time.Duration, func()) func() bool { return func() bool { return true } }
)

// progressEvent is a window/workDoneProgress/create request or a
// $/progress notification, in the order the client received them, with
// the publishes between them.
type progressEvent struct {
	method string
	token  string
	value  WorkDoneProgress
	uri    string // of a publishDiagnostics
}

func progressEvents(c *client) []progressEvent {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []progressEvent
	// Requests and notifications come on one stream, but are kept apart:
	// every create precedes its token's begin, which is all the order
	// the tests below need of them.
	for _, r := range c.requests {
		if r.Method == "window/workDoneProgress/create" {
			var p struct{ Token string }
			_ = json.Unmarshal(r.Params, &p)
			out = append(out, progressEvent{method: r.Method, token: p.Token})
		}
	}
	for _, m := range c.notes {
		switch m.Method {
		case "$/progress":
			var p struct {
				Token string
				Value WorkDoneProgress
			}
			_ = json.Unmarshal(m.Params, &p)
			out = append(out, progressEvent{method: m.Method, token: p.Token, value: p.Value})
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			_ = json.Unmarshal(m.Params, &p)
			out = append(out, progressEvent{method: m.Method, uri: p.URI})
		}
	}
	return out
}

// A lint without Go analysis that outlasts the delay shows $/progress:
// the token is created, begun, told of the loader's phases and ended
// before the diagnostics are published.
func TestProgressForSourceAnalysis(t *testing.T) {
	dir, fly, _ := fixtureApp(t)
	writeFiles(t, dir, map[string]string{"Dockerfile": benchDockerfile})
	c := startClient(t, Options{after: slowLint})
	c.initialize(map[string]any{"window": map[string]any{"workDoneProgress": true}}, map[string]any{"go": "off"}, dir)
	open(c, fly, flyTOML, 1)
	c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil })
	// Answered once the last lint is done: no token is created after
	// the test ends and the client's pipe closes.
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{0, 0}}, nil)
	var created string
	var kinds, messages []string
	published := false
	for _, e := range progressEvents(c) {
		switch {
		case e.method == "window/workDoneProgress/create" && created == "":
			created = e.token
		case e.method == "$/progress" && e.token == created:
			if published {
				t.Errorf("$/progress %s after the diagnostics were published", e.value.Kind)
			}
			kinds = append(kinds, e.value.Kind)
			messages = append(messages, e.value.Message)
		case e.method == "textDocument/publishDiagnostics" && e.uri == uriOf(fly) && len(kinds) > 0:
			published = true
		}
	}
	if created == "" || len(kinds) < 3 || kinds[0] != "begin" || kinds[len(kinds)-1] != "end" {
		t.Fatalf("progress on token %q: %v, want begin, report ..., end", created, kinds)
	}
	if !contains(messages, "apps 1/1") {
		t.Errorf("progress messages %q, want the loader's phase \"apps 1/1\"", messages)
	}
}

// A quick lint shows no progress, and a client that did not offer
// window.workDoneProgress is never asked to create a token, however slow
// the lint.
func TestNoProgressWhenQuickOrNotOffered(t *testing.T) {
	for name, tc := range map[string]struct {
		after afterFunc
		caps  map[string]any
	}{
		"quick":       {fastLint, map[string]any{"window": map[string]any{"workDoneProgress": true}}},
		"not offered": {slowLint, map[string]any{}},
	} {
		t.Run(name, func(t *testing.T) {
			dir, fly, _ := fixtureApp(t)
			c := startClient(t, Options{after: tc.after})
			c.initialize(tc.caps, map[string]any{"go": "off"}, dir)
			open(c, fly, flyTOML, 1)
			c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil })
			for _, e := range progressEvents(c) {
				if e.method != "textDocument/publishDiagnostics" {
					t.Errorf("%s %s %s", e.method, e.token, e.value.Kind)
				}
			}
		})
	}
}

// heldGo is a Go analysis that, for the calls hold picks (counted from
// 1), waits until its context ends (an edit superseded it) and says so;
// the other calls analyse.
type heldGo struct {
	hold    func(call int) bool
	mu      sync.Mutex
	calls   int
	ctx     context.Context // of the call being held
	started chan struct{}   // a held call began
	stopped chan struct{}   // a held call's context ended
}

func newHeldGo(hold func(call int) bool) *heldGo {
	return &heldGo{hold: hold, started: make(chan struct{}, 8), stopped: make(chan struct{}, 8)}
}

func (h *heldGo) analyze(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
	h.mu.Lock()
	h.calls++
	held := h.hold(h.calls)
	if held {
		h.ctx = ctx
	}
	h.mu.Unlock()
	if !held {
		return goload.Analyze(ctx, mod, []string{"./..."}, o)
	}
	h.started <- struct{}{}
	select {
	case <-ctx.Done():
		h.stopped <- struct{}{}
		return nil, ctx.Err()
	case <-time.After(20 * time.Second):
		return goload.Analyze(ctx, mod, []string{"./..."}, o)
	}
}

func (h *heldGo) running() context.Context {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ctx
}

func waitFor(t *testing.T, ch chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(15 * time.Second):
		t.Fatalf("%s did not happen", what)
	}
}

// An unsaved edit of a Go file stops the Go analysis running on the text
// before it, as does a change on disk to a file of its module; the
// stopped runs publish nothing (no "incomplete" finding from a cancelled
// analysis), and the analysis of the text as it stands is shown. An edit
// of fly.toml lets a running analysis go on: it will be reused.
func TestEditStopsRunningGoAnalysis(t *testing.T) {
	dir, fly, gofile := fixtureApp(t)
	h := newHeldGo(func(call int) bool { return call <= 2 })
	c := startClient(t, Options{GoAnalyze: h.analyze})
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	open(c, gofile, mainGo, 1)
	waitFor(t, h.started, "the first Go analysis")

	// fly.toml's edit is handled before completion is answered (both on
	// the dispatch goroutine): the analysis then still runs.
	change(c, fly, 2, rng(0, 7, 0, 10), "api")
	c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uriOf(fly)}, "position": Position{0, 0}}, nil)
	if err := h.running().Err(); err != nil {
		t.Fatalf("an edit of fly.toml stopped the Go analysis: %v", err)
	}

	change(c, gofile, 2, rng(5, 31, 5, 40), "0.0.0.0")
	waitFor(t, h.stopped, "stopping the Go analysis after an edit of main.go")
	waitFor(t, h.started, "the Go analysis of the edited buffer")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": uriOf(filepath.Join(dir, "go.mod")), "type": 2}}})
	waitFor(t, h.stopped, "stopping the Go analysis after go.mod changed on disk")

	// Only the last run publishes: fly.toml at its version 2, and
	// main.go, whose buffer binds 0.0.0.0, nothing.
	c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	for _, m := range c.notesSince(0) {
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		if p := string(m.Params); strings.Contains(p, "go-analysis-incomplete") || strings.Contains(p, "canceled") || strings.Contains(p, uriOf(gofile)) {
			t.Errorf("a stopped analysis, or the text before the edit, was published: %s", m.Params)
		}
	}
	h.mu.Lock()
	calls := h.calls
	h.mu.Unlock()
	if calls != 3 {
		t.Errorf("%d Go analyses, want 3 (two stopped, one shown)", calls)
	}
}

// A stopped run's folders are linted by the next run even when the edit
// that stopped it touched another folder: here folder b's fix, taken by
// a run that was then stopped twice by edits in folder a's Go module, is
// published.
func TestStoppedRunKeepsItsChanges(t *testing.T) {
	a, _, gofile := fixtureApp(t)
	b := t.TempDir()
	bad := "app = \"x\"\nkill_signal = \"TERM\"\n"
	writeFiles(t, b, map[string]string{"fly.toml": bad})
	flyB := filepath.Join(b, "fly.toml")
	h := newHeldGo(func(call int) bool { return call == 2 || call == 3 })
	c := startClient(t, Options{GoAnalyze: h.analyze})
	c.initialize(map[string]any{}, nil, a, b)
	c.waitPublish(0, flyB, hasCode("invalid-kill-signal"))
	c.waitPublish(0, gofile, hasCode("loopback-bind"))

	open(c, gofile, mainGo, 1)
	open(c, flyB, bad, 1)
	change(c, gofile, 2, rng(5, 31, 5, 40), "0.0.0.0")
	waitFor(t, h.started, "the Go analysis of the edit")
	// Taken by the next run, with a's next edit, which the edit after
	// that stops.
	change(c, flyB, 2, rng(1, 14, 1, 20), `"SIGTERM"`)
	change(c, gofile, 3, rng(5, 31, 5, 38), "0.0.0.1")
	waitFor(t, h.stopped, "stopping the first held analysis")
	waitFor(t, h.started, "the second held analysis")
	change(c, gofile, 4, rng(5, 31, 5, 38), "0.0.0.0")
	waitFor(t, h.stopped, "stopping the second held analysis")
	c.waitPublish(0, flyB, func(p PublishDiagnosticsParams) bool { return isEmpty(p) && p.Version != nil && *p.Version == 2 })
}
