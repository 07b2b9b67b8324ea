package fix

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fly.toml")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o751); err != nil { // not a umask-friendly mode
		t.Fatal(err)
	}
	if err := WriteAtomic(p, []byte("new content")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(b) != "new content" || fi.Mode().Perm() != 0o751 {
		t.Errorf("got %q mode %v", b, fi.Mode())
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %q", names)
	}
}

func TestWriteAtomicNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.sarif")
	if err := WriteAtomic(p, nil); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil || fi.Size() != 0 || fi.Mode().Perm() != 0o644 {
		t.Errorf("stat %v %v", fi, err)
	}
}

func TestWriteAtomicFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.toml")
	link := filepath.Join(dir, "fly.toml")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.toml", link); err != nil {
		t.Skip(err)
	}
	if err := WriteAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q", b)
	}
}

func TestWriteAtomicNoTempOnError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fly.toml")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("rename failed")
	rename = func(string, string) error { return boom }
	t.Cleanup(func() { rename = os.Rename })
	if err := WriteAtomic(p, []byte("new")); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if names := entries(t, dir); len(names) != 1 || names[0] != "fly.toml" {
		t.Errorf("temp file left behind: %q", names)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file changed to %q", b)
	}
}

func TestWriteAtomicErrors(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAtomic(dir, []byte("x")); err == nil {
		t.Error("writing over a directory: no error")
	}
	if err := WriteAtomic(filepath.Join(dir, "missing", "f"), []byte("x")); err == nil {
		t.Error("writing into a missing directory: no error")
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf("left %q", names)
	}
}
