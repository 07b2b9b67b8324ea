package dockerfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDockerfiles finds Dockerfiles (Dockerfile, Dockerfile.*, *.Dockerfile)
// in the shared corpus of real Fly apps.
func corpusDockerfiles(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not present at %s: %v", root, err)
	}
	var files []string
	for _, dir := range []string{"apps", "apps-b"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			name := strings.ToLower(d.Name())
			if name == "dockerfile" || strings.HasPrefix(name, "dockerfile.") || strings.HasSuffix(name, ".dockerfile") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no Dockerfiles in the corpus")
	}
	return files
}

func TestCorpus(t *testing.T) {
	files := corpusDockerfiles(t)
	parsed := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(p, data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%s: not a syntax error: %v", p, err)
			} else {
				t.Logf("%s: syntax error: %v", p, se)
			}
			continue
		}
		parsed++
		img, err := f.Image("", nil)
		if err != nil {
			t.Errorf("%s: Image: %v", p, err)
			continue
		}
		checkRanges(t, p, data, f, img)
		for _, st := range f.Stages {
			if st.Name == "" {
				continue
			}
			if _, err := f.Image(st.Name, nil); err != nil {
				t.Errorf("%s: Image(%q): %v", p, st.Name, err)
			}
		}
	}
	t.Logf("%d Dockerfiles, %d parsed", len(files), parsed)
}
