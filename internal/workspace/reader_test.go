package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The reader must be readFile, faster: for every kind of path, the same
// bytes or the same error message, whichever of its two ways it takes.
func TestReaderMatchesReadFile(t *testing.T) {
	top := t.TempDir()
	t.Chdir(top)
	write := func(p, s string) { writeTestFile(t, p, s) }
	link := func(target, p string) { linkTestFile(t, target, p) }
	write("repo/apps/a/fly.toml", "app = 'a'\n")
	write("repo/apps/a/Dockerfile", "FROM alpine\n")
	write("repo/fly.toml", "app = 'top'\n")
	write("outside/secret/Dockerfile", "FROM secret\n")
	write("repo/apps/empty/fly.toml", "")
	link("../a/Dockerfile", "repo/apps/a/../../apps/Dockerfile.link") // a file symlink inside the tree
	link("../../outside/secret", "repo/apps/out")                     // a directory symlink leading out
	link("a", "repo/apps/alias")                                      // a directory symlink inside
	link("nowhere", "repo/apps/dangling")
	if err := os.MkdirAll("repo/apps/dir/fly.toml", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo("repo/apps/a/fifo.toml", 0o644); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("#"), MaxFileSize+1)
	if err := os.WriteFile("repo/apps/big.toml", big, 0o644); err != nil {
		t.Fatal(err)
	}

	abs := func(p string) string { return filepath.Join(top, p) }
	cases := []struct{ path, root string }{
		{"repo/apps/a/fly.toml", "repo"},
		{"repo/apps/a/Dockerfile", "repo"},
		{"repo/apps/a/Dockerfile", "repo/apps/a"},
		{"repo/fly.toml", "repo"},
		{"repo/apps/empty/fly.toml", "repo"},
		{"repo/apps/Dockerfile.link", "repo"},
		{"repo/apps/out/Dockerfile", "repo"},
		{"repo/apps/alias/Dockerfile", "repo"},
		{"repo/apps/dangling", "repo"},
		{"repo/apps/dangling/Dockerfile", "repo"},
		{"repo/apps/dir/fly.toml", "repo"},
		{"repo/apps/a/fifo.toml", "repo"},
		{"repo/apps/big.toml", "repo"},
		{"repo/apps/missing/Dockerfile", "repo"},
		{"repo/apps/a/fly.toml/Dockerfile", "repo"},
		{"outside/secret/Dockerfile", "repo"},
		{"repo/../outside/secret/Dockerfile", "repo"},
		{"repo/apps/a/../a/Dockerfile", "repo"},
		{abs("repo/apps/a/fly.toml"), abs("repo")},
		{abs("repo/apps/a/fly.toml"), "repo"},
		{"repo/apps/a/fly.toml", abs("repo")},
		{abs("repo/apps/out/Dockerfile"), abs("repo")},
		{"/etc/passwd", "repo"},
		{"repo/apps/a/fly.toml", "repo/apps/alias"},
		{"repo/apps/alias/fly.toml", "repo/apps/alias"},
	}
	r := newReader()
	for _, c := range cases {
		for range 2 { // the second time from the reader's caches
			want, wantErr := readFile(c.path, c.root)
			got, gotErr := r.readFile(c.path, c.root)
			if !bytes.Equal(got, want) {
				t.Errorf("readFile(%q, %q): reader read %q, readFile %q", c.path, c.root, got, want)
			}
			if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
				t.Errorf("readFile(%q, %q): reader error %v, readFile error %v", c.path, c.root, gotErr, wantErr)
			}
		}
		for _, p := range []string{c.path, c.root} {
			if got, want := r.displayPath(p), displayPath(p); got != want {
				t.Errorf("displayPath(%q) = %q, want %q", p, got, want)
			}
		}
	}
	// The fast way is taken where it should be, or the test above proves
	// little.
	if _, ok := r.resolveFile("repo/apps/a/fly.toml", "repo"); !ok {
		t.Error("a plain file inside the root did not take the fast way")
	}
	if _, ok := r.resolveFile("repo/apps/alias/Dockerfile", "repo"); !ok {
		t.Error("a file under a directory symlink inside the root did not take the fast way")
	}
	for _, p := range []string{"repo/apps/Dockerfile.link", "repo/apps/out/Dockerfile", "repo/apps/a/fifo.toml", "repo/apps/a/../a/Dockerfile"} {
		if _, ok := r.resolveFile(p, "repo"); ok {
			t.Errorf("%s took the fast way", p)
		}
	}
}
