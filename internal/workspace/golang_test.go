package workspace

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/flylint-dev/flylint/internal/goload"
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
