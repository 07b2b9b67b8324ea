package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBadInput feeds broken inputs through the real CLI: each must give
// a clear message (in the report or on stderr), a defined exit code, and
// a JSON report that parses whenever one is written.
func TestBadInput(t *testing.T) {
	big := bytes.Repeat([]byte("# padding padding padding padding padding padding padding\n"), 50<<20/58)
	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T, dir string)
		code    int
		message string // expected in the JSON report or stderr
	}{
		{"empty fly.toml", files("fly.toml", ""), ExitClean, ""},
		{"binary junk", files("fly.toml", "\x00\x01\x02\xff\xfe PNG\x89"), ExitFindings, "toml-syntax"},
		{"NUL in a string", files("fly.toml", "app = \"a\x00b\"\n"), ExitFindings, "toml-syntax"},
		{"invalid UTF-8", files("fly.toml", "app = \"\xc3\x28\"\n"), ExitFindings, "toml-syntax"},
		{"BOM", files("fly.toml", "\xef\xbb\xbfapp = \"x\"\n"), ExitFindings, "byte order mark"},
		{"CRLF is fine", files("fly.toml", "app = \"x\"\r\n[http_service]\r\n  internal_port = 8080\r\n"), ExitClean, ""},
		{"truncated TOML", files("fly.toml", "app = \"x\"\n[http_serv"), ExitFindings, "toml-syntax"},
		{"wrong value type", files("fly.toml", "[http_service]\n  internal_port = \"8080\"\n"), ExitFindings, "invalid-value-type"},
		{"deep nesting", files("fly.toml", "x = "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n"), ExitFindings, "toml-syntax"},
		{"50 MB fly.toml", func(t *testing.T, dir string) { write(t, dir, "fly.toml", string(big)) }, ExitFindings, "flylint reads files up to"},
		{"binary Dockerfile", files("fly.toml", "app = \"x\"\n", "Dockerfile", "\x7fELF\x00\x00\x01"), ExitFindings, "dockerfile-syntax"},
		{"Dockerfile unknown instruction", files("fly.toml", "app = \"x\"\n", "Dockerfile", "FROM alpine\nFROBNICATE x\n"), ExitFindings, "FROBNICATE"},
		{"Dockerfile heredoc", files("fly.toml", "app = \"x\"\n", "Dockerfile", "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCMD [\"sleep\", \"infinity\"]\n"), ExitClean, ""},
		{"Dockerfile broken JSON CMD", files("fly.toml", "app = \"x\"\n", "Dockerfile", "FROM alpine\nCMD [\"a\", \n"), ExitClean, ""},
		{"missing named Dockerfile", files("fly.toml", "app = \"x\"\n[build]\n  dockerfile = \"nope/Dockerfile\"\n"), ExitFindings, "does not exist"},
		{"Dockerfile is a directory", func(t *testing.T, dir string) {
			write(t, dir, "fly.toml", "app = \"x\"\n")
			os.Mkdir(filepath.Join(dir, "Dockerfile"), 0o755)
		}, ExitFindings, "not a regular file"},
		{"Dockerfile is a FIFO", func(t *testing.T, dir string) {
			write(t, dir, "fly.toml", "app = \"x\"\n")
			if err := syscall.Mkfifo(filepath.Join(dir, "Dockerfile"), 0o644); err != nil {
				t.Skip(err)
			}
		}, ExitFindings, "not a regular file"},
		{"symlink loop", func(t *testing.T, dir string) {
			write(t, dir, "fly.toml", "app = \"x\"\n")
			os.Symlink("loop", filepath.Join(dir, "loop"))
			os.Symlink("a", filepath.Join(dir, "sub"))
			os.Symlink("sub", filepath.Join(dir, "a"))
		}, ExitClean, ""},
		{"symlinked Dockerfile outside the tree", func(t *testing.T, dir string) {
			write(t, dir, "fly.toml", "app = \"x\"\n")
			outside := filepath.Join(t.TempDir(), "Dockerfile")
			os.WriteFile(outside, []byte("FROM alpine\n"), 0o644)
			os.Symlink(outside, filepath.Join(dir, "Dockerfile"))
		}, ExitFindings, "symlink that leads outside"},
		{"unreadable fly.toml", func(t *testing.T, dir string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads everything")
			}
			write(t, dir, "fly.toml", "app = \"x\"\n")
			os.Chmod(filepath.Join(dir, "fly.toml"), 0)
		}, ExitFindings, "permission denied"},
		{"no fly.toml", func(*testing.T, string) {}, ExitUsage, "no fly.toml"},
		{"bad .flylint.toml", files("fly.toml", "app = \"x\"\n", ".flylint.toml", "disable = [\"nope\"]\n", ".git/HEAD", ""), ExitUsage, ".flylint.toml:1:"},
		{"Go that does not type-check", files("fly.toml", "app = \"x\"\n[http_service]\n  internal_port = 8080\n", "go.mod", "module x\n\ngo 1.22\n", "main.go", "package main\nfunc main() { nope() }\n"), ExitClean, "go-analysis-incomplete"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			var out, errb bytes.Buffer
			code := Run([]string{"-format", "json", dir}, &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %.500s\nstderr: %.500s", code, tc.code, out.String(), errb.String())
			}
			if out.Len() > 0 && !json.Valid(out.Bytes()) {
				t.Errorf("the JSON report does not parse: %.300s", out.String())
			}
			if !strings.Contains(out.String()+errb.String(), tc.message) {
				t.Errorf("output does not mention %q\nstdout: %.800s\nstderr: %.500s", tc.message, out.String(), errb.String())
			}
			if strings.Contains(errb.String(), "panic") || code == ExitInternal {
				t.Errorf("internal failure: %s", errb.String())
			}
		})
	}
}

func files(kv ...string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for i := 0; i+1 < len(kv); i += 2 {
			write(t, dir, kv[i], kv[i+1])
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
