package cli

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/mod/modfile"
)

// Hostile Go modules, through the real binary. Each tree holds the linted
// repository in repo/ and, beside it, outside/: what a hostile module
// tries to make the go command read, run or write. Every case runs with
// an environment that would let the go command do harm if flylint passed
// it through: GOTOOLCHAIN=auto (download the toolchain go.mod asks for),
// GOFLAGS=-mod=mod (rewrite go.mod and go.sum), and a GOPROXY on a port
// where nothing listens, so any download fails fast and shows in strace.

// hostileGoEnv is the environment every hostile Go case runs in.
var hostileGoEnv = []string{
	"GOTOOLCHAIN=auto",
	"GOFLAGS=-mod=mod",
	"GOPROXY=http://127.0.0.1:9",
}

// toml2 is a module flylint itself depends on, so it is in the module
// cache of any machine that built flylint: cases that need a real
// dependency use it offline, at the version flylint's go.mod requires.
const toml2 = "github.com/pelletier/go-toml/v2"

func toml2Import() string {
	return "package main\n\nimport (\n\t\"net/http\"\n\n\ttoml \"" + toml2 + "\"\n)\n\nvar _ = toml.Marshal\n\nfunc main() {\n\thttp.ListenAndServe(\"127.0.0.1:8080\", nil)\n}\n"
}

// toml2Version is the version of toml2 flylint's go.mod requires.
func toml2Version(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range mf.Require {
		if r.Mod.Path == toml2 {
			return r.Mod.Version
		}
	}
	t.Fatalf("flylint's go.mod does not require %s", toml2)
	return ""
}

const (
	flyTOML     = "app = \"a\"\n\n[http_service]\n  internal_port = 8080\n"
	goMod       = "module example.com/app\n\ngo 1.22\n"
	loopbackGo  = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\"127.0.0.1:8080\", nil)\n}\n"
	loopbackAt  = "main.go:6:22"
	loopbackMsg = "loopback-bind"
)

type hostileGo struct {
	name  string
	setup func(t *testing.T, top string) // top holds repo/ and outside/
	env   []string                       // added to hostileGoEnv
	code  int
	// want are diagnostics "file:line:col rule: message" (file:line:col
	// as far as the diagnostic has them); a want ending in "..." matches
	// a message starting with it.
	want []string
	// absent must appear nowhere in the output: values only the files
	// outside the tree hold.
	absent []string
}

// goVersion is the go command's version as it prints it in errors
// ("1.26.8").
func goVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
}

// toml2Sum is the go.sum line pair for toml2, with the real hashes from
// flylint's own go.sum.
func toml2Sum(t *testing.T, toml2Ver string) string {
	t.Helper()
	data, err := os.ReadFile("../../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, toml2+" "+toml2Ver+" ") || strings.HasPrefix(l, toml2+" "+toml2Ver+"/go.mod ") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("go.sum has no %s %s", toml2, toml2Ver)
	}
	return strings.Join(lines, "\n") + "\n"
}

func inRepoFiles(files ...string) func(*testing.T, string) {
	return func(t *testing.T, top string) {
		for i := 0; i+1 < len(files); i += 2 {
			write(t, filepath.Join(top, "repo"), files[i], files[i+1])
		}
	}
}

func outside(files ...string) func(*testing.T, string) {
	return func(t *testing.T, top string) {
		for i := 0; i+1 < len(files); i += 2 {
			write(t, filepath.Join(top, "outside"), files[i], files[i+1])
		}
	}
}

func inRepo(f func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, top string) { f(t, filepath.Join(top, "repo")) }
}

