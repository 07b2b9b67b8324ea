package goload

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"

	"github.com/flylint-dev/flylint/internal/safefile"
)

// maxBuffer bounds an editor buffer given to the go command in place of
// a Go file, as workspace.MaxFileSize bounds every file flylint reads.
const maxBuffer = 10 << 20

// Buffers are the entries of overlay (editor buffers by absolute path)
// that change what the go command would read for the module in modDir:
// .go files of that module (not of a module nested in it) that exist on
// disk as regular files and whose buffer differs from the disk. A buffer
// equal to its file changes nothing, so the language server keys its
// cache on this set alone and opening a Go file costs no analysis. A
// buffer with no file behind it is left out: go/packages reads the
// syntax of every listed file from disk itself (see parseFile), so such
// a file is analysed once saved.
func Buffers(modDir string, overlay map[string][]byte) map[string][]byte {
	var out map[string][]byte
	for p, data := range overlay {
		if filepath.Ext(p) != ".go" || !filepath.IsAbs(p) || filepath.Clean(p) != p || !safefile.Within(modDir, p) || len(data) > maxBuffer {
			continue
		}
		if moduleRoot(filepath.Dir(p), modDir) != modDir {
			continue // a nested module's file
		}
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		disk, err := safefile.Read(p, p, maxBuffer)
		if err != nil || bytes.Equal(disk, data) {
			continue
		}
		if out == nil {
			out = map[string][]byte{}
		}
		out[p] = data
	}
	return out
}

// buffers is Buffers for the guarded module, without the files guard
// hid from the go command or that lie below a directory leading out of
// the tree: a buffer must not bring back what guard took away.
func (g *guard) buffers(overlay map[string][]byte) map[string][]byte {
	out := Buffers(g.modDir, overlay)
	for p := range out {
		if g.leaves(p) != "" {
			delete(out, p)
			continue
		}
		for _, d := range g.deleted {
			if safefile.Within(d, p) {
				delete(out, p)
				break
			}
		}
	}
	return out
}

// parseWith is go/packages' own ParseFile (its mode included, see
// packages.Config.ParseFile) reading the buffers in place of the disk:
// go/packages is not given the buffers as Config.Overlay because it
// would then pass its own -overlay after flylint's, and the go command
// keeps only the last one, losing the paths guard hides.
func parseWith(bufs map[string][]byte) func(*token.FileSet, string, []byte) (*ast.File, error) {
	return func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		if b, ok := bufs[filepath.Clean(filename)]; ok {
			src = b
		}
		return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
	}
}
