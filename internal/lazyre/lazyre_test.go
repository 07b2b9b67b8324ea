package lazyre

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Creating one compiles nothing: an invalid pattern only panics once
// the expression is used. With an eager regexp.MustCompile the first
// line would panic.
func TestCompilesOnFirstUse(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("an invalid pattern did not panic when used")
		}
	}()
	re()
}

// Every call, from any goroutine, gets the one compiled expression.
func TestSameExpression(t *testing.T) {
	re := New(`^a+$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatal("calls returned different expressions")
		}
	}
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Error("the expression does not match as its pattern says")
	}
}

// TestNoEagerPatterns keeps package-level regexp.MustCompile out of the
// packages the flylint command links: each would be compiled at every
// start-up, whether the run uses it or not.
func TestNoEagerPatterns(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", "github.com/flylint-dev/flylint/cmd/flylint").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	eager := regexp.MustCompile(`(?m)^(?:var\s+\w+\s*=|\t\w+\s*=)\s*regexp\.MustCompile\(`)
	for _, dir := range strings.Fields(string(out)) {
		if !strings.HasPrefix(dir, root+string(filepath.Separator)) && dir != root {
			continue // a dependency, not ours
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if loc := eager.FindIndex(src); loc != nil {
				t.Errorf("%s:%d: package-level regexp.MustCompile; use lazyre.New", f, 1+strings.Count(string(src[:loc[0]]), "\n"))
			}
		}
	}
}
