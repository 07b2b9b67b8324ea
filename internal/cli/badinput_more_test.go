package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// TestBadInputMore widens TestBadInput's table with more kinds of broken
// and hostile input: names no terminal should print raw, counts far past
// any real app, sizes at the edges of the caps, and settings files
// meant to hide everything. Each row goes through the real binary under
// hostileBound, as TestBadInput's do.
func TestBadInputMore(t *testing.T) {
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "off")

	const portZero = "internal_port 0 is not a port: ports are 1 to 65535, and nothing can listen on or connect to 0. Set it to the port you mean."
	rows := []badRow{
		// Names of directories and files.
		{"a newline in a directory name", files("a\nb/fly.toml", port("0")), nil, ExitFindings, "a\nb/fly.toml:3:19: port-out-of-range: " + portZero, 1},
		{"a newline in a directory name, text report", files("a\nb/fly.toml", port("0")), []string{"$DIR"}, ExitFindings, "a?b/fly.toml:3:19: error: " + portZero, 0},
		{"an ANSI escape in a directory name, text report", files("\x1b[31mred/fly.toml", port("0")), []string{"$DIR"}, ExitFindings, "?[31mred/fly.toml:3:19: error: " + portZero, 0},
		{"an ANSI escape in a directory name, github report", files("\x1b[2Jx/fly.toml", port("0")), []string{"-format", "github", "$DIR"}, ExitFindings, "?[2Jx/fly.toml,line=3,col=19,endLine=3,endColumn=20,title=port-out-of-range::" + portZero, 0},
		{"invalid UTF-8 in a directory name", files("\xff\xfe/fly.toml", port("0")), nil, ExitFindings, "\ufffd\ufffd/fly.toml:3:19: port-out-of-range: " + portZero, 1},
		{"invalid UTF-8 in a directory name, SARIF", files("\xff\xfe/fly.toml", port("0")), []string{"-format", "sarif", "$DIR"}, ExitFindings, `/%FF%FE/fly.toml"`, 0},
		{"a newline in a fly.*.toml name", files("fly.a\nb.toml", port("0")), nil, ExitFindings, "fly.a\nb.toml:3:19: port-out-of-range: " + portZero, 1},
		{"a 255-byte directory name", files(strings.Repeat("d", 255)+"/fly.toml", port("0")), nil, ExitFindings, strings.Repeat("d", 255) + "/fly.toml:3:19: port-out-of-range", 1},
		{"an app 100 directories deep", files(strings.Repeat("d/", 100)+"fly.toml", port("0")), nil, ExitFindings, strings.Repeat("d/", 100) + "fly.toml:3:19: port-out-of-range", 1},
		{"an app deeper than PATH_MAX", deepApp(30, port("0")), nil, ExitFindings, "file-not-read: cannot list the directory", 1},

		// Counts far past any real app.
		{"10,000 [processes]", files("fly.toml", "app = \"x\"\n[processes]\n"+repeat(10000, "  p%d = \"python -m http.server 8080\"\n")), nil, ExitClean, "", 0},
		{"10,000 checks", files("fly.toml", httpApp+repeat(10000, "[[http_service.checks]]\n  interval = \"10s\"\n  timeout = \"2s\"\n  path = \"/h%d\"\n")), nil, ExitClean, "", 0},
		{"10,000 [[services]]", files("fly.toml", appOnly+repeat(10000, "[[services]]\n  internal_port = 8080 # %d\n  protocol = \"tcp\"\n")), nil, ExitFindings,
			"fly.toml:302:1: service-without-ports: 9900 more service-without-ports findings in this file are not listed: flylint lists the first 100 of a rule in each file. Fix those and run flylint again to see the rest.", 202},
		{"10,000 [[mounts]]", files("fly.toml", appOnly+repeat(10000, "[[mounts]]\n  source = \"d%d\"\n  destination = \"/data\"\n")), nil, ExitFindings,
			"fly.toml:305:1: invalid-mount: 9899 more invalid-mount findings in this file are not listed", 101},
		{"10,000 unused flylint:ignore directives", files("fly.toml", httpApp+repeat(10000, "# flylint:ignore loopback-bind reason %d\nx%[1]d = 1\n")), nil, ExitFindings,
			"fly.toml:204:1: unused-suppression: 9900 more unused-suppression findings in this file are not listed", 202},
		{"10,000 Dockerfile stages", files("fly.toml", httpApp, "Dockerfile", repeat(10000, "FROM alpine AS s%d\n")+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:10001:48: loopback-bind", 1},
		{"a chain of 1,000 stages", files("fly.toml", httpApp, "Dockerfile", "FROM alpine AS s0\n"+chain(1000)+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:1001:48: loopback-bind", 1},
		{"10,000 paths on the command line", files("fly.toml", port("0")), tenThousand("$DIR"), ExitFindings, "fly.toml:3:19: port-out-of-range", 1},

		// Sizes at the edges.
		{"fly.toml exactly at the size cap", files("fly.toml", padTo(port("0"), workspace.MaxFileSize)), nil, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"fly.toml one byte over the size cap", files("fly.toml", padTo(port("0"), workspace.MaxFileSize+1)), nil, ExitFindings,
			fmt.Sprintf("fly.toml is %d bytes; flylint reads files up to %d bytes (10 MB)", workspace.MaxFileSize+1, workspace.MaxFileSize), 1},
		{"app of 1 MB", files("fly.toml", "app = \""+strings.Repeat("a", 1<<20)+"\"\n[http_service]\n  internal_port = 0\n"), nil, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"a key of 1 MB", files("fly.toml", httpApp+strings.Repeat("k", 1<<20)+" = 1\n"), nil, ExitFindings, "fly.toml:4:1: unknown-key", 1},
		{"a [processes] command of 1 MB", files("fly.toml", "app = \"x\"\n[processes]\n  web = \"python -m http.server "+strings.Repeat("a", 1<<20)+"\"\n"), nil, ExitFindings, `fly.toml:3:10: input-limit: The command of process group "web" is 1048598 bytes long, past flylint's limit of 65536 bytes`, 1},
		{"a 0-byte Dockerfile", files("fly.toml", appOnly, "Dockerfile", ""), nil, ExitFindings, "Dockerfile:1:1: dockerfile-syntax: The Dockerfile does not parse: The Dockerfile has no FROM instruction", 1},

		// TOML that parses oddly.
		{"a duplicate key", files("fly.toml", "app = \"x\"\napp = \"y\"\n"), nil, ExitFindings, "fly.toml:2:1: toml-syntax", 1},
		{"a duplicate table", files("fly.toml", httpApp+"[http_service]\n  internal_port = 9090\n"), nil, ExitFindings, "fly.toml:4:2: toml-syntax", 1},
		{"a Cyrillic lookalike key", files("fly.toml", "app = \"x\"\n[http_service]\n  \xd1\x96nternal_port = 8080\n"), nil, ExitFindings,
			"fly.toml:3:3: toml-syntax: This fly.toml is not valid TOML: invalid character at start of key: U+0456 'і', which is not an ASCII letter, digit, - or _ (a key with other characters must be quoted).", 1},
		{"a quoted lookalike key", files("fly.toml", "app = \"x\"\n[http_service]\n  \"\xd1\x96nternal_port\" = 8080\n"), nil, ExitFindings, "fly.toml:3:3: unknown-key: \"\xd1\x96nternal_port\" is not a key flyctl knows", 0},
		{"10,000 dotted key parts", files("fly.toml", appOnly+strings.Repeat("a.", 10000)+"a = 1\n"), nil, ExitFindings, `fly.toml:2:1: unknown-key: "a" is not a key flyctl knows`, 1},
		{"CR-only line ends", files("fly.toml", strings.ReplaceAll(port("0"), "\n", "\r")), nil, ExitFindings, "fly.toml:1:10: toml-syntax: This fly.toml is not valid TOML: expected newline but got U+000D", 1},

		// Dockerfiles as file system objects.
		{"a Dockerfile hard-linked from outside the tree", hardLinkedDockerfile, nil, ExitFindings, "Dockerfile:2:48: loopback-bind", 1},
		// Longer than the kernel follows in one path, but each link stays
		// inside the tree, and flylint resolves them a step at a time.
		{"a chain of 50 Dockerfile symlinks", with(files("fly.toml", httpApp, "d0", "FROM alpine\n"+loopCMD+"\n"), symlinkChain(50)), nil, ExitFindings, "Dockerfile:2:48: loopback-bind", 1},

		// Settings and baselines meant to hide everything.
		{".flylint.toml excludes everything", files("fly.toml", port("0"), ".flylint.toml", "exclude = [\"**\"]\n"), nil, ExitClean, "", 0},
		{".flylint.toml with 50 ** in one glob", files("fly.toml", port("0"), ".flylint.toml", "exclude = [\""+strings.Repeat("**/", 50)+"x\"]\n"), nil, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{".flylint.toml disabling one rule 10,000 times", files("fly.toml", port("0"), ".flylint.toml", "disable = ["+strings.Repeat("\"loopback-bind\", ", 10000)+"]\n"), nil, ExitUsage, `.flylint.toml:1:29: disable lists "loopback-bind" twice (also at line 1)`, 0},
		{"-baseline of 10 MB", with(files("fly.toml", port("0")), bigBaseline("b.json", 70000)), []string{"-format", "json", "-baseline", "$DIR/b.json", "$DIR"}, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"-baseline nested 100,000 deep", files("fly.toml", port("0"), "b.json", strings.Repeat("[", 100000)+strings.Repeat("]", 100000)), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json: not a flylint baseline: invalid character '[' exceeded max depth", 0},
		{"-baseline of binary junk", files("fly.toml", port("0"), "b.json", "\x00\xff\x7fELF"), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage, "not a flylint baseline: invalid character", 0},
		{"-enable of only commas", files("fly.toml", port("0")), []string{"-format", "json", "-enable", ",,,,", "$DIR"}, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
	}
	if len(rows) < 25 {
		t.Fatalf("%d rows; this table adds at least 25 kinds", len(rows))
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			row.run(t)
		})
	}
}

// TestBadInputAsNobody holds the rows whose input only a file mode makes
// bad. CI runs the tests as root, which reads whatever the mode, so
// TestBadInput skips its unreadable() rows there; these run flylint as
// nobody (65534) instead, so they run everywhere. Paths are given
// relative to the input directory.
func TestBadInputAsNobody(t *testing.T) {
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "off")
	rows := []badRow{
		// TestBadInput's "unreadable fly.toml" and "unreadable Dockerfile".
		{"unreadable fly.toml", with(files("fly.toml", appOnly), locked("fly.toml", 0)), nil, ExitFindings, "fly.toml:0:0: file-not-read: cannot read fly.toml: permission denied." + notChecked, 1},
		{"unreadable Dockerfile", with(files("fly.toml", appOnly, "Dockerfile", "FROM alpine\n"), locked("Dockerfile", 0)), nil, ExitFindings, "Dockerfile:0:0: file-not-read: cannot read Dockerfile: permission denied.", 1},
		{"unreadable [build] dockerfile", with(files("fly.toml", "app = \"x\"\n[build]\n  dockerfile = \"docker/Dockerfile.prod\"\n", "docker/Dockerfile.prod", "FROM alpine\n"), locked("docker/Dockerfile.prod", 0)), nil, ExitFindings,
			"fly.toml:3:16: file-not-read: cannot read docker/Dockerfile.prod: permission denied.", 1},
		{"unreadable app directory", with(files("a/fly.toml", httpApp, "b/fly.toml", httpApp), locked("b", 0)), nil, ExitFindings,
			"b:0:0: file-not-read: cannot list the directory b: permission denied, so apps in it were not looked for", 1},
		{"app directory searchable, not readable", with(files("a/fly.toml", httpApp, "b/fly.toml", httpApp), locked("b", 0o111)), nil, ExitFindings,
			"b:0:0: file-not-read: cannot list the directory b: permission denied", 1},
		{"app directory readable, not searchable", with(files("a/fly.toml", httpApp, "b/fly.toml", httpApp), locked("b", 0o444)), nil, ExitFindings,
			"b/fly.toml:0:0: file-not-read: cannot read b/fly.toml: permission denied." + notChecked, 2},
		{"unreadable .flylint.toml", with(files("fly.toml", httpApp, ".flylint.toml", "disable = [\"port-out-of-range\"]\n"), locked(".flylint.toml", 0)), nil, ExitUsage,
			"flylint: cannot read .flylint.toml (found by searching up from the linted path): permission denied; make it readable, or name another with -config\n", 0},
		{"unreadable -baseline", with(files("fly.toml", port("0"), "b.json", "{}"), locked("b.json", 0)), []string{"-baseline", "b.json", "."}, ExitUsage,
			"flylint: -baseline: open b.json: permission denied", 0},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			row.runAs(t, nobody)
		})
	}
}

// locked sets name's permission bits to mode.
func locked(name string, mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
}

// runAs runs row through the real binary as cred, in the input
// directory, with the checks of badRow.run that fit a run there.
func (row badRow) runAs(t *testing.T, cred *syscall.Credential) {
	dir := tree(t)
	row.setup(t, dir)
	args := row.args
	if args == nil {
		args = []string{"-format", "json", "."}
	}
	r := runBinary(t, binOpts{Dir: dir, Cred: cred}, args...)
	var found []string
	if len(args) > 1 && args[0] == "-format" && args[1] == "json" && r.Code <= ExitFindings {
		found = renderJSON(t, []byte(r.Stdout))
	}
	if r.Code != row.code {
		t.Errorf("exit %d, want %d\nstdout: %.600s\nstderr: %.600s", r.Code, row.code, r.Stdout, r.Stderr)
	}
	if hay := r.Stdout + "\n" + r.Stderr + "\n" + strings.Join(found, "\n"); !strings.Contains(hay, row.want) {
		t.Errorf("output does not mention %q\nstdout: %.800s\nstderr: %.600s\nfindings: %.800s", row.want, r.Stdout, r.Stderr, strings.Join(found, "\n"))
	}
	if row.count > 0 && len(found) != row.count {
		t.Errorf("%d findings, want %d:\n%s", len(found), row.count, strings.Join(found, "\n"))
	}
}

// padTo pads fly.toml text with a comment to exactly size bytes.
func padTo(text string, size int) string {
	pad := size - len(text) - 2
	return text + "#" + strings.Repeat("x", pad) + "\n"
}

// deepApp puts an app below depth directories of 200 bytes each, so its
// path is longer than PATH_MAX (4096) and cannot be opened whole.
func deepApp(depth int, content string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		name := strings.Repeat("n", 200)
		// Built a step at a time: MkdirAll of the whole path fails with
		// ENAMETOOLONG like any other call given it.
		d, err := os.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for range depth {
			if err := mkdirat(d, name); err != nil {
				t.Fatal(err)
			}
			next, err := openat(d, name)
			_ = d.Close()
			if err != nil {
				t.Fatal(err)
			}
			d = next
		}
		defer func() { _ = d.Close() }()
		if err := writeat(d, "fly.toml", content); err != nil {
			t.Fatal(err)
		}
	}
}

