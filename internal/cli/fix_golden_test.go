package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// Fix goldens live in testdata/fix/<rule-id>/<case>/: before/ is an app
// (or several), after/ is what `flylint -fix -enable <rule-id> .` must
// leave, byte for byte; an optional file "diff" is what -fix -diff prints.
// Cases named nofix-* hold findings whose fix would not be safe: after/
// is then the same as before/.
// go test ./internal/cli -run TestFixGolden -update rewrites after/ and
// diff from the current fixes: review them before committing.
const fixGoldens = "testdata/fix"

func TestFixGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(fixGoldens, "*", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no fix goldens: %v", err)
	}
	for _, c := range cases {
		rule := filepath.Base(filepath.Dir(c))
		t.Run(rule+"/"+filepath.Base(c), func(t *testing.T) {
			if rules.Lookup(rule) == nil {
				t.Fatalf("%s is not a rule", rule)
			}
			before, err := filepath.Abs(filepath.Join(c, "before"))
			if err != nil {
				t.Fatal(err)
			}
			after, err := filepath.Abs(filepath.Join(c, "after"))
			if err != nil {
				t.Fatal(err)
			}
			diffPath, err := filepath.Abs(filepath.Join(c, "diff"))
			if err != nil {
				t.Fatal(err)
			}
			dir := copyTree(t, before)
			// The copy is a repository of its own: no config or go.mod
			// above it is read.
			if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)

			diffCode := -1
			if _, err := os.Stat(diffPath); err == nil {
				code, stdout, stderr := run(t, "-fix", "-diff", "-enable", rule, ".")
				if code == ExitUsage || code == ExitInternal || stderr != "" {
					t.Errorf("-fix -diff: exit %d, stderr:\n%s", code, stderr)
				}
				compareGolden(t, diffPath, []byte(stdout))
				diffCode = code
			}

			code, fixOut, stderr := run(t, "-fix", "-enable", rule, ".")
			if code == ExitUsage || code == ExitInternal {
				t.Fatalf("-fix: exit %d, stderr:\n%s", code, stderr)
			}
			// -fix reports and exits as a lint of the fixed files does,
			// and -fix -diff exits as -fix does.
			lintCode, lintOut, _ := run(t, "-enable", rule, ".")
			if code != lintCode || fixOut != lintOut {
				t.Errorf("-fix: exit %d, report:\n%s\nbut the lint after it: exit %d, report:\n%s", code, fixOut, lintCode, lintOut)
			}
			if diffCode >= 0 && diffCode != code {
				t.Errorf("-fix -diff exits %d, -fix %d", diffCode, code)
			}
			// A case named nofix-* shows a finding -fix must leave alone.
			if nofix := strings.HasPrefix(filepath.Base(c), "nofix-"); nofix == strings.Contains(stderr, "fixed ") {
				t.Errorf("nofix case %v, but stderr:\n%s", nofix, stderr)
			}
			compareTrees(t, dir, after)

			// What -fix leaves has nothing left for the rule to fix.
			ws, err := workspace.Load([]string{"."}, workspace.Options{Go: true})
			if err != nil {
				t.Fatal(err)
			}
			diags, err := lint.Run(ws, lint.Options{Rules: []*rules.Rule{rules.Lookup(rule)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diags {
				if len(d.Fixes) > 0 {
					t.Errorf("after -fix, still a fix: %s: %s", d.Range, d.Fixes[0].Message)
				}
			}
		})
	}
}

// compareTrees compares every file under got (but .git) with the same
// file under want; with -update it makes want a copy of got.
func compareTrees(t *testing.T, got, want string) {
	t.Helper()
	gotFiles, wantFiles := treeFiles(t, got), treeFiles(t, want)
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
		for _, name := range gotFiles {
			data, err := os.ReadFile(filepath.Join(got, name))
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join(want, name), data)
		}
		return
	}
	if !slices.Equal(gotFiles, wantFiles) {
		t.Fatalf("files after -fix: %q, want %q", gotFiles, wantFiles)
	}
	for _, name := range gotFiles {
		g, err := os.ReadFile(filepath.Join(got, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.ReadFile(filepath.Join(want, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s after -fix differs from %s:\n%s", name, filepath.Join(want, name), lineDiff(string(w), string(g)))
		}
	}
}

func treeFiles(t *testing.T, root string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) && p == root {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return fs.SkipDir
		}
		if !d.IsDir() {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// TestEveryFixHasAGolden finds the rules whose fixtures (the rule tests'
// bad* cases) come with fixes and requires a fix golden for each, so a
// rule that gains a fix gains a golden.
func TestEveryFixHasAGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", "*", "bad*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	fixable := map[string]string{}
	for _, dir := range dirs {
		ws, err := workspace.Load([]string{dir}, workspace.Options{Go: true})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		diags, err := lint.Run(ws, lint.Options{Rules: rules.All()})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if len(d.Fixes) > 0 && fixable[d.Rule] == "" {
				fixable[d.Rule] = dir
			}
		}
	}
	if len(fixable) < 10 {
		t.Errorf("only %d rules with fixes found; the scan is broken", len(fixable))
	}
	for rule, dir := range fixable {
		if cases, _ := filepath.Glob(filepath.Join(fixGoldens, rule, "*", "before")); len(cases) == 0 {
			t.Errorf("rule %s fixes %s but has no golden under %s/%s/<case>/{before,after}", rule, dir, fixGoldens, rule)
		}
	}
}
