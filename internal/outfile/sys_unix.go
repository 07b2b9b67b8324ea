//go:build unix

package outfile

import (
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"
)

// lock takes an exclusive flock on f; wait says whether to wait for it.
// flock rather than fcntl locks: fcntl locks belong to the process, so a
// sweep by this same process would always succeed.
func lock(f *os.File, wait bool) error {
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}

// Links is the number of hard links to the file info describes; 1
// where the system does not say.
func Links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink) //nolint:unconvert // Nlink is uint32 on some platforms
	}
	return 1
}

// keepOwner gives f the owner and group of old. A file created by root
// (flylint -fix in a container, say) would otherwise become root's.
func keepOwner(f *os.File, old fs.FileInfo) error {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil {
		return err
	}
	have, ok := info.Sys().(*syscall.Stat_t)
	if !ok || (have.Uid == want.Uid && have.Gid == want.Gid) {
		return nil
	}
	return f.Chown(int(want.Uid), int(want.Gid))
}

func ownerString(info fs.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("uid %d, gid %d", st.Uid, st.Gid)
	}
	return "unknown"
}

// CatchSignals makes SIGINT and SIGTERM remove the temporary files of
// writes in progress before the process dies of the signal, as it
// would have without the handler (so the exit status still shows it).
// stop restores the default handling.
func CatchSignals() (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			removeTemps()
			signal.Reset(sig)
			if s, ok := sig.(syscall.Signal); ok {
				_ = syscall.Kill(os.Getpid(), s)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// openForSweep opens a temporary file left in a directory without
// following a symlink put in its place or blocking on a FIFO.
func openForSweep(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// canKeepOwner says ahead of writing when the replacement cannot get
// the old file's owner: only root can give a file away.
func canKeepOwner(path string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	euid := os.Geteuid()
	if !ok || euid == 0 || int(st.Uid) == euid {
		return nil
	}
	return fail(path, syscall.EPERM, "is owned by uid %d, and flylint, running as uid %d, could not give the fixed file that owner, so it left it alone (run -fix as that user)", st.Uid, euid)
}
