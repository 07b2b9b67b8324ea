// Package lsp is `flylint lsp`: a language server (LSP 3.17 over stdio)
// that lints the apps of each workspace folder as the editor's buffers
// stand, unsaved edits included, and publishes every file's findings.
//
// One lint runs at a time. Edits that arrive while it runs are all taken
// by the next run, so a burst of keystrokes costs at most one run after
// the one in progress, and the first edit is never held back by a timer.
// Go source is analysed by the go command from disk, so a module's Go
// analysis runs when it is first needed and again after one of its files
// is saved or changes on disk; an edit to fly.toml or a Dockerfile reuses
// it, and only the model and the rules run again. An edit to what a
// running Go analysis reads stops that lint instead of waiting for it
// (see supersedeGo).
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/safefile"
)

// Options configure a server.
type Options struct {
	Version string // flylint's, for serverInfo
	// GoAnalyze replaces goload.Analyze; tests use it to hold an
	// analysis open or count how often one runs.
	GoAnalyze func(ctx context.Context, moduleDir string, opts goload.Options) (*goload.Result, error)
	// Log, when set, gets one line per protocol problem (a message that
	// cannot be read, a failed lint); an editor shows stderr as the
	// server's log.
	Log io.Writer
	// after replaces time.AfterFunc for the progress delay, so that tests
	// decide whether a lint is slow instead of racing a timer.
	after afterFunc
}

// Serve speaks LSP on in and out until the client sends exit or closes
// in. It returns nil after shutdown then exit, and an error otherwise
// (the specification's exit code 1).
func Serve(in io.Reader, out io.Writer, opts Options) error {
	s := newServer(out, opts)
	defer s.stop()
	r := bufio.NewReader(in)
	for {
		body, err := readMessage(r)
		if errors.Is(err, io.EOF) {
			return errors.New("the client closed the connection without exit")
		}
		if err != nil {
			// A stream out of step cannot be resynchronised.
			return err
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			s.logf("unreadable message: %v", err)
			_ = s.out.send(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{codeParseError, "message is not JSON: " + err.Error()}})
			continue
		}
		if m.Method == "exit" {
			if s.isShutdown() {
				return nil
			}
			return errors.New("exit without shutdown")
		}
		s.dispatch(&m)
	}
}

type server struct {
	out  *writer
	opts Options

	ctx    context.Context // ends at exit; stops a Go analysis in progress
	cancel context.CancelFunc
	wg     sync.WaitGroup // the lint loop and request handlers

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	enc         string
	caps        ClientCapabilities
	folders     []string
	docs        map[string]*document // by absolute path
	settings    settings
	goCache     map[string]goEntry // by module directory
	published   map[string]string  // last diagnostics sent per file, as JSON
	pubVersion  map[string]int     // document version they were sent for
	results     map[string]*fileResult
	dirtyPaths  []string               // files changed since the last lint began
	allDirty    bool                   // every folder needs linting
	byFolder    map[string]*folderLint // the last lint of each folder
	wantGen     int64                  // bumped by every change that needs a new lint
	doneGen     int64                  // the generation the last finished lint saw
	lintDone    chan struct{}          // closed and replaced as each lint ends
	pending     map[string]context.CancelFunc
	nextID      int64
	replies     map[int64]chan *message
	kick        chan struct{}
	progressSeq int
	// runCancel stops the lint in progress (nil between lints), and
	// goRunning is the module whose Go analysis it is running ("" when
	// none): an edit to that module's Go input supersedes the run.
	runCancel context.CancelFunc
	goRunning string
}

type document struct {
	version int
	text    []byte
}

type goEntry struct {
	key string // buffersKey of the Go buffers it was run with
	res *goload.Result
	err error
}

func newServer(out io.Writer, opts Options) *server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{
		out: &writer{w: out}, opts: opts, ctx: ctx, cancel: cancel,
		enc: encUTF16, docs: map[string]*document{}, goCache: map[string]goEntry{},
		published: map[string]string{}, byFolder: map[string]*folderLint{}, pubVersion: map[string]int{}, results: map[string]*fileResult{},
		lintDone: make(chan struct{}), pending: map[string]context.CancelFunc{},
		replies: map[int64]chan *message{}, kick: make(chan struct{}, 1),
	}
	s.settings.Go = "auto"
	s.wg.Add(1)
	go s.lintLoop()
	return s
}

func (s *server) stop() {
	s.cancel()
	s.wg.Wait()
}

