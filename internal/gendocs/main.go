// Command gendocs writes docs/rules/ from the rules' metadata; run it with
// `go generate ./rules`. rules.TestDocsUpToDate fails when it was not run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/flylint-dev/flylint/rules"
)

func main() {
	out := flag.String("out", "docs/rules", "directory to write")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := rules.DocFiles()
	// Pages of rules that no longer exist go too.
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range old {
		if _, ok := files[filepath.Base(p)]; !ok && strings.HasSuffix(p, ".md") {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