// chain is n Dockerfile stages, each FROM the one before.
func chain(n int) string {
	var b strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "FROM s%d AS s%d\n", i-1, i)
	}
	return b.String()
}

func tenThousand(arg string) []string {
	out := []string{"-format", "json"}
	for range 10000 {
		out = append(out, arg)
	}
	return out
}

// hardLinkedDockerfile links the app's Dockerfile to a file outside the
// linted directory. A hard link is the file itself, not a pointer out of
// the tree, so it is read like any other.
func hardLinkedDockerfile(t *testing.T, dir string) {
	outside := t.TempDir()
	write(t, outside, "Dockerfile", "FROM alpine\n"+loopCMD+"\n")
	write(t, dir, "fly.toml", httpApp)
	if err := os.Link(filepath.Join(outside, "Dockerfile"), filepath.Join(dir, "Dockerfile")); err != nil {
		t.Skip(err) // a temp dir on another file system
	}
}

// symlinkChain makes Dockerfile -> dn-1 -> ... -> d0, longer than the 40
// links the kernel follows.
func symlinkChain(n int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for i := 1; i < n; i++ {
			symlink(fmt.Sprintf("d%d", i-1), fmt.Sprintf("d%d", i))(t, dir)
		}
		symlink(fmt.Sprintf("d%d", n-1), "Dockerfile")(t, dir)
	}
}

// bigBaseline writes a baseline of n findings for files that do not exist.
func bigBaseline(name string, n int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		type entry struct {
			Rule        string `json:"rule"`
			File        string `json:"file"`
			Fingerprint string `json:"fingerprint"`
			Message     string `json:"message"`
		}
		b := struct {
			Version  int     `json:"version"`
			Tool     string  `json:"tool"`
			Findings []entry `json:"findings"`
		}{Version: 1, Tool: "flylint"}
		for i := range n {
			b.Findings = append(b.Findings, entry{"port-out-of-range", fmt.Sprintf("x%d/fly.toml", i), fmt.Sprintf("%032x", i), strings.Repeat("m", 80)})
		}
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, string(data))
	}
}

func mkdirat(d *os.File, name string) error {
	return syscall.Mkdirat(int(d.Fd()), name, 0o755)
}

func openat(d *os.File, name string) (*os.File, error) {
	fd, err := syscall.Openat(int(d.Fd()), name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

func writeat(d *os.File, name, content string) error {
	fd, err := syscall.Openat(int(d.Fd()), name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	f := os.NewFile(uintptr(fd), name)
	_, werr := f.WriteString(content)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
