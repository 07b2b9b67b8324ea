package goload

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"golang.org/x/mod/modfile"

	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
)

// Note is a part of the module flylint left out of the Go analysis on
// purpose, and why: a file or directory that is not what it claims to be
// or leads outside the linted tree, a go.work or replace that does, or
// cgo files.
type Note struct {
	// Range is where the user fixes it. File is absolute; a note about a
	// symlink or a named pipe has no line (reading it is what flylint
	// refused to do).
	Range   source.Range
	Message string
}

// maxModFile bounds the go.mod and go.work flylint parses: real ones are
// a few kilobytes.
const maxModFile = 4 << 20

// goSource are the file extensions the go command reads or hands to a
// tool (compile, asm) in a package directory; with cgo off the C ones
// only make it say "C source files not allowed", but it still stats them.
var goSource = map[string]bool{
	".go": true, ".s": true, ".S": true, ".sx": true, ".h": true, ".hh": true, ".hpp": true, ".hxx": true,
	".c": true, ".cc": true, ".cpp": true, ".cxx": true, ".m": true, ".f": true, ".F": true, ".for": true,
	".f90": true, ".swig": true, ".swigcxx": true, ".syso": true,
}

// asmFile are the files the Go assembler reads, and follows the
// #include lines of.
var asmFile = map[string]bool{".s": true, ".S": true, ".sx": true, ".h": true}

// maxAsmFile bounds the assembly file flylint scans for #include lines;
// past it the file is left out.
const maxAsmFile = 8 << 20

// checkIncludes hides an assembly file (or header) whose #include names
// a file outside the tree: the assembler, which go list -export runs on
// it, would read it, and block on a named pipe there.
func (g *guard) checkIncludes(path string) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, maxAsmFile+1))
	if err != nil {
		return
	}
	if len(data) > maxAsmFile {
		g.refuse(path, fmt.Sprintf("is larger than %d MB, more than flylint reads of an assembly file", maxAsmFile>>20), "Keep assembly files smaller")
		return
	}
	n, offset := 0, 0
	for line := range strings.Lines(string(data)) {
		n++
		start := offset
		offset += len(line)
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "include")
		if !ok {
			continue
		}
		name := strings.Trim(strings.TrimSpace(rest), "\"<>")
		// The assembler looks beside the including file first; the
		// other places it searches are the Go installation's.
		if why := g.leaves(localPath(filepath.Dir(path), name)); why != "" && name != "" {
			g.refuse(path, fmt.Sprintf("includes %q, which %s; the Go assembler would read it", name, why), "Include only files inside the linted directory")
			// At the #include line: the file is regular and was read.
			lead := len(line) - len(strings.TrimLeft(line, " \t"))
			r := &g.notes[len(g.notes)-1].Range
			r.Start = source.Pos{Line: n, Col: lead + 1, Offset: start + lead}
			end := len(strings.TrimRight(line, "\r\n"))
			r.End = source.Pos{Line: n, Col: end + 1, Offset: start + end}
			return
		}
	}
}

// guard is what flylint found out before the go command starts, so that
// the go command reads nothing outside the linted tree and never blocks
// on a named pipe: the paths it must not see (given to it as deleted in
// an -overlay), the go.work it may use, whether to load from vendor/.
type guard struct {
	root    string // the linted tree, absolute
	rootEv  string // root with symlinks resolved
	modDir  string // the main module's directory, absolute
	vendor  bool   // vendor/modules.txt is there: -mod=vendor
	gowork  string // GOWORK for the go command: a checked go.work or "off"
	deleted []string
	notes   []Note
	walked  map[string]bool // symlink-free directories already walked
	// goFiles are the regular non-test .go files of the main module by
	// directory: where a directory's every file is cgo, the go command
	// matches no package there and says nothing of it.
	goFiles map[string][]string
	// fatal, when set, is why the module cannot be loaded at all (its
	// go.mod or go.sum is a pipe or leads out of the tree).
	fatal *Note
}

