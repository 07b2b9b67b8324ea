package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	// outer/.flylint.toml is above the repository and must not be found
	// from inside it.
	write(t, filepath.Join(root, "outer", Name), "")
	repo := filepath.Join(root, "outer", "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(repo, "apps", "web", "cmd")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}

	check := func(dir, want string) {
		t.Helper()
		got, err := Find(dir)
		if err != nil || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	check(deep, "")
	check(filepath.Join(root, "outer"), filepath.Join(root, "outer", Name))

	write(t, filepath.Join(repo, Name), "")
	check(deep, filepath.Join(repo, Name))

	write(t, filepath.Join(repo, "apps", Name), "")
	check(deep, filepath.Join(repo, "apps", Name))
	check(filepath.Join(repo, "apps"), filepath.Join(repo, "apps", Name))

	// A submodule or worktree has a .git file, not a directory.
	sub := filepath.Join(repo, "apps", "web")
	write(t, filepath.Join(sub, ".git"), "gitdir: ../../.git/modules/web\n")
	check(deep, "")

	// Relative paths work and the result is absolute.
	t.Chdir(filepath.Join(repo, "apps"))
	check(".", filepath.Join(repo, "apps", Name))
}

func TestFindErrors(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(filepath.Join(root, "missing")); err == nil {
		t.Error("Find on a missing directory: no error")
	}
	file := filepath.Join(root, "file")
	write(t, file, "")
	if _, err := Find(file); err == nil {
		t.Error("Find on a file: no error")
	}
	// A directory named .flylint.toml is a mistake worth saying out loud.
	if err := os.Mkdir(filepath.Join(root, Name), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(root); err == nil {
		t.Errorf("Find with a .flylint.toml directory = %q, want an error", p)
	}
}

// A .flylint.toml found by searching follows fly.toml's rule: a symlink
// may lead anywhere inside the repository, and nowhere out of it.
func TestFindInTree(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	web := filepath.Join(repo, "apps", "web")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(web, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "outside.toml"), "")
	write(t, filepath.Join(repo, "shared", "flylint.toml"), "")
	link := func(target, name string) {
		t.Helper()
		_ = os.Remove(name)
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	wantErr := func(dir, want string) {
		t.Helper()
		got, err := Find(dir)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Find(%s) = %q, %v; want an error saying %q", dir, got, err, want)
		}
	}
	wantFound := func(dir, want string) {
		t.Helper()
		got, err := Find(dir)
		if err != nil || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}

	cfg := filepath.Join(repo, "apps", Name)
	link("../shared/flylint.toml", cfg)
	wantFound(web, cfg)

	link("../../outside.toml", cfg)
	wantErr(web, "leads outside "+repo+" (it resolves to "+filepath.Join(root, "outside.toml")+"); flylint does not follow")

	link("/etc/passwd", cfg)
	wantErr(web, "leads outside")

	link("nothere.toml", cfg)
	wantErr(web, "is a symlink to a file that does not exist")

	link(Name, cfg)
	wantErr(web, "is a symlink loop")

	link("../shared", cfg)
	wantErr(web, "is a directory")
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}

	// A directory on the way up that is a symlink out of the repository
	// does not carry the search out with it.
	elsewhere := filepath.Join(root, "elsewhere")
	write(t, filepath.Join(elsewhere, Name), "")
	if err := os.MkdirAll(filepath.Join(elsewhere, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(elsewhere, filepath.Join(repo, "linked"))
	wantErr(filepath.Join(repo, "linked", "app"), "leads outside "+repo)
	// ... though what lies inside the linted directory itself is read.
	write(t, filepath.Join(elsewhere, "app", Name), "")
	wantFound(filepath.Join(repo, "linked", "app"), filepath.Join(repo, "linked", "app", Name))

	// Outside any repository a link may still not leave the directory
	// that holds it.
	norepo := filepath.Join(root, "norepo")
	if err := os.MkdirAll(filepath.Join(norepo, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("../outside.toml", filepath.Join(norepo, Name))
	wantErr(filepath.Join(norepo, "sub"), "leads outside "+norepo)
}

// Mercurial and Subversion checkouts end the search as .git does.
func TestFindStopsAtOtherRepositories(t *testing.T) {
	for _, marker := range []string{".git", ".hg", ".svn"} {
		t.Run(marker, func(t *testing.T) {
			root := t.TempDir()
			write(t, filepath.Join(root, Name), "")
			repo := filepath.Join(root, "repo")
			if err := os.MkdirAll(filepath.Join(repo, marker), 0o755); err != nil {
				t.Fatal(err)
			}
			if got, err := Find(repo); got != "" || err != nil {
				t.Errorf("Find = %q, %v; want nothing: %s is above the repository", got, err, filepath.Join(root, Name))
			}
		})
	}
}
