// Package sarif writes flylint's findings as a SARIF 2.1.0 log for GitHub
// code scanning, on github.com/owenrumney/go-sarif/v3's types.
package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/fingerprint"
	"github.com/flylint/flylint/rules"
	"github.com/flylint/flylint/source"
)

// Options describe the run.
type Options struct {
	ToolVersion    string
	InformationURI string
	// HelpURIBase + id + ".md" is each rule's documentation page.
	HelpURIBase string
	// Category is automationDetails.id ("" omits it), to tell several
	// runs apart in code scanning.
	Category string
	// SrcRoot is the absolute directory paths are relative to; it
	// becomes originalUriBaseIds["%SRCROOT%"] when set.
	SrcRoot string
}

const srcRoot = "%SRCROOT%"

// Write writes one SARIF log with a result per diagnostic. files maps a
// diagnostic's File to its content (for UTF-16 columns and line hashes).
// The log is built and validated in memory first: w receives a complete
// document or nothing.
func Write(w io.Writer, diags []diag.Diagnostic, rs []*rules.Rule, files map[string][]byte, opts Options) error {
	data, err := Marshal(diags, rs, files, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Marshal returns the SARIF log as JSON.
func Marshal(diags []diag.Diagnostic, rs []*rules.Rule, files map[string][]byte, opts Options) ([]byte, error) {
	if opts.InformationURI == "" {
		opts.InformationURI = "https://github.com/flylint/flylint"
	}
	rep := gosarif.NewReport()
	run := gosarif.NewRunWithInformationURI("flylint", opts.InformationURI)
	run.Tool.Driver.Version = ptr(opts.ToolVersion)
	run.Tool.Driver.SemanticVersion = ptr(opts.ToolVersion)
	if opts.Category != "" {
		run.AutomationDetails = gosarif.NewRunAutomationDetails()
		run.AutomationDetails.ID = ptr(opts.Category)
	}
	if opts.SrcRoot != "" {
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(opts.SrcRoot) + "/"}).String()
		base := gosarif.NewArtifactLocation()
		base.URI, base.Index = ptr(u), -1
		run.OriginalUriBaseIds = map[string]gosarif.ArtifactLocation{srcRoot: *base}
	}
	run.ColumnKind = ptr("utf16CodeUnits")
	for _, r := range rs {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, descriptor(r, opts))
	}
	run.Results = []*gosarif.Result{}
	docs := newDocs(files)
	for _, d := range diags {
		idx := run.GetRuleIndex(d.Rule)
		if idx < 0 {
			return nil, fmt.Errorf("sarif: diagnostic of rule %q, which is not among the enabled rules", d.Rule)
		}
		res := gosarif.NewRuleResult(d.Rule).WithRuleIndex(idx)
		res.Level = level(d.Severity)
		res.Message = gosarif.NewTextMessage(d.Message)
		res.Locations = []*gosarif.Location{docs.location(run, d.Range, "", 0)}
		for i, rel := range d.Related {
			res.RelatedLocations = append(res.RelatedLocations, docs.location(run, rel.Range, rel.Message, i+1))
		}
		if h := docs.lineHash(d.File, d.Start.Line); h != "" {
			res.PartialFingerprints = map[string]string{"primaryLocationLineHash": h}
		}
		for _, f := range d.Fixes {
			res.Fixes = append(res.Fixes, docs.fix(run, f))
		}
		run.AddResult(res)
	}
	rep.AddRun(run)
	if err := rep.Validate(); err != nil {
		return nil, fmt.Errorf("sarif: the log flylint built is not valid SARIF: %w", err)
	}
	// go-sarif's generated types cannot omit the -1 "unset" sentinels of
	// index-like properties (their fields lack omitempty); SARIF §3.4
	// defines -1 as unset, and validators ask for it to be left out.
	raw, err := json.Marshal(rep)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	dropUnset(doc)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func descriptor(r *rules.Rule, opts Options) *gosarif.ReportingDescriptor {
	d := gosarif.NewRule(r.ID)
	d.Name = ptr(ruleName(r.ID))
	d.ShortDescription = text(r.Title)
	d.FullDescription = text(rules.FirstSentence(r.Why))
	md := rules.Markdown(r)
	d.Help = text(plain(md))
	d.Help.Markdown = ptr(md)
	if opts.HelpURIBase != "" {
		d.HelpURI = ptr(opts.HelpURIBase + r.ID + ".md")
	}
	d.DefaultConfiguration = gosarif.NewReportingConfiguration()
	d.DefaultConfiguration.Enabled, d.DefaultConfiguration.Level, d.DefaultConfiguration.Rank = true, level(r.Severity), -1
	props := gosarif.NewPropertyBag()
	props.Tags = append([]string{}, r.Tags...)
	props.Properties = map[string]any{"precision": "high"}
	if r.SecuritySeverity != "" {
		props.Properties["security-severity"] = r.SecuritySeverity
	}
	d.Properties = props
	return d
}