// inspect checks the main module in dir, the go.work the go command
// would use and the directories it reads, against root. env is the go
// command's environment, for GOWORK.
func inspect(dir, root string, env []string) (*guard, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if root == "" {
		root = absDir
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	rootEv, err := filepath.EvalSymlinks(absRoot)
	if err != nil {
		return nil, err
	}
	g := &guard{root: absRoot, rootEv: rootEv, modDir: moduleRoot(absDir, absRoot), walked: map[string]bool{}, goFiles: map[string][]string{}}
	if g.modDir == "" {
		// No go.mod: the go command says so itself.
		g.modDir = absDir
		g.gowork = "off"
		return g, nil
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		if n := g.checkModuleFile(filepath.Join(g.modDir, name)); n != nil {
			g.fatal = n
			return g, nil
		}
	}
	modules := []string{g.modDir}
	g.gowork = "off"
	if work := findWork(g.modDir, env); work != "" && g.inTree(work) {
		// A go.work above the linted tree is not part of what was asked
		// to be linted: the module is analysed on its own go.mod.
		if used, ok := g.checkWork(work); ok {
			g.gowork = work
			modules = used
		}
	}
	if !slices.Contains(modules, g.modDir) {
		modules = append(modules, g.modDir)
	}
	modulesTxt := filepath.Join(g.modDir, "vendor", "modules.txt")
	if _, err := os.Lstat(modulesTxt); err == nil && g.gowork == "off" {
		if n := g.checkModuleFile(modulesTxt); n != nil {
			g.fatal = n
			return g, nil
		}
		g.vendor = true
	}
	for _, m := range modules {
		if m != g.modDir {
			if n := g.checkModuleFile(filepath.Join(m, "go.mod")); n != nil {
				g.fatal = n
				return g, nil
			}
		}
		targets := g.checkReplaces(m)
		g.walk(m)
		for _, t := range targets {
			g.walk(t)
		}
	}
	return g, nil
}

// moduleRoot is the directory of the go.mod that covers dir, looking no
// higher than root, or "".
func moduleRoot(dir, root string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir || !safefile.Within(root, parent) {
			return ""
		}
		dir = parent
	}
}

