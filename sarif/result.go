package sarif

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/fingerprint"
	"github.com/flylint-dev/flylint/internal/source"
)

// findingHashKey carries fingerprint.Of, flylint's own fingerprint (the
// one baselines use), next to GitHub's line hash, so other SARIF tools can
// match findings across runs too; "/v1" leaves room for a new algorithm.
const findingHashKey = "flylintFindingHash/v1"

func (x *index) result(d diag.Diagnostic, ruleIndex int) *gosarif.Result {
	res := gosarif.NewRuleResult(d.Rule).WithRuleIndex(ruleIndex)
	res.Kind = "" // "fail", the default
	res.Level = level(d.Severity)
	// A related place needs a file to be a location at all.
	related := slices.DeleteFunc(slices.Clone(d.Related), func(r diag.Related) bool { return r.File == "" })
	res.Message = gosarif.NewTextMessage(d.Message + relatedLinks(related))
	res.Locations = []*gosarif.Location{x.location(d.Range, 0, "")}
	for i, rel := range related {
		res.RelatedLocations = append(res.RelatedLocations, x.location(rel.Range, i+1, rel.Message))
	}
	res.PartialFingerprints = map[string]string{}
	if content, ok := x.files[d.File]; ok {
		// The hash of the region's first line, which for a whole-file
		// finding is line 1, as codeql-action would compute it.
		line := max(d.Start.Line, 1)
		if h := x.lineHash(d.File, line); h != "" {
			res.PartialFingerprints["primaryLocationLineHash"] = h
		}
		res.PartialFingerprints[findingHashKey] = x.fingerprints(d.File, content).Of(d)
	} else {
		res.PartialFingerprints[findingHashKey] = fingerprint.Of(d, nil)
	}
	for _, f := range d.Fixes {
		if fx := x.fix(f); fx != nil {
			res.Fixes = append(res.Fixes, fx)
		}
	}
	return res
}

// relatedLinks links the message to its related locations: GitHub shows
// a related location only where the message embeds a link to its id
// (SARIF §3.11.6). It starts with a space, so the diagnostic's own text,
// first sentence included, is unchanged.
func relatedLinks(related []diag.Related) string {
	if len(related) == 0 {
		return ""
	}
	links := make([]string, len(related))
	for i, r := range related {
		label := r.File
		if r.Start.IsValid() {
			label = fmt.Sprintf("%s:%d", r.File, r.Start.Line)
		}
		links[i] = fmt.Sprintf("[%s](%d)", linkEscaper.Replace(label), i+1)
	}
	return " Related: " + strings.Join(links, ", ") + "."
}

// linkEscaper escapes what would end a link's text early (SARIF §3.11.6).
var linkEscaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)

// location is a place in a file; a range without a line is the whole
// file. id 0 is the primary location, which carries no id.
func (x *index) location(r source.Range, id int, msg string) *gosarif.Location {
	pl := gosarif.NewPhysicalLocation()
	pl.ArtifactLocation = x.artifactLocation(r.File)
	if r.Start.IsValid() {
		pl.Region = x.region(r, false)
	} else {
		pl.Region = x.wholeFile(r.File)
	}
	loc := gosarif.NewLocation()
	loc.PhysicalLocation = pl
	if id > 0 {
		loc.ID = id
	}
	if msg != "" {
		loc.Message = gosarif.NewTextMessage(msg)
	}
	return loc
}

func (x *index) artifactLocation(file string) *gosarif.ArtifactLocation {
	l := gosarif.NewArtifactLocation()
	if x.base != "" && !filepath.IsAbs(file) {
		// Cleaned, so that "../web/fly.toml" run from apps/api becomes
		// apps/web/fly.toml; a path that leaves the root stays as it is.
		if p := path.Clean(x.base + filepath.ToSlash(file)); p != ".." && !strings.HasPrefix(p, "../") {
			file = p
		}
	}
	uri, relative := fileURI(file)
	l.URI = ptr(uri)
	if relative {
		l.URIBaseID = ptr(srcRoot)
	}
	return l
}

// region is r in SARIF's terms: 1-based lines, and 1-based columns in
// UTF-16 code units with an exclusive end. A display region without a
// usable end runs to the end of its line (SARIF's default); an exact
// region (a fix's deletedRegion) always states its end, and an empty one
// is an insertion point.
func (x *index) region(r source.Range, exact bool) *gosarif.Region {
	reg := gosarif.NewRegion()
	reg.StartLine = ptr(r.Start.Line)
	reg.StartColumn = ptr(x.utf16Col(r.File, r.Start))
	end := r.End
	ok := end.IsValid() && (end.Line > r.Start.Line || end.Line == r.Start.Line && end.Col > r.Start.Col)
	if !ok && !exact {
		return reg
	}
	if !ok {
		end = r.Start
	}
	reg.EndLine = ptr(end.Line)
	reg.EndColumn = ptr(x.utf16Col(r.File, end))
	return reg
}

// wholeFile is the region of a finding about a whole file: all its lines,
// the form the SARIF Multitool asks for (a location without a region is
// legal SARIF, but GitHub and the Multitool want a start line). Without
// the content, line 1 stands for the file.
func (x *index) wholeFile(file string) *gosarif.Region {
	reg := gosarif.NewRegion()
	reg.StartLine = ptr(1)
	if l := x.lineIndex(file); l != nil {
		n := l.LineCount()
		// A final line terminator ends the last line; it does not start
		// an empty one worth pointing at.
		if c := x.files[file]; n > 1 && (c[len(c)-1] == '\n' || c[len(c)-1] == '\r') {
			n--
		}
		reg.EndLine = ptr(n)
	}
	return reg
}

// fix is f as a SARIF fix, nil when it has nothing to apply.
func (x *index) fix(f diag.Fix) *gosarif.Fix {
	fx := gosarif.NewFix()
	if f.Message != "" {
		fx.Description = gosarif.NewTextMessage(f.Message)
	}
	byFile := map[string]*gosarif.ArtifactChange{}
	for _, e := range f.Edits {
		if !e.IsValid() {
			continue
		}
		ch := byFile[e.File]
		if ch == nil {
			ch = gosarif.NewArtifactChange()
			ch.ArtifactLocation = x.artifactLocation(e.File)
			byFile[e.File] = ch
			fx.ArtifactChanges = append(fx.ArtifactChanges, ch)
		}
		rep := gosarif.NewReplacement()
		rep.DeletedRegion = x.region(e.Range, true)
		if e.NewText != "" {
			rep.InsertedContent = gosarif.NewArtifactContent()
			rep.InsertedContent.Text = ptr(e.NewText)
		}
		ch.Replacements = append(ch.Replacements, rep)
	}
	if len(fx.ArtifactChanges) == 0 {
		return nil
	}
	return fx
}