func (s *server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		_, _ = fmt.Fprintf(s.opts.Log, "flylint lsp: "+format+"\n", args...)
	}
}

func (s *server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

// changed asks for a lint of the folders path may affect: those it lies
// in, and those below its directory (a .flylint.toml above a folder).
// The other folders' findings are kept from their last lint.
func (s *server) changed(path string) {
	s.mu.Lock()
	s.dirtyPaths = append(s.dirtyPaths, path)
	s.mu.Unlock()
	s.kickLint()
}

// changedAll asks for a lint of every folder (settings, folders, a Go
// module's analysis dropped).
func (s *server) changedAll() {
	s.mu.Lock()
	s.allDirty = true
	s.mu.Unlock()
	s.kickLint()
}

func (s *server) kickLint() {
	s.mu.Lock()
	s.wantGen++
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default: // a lint is already asked for; it will see this change
	}
}

func (s *server) dispatch(m *message) {
	if m.isResponse() {
		s.deliver(m)
		return
	}
	isRequest := len(m.ID) > 0
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	if !initialized && m.Method != "initialize" {
		if isRequest {
			s.replyError(m.ID, codeNotInitialized, "the server is not initialized yet: send initialize first")
		}
		return
	}
	if shutdown && isRequest {
		s.replyError(m.ID, codeInvalidRequest, "the server is shut down; only exit is accepted")
		return
	}
	if !isRequest {
		// Notifications are handled in order, on this goroutine: each
		// didChange applies to the text the one before it left.
		s.notify(m)
		return
	}
	switch m.Method {
	case "initialize":
		s.reply(m.ID, s.initialize(m.Params))
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.reply(m.ID, nil)
	case "textDocument/hover", "textDocument/codeAction", "workspace/executeCommand":
		// These wait for the lint of the text as it now stands, which
		// may take a Go analysis: off this goroutine, and cancellable.
		ctx, cancel := context.WithCancel(s.ctx)
		key := string(m.ID)
		s.mu.Lock()
		s.pending[key] = cancel
		gen := s.wantGen
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.pending, key)
				s.mu.Unlock()
				cancel()
			}()
			result, err := s.safeRequest(ctx, gen, m)
			var re *rpcError
			switch {
			case ctx.Err() != nil:
				s.replyError(m.ID, codeRequestCancelled, "cancelled")
			case errors.As(err, &re):
				s.replyError(m.ID, re.Code, re.Message)
			case err != nil:
				s.replyError(m.ID, codeInternalError, err.Error())
			default:
				s.reply(m.ID, result)
			}
		}()
	case "textDocument/completion":
		// Completion reads only the buffer, never a lint result, and
		// answers within a millisecond: no need to wait or go async.
		var p TextDocumentPositionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.replyError(m.ID, codeInvalidParams, err.Error())
			return
		}
		result, err := s.complete(p)
		var re *rpcError
		if errors.As(err, &re) {
			s.replyError(m.ID, re.Code, re.Message)
			return
		}
		s.reply(m.ID, result)
	default:
		s.replyError(m.ID, codeMethodNotFound, "flylint does not handle "+m.Method)
	}
}

// safeRequest is request with a panic turned into an InternalError answer.
func (s *server) safeRequest(ctx context.Context, gen int64, m *message) (result any, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("internal error in %s: %v\n%s", m.Method, v, debug.Stack())
			result, err = nil, &rpcError{codeInternalError, fmt.Sprintf("internal error in flylint: %v", v)}
		}
	}()
	return s.request(ctx, gen, m)
}

func (s *server) request(ctx context.Context, gen int64, m *message) (any, error) {
	if err := s.waitLint(ctx, gen); err != nil {
		return nil, err
	}
	switch m.Method {
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
		return s.hover(p)
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
		return s.codeActions(p)
	default: // workspace/executeCommand
		var p ExecuteCommandParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
		return s.executeCommand(ctx, p)
	}
}