// findWork is the go.work the go command would use for a module in dir:
// $GOWORK when set, else the first go.work above dir.
func findWork(dir string, env []string) string {
	gowork, _ := lookupEnv(env, "GOWORK")
	switch {
	case gowork == "off":
		return ""
	case gowork != "":
		return gowork
	}
	for {
		p := filepath.Join(dir, "go.work")
		if _, err := os.Lstat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// inTree reports whether path, as written, lies inside the linted tree.
func (g *guard) inTree(path string) bool {
	return safefile.Within(g.root, path)
}

// leaves says why path leads outside the linted tree, or "" when it does
// not (or does not exist: then the go command says so itself).
func (g *guard) leaves(path string) string {
	if !g.inTree(path) {
		return "is outside the linted directory " + displayRoot(g.root)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return ""
	}
	if !safefile.Within(g.rootEv, real) {
		return "is a symlink that leads outside the linted directory " + displayRoot(g.root)
	}
	return ""
}

// badModuleFile says why a file the go command reads as a whole (go.mod,
// go.sum, go.work, vendor/modules.txt) must not be given to it, or "":
// a named pipe would block it forever, a link out of the tree would be
// read.
func (g *guard) badModuleFile(path string) string {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if why := g.leaves(path); why != "" {
		return why
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return "is not a regular file (" + safefile.KindOf(fi.Mode()) + ")"
	}
	return ""
}

// checkModuleFile is badModuleFile for a file without which the module
// cannot be loaded: the note says the module was not analysed.
func (g *guard) checkModuleFile(path string) *Note {
	why := g.badModuleFile(path)
	if why == "" {
		return nil
	}
	return &Note{
		Range: source.Range{File: path},
		Message: fmt.Sprintf("%s %s; the go command would read it, and flylint reads nothing outside the directory it lints and never opens pipes or devices, "+
			"so the Go module in %s was not analysed. Make %s a regular file inside the linted directory", displayPath(path), why, displayPath(filepath.Dir(path)), filepath.Base(path)),
	}
}

// readModFile reads a go.mod or go.work already checked by
// checkModuleFile, bounded.
func readModFile(path string) ([]byte, error) {
	return safefile.ReadStatted(path, displayPath(path), maxModFile)
}

// checkWork checks a go.work inside the tree: every module it uses and
// every directory it replaces with must be inside the tree too. It
// returns the used module directories and whether the go.work may be
// used; when it may not, the notes say why.
func (g *guard) checkWork(work string) ([]string, bool) {
	if why := g.badModuleFile(work); why != "" {
		g.notes = append(g.notes, Note{
			Range: source.Range{File: work},
			Message: fmt.Sprintf("%s %s; flylint reads nothing outside the directory it lints and never opens pipes or devices, so it ignores it (GOWORK=off) and analyses the module in %s on its own go.mod. "+
				"Make go.work a regular file inside the linted directory", displayPath(work), why, displayPath(g.modDir)),
		})
		return nil, false
	}
	data, err := readModFile(work)
	if err != nil {
		// The go command, given GOWORK=off, does not read it either; the
		// module is analysed on its own.
		return nil, false
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return nil, false
	}
	dir := filepath.Dir(work)
	var used []string
	ok := true
	for _, u := range wf.Use {
		p := localPath(dir, u.Path)
		if why := g.leaves(p); why != "" {
			ok = false
			g.notes = append(g.notes, g.lineNote(work, u.Syntax, fmt.Sprintf(
				"use %s %s; flylint reads nothing outside the directory it lints, so it ignores this go.work (GOWORK=off) and analyses the module in %s on its own go.mod. "+
					"Lint from a directory that contains %s, or leave go.work out of the repository",
				u.Path, why, displayPath(g.modDir), u.Path)))
			continue
		}
		used = append(used, p)
	}
	for _, r := range wf.Replace {
		if r.New.Version != "" {
			continue
		}
		if why := g.leaves(localPath(dir, r.New.Path)); why != "" {
			ok = false
			g.notes = append(g.notes, g.lineNote(work, r.Syntax, fmt.Sprintf(
				"replace %s => %s %s; flylint reads nothing outside the directory it lints, so it ignores this go.work (GOWORK=off) and analyses the module in %s on its own go.mod. "+
					"Lint from a directory that contains %s",
				r.Old.Path, r.New.Path, why, displayPath(g.modDir), r.New.Path)))
		}
	}
	return used, ok
}

// checkReplaces hides from the go command every directory the go.mod in
// mod replaces a module with that lies outside the tree, with a note at
// the replace line, and returns the in-tree ones (the go command reads
// them, so they are walked too). In vendor mode the go command reads
// vendor/ instead and none of them.
func (g *guard) checkReplaces(mod string) []string {
	if g.vendor && mod == g.modDir {
		return nil
	}
	path := filepath.Join(mod, "go.mod")
	data, err := readModFile(path)
	if err != nil {
		return nil
	}
	// Parse, not ParseLax: the lax parser skips replace directives.
	mf, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil // the go command reports it
	}
	var inTree []string
	for _, r := range mf.Replace {
		if r.New.Version != "" {
			continue // a module version, fetched and checked by go.sum
		}
		p := localPath(mod, r.New.Path)
		why := g.leaves(p)
		if why == "" {
			inTree = append(inTree, p)
			continue
		}
		g.deleted = append(g.deleted, p)
		g.notes = append(g.notes, g.lineNote(path, r.Syntax, fmt.Sprintf(
			"replace %s => %s %s; flylint reads nothing outside the directory it lints, so it did not read it, and the packages of %s and those importing them were not analysed. "+
				"Lint from a directory that contains %s, or vendor the module (go mod vendor)",
			r.Old.Path, r.New.Path, why, r.Old.Path, r.New.Path)))
	}
	return inTree
}

func localPath(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

func (g *guard) lineNote(file string, line *modfile.Line, msg string) Note {
	r := source.Range{File: file}
	if line != nil {
		r.Start = source.Pos{Line: line.Start.Line, Col: line.Start.LineRune, Offset: line.Start.Byte}
		r.End = source.Pos{Line: line.End.Line, Col: line.End.LineRune, Offset: line.End.Byte}
	}
	return Note{Range: r, Message: msg}
}

// walk goes once through a module's directories, as the go command would
// look for packages, and hides from it every source file or package
// directory that is a symlink leading out of the tree, and every source
// file that is not a regular file (a named pipe would block the go
// command forever). Directories the go command never reads as packages
// (hidden ones, nested modules, vendor/ outside vendor mode) are skipped.
func (g *guard) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil || g.walked[real] {
		return
	}
	g.walked[real] = true
	var linkedDirs []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // the go command reports what it cannot read
		}
		name := d.Name()
		if d.IsDir() {
			if path == dir {
				return nil
			}
			// vendor/ holds packages only in vendor mode, and only at the
			// module root.
			vendored := g.vendor && filepath.Dir(path) == g.modDir
			if strings.HasPrefix(name, ".") || (name == "vendor" && !vendored) {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
			return nil
		}
		isSource := goSource[filepath.Ext(name)]
		switch typ := d.Type(); {
		case typ.IsRegular():
			if asmFile[filepath.Ext(name)] {
				g.checkIncludes(path)
			}
			if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && dir == g.modDir {
				pd := filepath.Dir(path)
				g.goFiles[pd] = append(g.goFiles[pd], path)
			}
		case typ&fs.ModeSymlink != 0:
			if t := g.checkLink(path, isSource); t != "" {
				linkedDirs = append(linkedDirs, t)
			}
		case isSource:
			g.refuse(path, "is not a regular file ("+safefile.KindOf(typ)+"); the go command would block reading it", replaceIt)
		}
		return nil
	})
	for _, t := range linkedDirs {
		g.walk(t)
	}
}

