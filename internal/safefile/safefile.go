// Package safefile is the one way flylint reads a file it was pointed at:
// a fly.toml, a Dockerfile, a .flylint.toml, a baseline, a Go file quoted
// in a report. The repositories it lints are not trusted, and neither is
// a path on the command line, so a read must end, and end small, whatever
// the path names.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError is a path that names something other than a regular
// file. Opening a FIFO blocks until a writer comes, /dev/zero never ends,
// and a socket cannot be opened at all: none of them is a file flylint
// can read.
type NotRegularError struct {
	Name string // the path as the user wrote it
	Kind string // KindOf the file
}

func (e *NotRegularError) Error() string {
	switch e.Kind {
	case "":
		return e.Name + " is not a regular file"
	case "a directory":
		return e.Name + " is a directory, not a file"
	}
	return fmt.Sprintf("%s is not a regular file (it is %s); flylint reads only regular files, since reading anything else may block or never end", e.Name, e.Kind)
}

// TooLargeError is a regular file over the caller's limit. Size is what
// the file holds, or at least Max+1 when it grew while being read.
type TooLargeError struct {
	Name      string
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is %d bytes, more than the %d flylint reads", e.Name, e.Size, e.Max)
}

// Read reads the regular file at path, at most max bytes. name is how
// errors call the file (the path as the user wrote it, or as reports show
// it). It never blocks on a FIFO, never reads a device, and never holds
// more than limit+1 bytes: a file over limit is a *TooLargeError, a path that
// is not a regular file a *NotRegularError; other errors are the
// *os.PathError of the failing call, with name as its path.
func Read(path, name string, limit int64) ([]byte, error) {
	// Stat before opening: opening a FIFO without O_NONBLOCK blocks, and
	// opening some devices has effects of its own.
	info, err := os.Stat(path)
	if err != nil {
		return nil, rename(err, name)
	}
	if err := regular(info, name); err != nil {
		return nil, err
	}
	return ReadStatted(path, name, limit)
}

// ReadStatted is Read for a path the caller has just found, with its own
// stat or lstat, to be a regular file: it skips Read's stat before
// opening (a monorepo's worth of them showed in the profile) and keeps
// every other check, so a path swapped since still cannot block or be
// read as a device.
func ReadStatted(path, name string, limit int64) ([]byte, error) {
	// O_NONBLOCK in case the path was swapped for a FIFO since Stat;
	// O_NOCTTY so a terminal device can never become the controlling one.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, rename(err, name)
	}
	// Read-only: Close has nothing to flush, so its error tells nothing.
	defer func() { _ = f.Close() }()
	// What was opened is what counts, whatever Stat saw.
	info, err := f.Stat()
	if err != nil {
		return nil, rename(err, name)
	}
	if err := regular(info, name); err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Name: name, Size: info.Size(), Max: limit}
	}
	data, err := readAll(io.LimitReader(f, limit+1), info.Size(), limit)
	if err != nil {
		return nil, rename(err, name)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Size: int64(len(data)), Max: limit}
	}
	return data, nil
}

func regular(info fs.FileInfo, name string) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &NotRegularError{Name: name, Kind: KindOf(info.Mode())}
}

// KindOf names what a file that is not a regular file is, for messages:
// "a directory", "a FIFO", "a socket", "a character device", "a block
// device", or "not a regular file".
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a regular file"
}

// readAll is io.ReadAll with the buffer sized from the file's size up
// front: io.ReadAll starts at 512 bytes and regrows, which over thousands
// of files allocated several times what was read.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	// One byte more than the size, so that the read that meets EOF finds
	// room and needs no growth.
	buf := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			// The file grew since it was measured.
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// rename puts name in place of the path an *os.PathError carries, so the
// user reads the path they wrote.
func rename(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}
