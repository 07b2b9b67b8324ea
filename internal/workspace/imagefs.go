package workspace

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/safefile"
)

// imageFS answers, for a path in the image, which file of the build
// context the Dockerfile's COPY and ADD put there. It follows only what
// the Dockerfile says: files the base image ships, or that a RUN or a
// COPY --from writes, are not in it, and a path under such a write is
// reported as unknown rather than absent. Nothing outside the build
// context is read.
type imageFS struct {
	b      *appBuilder
	ctx    string // the build context directory
	maps   []mapping
	rms    []removal
	opaque []opaqueWrite
	// dirs are directories the base image is known to have: a file
	// copied to one without a trailing slash goes inside it.
	dirs map[string]bool
	// tainted are image directories a RUN changes in a way flylint does
	// not model (sed -i, envsubst, mv): their files are unknown.
	tainted []string
	watched []string
	// stages caches the imageFS of each stage through follows, so that
	// reading many files copied from one stage evaluates it once.
	stages map[string]*imageFS
}

// mapping is one source of a COPY or ADD: a file landing at image, or a
// directory whose contents land under image.
type mapping struct {
	ctx   string // relative to the build context, slash-separated
	image string // absolute, cleaned
	dir   bool
	seq   int
}

type removal struct {
	pattern string // absolute, may hold * ? [ ]
	seq     int
}

// opaqueWrite is a COPY --from or an ADD of a URL: its files are unknown.
// from and src are set for a COPY --from of one source, which
// imageFS.through can follow into that stage.
type opaqueWrite struct {
	image string
	seq   int
	from  string
	src   string
}

// maxCopyGlob bounds how many build-context entries one COPY source
// pattern expands to.
const maxCopyGlob = 256

// newImageFS reads the COPY and ADD of every stage the image's build
// goes through. watched reports whether a RUN that mentions a path
// matters (it changes a configuration flylint reads).
func newImageFS(b *appBuilder, ctx string, dirs map[string]bool, watched []string) *imageFS {
	return newImageFSOf(b, b.app.Image, ctx, dirs, watched)
}

// newImageFSOf is newImageFS for the image of any stage.
func newImageFSOf(b *appBuilder, img *dockerfile.Image, ctx string, dirs map[string]bool, watched []string) *imageFS {
	fs := &imageFS{b: b, ctx: ctx, dirs: dirs, watched: watched}
	if img == nil {
		return fs
	}
	seq := 0
	for _, st := range img.Chain {
		type event struct {
			off  int
			copy *dockerfile.Copy
			run  *dockerfile.Instruction
		}
		var evs []event
		for _, c := range st.Copies {
			evs = append(evs, event{off: c.Range.Start.Offset, copy: c})
		}
		for _, r := range st.Runs {
			evs = append(evs, event{off: r.Range.Start.Offset, run: r})
		}
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].off < evs[j].off })
		for _, e := range evs {
			seq++
			if e.copy != nil {
				fs.addCopy(e.copy, seq)
			} else {
				fs.addRun(e.run, seq, watched)
			}
		}
	}
	return fs
}