// checkLink checks a symlink found in a walk. It returns the directory it
// leads to when that is a directory inside the tree (the go command reads
// it as a package when imported, so it is walked too).
func (g *guard) checkLink(path string, isSource bool) string {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "" // broken or a loop: the go command finds nothing there
	}
	fi, err := os.Stat(real)
	if err != nil {
		return ""
	}
	switch {
	case fi.IsDir():
		if !safefile.Within(g.rootEv, real) {
			g.deleted = append(g.deleted, path)
			g.notes = append(g.notes, Note{
				Range: source.Range{File: path},
				Message: fmt.Sprintf("%s is a symlink to a directory outside the linted directory %s; flylint reads nothing outside the directory it lints, so the package there was left out of the Go analysis and listeners in it are not known. "+
					"Copy the package into the linted directory, or lint from a directory that contains its target", displayPath(path), displayRoot(g.root)),
			})
			return ""
		}
		return real
	case !isSource:
		return ""
	case !safefile.Within(g.rootEv, real):
		g.refuse(path, "is a symlink that leads outside the linted directory "+displayRoot(g.root)+"; flylint reads nothing outside the directory it lints", replaceIt)
	case !fi.Mode().IsRegular():
		g.refuse(path, "is a symlink to something that is not a regular file ("+safefile.KindOf(fi.Mode())+"); the go command would block reading it", replaceIt)
	}
	return ""
}

func (g *guard) refuse(path, why, fix string) {
	g.deleted = append(g.deleted, path)
	g.notes = append(g.notes, Note{
		Range:   source.Range{File: path},
		Message: fmt.Sprintf("%s %s, so it was left out of the Go analysis and listeners in it are not known. %s", displayPath(path), why, fix),
	})
}

const replaceIt = "Replace it with a regular file inside the linted directory"

// displayRoot names the linted directory in a message.
func displayRoot(root string) string {
	if d := displayPath(root); d != "." {
		return d
	}
	return "(the current directory)"
}

// displayPath is path relative to the working directory when it lies
// below it, as the rest of flylint prints paths.
func displayPath(path string) string {
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}
