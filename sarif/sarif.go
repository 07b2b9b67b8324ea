// Package sarif writes flylint's findings as a SARIF 2.1.0 log for GitHub
// code scanning, built from github.com/owenrumney/go-sarif/v3's types and
// checked against the SARIF schema it embeds.
package sarif

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/rules"
)

// Options describe the run.
type Options struct {
	ToolVersion    string // flylint's version, e.g. "0.1.0"
	InformationURI string // the project's home page
	// HelpURIBase + id + ".md" is each rule's documentation page ("" omits
	// helpUri).
	HelpURIBase string
	// Category is automationDetails.id ("" omits it): code scanning keeps
	// the alerts of runs with different categories apart.
	Category string
	// SrcRoot is the directory result paths are relative to; when set it
	// becomes originalUriBaseIds["%SRCROOT%"].
	SrcRoot string
	// WorkDir is the directory the diagnostics' relative paths are
	// relative to (flylint's working directory). When it lies below
	// SrcRoot, result URIs are rewritten relative to SrcRoot, so code
	// scanning places them in the repository also when flylint ran in a
	// subdirectory; "" leaves them as they are.
	WorkDir string
}

// srcRoot is the base every result URI is relative to: the repository
// root, the name GitHub and the SARIF spec's examples use.
const srcRoot = "%SRCROOT%"

// Write writes one SARIF log with a result per diagnostic. rs are the
// enabled rules, in the order of tool.driver.rules. files maps a
// diagnostic's File (relative, with '/') to its content, for UTF-16
// columns and line hashes; a file missing from it gets byte columns and
// no line hash. The log is built and validated in memory first, so w
// receives a complete document or nothing.
func Write(w io.Writer, diags []diag.Diagnostic, rs []*rules.Rule, files map[string][]byte, opts Options) error {
	data, err := marshal(diags, rs, files, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func marshal(diags []diag.Diagnostic, rs []*rules.Rule, files map[string][]byte, opts Options) ([]byte, error) {
	run := newRun(opts)
	for _, r := range rs {
		if run.GetRuleIndex(r.ID) >= 0 {
			return nil, fmt.Errorf("sarif: rule %s passed twice", r.ID)
		}
		run.Tool.Driver.AddRule(descriptor(r, opts))
	}
	// Sorted here too, so the log does not depend on the caller's order.
	diags = slices.Clone(diags)
	slices.SortStableFunc(diags, func(a, b diag.Diagnostic) int {
		return cmp.Or(diag.Compare(a, b), cmp.Compare(a.Severity, b.Severity))
	})
	idx := newIndex(files)
	idx.base = uriBase(opts.SrcRoot, opts.WorkDir)
	for _, d := range diags {
		if d.File == "" {
			return nil, fmt.Errorf("sarif: a %s diagnostic has no file: %q", d.Rule, d.Message)
		}
		ri := run.GetRuleIndex(d.Rule)
		if ri < 0 {
			// A finding of a rule the caller did not list still needs
			// its metadata; leaving it out would lose the finding.
			r := rules.Lookup(d.Rule)
			if r == nil {
				r = &rules.Rule{ID: d.Rule, Severity: d.Severity, Title: d.Rule}
			}
			run.Tool.Driver.AddRule(descriptor(r, opts))
			ri = run.GetRuleIndex(d.Rule)
		}
		run.AddResult(idx.result(d, ri))
	}
	rep := gosarif.NewReport()
	rep.AddRun(run)
	if err := rep.Validate(); err != nil {
		return nil, fmt.Errorf("sarif: the log flylint built is not valid SARIF 2.1.0: %w", err)
	}
	return tidy(rep)
}

var semver = lazyre.New(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

func newRun(opts Options) *gosarif.Run {
	info := cmp.Or(opts.InformationURI, project.Home)
	run := gosarif.NewRunWithInformationURI("flylint", info)
	run.Tool.Driver.Version = ptr(cmp.Or(opts.ToolVersion, "unknown"))
	if semver().MatchString(opts.ToolVersion) {
		run.Tool.Driver.SemanticVersion = ptr(opts.ToolVersion)
	}
	run.ColumnKind = ptr("utf16CodeUnits")
	// Line numbers come from source.Lines, which also ends a line at a
	// lone "\r" (as GitHub's line hash does).
	run.NewlineSequences = []string{"\r\n", "\n", "\r"}
	if opts.Category != "" {
		run.AutomationDetails = gosarif.NewRunAutomationDetails()
		run.AutomationDetails.ID = ptr(opts.Category)
	}
	if opts.SrcRoot != "" {
		run.OriginalUriBaseIds = map[string]gosarif.ArtifactLocation{srcRoot: *rootLocation(opts.SrcRoot)}
	}
	return run
}

// rootLocation is the file: URI of dir, ending in "/" as SARIF requires
// of a uriBaseId's value.
func rootLocation(dir string) *gosarif.ArtifactLocation {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") { // a Windows drive: file:///C:/...
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	l := gosarif.NewArtifactLocation()
	l.URI = ptr((&url.URL{Scheme: "file", Path: p}).String())
	return l
}

// fileURI turns a relative slash-separated path into a relative URI
// reference: each segment percent-encoded, and a "./" in front when the
// first segment would otherwise read as a scheme ("c:x").
// uriBase is workDir relative to srcRoot, with "/" and a trailing "/"
// ("apps/web/"), the prefix that makes a path relative to workDir one
// relative to srcRoot; "" when either is unset or workDir is not below
// srcRoot.
func uriBase(srcRoot, workDir string) string {
	if srcRoot == "" || workDir == "" {
		return ""
	}
	rel, err := filepath.Rel(srcRoot, workDir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

func fileURI(file string) (uri string, relative bool) {
	file = filepath.ToSlash(file)
	if strings.HasPrefix(file, "/") {
		return (&url.URL{Scheme: "file", Path: file}).String(), false
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	uri = strings.Join(segs, "/")
	if strings.Contains(segs[0], ":") {
		uri = "./" + uri
	}
	return uri, true
}

func ptr[T any](v T) *T { return &v }