func hostileGoCases(t *testing.T) []hostileGo {
	ver := goVersion(t)
	toml2Ver := toml2Version(t)
	toml2Import := toml2Import()
	sum := toml2Sum(t, toml2Ver)
	badSum := regexp.MustCompile(`h1:\S+`).ReplaceAllString(sum, "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	const incomplete = "go-analysis-incomplete: Go analysis of this app is incomplete: "
	const heldBack = ". Listeners in those packages are not known, so port findings for them are held back; make go build ./... succeed, or pass -go off."
	return []hostileGo{
		{
			name:  "go.mod asks for a newer Go",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", "module example.com/app\n\ngo 1.99\n", "main.go", loopbackGo),
			code:  ExitClean,
			want:  []string{"go.mod:3:1 " + incomplete + "go: go.mod requires go >= 1.99 (running go " + ver + "; GOTOOLCHAIN=local)" + heldBack},
		},
		{
			// The local toolchain is new enough: go analyses with it and
			// says nothing; the loopback bind shows the analysis ran.
			name:  "go.mod names a newer toolchain",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod+"\ntoolchain go1.99.0\n", "main.go", loopbackGo),
			code:  ExitFindings,
			want:  []string{loopbackAt + " " + loopbackMsg + ": ..."},
		},
		{
			// GOFLAGS=-mod=mod would make go write go.sum (from the
			// module cache); -mod=vendor checks vendor/ instead.
			name:  "vendor directory out of step with go.mod",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod+"\nrequire "+toml2+" "+toml2Ver+"\n", "main.go", toml2Import, "vendor/modules.txt", "# example.com/other v1.0.0\n## explicit\nexample.com/other\n"),
			code:  ExitClean,
			want:  []string{"vendor/modules.txt:1:1 " + incomplete + "go: inconsistent vendoring in ..."},
		},
		{
			// Loaded from vendor/: without -mod=vendor the go command
			// would want a go.sum entry for example.com/lib.
			name: "vendored dependency",
			setup: inRepoFiles("fly.toml", flyTOML,
				"go.mod", goMod+"\nrequire example.com/lib v1.0.0\n",
				"vendor/modules.txt", "# example.com/lib v1.0.0\n## explicit\nexample.com/lib\n",
				"vendor/example.com/lib/lib.go", "package lib\n\nconst Addr = \"127.0.0.1:8080\"\n",
				"main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/lib\"\n)\n\nfunc main() {\n\thttp.ListenAndServe(lib.Addr, nil)\n}\n"),
			code: ExitFindings,
			want: []string{"main.go:10:22 " + loopbackMsg + ": ..."},
		},
		{
			// A C compiler given this preamble reads /dev/zero until
			// memory runs out; with cgo off none runs.
			name: "cgo preamble includes /dev/zero",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo,
				"zero.go", "package main\n\n// #include \"/dev/zero\"\n// #cgo pkg-config: /dev/zero\nimport \"C\"\n\nfunc zero() { C.zero() }\n"),
			code: ExitFindings,
			want: []string{
				"zero.go:5:8 " + incomplete + "cgo files were not analysed: zero.go (in .). flylint loads Go with CGO_ENABLED=0 so that a repository's #cgo directives never run a C compiler or pkg-config, and files that import \"C\" drop out of that build; listeners in them are not known. Move listen calls out of cgo files to have them checked.",
				loopbackAt + " " + loopbackMsg + ": ...",
			},
		},
		{
			name: "go.work uses a module outside the tree",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo, "go.work", "go 1.22\n\nuse (\n\t.\n\t../outside/lib\n)\n"),
				outside("lib/go.mod", "module example.com/lib\n\ngo 1.22\n", "lib/lib.go", "package lib\n\nconst Secret = \"outside-7777\"\n")),
			code: ExitFindings,
			want: []string{
				"go.work:5:2 " + incomplete + "use ../outside/lib is outside the linted directory (the current directory); flylint reads nothing outside the directory it lints, so it ignores this go.work (GOWORK=off) and analyses the module in . on its own go.mod. Lint from a directory that contains ../outside/lib, or leave go.work out of the repository.",
				loopbackAt + " " + loopbackMsg + ": ...",
			},
			absent: []string{"outside-7777"},
		},
		{
			name: "replace leads outside the tree",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod+"\nrequire example.com/x v0.0.0\n\nreplace example.com/x => ../outside/x\n",
				"main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/x\"\n)\n\nfunc main() {\n\thttp.ListenAndServe(x.Addr, nil)\n}\n"),
				outside("x/go.mod", "module example.com/x\n\ngo 1.22\n", "x/x.go", "package x\n\nconst Addr = \"127.0.0.1:7777\"\n")),
			code: ExitClean,
			want: []string{
				"go.mod:7:1 " + incomplete + "replace example.com/x => ../outside/x is outside the linted directory (the current directory); flylint reads nothing outside the directory it lints, so it did not read it, and the packages of example.com/x and those importing them were not analysed. Lint from a directory that contains ../outside/x, or vendor the module (go mod vendor).",
				"main.go:6:2 " + incomplete + "example.com/x: example.com/x@v0.0.0: replacement directory ../outside/x does not exist (and 1 more)" + heldBack,
			},
			absent: []string{"7777"},
		},
		{
			name: "Go file symlinked out of the tree",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo),
				outside("leak.go", "package main\n\nimport \"net\"\n\nfunc init() { net.Listen(\"tcp\", \"127.0.0.1:7777\") }\n"),
				inRepo(symlink("../outside/leak.go", "leak.go"))),
			code: ExitFindings,
			want: []string{
				"leak.go " + incomplete + "leak.go is a symlink that leads outside the linted directory (the current directory); flylint reads nothing outside the directory it lints, so it was left out of the Go analysis and listeners in it are not known. Replace it with a regular file inside the linted directory.",
				loopbackAt + " " + loopbackMsg + ": ...",
			},
			absent: []string{"7777"},
		},
		{
			name: "package directory symlinked out of the tree",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod,
				"main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/app/linked\"\n)\n\nfunc main() {\n\thttp.ListenAndServe(linked.Addr, nil)\n}\n"),
				outside("pkg/p.go", "package linked\n\nconst Addr = \"127.0.0.1:7777\"\n"),
				inRepo(symlink("../outside/pkg", "linked"))),
			code: ExitClean,
			want: []string{
				"linked " + incomplete + "linked is a symlink to a directory outside the linted directory (the current directory); flylint reads nothing outside the directory it lints, so the package there was left out of the Go analysis and listeners in it are not known. Copy the package into the linted directory, or lint from a directory that contains its target.",
				"main.go:6:2 " + incomplete + "example.com/app/linked: cannot find module providing package example.com/app/linked: import lookup disabled by -mod=readonly (and 1 more)" + heldBack,
			},
			absent: []string{"7777"},
		},
		{
			// go list would block opening it, forever.
			name:  "Go file is a named pipe",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo), inRepo(fifo("pipe.go"))),
			code:  ExitFindings,
			want: []string{
				"pipe.go " + incomplete + "pipe.go is not a regular file (a FIFO); the go command would block reading it, so it was left out of the Go analysis and listeners in it are not known. Replace it with a regular file inside the linted directory.",
				loopbackAt + " " + loopbackMsg + ": ...",
			},
		},
		{
			name:  "go.sum is a named pipe",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo), inRepo(fifo("go.sum"))),
			code:  ExitClean,
			want: []string{
				"go.sum " + incomplete + "go.sum is not a regular file (a FIFO); the go command would read it, and flylint reads nothing outside the directory it lints and never opens pipes or devices, so the Go module in . was not analysed. Make go.sum a regular file inside the linted directory.",
			},
		},
		{
			// go/packages used to return no packages and no error.
			name:  "go.sum hash does not match",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod+"\nrequire "+toml2+" "+toml2Ver+"\n", "go.sum", badSum, "main.go", toml2Import),
			code:  ExitClean,
			want: []string{
				"go.sum:1:1 " + incomplete + "verifying " + toml2 + "@" + toml2Ver + ": checksum mismatch downloaded: h1:...",
			},
		},
		{
			// Used to be hidden behind "could not import X (invalid
			// package name: \"\")".
			name:  "go.sum entry missing",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod+"\nrequire "+toml2+" "+toml2Ver+"\n", "main.go", toml2Import),
			code:  ExitClean,
			want: []string{
				"main.go:6:2 " + incomplete + toml2 + ": missing go.sum entry for module providing package " + toml2 + " (imported by example.com/app); to add: go get example.com/app (and 1 more)" + heldBack,
			},
		},
		{
			// go list -export runs the assembler, which would block
			// opening the pipe.
			name: "assembly includes a named pipe outside the tree",
			setup: with(outside("keep", ""), func(t *testing.T, top string) {
				pipe := filepath.Join(top, "outside", "pipe")
				if err := syscall.Mkfifo(pipe, 0o644); err != nil {
					t.Fatal(err)
				}
				inRepoFiles("fly.toml", flyTOML, "go.mod", goMod,
					"main.go", "package main\n\nimport \"net/http\"\n\nfunc f()\n\nfunc main() {\n\tf()\n\thttp.ListenAndServe(\"127.0.0.1:8080\", nil)\n}\n",
					"f.s", "#include \"textflag.h\"\n  #include \""+pipe+"\"\n\nTEXT ·f(SB),NOSPLIT,$0\n\tRET\n")(t, top)
			}),
			code: ExitFindings,
			want: []string{
				"f.s:2:3 " + incomplete + "f.s includes \"/...",
				"main.go:9:22 " + loopbackMsg + ": ...",
			},
		},
		{
			// -race needs cgo, which flylint turns off: left in, the go
			// command would refuse to load anything.
			name:  "GOFLAGS asks for -race",
			setup: inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo),
			env:   []string{"GOFLAGS=-mod=mod -race"},
			code:  ExitFindings,
			want:  []string{loopbackAt + " " + loopbackMsg + ": ..."},
		},
		{
			// A go.mod outside the tree, read instead of the module's.
			name:  "GOFLAGS -modfile names a file outside the tree",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo), outside("alt.mod", "module example.com/app\n\ngo 1.99\n")),
			env:   []string{"GOFLAGS=-mod=mod -modfile=../outside/alt.mod"},
			code:  ExitFindings,
			want:  []string{loopbackAt + " " + loopbackMsg + ": ..."},
		},
		{
			// The environment is the user's, but a -toolexec there could
			// name a program the repository holds.
			name: "GOFLAGS -toolexec names a script in the repository",
			setup: with(inRepoFiles("fly.toml", flyTOML, "go.mod", goMod, "main.go", loopbackGo, "evil.sh", "#!/bin/sh\ntouch \"$(dirname \"$0\")/ran\"\nexec \"$@\"\n"),
				func(t *testing.T, top string) {
					if err := os.Chmod(filepath.Join(top, "repo", "evil.sh"), 0o755); err != nil {
						t.Fatal(err)
					}
				}),
			env:  []string{"GOFLAGS=-mod=mod -toolexec=./evil.sh"},
			code: ExitFindings,
			want: []string{loopbackAt + " " + loopbackMsg + ": ..."},
		},
	}
}

