package cli

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/flylint-dev/flylint/internal/outfile"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// inputs are the files a run reads, known by identity (device and
// inode), so that no output can be written over one of them by any name:
// a hard link or a symlink to fly.toml is fly.toml.
type inputs struct {
	files []inputFile
	// goModules are the Go modules analysed: the go command reads their
	// Go files, go.mod and go.sum, which are not all in files.
	goModules []string
	// complete is set once the workspace is loaded. Before that the
	// inputs are not known, and a profile is not written (see stop).
	complete bool
	// ws's files are looked up (one stat each) only when an output path
	// names an existing regular file, the one case they can matter in:
	// a run that writes nowhere, or to a new file or a device, must not
	// stat every file of a 10,000-app monorepo again.
	ws *workspace.Workspace
}

type inputFile struct {
	name string
	info fs.FileInfo
}

func (in *inputs) add(name string) {
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		in.files = append(in.files, inputFile{name, info})
	}
}

func (in *inputs) addWorkspace(ws *workspace.Workspace) {
	in.ws = ws
	in.complete = true
}

// statWorkspace adds the workspace's files to in, once.
func (in *inputs) statWorkspace() {
	ws := in.ws
	if ws == nil {
		return
	}
	in.ws = nil
	for name := range ws.Files {
		in.add(filepath.FromSlash(name))
	}
	// A fly.toml or Dockerfile that could not be read (too large, say)
	// is not in Files, and is still the user's file.
	for _, a := range ws.Apps {
		for _, name := range []string{a.ConfigPath, a.DockerfilePath} {
			if name != "" {
				in.add(filepath.FromSlash(name))
			}
		}
	}
	for _, mod := range ws.GoModules {
		if real, err := filepath.EvalSymlinks(mod); err == nil {
			mod = real
		}
		in.goModules = append(in.goModules, mod)
	}
}

// check refuses an output path that is one of the inputs. The output
// writer would replace the file, and the file being linted is the one
// thing a linter must never destroy.
func (in *inputs) check(flagName, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		// Not there yet, or a device or FIFO written through: neither is
		// an input. Other errors are the writer's to report.
		return nil
	}
	in.statWorkspace()
	for _, f := range in.files {
		if os.SameFile(info, f.info) {
			return refuse(flagName, path, f.name)
		}
	}
	if name := in.goFile(path, info); name != "" {
		return refuse(flagName, path, name)
	}
	return nil
}

func refuse(flagName, path, input string) error {
	absPath, err1 := filepath.Abs(path)
	absInput, err2 := filepath.Abs(input)
	if err1 == nil && err2 == nil && absPath == absInput {
		return usagef("%s %s: refusing to write there: it is one of the files flylint is linting, and writing would replace it; choose another path", flagName, path)
	}
	return usagef("%s %s: refusing to write there: it is %s by another name, which flylint is linting, and writing would replace it; choose another path", flagName, path, input)
}

// goFile returns the Go input path is, or "". With one link, the file
// is an input only under its own name; with more, another of its names
// may be, so the modules are searched for it.
func (in *inputs) goFile(path string, info fs.FileInfo) string {
	if len(in.goModules) == 0 {
		return ""
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return ""
	}
	if real, err = filepath.Abs(real); err != nil {
		return ""
	}
	if outfile.Links(info) <= 1 {
		for _, mod := range in.goModules {
			if safefile.Within(mod, real) && goInput(filepath.Base(real)) {
				return path
			}
		}
		return ""
	}
	for _, mod := range in.goModules {
		var found string
		_ = filepath.WalkDir(mod, func(p string, d fs.DirEntry, err error) error {
			if err != nil || found != "" {
				return fs.SkipDir
			}
			if !d.Type().IsRegular() || !goInput(d.Name()) {
				return nil
			}
			if fi, err := os.Stat(p); err == nil && os.SameFile(fi, info) {
				found = p
				return fs.SkipAll
			}
			return nil
		})
		if found != "" {
			return displayPath(found)
		}
	}
	return ""
}

// goInput reports whether the go command reads a file of this name.
func goInput(name string) bool {
	switch name {
	case "go.mod", "go.sum", "go.work", "go.work.sum", "modules.txt":
		return true
	}
	return strings.HasSuffix(name, ".go")
}

// checkOutputs refuses, before anything is written, every output the
// command line names that is one of the inputs.
func checkOutputs(o options, in *inputs) error {
	for _, out := range []struct{ flag, path string }{
		{"-o", o.output},
		{"-write-baseline", o.writeBaseline},
		{"-cpuprofile", o.cpuProf},
		{"-memprofile", o.memProf},
	} {
		if err := in.check(out.flag, out.path); err != nil {
			return err
		}
	}
	return nil
}

// emit writes the finished report (or -fix -diff's diff) to stdout, or
// with -o to the file: atomically for a regular file, so a reader never
// sees half a report; through, like a shell redirection, for a device
// or FIFO.
func emit(data []byte, path string, stdout io.Writer) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := outfile.Write(path, data, outfile.Output); err != nil {
		return usagef("-o %v", err)
	}
	return nil
}
