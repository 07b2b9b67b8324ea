//go:build !unix

package outfile

import (
	"errors"
	"io/fs"
	"os"
)

// Without flock a temporary file's writer cannot be told alive or dead,
// so RemoveStale removes nothing.
func lock(*os.File, bool) error { return errors.ErrUnsupported }

// Links is the number of hard links to the file info describes; 1
// where the system does not say.
func Links(fs.FileInfo) uint64 { return 1 }

func keepOwner(*os.File, fs.FileInfo) error { return nil }

func ownerString(fs.FileInfo) string { return "unknown" }

// CatchSignals is a no-op where the process cannot re-raise a signal.
func CatchSignals() (stop func()) { return func() {} }

func openForSweep(string) (*os.File, error) { return nil, errors.ErrUnsupported }

func canKeepOwner(string, fs.FileInfo) error { return nil }
