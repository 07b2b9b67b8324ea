// Package outfile writes flylint's outputs (reports, baselines, profiles)
// and the files -fix changes, so that writing never destroys: a regular
// file is replaced atomically and keeps its mode, owner and group; a
// device, FIFO or /dev/stdout is written through as a shell redirection
// would, never replaced; every error names the user's path and the real
// reason, not a temporary file.
//
// Temporary files are named .<name>.flylint-<random>.tmp and locked while
// written, so that a later run can tell one left by a killed run (no
// lock) from one a concurrent run is still writing, and remove only the
// former (RemoveStale). SIGINT and SIGTERM remove the temporary files of
// writes in progress (CatchSignals).
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/flylint-dev/flylint/internal/safefile"
)

// Kind says what is written, which decides what may be at the path.
type Kind int

const (
	// Output is a report, baseline or profile: the path may be new; a
	// regular file there is replaced atomically; a device or FIFO is
	// written through.
	Output Kind = iota
	// Fixed is a linted file being fixed: it must exist and be a regular
	// file with one link, since replacing it would split a hard link.
	Fixed
)

// Error is a write that failed, with the user's path and a reason a
// user can act on.
type Error struct {
	Path   string
	Reason string
	Err    error // the underlying error, for errors.Is
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

func fail(path string, err error, format string, args ...any) error {
	return &Error{Path: path, Reason: fmt.Sprintf(format, args...), Err: err}
}

// reason is err without the operation and path os wraps it in: those
// name the temporary file, which the user never asked for.
func reason(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	case errors.As(err, &se):
		return se.Err.Error()
	}
	return err.Error()
}

// Hooks for tests: each step that can fail on a real system (a full
// disk, a failed rename) can be made to fail.
var (
	writeHook  = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
	renameHook = os.Rename
)

// Write writes data to path as kind allows. On error nothing at path
// has changed, except for a device or FIFO written through, which may
// have received part of data as it would from a shell redirection.
func Write(path string, data []byte, kind Kind) error {
	real, info, err := check(path, kind)
	switch {
	case err != nil:
		return err
	case info == nil || info.Mode().IsRegular():
		return replace(path, real, data, info)
	}
	return writeThrough(path, real, data, info)
}

// Check reports the error Write would return before writing anything:
// -fix checks every file first, so that it writes all or none.
func Check(path string, kind Kind) error {
	_, info, err := check(path, kind)
	if err == nil && info != nil && kind == Fixed {
		err = canKeepOwner(path, info)
	}
	return err
}

// check resolves path and says whether kind may be written there. real
// is where to write; info is nil for a new file.
func check(path string, kind Kind) (real string, info fs.FileInfo, err error) {
	// Stat, not Lstat: what counts is what a symlink leads to, and the
	// kernel follows the links in /proc (/dev/stdout is one) that
	// EvalSymlinks cannot.
	info, err = os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(path)
			return "", nil, fail(path, err, "is a symlink to %s, which cannot be followed: %s", target, reason(err))
		}
		if err := checkDir(path); err != nil {
			return "", nil, err
		}
		if kind == Fixed {
			return "", nil, fail(path, err, "no longer exists; it was removed while flylint ran")
		}
		return path, nil, nil
	case err != nil:
		return "", nil, fail(path, err, "%s", reason(err))
	case info.IsDir():
		return "", nil, fail(path, syscall.EISDIR, "is a directory")
	case !info.Mode().IsRegular() && kind == Fixed:
		return "", nil, fail(path, nil, "is not a regular file (%s)", safefile.KindOf(info.Mode()))
	case info.Mode()&fs.ModeSocket != 0:
		return "", nil, fail(path, nil, "is a socket; flylint writes to files, devices and FIFOs")
	case !info.Mode().IsRegular():
		// Written through by opening path itself.
		return path, info, nil
	}
	if n := Links(info); kind == Fixed && n > 1 {
		return "", nil, fail(path, nil, "has %d hard links: replacing it would leave the other names with the old content, and writing in place would change them all (a cp -al backup too) and could leave it half-written, so flylint left it alone; apply what -fix -diff shows by hand, or break the link first (cp %s %s.new && mv %s.new %s)", n, path, path, path, path)
	}
	// The file is replaced where it is, so that a symlink to it stays a
	// link, as with a shell redirection.
	real, err = filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, fail(path, err, "%s", reason(err))
	}
	return real, info, nil
}

// checkDir explains why a new file at path cannot be created, when its
// directory is the reason.
func checkDir(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail(path, err, "directory %s does not exist", dir)
	case err != nil:
		return fail(path, err, "directory %s: %s", dir, reason(err))
	case !info.IsDir():
		return fail(path, syscall.ENOTDIR, "%s is not a directory", dir)
	}
	return nil
}

