package workspace

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A fly.toml that is a symlink is an app too: linted when it leads to a
// file inside the tree that the walk would not lint anyway, reported as
// not read when it leads out of the tree or nowhere, so that no app is
// passed over in silence while others are linted.
func TestDiscoverConfigSymlinks(t *testing.T) {
	top := t.TempDir()
	t.Chdir(top)
	write := func(p, s string) { writeTestFile(t, p, s) }
	link := func(target, p string) { linkTestFile(t, target, p) }
	write("outside.toml", "app = 'out'\n")
	write("repo/a/fly.toml", "app = 'a'\n")
	write("repo/configs/c.toml", "app = 'c'\n")
	write("repo/node_modules/x/fly.toml", "app = 'nm'\n")
	link("../../outside.toml", "repo/b/fly.toml")         // out of the tree
	link("../configs/c.toml", "repo/c/fly.toml")          // in the tree, under a name the walk skips
	link("../a/fly.toml", "repo/d/fly.toml")              // in the tree, linted as repo/a/fly.toml
	link("nowhere.toml", "repo/e/fly.toml")               // dangling
	link("../node_modules/x/fly.toml", "repo/f/fly.toml") // in the tree, where the walk does not go

	targets, unread, err := discover([]string{"repo"}, func(Progress) {})
	if err != nil {
		t.Fatal(err)
	}
	var configs []string
	for _, tg := range targets {
		configs = append(configs, filepath.ToSlash(tg.Config))
	}
	if want := []string{"repo/a/fly.toml", "repo/c/fly.toml", "repo/f/fly.toml"}; !slices.Equal(configs, want) {
		t.Errorf("linted %q, want %q", configs, want)
	}
	var got []string
	for _, le := range unread {
		got = append(got, le.Range.File+": "+le.Message)
	}
	want := []string{
		"repo/b/fly.toml: repo/b/fly.toml is a symlink that leads outside repo; flylint does not follow links out of the directory it lints",
		"repo/e/fly.toml: repo/e/fly.toml does not exist",
	}
	if !slices.Equal(got, want) {
		t.Errorf("not read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Alone, a link out of the tree is the usage error that says why
	// nothing was linted, as before.
	link("../outside.toml", "alone/fly.toml")
	if _, _, err := discover([]string{"alone"}, func(Progress) {}); err == nil || !strings.Contains(err.Error(), "skipped alone/fly.toml (a symlink") {
		t.Errorf("a lone link out of the tree: %v", err)
	}
}
