package baseline

import (
	"cmp"
	"path/filepath"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/fingerprint"
)

// Version is the format version this package reads and writes.
const Version = 1

// Tool names the program that wrote a baseline.
const Tool = "flylint"

// Baseline is the findings a repository had when it was recorded.
type Baseline struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding.
type Entry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"` // relative to the baseline's directory, with "/"
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message,omitempty"` // for readers; not matched
}

// key is what identifies a finding across runs.
type key struct{ rule, file, fingerprint string }

func (e Entry) key() key { return key{e.Rule, e.File, e.Fingerprint} }

// Paths maps diagnostic paths (relative to the working directory) to
// baseline paths (relative to the baseline's directory).
type Paths struct {
	wd, dir string // absolute; empty when unknown
}

// NewPaths makes paths relative to dir, the directory of the baseline
// file, from the working directory wd. When either cannot be made
// absolute, paths are kept as they are.
func NewPaths(wd, dir string) Paths {
	absDir, err := filepath.Abs(dir)
	if err != nil || wd == "" {
		return Paths{}
	}
	return Paths{wd: wd, dir: absDir}
}

// Rel returns the baseline path of a diagnostic's file.
func (p Paths) Rel(file string) string {
	if file == "" || p.dir == "" {
		return file
	}
	abs := filepath.FromSlash(file)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.wd, abs)
	}
	rel, err := filepath.Rel(p.dir, abs)
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// entries fingerprints diags; files holds their content by diagnostic
// path (a file missing there is fingerprinted by its message).
func entries(diags []diag.Diagnostic, files map[string][]byte, paths Paths) []Entry {
	byFile := map[string]*fingerprint.File{}
	out := make([]Entry, 0, len(diags))
	for _, d := range diags {
		fp := byFile[d.File]
		if fp == nil {
			fp = fingerprint.NewFile(files[d.File])
			byFile[d.File] = fp
		}
		// The fingerprint hashes the path: use the baseline's, so it
		// does not depend on where flylint runs from.
		d.File = paths.Rel(d.File)
		out = append(out, Entry{Rule: d.Rule, File: d.File, Fingerprint: fp.Of(d), Message: d.Message})
	}
	return out
}

// New records diags as a baseline, sorted so the same findings always
// make the same file.
func New(diags []diag.Diagnostic, files map[string][]byte, paths Paths) *Baseline {
	es := entries(diags, files, paths)
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.Message, b.Message))
	})
	return &Baseline{Version: Version, Tool: Tool, Findings: es}
}

// Filter returns the diagnostics the baseline does not hold, in their
// order, and how many entries for the files of this run matched nothing
// (fixed findings, or ones whose line changed); entries for files not
// read this run are not counted. Each entry absorbs one diagnostic.
func (b *Baseline) Filter(diags []diag.Diagnostic, files map[string][]byte, paths Paths) (kept []diag.Diagnostic, stale int) {
	left := map[key]int{}
	for _, e := range b.Findings {
		left[e.key()]++
	}
	for i, e := range entries(diags, files, paths) {
		if k := e.key(); left[k] > 0 {
			left[k]--
			continue
		}
		kept = append(kept, diags[i])
	}
	read := map[string]bool{}
	for f := range files {
		read[paths.Rel(f)] = true
	}
	for k, n := range left {
		if read[k.file] {
			stale += n
		}
	}
	return kept, stale
}
