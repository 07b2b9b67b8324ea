package workspace

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Each note of a module is reported once, by the app whose directory
// holds its file (else the module's first app), and a note about a pipe
// or a link is placed without opening it.
func TestAttachGoNotes(t *testing.T) {
	mod := t.TempDir()
	t.Chdir(mod)
	for _, d := range []string{"api", "web"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile("go.mod", []byte("module m\n\nreplace x => ../x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join("web", "pipe.go"), 0o644); err != nil {
		t.Fatal(err)
	}
	api, web := &App{Dir: "api"}, &App{Dir: "web"}
	files := map[string][]byte{}
	attachGoNotes([]*App{api, web}, []goload.Note{
		{Range: source.Range{File: filepath.Join(mod, "go.mod"), Start: source.Pos{Line: 3, Col: 1, Offset: 18}}, Message: "replace"},
		{Range: source.Range{File: filepath.Join(mod, "web", "pipe.go")}, Message: "pipe"},
	}, files)
	if len(api.GoNotes) != 1 || api.GoNotes[0].Message != "replace" || api.GoNotes[0].Range.String() != "go.mod:3:1" {
		t.Errorf("api notes = %+v, want the go.mod note", api.GoNotes)
	}
	if len(web.GoNotes) != 1 || web.GoNotes[0].Message != "pipe" || web.GoNotes[0].Range.String() != "web/pipe.go" {
		t.Errorf("web notes = %+v, want the pipe note", web.GoNotes)
	}
	if _, ok := files["go.mod"]; !ok {
		t.Errorf("go.mod not kept for quoting")
	}
	if _, ok := files["web/pipe.go"]; ok {
		t.Errorf("the pipe was read")
	}
}

// rel keeps a file for quoting only when it is a regular file: a named
// pipe would block the read forever.
func TestRelSkipsPipes(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := syscall.Mkfifo("pipe.go", 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	r := rel(source.Range{File: "pipe.go", Start: source.Pos{Line: 1, Col: 1}}, files)
	if _, ok := files["pipe.go"]; ok || r.File != "pipe.go" {
		t.Errorf("rel = %v, files = %v", r, files)
	}
}

// A Go site whose network the program picks at run time ($NET or
// "udp4") and whose host [env] gives as 0.0.0.0: the host is IPv4-only
// with udp4 and dual-stack with udp, so it gets no family.
func TestAttachGoNetworkUnknown(t *testing.T) {
	dir := t.TempDir()
	g := &Group{Name: "app"}
	a := &App{Dir: dir, Groups: []*Group{g}, Env: listen.Env{"HOST": {Value: "0.0.0.0"}}}
	site := &listensite.Site{
		Listener:       listen.Listener{Proto: listen.UDP, Host: listen.Host{Class: listen.HostUnknown, Env: "HOST"}, Port: listen.Port{Number: 4269}},
		NetworkUnknown: true,
	}
	attachGo(a, dir, &goload.Result{Mains: []*goload.Main{{Path: "m", Dir: dir, Sites: []*listensite.Site{site}}}}, map[string][]byte{})
	if len(g.Listeners) != 1 {
		t.Fatalf("listeners = %+v", g.Listeners)
	}
	if h := g.Listeners[0].Host; h.Text != "0.0.0.0" || h.Class != listen.HostUnknown {
		t.Errorf("host = %q (%s), want \"0.0.0.0\" with no family", h.Text, h.Class)
	}
}
