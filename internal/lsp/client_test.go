package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// client is an in-process LSP client: it speaks the wire protocol to a
// server running Serve on pipes, answers the server's own requests, and
// records every notification.
type client struct {
	t    testing.TB
	in   *io.PipeWriter // to the server
	done chan error     // Serve's result

	mu       sync.Mutex
	nextID   int
	waiting  map[int]chan *message
	notes    []*message
	noteCh   chan struct{} // signalled on each notification
	requests []*message    // requests the server sent
	// answer, when set, answers a server request; else null is sent.
	answer func(m *message) any
}

func startClient(t *testing.T, opts Options) *client { return startClientOpts(t, opts) }

func startClientTB(tb testing.TB) *client { return startClientOpts(tb, Options{}) }

func startClientOpts(t testing.TB, opts Options) *client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	c := &client{t: t, in: fromClient, done: make(chan error, 1), waiting: map[int]chan *message{}, noteCh: make(chan struct{}, 1)}
	go func() {
		c.done <- Serve(toServer, fromServer, opts)
		_ = fromServer.Close()
	}()
	go c.readLoop(bufio.NewReader(toClient))
	t.Cleanup(func() {
		_ = fromClient.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop after its input closed")
		}
	})
	return c
}

func (c *client) readLoop(r *bufio.Reader) {
	for {
		body, err := readMessage(r)
		if err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent non-JSON: %s", body)
			return
		}
		switch {
		case m.isResponse():
			var id int
			_ = json.Unmarshal(m.ID, &id)
			c.mu.Lock()
			ch := c.waiting[id]
			c.mu.Unlock()
			if ch != nil {
				ch <- &m
			}
		case len(m.ID) > 0: // a request from the server
			c.mu.Lock()
			c.requests = append(c.requests, &m)
			answer := c.answer
			c.mu.Unlock()
			var result any
			if answer != nil {
				result = answer(&m)
			}
			c.send(response{JSONRPC: "2.0", ID: m.ID, Result: result})
		default:
			c.mu.Lock()
			c.notes = append(c.notes, &m)
			c.mu.Unlock()
			select {
			case c.noteCh <- struct{}{}:
			default:
			}
		}
	}
}

func (c *client) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Errorf("writing to the server: %v", err)
	}
}

// start sends a request and returns its id and where its answer comes.
func (c *client) start(method string, params any) (int, chan *message) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan *message, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return id, ch
}

func (c *client) wait(ch chan *message, method string) *message {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(60 * time.Second):
		c.t.Fatalf("no answer to %s", method)
		return nil
	}
}

// call sends a request and decodes its result into out (when not nil).
func (c *client) call(method string, params, out any) {
	c.t.Helper()
	_, ch := c.start(method, params)
	m := c.wait(ch, method)
	if m.Error != nil {
		c.t.Fatalf("%s: %v", method, m.Error)
	}
	if out != nil {
		if err := json.Unmarshal(m.Result, out); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// initialize runs the handshake with caps as the client's capabilities
// and folders as its workspace folders.
func (c *client) initialize(caps map[string]any, init any, folders ...string) map[string]any {
	c.t.Helper()
	var wf []WorkspaceFolder
	for _, f := range folders {
		wf = append(wf, WorkspaceFolder{URI: uriOf(f), Name: filepath.Base(f)})
	}
	var res map[string]any
	c.call("initialize", map[string]any{"processId": nil, "capabilities": caps, "workspaceFolders": wf, "initializationOptions": init}, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// notesSince returns the notifications from index i on.
func (c *client) notesSince(i int) []*message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*message(nil), c.notes[i:]...)
}

// dropNotes forgets the notifications received so far. Notifications are
// kept for the tests; a long benchmark drops them so that the client's
// memory is not counted as the server's.
func (c *client) dropNotes() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.notes = c.notes[:0]
}

func (c *client) noteCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// waitPublish waits, from notification index since on, for a
// publishDiagnostics of path that ok accepts, and returns it.
func (c *client) waitPublish(since int, path string, ok func(PublishDiagnosticsParams) bool) PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(60 * time.Second)
	seen := since
	var last []PublishDiagnosticsParams
	for {
		for _, m := range c.notesSince(seen) {
			seen++
			if m.Method != "textDocument/publishDiagnostics" {
				continue
			}
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			if p.URI != uriOf(path) {
				continue
			}
			last = append(last, p)
			if ok(p) {
				return p
			}
		}
		select {
		case <-c.noteCh:
		case <-deadline:
			c.t.Fatalf("no matching publishDiagnostics for %s; got %+v", path, last)
		}
	}
}

// writeFiles lays out files (path relative to dir → content).
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