// waitLint waits until a lint has seen generation gen, so that an answer
// matches the text the client sent before asking.
func (s *server) waitLint(ctx context.Context, gen int64) error {
	for {
		s.mu.Lock()
		done, ch := s.doneGen >= gen, s.lintDone
		s.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *server) notify(m *message) {
	switch m.Method {
	case "initialized":
		s.registerWatchers()
		s.changedAll()
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if s.decode(m, &p) {
			s.open(p)
		}
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if s.decode(m, &p) {
			s.change(p)
		}
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if s.decode(m, &p) {
			if path, err := pathOf(p.TextDocument.URI); err == nil {
				s.mu.Lock()
				if d := s.docs[path]; d != nil && p.Text != nil {
					d.text = []byte(*p.Text)
				}
				s.mu.Unlock()
				s.changed(path)
				s.diskChanged(path)
			}
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if s.decode(m, &p) {
			if path, err := pathOf(p.TextDocument.URI); err == nil {
				s.mu.Lock()
				delete(s.docs, path)
				s.mu.Unlock()
				// The file as on disk is linted again: an edit closed
				// unsaved must not leave its findings behind.
				s.changed(path)
			}
		}
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if s.decode(m, &p) {
			for _, c := range p.Changes {
				if path, err := pathOf(c.URI); err == nil {
					s.changed(path)
					s.diskChanged(path)
				}
			}
		}
	case "workspace/didChangeWorkspaceFolders":
		var p DidChangeWorkspaceFoldersParams
		if s.decode(m, &p) {
			s.mu.Lock()
			for _, f := range p.Event.Removed {
				if path, err := pathOf(f.URI); err == nil {
					s.folders = without(s.folders, path)
				}
			}
			for _, f := range p.Event.Added {
				if path, err := pathOf(f.URI); err == nil && !contains(s.folders, path) {
					s.folders = append(s.folders, path)
				}
			}
			s.mu.Unlock()
			s.changedAll()
		}
	case "workspace/didChangeConfiguration":
		var p DidChangeConfigurationParams
		if s.decode(m, &p) {
			s.configure(p.Settings)
			s.changedAll()
		}
	case "$/cancelRequest":
		var p CancelParams
		if s.decode(m, &p) {
			s.mu.Lock()
			cancel := s.pending[string(p.ID)]
			s.mu.Unlock()
			if cancel != nil {
				cancel()
			}
		}
	default:
		// Other notifications ($/setTrace, $/progress of the client's,
		// window/workDoneProgress/cancel) change nothing here.
	}
}

func (s *server) decode(m *message, v any) bool {
	if err := json.Unmarshal(m.Params, v); err != nil {
		s.logf("%s: bad params: %v", m.Method, err)
		return false
	}
	return true
}

func (s *server) initialize(raw json.RawMessage) any {
	var p InitializeParams
	if err := json.Unmarshal(raw, &p); err != nil {
		s.logf("initialize: bad params: %v", err)
	}
	s.mu.Lock()
	s.initialized = true
	s.caps = p.Capabilities
	s.enc = chooseEncoding(p.Capabilities.General.PositionEncodings)
	for _, f := range p.WorkspaceFolders {
		if path, err := pathOf(f.URI); err == nil && !contains(s.folders, path) {
			s.folders = append(s.folders, path)
		}
	}
	if len(s.folders) == 0 {
		if path, err := pathOf(p.RootURI); err == nil {
			s.folders = append(s.folders, path)
		} else if p.RootPath != "" && filepath.IsAbs(p.RootPath) {
			s.folders = append(s.folders, filepath.Clean(p.RootPath))
		}
	}
	enc := s.enc
	s.mu.Unlock()
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		s.configure(p.InitializationOptions)
	}
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": enc,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    2, // incremental
				"save":      map[string]any{"includeText": false},
			},
			"hoverProvider":          true,
			"completionProvider":     map[string]any{"triggerCharacters": []string{"[", ".", "=", "\""}},
			"codeActionProvider":     map[string]any{"codeActionKinds": []string{"quickfix"}},
			"executeCommandProvider": map[string]any{"commands": []string{explainCommand}},
			"workspace": map[string]any{
				"workspaceFolders": map[string]any{"supported": true, "changeNotifications": true},
			},
		},
		"serverInfo": map[string]any{"name": "flylint", "version": s.opts.Version},
	}
}

// watchedGlobs are the files flylint reads that may change on disk
// without the editor saying so (a git checkout, a generated file).
var watchedGlobs = []string{
	"**/fly.toml", "**/fly.*.toml", "**/.flylint.toml", "**/Dockerfile*", "**/*.Dockerfile",
	"**/*.go", "**/go.mod", "**/go.sum", "**/go.work", "**/package.json",
	"**/*.{js,mjs,cjs,ts,mts,cts,jsx,tsx}",
}

