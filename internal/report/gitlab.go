package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/fingerprint"
)

// GitLab Code Quality report (artifacts:reports:codequality), a subset
// of the Code Climate issue format. The fields GitLab reads, as its
// documentation lists them
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// description, check_name, fingerprint, severity (info, minor, major,
// critical or blocker), location.path and location.lines.begin.
// GitLab shows only the first of several issues that share a
// fingerprint, so each one here is unique within the report.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps flylint's severities onto GitLab's five. An error
// is "major": the app deploys but Fly Proxy cannot reach it as
// configured. "critical" and "blocker" are left to security scanners and
// build breakers, so flylint's findings do not outrank them in the merge
// request widget. A warning is "minor", an info "info".
func gitlabSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "major"
	case diag.Warning:
		return "minor"
	}
	return "info"
}

// GitLab writes the report. files supplies file contents for the
// fingerprints, which are stable while lines move: the hash of
// fingerprint.Of (rule, path, the flagged line's text and its
// occurrence), so GitLab can tell a finding fixed on the branch from one
// that merely moved. A finding without a position is placed at line 1,
// since GitLab needs a line.
func GitLab(w io.Writer, diags []diag.Diagnostic, files map[string][]byte) error {
	issues := make([]gitlabIssue, 0, len(diags))
	fps := map[string]*fingerprint.File{}
	seen := map[string]int{}
	for _, d := range diags {
		f := fps[d.File]
		if f == nil {
			f = fingerprint.NewFile(files[d.File])
			fps[d.File] = f
		}
		key := f.Of(d)
		// Two findings of one rule on one span would share the key;
		// the count keeps them apart, stably, since the order is.
		seen[key]++
		if n := seen[key]; n > 1 {
			key += "#" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(key))
		line := 1
		if d.Start.IsValid() {
			line = d.Start.Line
		}
		issues = append(issues, gitlabIssue{
			Description: d.Message,
			CheckName:   d.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: d.File, Lines: gitlabLines{Begin: line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
