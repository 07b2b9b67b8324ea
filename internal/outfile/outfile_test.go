//go:build unix

package outfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func mustWrite(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func wantContent(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s holds %q (%v), want %q", path, b, err, want)
	}
}

func TestNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.sarif")
	if err := Write(p, []byte("report"), Output); err != nil {
		t.Fatal(err)
	}
	wantContent(t, p, "report")
	if fi, err := os.Stat(p); err != nil || fi.Mode() != 0o644 {
		t.Errorf("stat %v %v, want mode 0644", fi, err)
	}
	if n := names(t, dir); len(n) != 1 {
		t.Errorf("directory holds %q", n)
	}
}

func TestReplaceKeepsModeOwnerGroup(t *testing.T) {
	for _, kind := range []Kind{Output, Fixed} {
		dir := t.TempDir()
		p := filepath.Join(dir, "fly.toml")
		mustWrite(t, p, "old", 0o640)
		root := os.Geteuid() == 0
		if root {
			if err := os.Chown(p, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}
		if err := Write(p, []byte("new"), kind); err != nil {
			t.Fatal(err)
		}
		wantContent(t, p, "new")
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != 0o640 {
			t.Errorf("kind %d: mode %v, want 0640", kind, fi.Mode())
		}
		if st := fi.Sys().(*syscall.Stat_t); root && (st.Uid != 65534 || st.Gid != 65534) {
			t.Errorf("kind %d: owner %d:%d, want 65534:65534", kind, st.Uid, st.Gid)
		}
		if n := names(t, dir); len(n) != 1 {
			t.Errorf("directory holds %q", n)
		}
	}
}

func TestSymlinkStaysALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	mustWrite(t, real, "old", 0o600)
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), Output); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced: %v %v", fi, err)
	}
	wantContent(t, real, "new")
}

func TestDevNullStaysADevice(t *testing.T) {
	if err := Write(os.DevNull, []byte("report"), Output); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v (%v)", fi, err)
	}
	err := Write(os.DevNull, []byte("x"), Fixed)
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Fixed into /dev/null: %v", err)
	}
}

func TestFIFOWrittenThrough(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		_ = f.Close()
		got <- string(b)
	}()
	if err := Write(p, []byte("report"), Output); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "report" {
		t.Errorf("reader got %q", s)
	}
	if fi, err := os.Lstat(p); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("FIFO replaced: %v %v", fi, err)
	}
}

func TestErrorsNameThePathAndReason(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	mustWrite(t, file, "x", 0o644)
	sock := filepath.Join(dir, "sock")
	if fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0); err == nil {
		if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
			t.Fatal(err)
		}
		defer syscall.Close(fd)
	}
	for _, c := range []struct{ path, want string }{
		{dir, dir + ": is a directory"},
		{filepath.Join(dir, "no", "such", "b.json"), filepath.Join(dir, "no", "such", "b.json") + ": directory " + filepath.Join(dir, "no", "such") + " does not exist"},
		{filepath.Join(file, "b.json"), filepath.Join(file, "b.json") + ": " + file + " is not a directory"},
		{"/dev/full", "/dev/full: no space left on device"},
		{sock, sock + ": is a socket; flylint writes to files, devices and FIFOs"},
	} {
		err := Write(c.path, []byte("data"), Output)
		if err == nil || err.Error() != c.want {
			t.Errorf("Write(%s) = %v, want %s", c.path, err, c.want)
		}
	}
	if n := names(t, dir); len(n) != 2 {
		t.Errorf("directory holds %q", n)
	}
}

func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories; TestHostileOutputErrors covers it as another user")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "out")
	err := Write(p, []byte("x"), Output)
	want := p + ": cannot create a file in directory " + dir + ": permission denied"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// A full disk or a failed rename leaves the old file whole and no
// temporary file behind, and says so with the user's path.
func TestFailedWriteLeavesNothing(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func()
		want  string
	}{
		{"full disk", func() {
			writeHook = func(*os.File, []byte) (int, error) {
				return 0, &fs.PathError{Op: "write", Path: "/tmp/.x.flylint-1.tmp", Err: syscall.ENOSPC}
			}
		}, "no space left on device"},
		{"rename", func() {
			renameHook = func(a, b string) error { return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EXDEV} }
		}, "invalid cross-device link"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "fly.toml")
			mustWrite(t, p, "old", 0o644)
			c.setup()
			defer func() {
				writeHook = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
				renameHook = os.Rename
			}()
			err := Write(p, []byte("new"), Fixed)
			if err == nil || err.Error() != p+": "+c.want {
				t.Errorf("got %v, want %s: %s", err, p, c.want)
			}
			wantContent(t, p, "old")
			if n := names(t, dir); len(n) != 1 {
				t.Errorf("directory holds %q", n)
			}
		})
	}
}

func TestFixedRefusesHardLinksAndMissingFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fly.toml")
	mustWrite(t, p, "old", 0o644)
	if err := os.Link(p, filepath.Join(dir, "other.toml")); err != nil {
		t.Fatal(err)
	}
	err := Write(p, []byte("new"), Fixed)
	if err == nil || !strings.Contains(err.Error(), p+": has 2 hard links:") {
		t.Errorf("hard link: %v", err)
	}
	wantContent(t, p, "old")
	// An output is not a linted file: the old report may go.
	if err := Write(p, []byte("new"), Output); err != nil {
		t.Error(err)
	}
	err = Write(filepath.Join(dir, "gone"), []byte("new"), Fixed)
	if err == nil || !strings.Contains(err.Error(), "no longer exists") {
		t.Errorf("missing: %v", err)
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".Dockerfile"+TempMark+"123"+tempSuffix)
	live := filepath.Join(dir, ".fly.toml"+TempMark+"456"+tempSuffix)
	mine := []string{".Dockerfile.tmp123", "Dockerfile" + TempMark + "1" + tempSuffix, ".x" + TempMark + tempSuffix, "keep.tmp"}
	for _, p := range append([]string{stale, live}, mine...) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		mustWrite(t, p, "x", 0o600)
	}
	// A concurrent run holds its file's lock while it writes.
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := lock(f, true); err != nil {
		t.Fatal(err)
	}
	RemoveStale(dir)
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temp file kept: %v", err)
	}
	for _, p := range append([]string{filepath.Base(live)}, mine...) {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
	// A write in the directory sweeps it too.
	_ = f.Close()
	if err := Write(filepath.Join(dir, "out"), nil, Output); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temp file of a finished run kept: %v", err)
	}
}

func TestTempNamesAreFlylints(t *testing.T) {
	dir := t.TempDir()
	f, err := createTemp(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	untrack(f.Name())
	base := filepath.Base(f.Name())
	if !isTemp(base) || !strings.HasPrefix(base, ".Dockerfile"+TempMark) {
		t.Errorf("temp file %s", base)
	}
	// Locked while written: a sweep leaves it.
	RemoveStale(dir)
	if _, err := os.Stat(f.Name()); err != nil {
		t.Errorf("sweep removed a file being written: %v", err)
	}
}

func TestSignalRemovesTemps(t *testing.T) {
	dir := t.TempDir()
	f, err := createTemp(dir, "fly.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	removeTemps()
	defer func() { tempMu.Lock(); dying = false; tempMu.Unlock() }()
	if _, err := os.Stat(f.Name()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temp file kept after the signal: %v", err)
	}
	// A write that starts after the signal leaves nothing either.
	if err := Write(filepath.Join(dir, "out"), []byte("x"), Output); err == nil {
		t.Error("a write after the signal succeeded")
	}
	if n := names(t, dir); len(n) != 0 {
		t.Errorf("directory holds %q", n)
	}
}