// writeThrough writes into a device or FIFO as `> path` would: open for
// writing and write. Replacing it by rename would turn /dev/null into a
// regular file for every other program on the machine.
func writeThrough(path, real string, data []byte, info fs.FileInfo) error {
	f, err := os.OpenFile(real, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fail(path, err, "cannot open %s for writing: %s", safefile.KindOf(info.Mode()), reason(err))
	}
	if _, err := writeHook(f, data); err != nil {
		_ = f.Close()
		return fail(path, err, "%s", reason(err))
	}
	if err := f.Close(); err != nil {
		return fail(path, err, "%s", reason(err))
	}
	return nil
}

// TempMark is in the name of every temporary file flylint creates:
// .<name>.flylint-<random>.tmp.
const TempMark = ".flylint-"

const tempSuffix = ".tmp"

// isTemp reports whether name is one of flylint's temporary files.
func isTemp(name string) bool {
	i := strings.LastIndex(name, TempMark)
	return strings.HasPrefix(name, ".") && i > 0 && strings.HasSuffix(name, tempSuffix) &&
		len(name) > i+len(TempMark)+len(tempSuffix)
}

// replace writes data to a temporary file beside real and renames it over
// real: a reader sees the old content or the new, never a mix. old is the
// file being replaced (nil for a new one); the new file gets its mode,
// owner and group.
func replace(path, real string, data []byte, old fs.FileInfo) (err error) {
	dir := filepath.Dir(real)
	RemoveStale(dir)
	f, err := createTemp(dir, filepath.Base(real))
	if err != nil {
		if cerr := checkDir(real); cerr != nil {
			return cerr
		}
		return fail(path, err, "cannot create a file in directory %s: %s", dir, reason(err))
	}
	defer func() {
		if err != nil {
			// Best-effort cleanup: err already says what failed.
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
		untrack(f.Name())
	}()
	if _, err := writeHook(f, data); err != nil {
		return fail(path, err, "%s", reason(err))
	}
	mode := fs.FileMode(0o644)
	if old != nil {
		mode = old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		if err := keepOwner(f, old); err != nil {
			return fail(path, err, "cannot give the new file the owner and group of the old one (%s): %s; flylint left it unchanged", ownerString(old), reason(err))
		}
	}
	// Chmod after chown (chown clears setuid) and before rename: the file
	// must never be visible with CreateTemp's 0600 or without its bits.
	if err := f.Chmod(mode); err != nil {
		return fail(path, err, "%s", reason(err))
	}
	if err := f.Sync(); err != nil {
		return fail(path, err, "%s", reason(err))
	}
	if err := renameHook(f.Name(), real); err != nil {
		return fail(path, err, "%s", reason(err))
	}
	// The lock goes with the descriptor; the data is already synced.
	_ = f.Close()
	return nil
}

// createTemp creates and locks a temporary file for name in dir. A
// stale-file sweep by another run may remove the file between its
// creation and the lock; that is seen (no links left) and retried.
func createTemp(dir, name string) (*os.File, error) {
	for range 5 {
		f, err := newTemp(dir, name)
		if err != nil {
			return nil, err
		}
		if err := lock(f, true); err == nil {
			if info, err := f.Stat(); err == nil && Links(info) == 0 {
				untrack(f.Name())
				_ = f.Close()
				continue
			}
		}
		return f, nil
	}
	return nil, errors.New("temporary files kept disappearing")
}

// RemoveStale removes, from dir, flylint's temporary files that no run
// is writing: left by a run killed with SIGKILL or by a crash. A file a
// concurrent run is writing is locked and stays. Failures are ignored:
// a stale file is litter, not a reason to fail the write at hand.
func RemoveStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTemp(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		f, err := openForSweep(p)
		if err != nil {
			continue
		}
		if lock(f, false) == nil {
			// Locked by us now, so no writer holds it: remove it unless
			// the name has meanwhile come to mean another file.
			fi, err1 := f.Stat()
			pi, err2 := os.Lstat(p)
			if err1 == nil && err2 == nil && os.SameFile(fi, pi) {
				_ = os.Remove(p)
			}
		}
		_ = f.Close()
	}
}

// The temporary files being written now, removed on SIGINT and SIGTERM.
var (
	tempMu sync.Mutex
	temps  = map[string]bool{}
	dying  bool
)

// newTemp creates a temporary file and records it, under the lock the
// signal handler takes: a file is never on disk unrecorded when the
// process dies of the signal, and none is created after.
func newTemp(dir, name string) (*os.File, error) {
	tempMu.Lock()
	defer tempMu.Unlock()
	if dying {
		return nil, errors.New("interrupted")
	}
	f, err := os.CreateTemp(dir, "."+name+TempMark+"*"+tempSuffix)
	if err != nil {
		return nil, err
	}
	temps[f.Name()] = true
	return f, nil
}

func untrack(name string) {
	tempMu.Lock()
	delete(temps, name)
	tempMu.Unlock()
}

// removeTemps removes every temporary file being written and makes
// any created from now on vanish at once: the process is about to die.
func removeTemps() {
	tempMu.Lock()
	defer tempMu.Unlock()
	dying = true
	for name := range temps {
		_ = os.Remove(name)
	}
}
