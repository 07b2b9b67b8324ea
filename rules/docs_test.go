package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/flylint-dev/flylint/rules"
)

// The checked-in docs/rules/ must be what the metadata generates.
func TestDocsUpToDate(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	files := rules.DocFiles()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/rules/%s is stale or missing: run go generate ./rules", name)
		}
	}
	onDisk, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range onDisk {
		if _, ok := files[filepath.Base(p)]; !ok {
			t.Errorf("docs/rules/%s documents no rule: run go generate ./rules", filepath.Base(p))
		}
	}
}
