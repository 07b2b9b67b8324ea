// Package corpus lints the labelled corpus of real Fly apps kept beside
// the repository (../shared/corpus) and compares flylint's findings with
// the labels in its LABELS.md. The accuracy test and the accuracy script
// both use it.
package corpus

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// Label is what LABELS.md expects for one app.
type Label struct {
	App        string
	Clean      bool
	Rules      []string // expected rule ids (LABELS.md may spell them with _)
	Location   string   // where the label says to look, in the app's repository
	Confidence string
}

var boldRule = regexp.MustCompile(`\*\*([a-z0-9_-]+)\*\*`)

// ParseLabels reads the LABELS.md table.
func ParseLabels(data []byte) map[string]Label {
	out := map[string]Label{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 8 {
			continue
		}
		app := strings.TrimSpace(cells[1])
		if app == "" || app == "app" || strings.HasPrefix(app, "---") {
			continue
		}
		finding := strings.TrimSpace(cells[3])
		l := Label{App: app, Clean: finding == "clean", Location: strings.TrimSpace(cells[4]), Confidence: strings.TrimSpace(cells[6])}
		for _, m := range boldRule.FindAllStringSubmatch(finding, -1) {
			l.Rules = append(l.Rules, strings.ReplaceAll(m[1], "_", "-"))
		}
		out[app] = l
	}
	return out
}

// Configs returns the app configs of one corpus app directory: what
// flylint would discover there, else the config-like files the app's
// repository deploys with `fly deploy -c` (example-fly.toml, fly.io).
func Configs(dir string) []string {
	var found []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && workspace.IsConfigName(d.Name()) {
			found = append(found, p)
		}
		return nil
	})
	if len(found) > 0 {
		return nil // the directory itself is the path to lint
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if n == "fly.io" || strings.HasSuffix(n, "fly.toml") {
			found = append(found, filepath.Join(dir, n))
		}
	}
	slices.Sort(found)
	return found
}

// Lint runs every rule over one corpus app directory the way the CLI does
// by default (Go analysis on, inline suppressions applied).
func Lint(dir string) ([]diag.Diagnostic, error) {
	paths := Configs(dir)
	if len(paths) == 0 {
		paths = []string{dir}
	}
	ws, err := workspace.Load(paths, workspace.Options{Go: true})
	if err != nil {
		return nil, err
	}
	return lint.Run(ws, lint.Options{Rules: lint.Select(nil, nil, nil)})
}
