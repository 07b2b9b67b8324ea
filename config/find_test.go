package config

import (
	"os"
	"path/filepath"
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