func (s *server) registerWatchers() {
	s.mu.Lock()
	dynamic := s.caps.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	if !dynamic {
		return
	}
	var watchers []map[string]any
	for _, g := range watchedGlobs {
		watchers = append(watchers, map[string]any{"globPattern": g})
	}
	// The reply carries nothing; waiting for it would hold up the
	// notifications queued behind initialized.
	go func() {
		_ = s.call(s.ctx, "client/registerCapability", map[string]any{"registrations": []any{map[string]any{
			"id": "flylint-watch", "method": "workspace/didChangeWatchedFiles",
			"registerOptions": map[string]any{"watchers": watchers},
		}}})
	}()
}

func (s *server) open(p DidOpenTextDocumentParams) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		s.logf("didOpen: %v", err)
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	if len(s.folders) == 0 {
		// A client that names no folder (an editor opened on one file)
		// gets the file's directory.
		s.folders = append(s.folders, filepath.Dir(path))
	}
	s.mu.Unlock()
	s.changed(path)
}

func (s *server) change(p DidChangeTextDocumentParams) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		s.logf("didChange: %v", err)
		return
	}
	s.mu.Lock()
	d := s.docs[path]
	if d == nil {
		s.mu.Unlock()
		s.logf("didChange for %s, which is not open", path)
		return
	}
	for _, ch := range p.ContentChanges {
		text, err := applyChange(d.text, ch, s.enc)
		if err != nil {
			s.mu.Unlock()
			s.logf("didChange: %v", err)
			return
		}
		d.text = text
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	if strings.HasSuffix(path, ".go") {
		s.supersedeGo(path)
	}
	s.changed(path)
}

// supersedeGo stops the lint in progress when its running Go analysis
// reads path: what it finds would describe text that no longer stands,
// and on a large module the analysis of the new text would wait for it.
// The run is dropped whole, unpublished, and the next one lints what it
// would have. A lint whose Go analysis is done, or that analyses another
// module, runs on: the analysis it holds is not stale, and stopping runs
// at edits that leave the analysed text alone (fly.toml keystrokes) could
// keep a slow module from ever being shown.
func (s *server) supersedeGo(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.goRunning == "" || s.runCancel == nil {
		return
	}
	// go.work may name modules anywhere in the folder.
	if filepath.Base(path) == "go.work" || safefile.Within(s.goRunning, path) {
		s.logf("%s changed: stopping the Go analysis of %s", path, s.goRunning)
		s.runCancel()
	}
}

// diskChanged drops the Go analysis of the module path belongs to when
// path is one the go command reads. Only that: other files are read
// afresh by every lint.
func (s *server) diskChanged(path string) {
	base := filepath.Base(path)
	if !strings.HasSuffix(base, ".go") && base != "go.mod" && base != "go.sum" && base != "go.work" {
		return
	}
	// An analysis still running read the disk as it was; left to finish,
	// it would be cached after the drop below, under a key (the buffers)
	// the disk change did not alter, and reused.
	s.supersedeGo(path)
	s.mu.Lock()
	dropped := false
	for mod := range s.goCache {
		// go.work may name modules anywhere in the folder: drop them all.
		if base == "go.work" || safefile.Within(mod, path) {
			delete(s.goCache, mod)
			dropped = true
		}
	}
	s.mu.Unlock()
	if dropped {
		// A module may reach into folders the file is not in.
		s.changedAll()
	}
}

// call sends a request to the client and waits for its answer; the
// server's requests need only know that the client took them.
func (s *server) call(ctx context.Context, method string, params any) error {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	ch := make(chan *message, 1)
	s.replies[id] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.replies, id)
		s.mu.Unlock()
	}()
	if err := s.out.send(outRequest{JSONRPC: "2.0", ID: id, Method: method, Params: params}); err != nil {
		return err
	}
	// A client that never answers must not hang a lint for good.
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case m := <-ch:
		if m.Error != nil {
			return m.Error
		}
		return nil
	case <-t.C:
		return fmt.Errorf("%s: no answer from the client", method)
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *server) deliver(m *message) {
	var id int64
	if err := json.Unmarshal(m.ID, &id); err != nil {
		return
	}
	s.mu.Lock()
	ch := s.replies[id]
	s.mu.Unlock()
	if ch != nil {
		ch <- m
	}
}

func (s *server) reply(id json.RawMessage, result any) {
	if err := s.out.send(response{JSONRPC: "2.0", ID: id, Result: result}); err != nil {
		s.logf("writing a response: %v", err)
	}
}

func (s *server) replyError(id json.RawMessage, code int, msg string) {
	if err := s.out.send(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{code, msg}}); err != nil {
		s.logf("writing a response: %v", err)
	}
}

func (s *server) notifyClient(method string, params any) {
	if err := s.out.send(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		s.logf("writing %s: %v", method, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
