package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// checkLocalFiles records each [[files]] local_path that flyctl could not
// read at deploy: File.toMachineFile (internal/appconfig/config.go at
// flyctl ad0172f) reads it with os.ReadFile and fails the deploy with
// "could not read file". flyctl reads the path from the directory it runs
// in, which is the app's directory for a plain `fly deploy`; flylint
// checks it there. Only existence and type are looked at, with Lstat, and
// only inside the linted tree: a path that leads out of it (absolute, or
// through .. or a symlink) is not checked at all.
func (b *appBuilder) checkLocalFiles() {
	a := b.app
	if a.Config == nil || b.target.Config == "" {
		return
	}
	dir := filepath.Dir(b.target.Config)
	for _, f := range a.Config.Files {
		if f == nil {
			continue
		}
		lp := f.LocalPath
		if !lp.OK || lp.V == "" || filepath.IsAbs(lp.V) {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(lp.V))
		if !b.rd.lexicallyWithin(path, b.target.Root) {
			continue
		}
		if msg := localFileProblem(path, b.target.Root, b.rd); msg != "" {
			a.LocalFileProblems = append(a.LocalFileProblems, &LoadError{Range: lp.Value, Message: strconv.Quote(lp.V) + " " + msg})
		}
	}
}

// localFileProblem says why flyctl could not read path, or "" when it
// can (or flylint cannot tell without leaving the tree).
func localFileProblem(path, root string, rd *reader) string {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist in the app's directory"
	case err != nil:
		return ""
	case info.Mode()&fs.ModeSymlink != 0:
		real, err := filepath.EvalSymlinks(path)
		if errors.Is(err, fs.ErrNotExist) {
			return "is a symlink that leads nowhere"
		}
		if err != nil || !rd.within(real, root) {
			return ""
		}
		if info, err = os.Stat(real); err != nil {
			return ""
		}
	}
	if info.IsDir() {
		return "is a directory, not a file"
	}
	return ""
}
