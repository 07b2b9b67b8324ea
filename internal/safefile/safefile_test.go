package safefile

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Every kind of path a hostile repository or command line can name ends
// quickly, with the error type callers tell apart.
func TestReadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = l.Close() }()
	for _, c := range []struct{ path, kind string }{
		{fifo, "a FIFO"},
		{"/dev/zero", "a character device"},
		{link, "a character device"},
		{sock, "a socket"},
		{dir, "a directory"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(c.path, "NAME", 1<<20)
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || nr.Kind != c.kind {
				t.Errorf("%s: %v, want a NotRegularError for %s", c.path, err, c.kind)
				continue
			}
			want := "NAME is not a regular file (it is " + c.kind + ")"
			if c.kind == "a directory" {
				want = "NAME is a directory, not a file"
			}
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%s: message %q does not name the path as given", c.path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) blocked", c.path)
		}
	}
}

func TestReadSizeLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := Read(p, "f", 100); err != nil || len(data) != 100 {
		t.Errorf("at the limit: %d bytes, %v", len(data), err)
	}
	_, err := Read(p, "f", 99)
	var big *TooLargeError
	if !errors.As(err, &big) || big.Size != 100 || big.Max != 99 || big.Name != "f" {
		t.Errorf("over the limit: %v", err)
	}
}

func TestReadMissingNamesThePathGiven(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "nope"), "nope.json", 10)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "nope.json" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v", err)
	}
}

// readAll reads what io.ReadAll reads, whatever the size it is told.
func TestReadAllAnySizeHint(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, hint := range []int64{-1, 0, 1, 9999, 10000, 10001, 1 << 20} {
		got, err := readAll(bytes.NewReader(data), hint, 1<<20)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("hint %d: %d bytes, %v", hint, len(got), err)
		}
	}
}

// ReadStatted skips the stat before opening, so a path swapped for a
// FIFO or a device after the caller's stat must still neither block nor
// be read: the open does not wait and the check after it refuses.
func TestReadStattedRefusesASwappedPath(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, kind string }{
		{fifo, "a FIFO"},
		{"/dev/zero", "a character device"},
		{dir, "a directory"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := ReadStatted(c.path, "NAME", 1<<20)
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || nr.Kind != c.kind {
				t.Errorf("%s: %v, want a NotRegularError for %s", c.path, err, c.kind)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadStatted(%s) blocked", c.path)
		}
	}
}
