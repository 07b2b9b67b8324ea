package lsp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/config"
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// settings are what initializationOptions and didChangeConfiguration
// carry: the keys of .flylint.toml, by the same names, plus "go". They
// are laid over the folder's .flylint.toml: lists add to its lists, a
// severity replaces its severity for that rule.
type settings struct {
	Enable         []string          `json:"enable"`
	Disable        []string          `json:"disable"`
	Severity       map[string]string `json:"severity"`
	Exclude        []string          `json:"exclude"`
	NoInlineIgnore bool              `json:"no-inline-ignore"`
	Apps           map[string]struct {
		Flycast bool `json:"flycast"`
	} `json:"apps"`
	Go string `json:"go"` // "auto" (default) or "off"
}

// configure takes new settings. Clients wrap them differently: VS Code
// sends {"flylint": {...}}, Neovim what the user wrote; both are read. A
// setting that names no rule is refused as a whole, with a message,
// since half of it applied would check what the user did not ask for.
func (s *server) configure(raw json.RawMessage) {
	var wrapped struct {
		Flylint json.RawMessage `json:"flylint"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Flylint) > 0 {
		raw = wrapped.Flylint
	}
	st := settings{Go: "auto"}
	if err := json.Unmarshal(raw, &st); err != nil {
		s.showMessage(1, "flylint: settings ignored: "+err.Error())
		return
	}
	var problems []string
	for _, id := range slices.Concat(st.Enable, st.Disable, slices.Collect(maps.Keys(st.Severity))) {
		if rules.Lookup(id) == nil {
			problems = append(problems, fmt.Sprintf("%q is not a rule id (flylint rules lists them)", id))
		}
	}
	for id, sev := range st.Severity {
		if _, err := diag.ParseSeverity(sev); err != nil {
			problems = append(problems, fmt.Sprintf("severity of %s: %v", id, err))
		}
	}
	for _, g := range st.Exclude {
		if err := config.CheckGlob(g); err != nil {
			problems = append(problems, fmt.Sprintf("exclude %q %v", g, err))
		}
	}
	if st.Go != "auto" && st.Go != "off" {
		problems = append(problems, fmt.Sprintf("go: want \"auto\" or \"off\", not %q", st.Go))
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		s.showMessage(1, "flylint: settings ignored: "+strings.Join(problems, "; "))
		return
	}
	s.mu.Lock()
	s.settings = st
	s.mu.Unlock()
}

func (s *server) showMessage(typ int, msg string) {
	s.notifyClient("window/showMessage", ShowMessageParams{Type: typ, Message: msg})
}

// fileResult is one file's findings from the last lint, with the text
// their positions refer to.
type fileResult struct {
	index    *lineIndex
	findings []finding
}

type finding struct {
	d   diag.Diagnostic
	lsp Diagnostic
}

// folderLint is one folder's findings and the text of the files they
// are in, kept until a change touches the folder.
type folderLint struct {
	diags    []diag.Diagnostic
	contents map[string][]byte // by absolute path
}

func (s *server) lintLoop() {
	defer s.wg.Done()
	for {
		select {
		case <-s.kick:
		case <-s.ctx.Done():
			return
		}
		s.mu.Lock()
		gen := s.wantGen
		overlay := make(map[string][]byte, len(s.docs))
		versions := make(map[string]int, len(s.docs))
		for p, d := range s.docs {
			overlay[p], versions[p] = d.text, d.version
		}
		folders, st, enc := slices.Clone(s.folders), s.settings, s.enc
		dirty, all := s.dirtyPaths, s.allDirty
		s.dirtyPaths, s.allDirty = nil, false
		s.mu.Unlock()

		run, cancelRun := context.WithCancel(s.ctx)
		s.mu.Lock()
		s.runCancel = cancelRun
		s.mu.Unlock()
		lp := s.startProgress(run)
		byFolder := map[string]*folderLint{}
		for _, f := range folders {
			if prev := s.byFolder[f]; prev != nil && !all && !touches(dirty, f) {
				byFolder[f] = prev
				continue
			}
			byFolder[f] = s.lintFolder(run, lp, f, overlay, st)
			if run.Err() != nil {
				break
			}
		}
		lp.end()
		s.mu.Lock()
		s.runCancel = nil
		s.mu.Unlock()
		superseded := run.Err() != nil
		cancelRun()
		if s.ctx.Err() != nil {
			return
		}
		if superseded {
			// An edit changed what this run's Go analysis read (see
			// supersedeGo): its findings are stale. The next run lints
			// what this one was asked to, and the edit's own changes.
			s.mu.Lock()
			s.dirtyPaths = append(s.dirtyPaths, dirty...)
			s.allDirty = s.allDirty || all
			s.mu.Unlock()
			select {
			case s.kick <- struct{}{}:
			default: // the edit has asked for it already
			}
			continue
		}
		s.byFolder = byFolder // only this goroutine reads it
		results := convert(byFolder, overlay, enc)
		s.publish(results, versions)
		s.mu.Lock()
		s.results = results
		s.doneGen = gen
		close(s.lintDone)
		s.lintDone = make(chan struct{})
		s.mu.Unlock()
	}
}

// touches reports whether a change to one of paths may change what is
// found in folder: a file inside it, or one in a directory above it (its
// .flylint.toml).
func touches(paths []string, folder string) bool {
	for _, p := range paths {
		if safefile.Within(folder, p) || safefile.Within(filepath.Dir(p), folder) {
			return true
		}
	}
	return false
}

// lintFolder lints every app under folder as the buffers stand. A bug
// that panics is logged and the folder shows nothing, rather than the
// editor losing its server.
func (s *server) lintFolder(ctx context.Context, lp *lintProgress, folder string, overlay map[string][]byte, st settings) (out *folderLint) {
	out = &folderLint{contents: map[string][]byte{}}
	defer func() {
		if v := recover(); v != nil {
			s.logf("internal error linting %s: %v\n%s", folder, v, debug.Stack())
			s.showMessage(1, fmt.Sprintf("flylint: internal error linting %s (please report it at %s): %v", folder, project.Issues, v))
			out = &folderLint{contents: map[string][]byte{}}
		}
	}()
	cfg, cfgDiags := folderConfig(folder, overlay)
	out.diags = cfgDiags
	cfg = withSettings(cfg, st)
	ws, err := workspace.Load([]string{folder}, workspace.Options{
		Overlay: overlay,
		Go:      st.Go != "off",
		GoAnalyze: func(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
			return s.goAnalyze(ctx, lp, mod, o)
		},
		Progress:      lp.report,
		Flycast:       cfg.AppsWhere(func(a config.AppConfig) bool { return a.Flycast }),
		DedicatedIPv4: cfg.AppsWhere(func(a config.AppConfig) bool { return a.DedicatedIPv4 }),
		Context:       ctx,
	})
	if ctx.Err() != nil {
		return out // superseded: the caller drops the run
	}
	var ue *workspace.UsageError
	if errors.As(err, &ue) {
		return out // a folder with no fly.toml: nothing to lint there
	}
	if err != nil {
		s.logf("linting %s: %v", folder, err)
		return out
	}
	diags, err := lint.Run(ws, lint.Options{Rules: lint.Select(nil, nil, cfg), Config: cfg, NoInlineIgnore: cfg.NoInlineIgnore})
	if err != nil {
		s.logf("linting %s: %v", folder, err)
		return out
	}
	for f, b := range ws.Files {
		if abs, err := filepath.Abs(filepath.FromSlash(f)); err == nil {
			out.contents[abs] = b
		}
	}
	out.diags = append(out.diags, diags...)
	return out
}

// convert turns the folders' findings into each file's LSP diagnostics,
// by absolute path.
func convert(byFolder map[string]*folderLint, overlay map[string][]byte, enc string) map[string]*fileResult {
	out := map[string]*fileResult{}
	var all []diag.Diagnostic
	contents := map[string][]byte{}
	for _, fl := range byFolder {
		all = append(all, fl.diags...)
		maps.Copy(contents, fl.contents)
	}
	maps.Copy(contents, overlay)
	index := func(abs string) *fileResult {
		if r := out[abs]; r != nil {
			return r
		}
		text, ok := contents[abs]
		if !ok {
			// A file the rules name but the loader did not keep (a Go
			// file of the module): the go command read it from disk.
			text, _ = safefile.Read(abs, abs, workspace.MaxFileSize)
			contents[abs] = text
		}
		r := &fileResult{index: newLineIndex(text)}
		out[abs] = r
		return r
	}
	// Nested folders lint the same apps twice; Sort drops the copies.
	for _, d := range diag.Sort(all) {
		abs, err := filepath.Abs(filepath.FromSlash(d.File))
		if err != nil {
			continue
		}
		r := index(abs)
		ld := Diagnostic{
			Range:    lspRange(r.index, d.Range, enc),
			Severity: lspSeverity(d.Severity),
			Code:     d.Rule,
			Source:   "flylint",
			Message:  d.Message,
		}
		if rules.Lookup(d.Rule) != nil {
			ld.CodeDescription = &CodeDescription{Href: docURL(d.Rule)}
		}
		for _, rel := range d.Related {
			relAbs, err := filepath.Abs(filepath.FromSlash(rel.File))
			if err != nil || rel.File == "" {
				continue
			}
			ri := index(relAbs)
			ld.RelatedInformation = append(ld.RelatedInformation, DiagnosticRelatedInformation{
				Location: Location{URI: uriOf(relAbs), Range: lspRange(ri.index, rel.Range, enc)},
				Message:  rel.Message,
			})
		}
		r.findings = append(r.findings, finding{d: d, lsp: ld})
	}
	return out
}

// folderConfig reads the .flylint.toml that covers folder, from the
// editor's buffer when it is open. A configuration with errors is shown
// as diagnostics in it and not used: the CLI refuses to run with it, and
// half of it could check what the user did not mean.
func folderConfig(folder string, overlay map[string][]byte) (*config.Config, []diag.Diagnostic) {
	path, err := config.Find(folder)
	if err != nil || path == "" {
		return nil, nil
	}
	data, ok := overlay[path]
	if !ok {
		if data, err = config.ReadFile(path); err != nil {
			return nil, []diag.Diagnostic{{Rule: "invalid-config", Severity: diag.Error, Range: source.Range{File: path},
				Message: fmt.Sprintf("flylint cannot read this configuration (%v), so the editor lints without it; make it a readable file under %d bytes.", err, config.MaxSize)}}
		}
	}
	cfg, err := config.Load(path, data, func(id string) bool { return rules.Lookup(id) != nil })
	var list config.ErrorList
	if errors.As(err, &list) {
		var out []diag.Diagnostic
		for _, e := range list {
			out = append(out, diag.Diagnostic{Rule: "invalid-config", Severity: diag.Error, Range: e.Range,
				Message: e.Message + ". Until it is fixed the editor lints without this file (the CLI refuses to run)."})
		}
		return nil, out
	}
	if err != nil {
		return nil, []diag.Diagnostic{{Rule: "invalid-config", Severity: diag.Error, Range: source.Range{File: path}, Message: err.Error()}}
	}
	cfg.Path = path
	return cfg, nil
}

// withSettings lays the editor's settings over the file's configuration.
func withSettings(c *config.Config, st settings) *config.Config {
	out := &config.Config{}
	if c != nil {
		*out = *c
	}
	out.Enable = slices.Concat(out.Enable, st.Enable)
	out.Disable = slices.Concat(out.Disable, st.Disable)
	out.Severity = maps.Clone(out.Severity)
	if out.Severity == nil {
		out.Severity = map[string]diag.Severity{}
	}
	for id, v := range st.Severity {
		if sev, err := diag.ParseSeverity(v); err == nil {
			out.Severity[id] = sev
		}
	}
	// Settings' globs are relative to the folder's config when there is
	// one; without one, exclude has nowhere to be relative to.
	out.Exclude = slices.Concat(out.Exclude, st.Exclude)
	out.NoInlineIgnore = out.NoInlineIgnore || st.NoInlineIgnore
	if len(st.Apps) > 0 {
		out.Apps = maps.Clone(out.Apps)
		if out.Apps == nil {
			out.Apps = map[string]config.AppConfig{}
		}
		for name, a := range st.Apps {
			ac := out.Apps[name]
			ac.Flycast = ac.Flycast || a.Flycast
			out.Apps[name] = ac
		}
	}
	return out
}

func lspSeverity(s diag.Severity) int {
	switch s {
	case diag.Error:
		return severityError
	case diag.Warning:
		return severityWarning
	}
	return severityInformation
}

// docURL is where a rule's page is read, as SARIF reports link it.
func docURL(rule string) string {
	return project.RuleDoc(rule)
}

// byteOffset is the offset of a flylint position (1-based line, 1-based
// byte column) in li's text, clamped to its line.
func byteOffset(li *lineIndex, p source.Pos) int {
	if !p.IsValid() {
		return 0
	}
	if p.Line > len(li.starts) {
		return len(li.text)
	}
	start := li.starts[p.Line-1]
	return min(start+max(p.Col-1, 0), li.lineEnd(p.Line-1))
}

// lspRange converts a flylint range; one without a position (a file
// that could not be read) stands at the start of the file.
func lspRange(li *lineIndex, r source.Range, enc string) Range {
	start := byteOffset(li, r.Start)
	end := start
	if r.End.IsValid() {
		end = max(start, byteOffset(li, r.End))
	}
	return li.rangeOf(start, end, enc)
}

// publish sends each file's findings when they or the document's version
// changed, and an empty list for each file that had findings and has
// none now, so the editor clears them.
func (s *server) publish(results map[string]*fileResult, versions map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	files := slices.Collect(maps.Keys(results))
	for f := range s.published {
		if results[f] == nil {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	for _, f := range files {
		diags := []Diagnostic{}
		if r := results[f]; r != nil {
			for _, fd := range r.findings {
				diags = append(diags, fd.lsp)
			}
		}
		body, _ := json.Marshal(diags)
		v, open := versions[f]
		prev, sent := s.published[f]
		if sent && prev == string(body) && (!open || s.pubVersion[f] == v) {
			continue
		}
		p := PublishDiagnosticsParams{URI: uriOf(f), Diagnostics: diags}
		if open {
			p.Version = &v
			s.pubVersion[f] = v
		}
		s.notifyClient("textDocument/publishDiagnostics", p)
		if len(diags) == 0 {
			delete(s.published, f)
		} else {
			s.published[f] = string(body)
		}
	}
}

// goAnalyze is the loader's Go analysis, once per module and set of
// unsaved Go buffers that differ from the disk, until one of the
// module's files changes on disk. It shows the run's progress at once:
// an analysis takes about as long as a flylint run of the app. One entry
// per module: an edit replaces the analysis of the buffers before it, so
// memory stays flat over any number of edits, and an edit to fly.toml or
// a Dockerfile, or opening a Go file unchanged, reuses it. An analysis
// stopped by an edit (ctx done) is not cached.
func (s *server) goAnalyze(ctx context.Context, lp *lintProgress, mod string, o goload.Options) (*goload.Result, error) {
	key := buffersKey(goload.Buffers(mod, o.Overlay))
	s.mu.Lock()
	e, ok := s.goCache[mod]
	if ok && e.key == key {
		s.mu.Unlock()
		return e.res, e.err
	}
	// Set with the cache read: a disk change from here on stops this
	// analysis rather than finding no entry to drop and none running.
	s.goRunning = mod
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.goRunning = ""
		s.mu.Unlock()
	}()
	lp.show()
	analyze := s.opts.GoAnalyze
	if analyze == nil {
		analyze = func(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
			return goload.Analyze(ctx, mod, []string{"./..."}, o)
		}
	}
	res, err := analyze(ctx, mod, o)
	if ctx.Err() == nil {
		s.mu.Lock()
		s.goCache[mod] = goEntry{key: key, res: res, err: err}
		s.mu.Unlock()
	}
	return res, err
}

// buffersKey names a set of Go buffers by their paths and a digest of
// their contents.
func buffersKey(bufs map[string][]byte) string {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(bufs)) {
		_, _ = fmt.Fprintf(h, "%s\x00%d\x00", p, len(bufs[p]))
		h.Write(bufs[p])
	}
	return hex.EncodeToString(h.Sum(nil))
}