func (fs *imageFS) addCopy(c *dockerfile.Copy, seq int) {
	dest := c.Dest
	if strings.Contains(dest, "$") {
		return // a variable: not modelled
	}
	destDir := strings.HasSuffix(dest, "/") || dest == "." || len(c.Sources) > 1
	if !strings.HasPrefix(dest, "/") {
		if c.Workdir == "" {
			return
		}
		dest = path.Join(c.Workdir, dest)
	}
	dest = path.Clean(dest)
	if c.From != "" {
		o := opaqueWrite{image: dest, seq: seq}
		if len(c.Sources) == 1 && strings.HasPrefix(c.Sources[0], "/") && !strings.ContainsAny(c.Sources[0], "*?[$") {
			o.from, o.src = c.From, path.Clean(c.Sources[0])
		}
		fs.opaque = append(fs.opaque, o)
		return
	}
	if fs.dirs[dest] || fs.isMappedDir(dest) {
		destDir = true
	}
	for _, src := range c.Sources {
		if strings.Contains(src, "://") || strings.Contains(src, "$") {
			fs.opaque = append(fs.opaque, opaqueWrite{image: dest, seq: seq})
			continue
		}
		rel := path.Clean(strings.TrimPrefix(filepath.ToSlash(src), "/"))
		if rel == ".." || strings.HasPrefix(rel, "../") {
			continue
		}
		matches := []string{rel}
		if strings.ContainsAny(rel, "*?[") {
			got, err := filepath.Glob(filepath.Join(fs.ctx, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			matches = matches[:0]
			for _, g := range got[:min(len(got), maxCopyGlob)] {
				if r, err := filepath.Rel(fs.ctx, g); err == nil && safefile.Within(fs.ctx, g) {
					matches = append(matches, filepath.ToSlash(r))
				}
			}
			destDir = destDir || len(matches) > 1
		}
		for _, m := range matches {
			st, err := os.Lstat(filepath.Join(fs.ctx, filepath.FromSlash(m)))
			switch {
			case err != nil:
				continue
			case st.IsDir():
				fs.maps = append(fs.maps, mapping{ctx: m, image: dest, dir: true, seq: seq})
			case destDir:
				fs.maps = append(fs.maps, mapping{ctx: m, image: path.Join(dest, path.Base(m)), seq: seq})
			default:
				fs.maps = append(fs.maps, mapping{ctx: m, image: dest, seq: seq})
			}
		}
	}
}

func (fs *imageFS) isMappedDir(p string) bool {
	for _, m := range fs.maps {
		if m.dir && (m.image == p || strings.HasPrefix(m.image, p+"/")) {
			return true
		}
	}
	return false
}

// addRun understands the RUNs that change a watched directory by
// removing files (rm) or that leave its files as they are (mkdir, chown,
// chmod, touch, ln into it); any other use of a watched path taints it.
func (fs *imageFS) addRun(r *dockerfile.Instruction, seq int, watched []string) {
	var text strings.Builder
	for _, a := range r.Command.Args {
		text.WriteString(a.Text + " ")
	}
	for _, h := range r.Heredocs {
		text.WriteString(h.Content + "\n")
	}
	script := text.String()
	touches := false
	for _, w := range watched {
		touches = touches || strings.Contains(script, w)
	}
	if !touches {
		return
	}
	for _, cmd := range splitSimple(script) {
		words := strings.Fields(cmd)
		var paths []string
		for _, w := range words {
			w = strings.Trim(w, `"'`)
			for _, d := range watched {
				if strings.HasPrefix(w, d) {
					paths = append(paths, path.Clean(w))
				}
			}
		}
		if len(paths) == 0 {
			continue
		}
		switch path.Base(words[0]) {
		case "rm":
			for _, p := range paths {
				fs.rms = append(fs.rms, removal{pattern: p, seq: seq})
			}
		case "mkdir", "chown", "chmod", "touch", "ls", "cat", "test", "[":
		default:
			fs.tainted = append(fs.tainted, paths...)
		}
	}
}

// splitSimple cuts a shell script into its simple commands at ;, &&,
// || and newlines. Quoting is not followed: a quoted separator only
// makes a command look like two, and both halves are still checked.
func splitSimple(s string) []string {
	s = strings.NewReplacer("&&", "\n", "||", "\n", ";", "\n", "|", "\n").Replace(s)
	return strings.Split(s, "\n")
}

// removed reports whether a RUN after seq deletes p.
func (fs *imageFS) removed(p string, seq int) bool {
	for _, r := range fs.rms {
		if r.seq <= seq {
			continue
		}
		if r.pattern == p || strings.HasPrefix(p, r.pattern+"/") {
			return true
		}
		if ok, _ := path.Match(r.pattern, p); ok {
			return true
		}
	}
	return false
}

// isTainted reports whether a RUN changed p (or a directory above it)
// in a way flylint does not follow, or a COPY --from put it there.
func (fs *imageFS) isTainted(p string, seq int) bool {
	for _, t := range fs.tainted {
		if t == p || strings.HasPrefix(p, t+"/") || strings.HasPrefix(t, p+"/") {
			return true
		}
		if ok, _ := path.Match(t, p); ok {
			return true
		}
	}
	for _, o := range fs.opaque {
		if o.seq > seq && (o.image == p || strings.HasPrefix(p, o.image+"/") || strings.HasPrefix(o.image, p+"/")) {
			return true
		}
	}
	return false
}

// lookup returns the build-context file (relative, slash-separated) the
// image holds at p; known is false when something flylint cannot see
// may have written p.
func (fs *imageFS) lookup(p string) (ctx string, known bool) {
	p = path.Clean(p)
	for i := len(fs.maps) - 1; i >= 0; i-- {
		m := fs.maps[i]
		var rel string
		switch {
		case !m.dir && m.image == p:
			rel = m.ctx
		case m.dir && strings.HasPrefix(p, m.image+"/"):
			rel = path.Join(m.ctx, strings.TrimPrefix(p, m.image+"/"))
			if st, err := os.Lstat(filepath.Join(fs.ctx, filepath.FromSlash(rel))); err != nil || !st.Mode().IsRegular() {
				continue
			}
		default:
			continue
		}
		if fs.removed(p, m.seq) {
			return "", !fs.isTainted(p, m.seq)
		}
		return rel, !fs.isTainted(p, m.seq)
	}
	return "", !fs.isTainted(p, 0)
}

// list returns the image paths of the files COPY put directly in dir,
// sorted.
func (fs *imageFS) list(dir string) []string {
	dir = path.Clean(dir)
	seen := map[string]bool{}
	for _, m := range fs.maps {
		switch {
		case !m.dir && path.Dir(m.image) == dir:
			seen[m.image] = true
		case m.dir && (m.image == dir || strings.HasPrefix(dir, m.image+"/")):
			sub := path.Join(m.ctx, strings.TrimPrefix(strings.TrimPrefix(dir, m.image), "/"))
			ents, err := os.ReadDir(filepath.Join(fs.ctx, filepath.FromSlash(sub)))
			if err != nil {
				continue
			}
			for _, e := range ents[:min(len(ents), maxCopyGlob)] {
				if e.Type().IsRegular() {
					seen[path.Join(dir, e.Name())] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		if ctx, _ := fs.lookup(p); ctx != "" {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// read returns the content of a build-context file under the same rules
// as every other file of the app, keeping it for formatters.
func (fs *imageFS) read(rel string) (data []byte, display string, ok bool) {
	return fs.b.readContext(fs.ctx, rel)
}

// readContext reads the file at rel in the build context ctx under the
// same rules as every other file of the app, keeping it for formatters.
func (b *appBuilder) readContext(ctx, rel string) (data []byte, display string, ok bool) {
	p := filepath.Join(ctx, filepath.FromSlash(rel))
	data, err := b.rd.readFile(p, b.target.Root)
	if err != nil || len(data) > 1<<20 {
		return nil, "", false
	}
	display = b.rd.displayPath(p)
	b.files[display] = data
	return data, display, true
}

// buildContext is the directory fly deploy sends to the builder:
// fly.toml's, or the Dockerfile's when it is linted alone.
func (b *appBuilder) buildContext() string {
	switch t := b.target; {
	case t.Config != "":
		return filepath.Dir(t.Config)
	case t.Dockerfile != "":
		return filepath.Dir(t.Dockerfile)
	}
	return ""
}

// envValues is the app's environment as plain strings.
func envValues(env listen.Env) map[string]string {
	out := make(map[string]string, len(env))
	for k, v := range env {
		if !v.Unknown {
			out[k] = v.Value
		}
	}
	return out
}