// goTreeSnapshot is every path under a directory with its type and, for
// regular files and links, a hash of what it holds; it opens nothing but
// regular files.
func goTreeSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			v += fmt.Sprintf(" %x", sha256.Sum256(data))
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			v += " -> " + target
		}
		out[path] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type jsonDiag struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func (d jsonDiag) String() string {
	at := d.File
	if d.Line > 0 {
		at += ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column)
	}
	return at + " " + d.Rule + ": " + d.Message
}

func (c hostileGo) build(t *testing.T) string {
	top := t.TempDir()
	if err := os.MkdirAll(filepath.Join(top, "outside"), 0o755); err != nil {
		t.Fatal(err)
	}
	c.setup(t, top)
	return top
}

func (c hostileGo) check(t *testing.T, top string, r binRun, before map[string]string) {
	t.Helper()
	if r.Code != c.code {
		t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.Code, c.code, r.Stdout, r.Stderr)
	}
	var rep struct{ Diagnostics []jsonDiag }
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, r.Stdout)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.String())
	}
	for _, w := range c.want {
		found := false
		for _, g := range got {
			if p, ok := strings.CutSuffix(w, "..."); ok && strings.HasPrefix(g, p) || g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing diagnostic\n  %s\ngot:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	if len(got) != len(c.want) {
		t.Errorf("%d diagnostics, want %d:\n  %s", len(got), len(c.want), strings.Join(got, "\n  "))
	}
	for _, a := range c.absent {
		if strings.Contains(r.Stdout+r.Stderr, a) {
			t.Errorf("output holds %q, which only a file outside the tree has", a)
		}
	}
	after := goTreeSnapshot(t, top)
	for p, v := range before {
		if after[p] != v {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

func TestHostileGoModules(t *testing.T) {
	for _, c := range hostileGoCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			top := c.build(t)
			before := goTreeSnapshot(t, top)
			r := runBinary(t, binOpts{Dir: filepath.Join(top, "repo"), Env: append(append([]string(nil), hostileGoEnv...), c.env...)}, "-format", "json", ".")
			c.check(t, top, r, before)
		})
	}
}

// TestHostileGoRunsOnlyGo runs the binary under strace over every hostile
// module and checks what the whole process tree did: the only
// programs executed are flylint, the go command and the go command's
// own tools (compile, asm, ...: no C compiler, no pkg-config, no
// toolchain from the module cache, no script from the repository), and
// no connection to an internet address is attempted. GOPROXY points at
// a closed port on 127.0.0.1 rather than "off", so that an attempted
// download would show as a connect.
func TestHostileGoRunsOnlyGo(t *testing.T) {
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace is not installed (CI installs it in .ci/run): cannot watch what flylint's process tree runs")
	}
	if out, err := exec.Command("strace", "-f", "-o", os.DevNull, "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here (ptrace not permitted?): %v %s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	root := strings.TrimSpace(string(goroot))
	allowed := func(prog string) bool {
		if real, err := filepath.EvalSymlinks(prog); err == nil {
			prog = real
		}
		tools := filepath.Join(root, "pkg", "tool") + string(filepath.Separator)
		return prog == flylintBinary(t) || prog == filepath.Join(root, "bin", "go") || strings.HasPrefix(prog, tools)
	}

	for _, c := range hostileGoCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			top := c.build(t)
			traces := t.TempDir()
			env := append(append(append([]string(nil), hostileGoEnv...), c.env...), "GOPROXY=http://127.0.0.1:9")
			r := runBinary(t, binOpts{
				Dir:  filepath.Join(top, "repo"),
				Env:  env,
				Wrap: []string{"strace", "-ff", "-qq", "-e", "trace=execve,connect,socket", "-o", filepath.Join(traces, "trace")},
				// strace stops every traced process at each system call
				// it watches: the bound is the hang detector's only.
				Bound: bound{CPU: 60 * time.Second, RSS: 1 << 30, Wall: 120 * time.Second},
			}, "-format", "json", ".")
			if r.Code != c.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.Code, c.code, r.Stderr)
			}
			checkTrace(t, traces, allowed)
		})
	}
}

// checkTrace reads the per-process traces strace -ff wrote to dir and
// fails t for every program executed that allowed refuses and every
// connect to an internet address.
func checkTrace(t *testing.T, dir string, allowed func(string) bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "trace.*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("strace wrote no traces: %v", err)
	}
	execve := regexp.MustCompile(`^execve\("([^"]*)".*\) = 0$`)
	ran := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if m := execve.FindStringSubmatch(line); m != nil {
				ran[m[1]] = true
				if !allowed(m[1]) {
					t.Errorf("flylint's process tree ran %s", m[1])
				}
			}
			if strings.HasPrefix(line, "connect(") && (strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_INET6")) {
				t.Errorf("flylint's process tree connected to an internet address: %s", line)
			}
		}
	}
	// The trace saw flylint start: it did not merely see nothing.
	if len(ran) == 0 {
		t.Errorf("strace saw no program start")
	}
}