// ruleName is the rule id in PascalCase, as SARIF's name property wants
// an identifier-like name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// plain strips the markdown code fences for the plain-text help.
func plain(md string) string {
	return strings.ReplaceAll(md, "```", "")
}

func level(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

func ptr[T any](v T) *T { return &v }

// docs caches per-file line indexes and hashes.
type docs struct {
	files  map[string][]byte
	lines  map[string]*source.Lines
	hashes map[string][]string
}

func newDocs(files map[string][]byte) *docs {
	return &docs{files: files, lines: map[string]*source.Lines{}, hashes: map[string][]string{}}
}

func (d *docs) lineHash(file string, line int) string {
	content, ok := d.files[file]
	if !ok || line < 1 {
		return ""
	}
	hs, ok := d.hashes[file]
	if !ok {
		hs = fingerprint.LineHashes(content)
		d.hashes[file] = hs
	}
	if line >= len(hs) {
		return ""
	}
	return hs[line]
}

// utf16Col converts a 1-based byte column on a line to a 1-based column
// in UTF-16 code units, SARIF's default column kind.
func (d *docs) utf16Col(file string, p source.Pos) int {
	content, ok := d.files[file]
	if !ok {
		return p.Col
	}
	l := d.lines[file]
	if l == nil {
		l = source.NewLines(content)
		d.lines[file] = l
	}
	start := l.Offset(p.Line, 1)
	end := min(start+p.Col-1, len(content))
	return utf16Len(content[start:end]) + 1
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

func (d *docs) location(run *gosarif.Run, r source.Range, msg string, id int) *gosarif.Location {
	art := run.AddDistinctArtifact(r.File)
	art.Location.URIBaseID = ptr(srcRoot)
	index := 0
	for i, a := range run.Artifacts {
		if a == art {
			index = i
		}
	}
	art.Location.Index = -1 // an artifact's own location carries no index
	pl := gosarif.NewPhysicalLocation()
	pl.ArtifactLocation = artifactLocation(r.File, index)
	if r.Start.IsValid() {
		pl.Region = d.region(r)
	}
	loc := gosarif.NewLocation()
	loc.PhysicalLocation, loc.ID = pl, id
	if id == 0 {
		loc.ID = -1
	}
	if msg != "" {
		loc.Message = gosarif.NewTextMessage(msg)
	}
	return loc
}

func (d *docs) region(r source.Range) *gosarif.Region {
	end := r.End
	if !end.IsValid() || end.Offset < r.Start.Offset {
		end = r.Start
	}
	reg := gosarif.NewRegion()
	reg.StartLine, reg.EndLine = ptr(r.Start.Line), ptr(end.Line)
	reg.StartColumn, reg.EndColumn = ptr(d.utf16Col(r.File, r.Start)), ptr(d.utf16Col(r.File, end))
	reg.ByteOffset, reg.ByteLength = r.Start.Offset, ptr(end.Offset-r.Start.Offset)
	reg.CharOffset = -1
	if content, ok := d.files[r.File]; ok && end.Offset <= len(content) {
		reg.CharOffset = utf16Len(content[:r.Start.Offset])
		reg.CharLength = ptr(utf16Len(content[r.Start.Offset:end.Offset]))
	}
	return reg
}

func (d *docs) fix(run *gosarif.Run, f diag.Fix) *gosarif.Fix {
	fx := gosarif.NewFix()
	fx.Description = gosarif.NewTextMessage(f.Message)
	byFile := map[string]*gosarif.ArtifactChange{}
	for _, e := range f.Edits {
		ch := byFile[e.File]
		if ch == nil {
			ch = gosarif.NewArtifactChange()
			ch.ArtifactLocation = artifactLocation(e.File, -1)
			byFile[e.File] = ch
			fx.ArtifactChanges = append(fx.ArtifactChanges, ch)
		}
		rep := gosarif.NewReplacement()
		rep.DeletedRegion = d.region(e.Range)
		rep.InsertedContent = gosarif.NewArtifactContent()
		rep.InsertedContent.Text = ptr(e.NewText)
		ch.Replacements = append(ch.Replacements, rep)
	}
	return fx
}

func text(s string) *gosarif.MultiformatMessageString {
	m := gosarif.NewMultiformatMessageString()
	m.Text = ptr(s)
	return m
}

func artifactLocation(uri string, index int) *gosarif.ArtifactLocation {
	l := gosarif.NewArtifactLocation()
	l.URI, l.URIBaseID, l.Index = ptr(uri), ptr(srcRoot), index
	return l
}

// unsetSentinels are the properties whose value -1 means "not set".
var unsetSentinels = map[string]bool{"index": true, "parentIndex": true, "id": true, "charOffset": true, "rank": true, "length": true}

func dropUnset(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if n, ok := x.(float64); ok && n == -1 && unsetSentinels[k] {
				delete(v, k)
				continue
			}
			dropUnset(x)
		}
	case []any:
		for _, x := range v {
			dropUnset(x)
		}
	}
}
