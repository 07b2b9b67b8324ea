package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/outfile"
)

// Outputs never destroy (issue 10): these run the real binary on a
// repository and check what is left on disk.

const (
	// fixableToml has one finding, a warning -fix removes.
	fixableToml = "app = \"web\"\n\n[http_service]\n  internal_port = 8080\n  force_http = true\n"
	// fixableDockerfile has one finding -fix removes (single quotes make
	// the CMD a shell command).
	fixableDockerfile = "FROM node:22\nCMD ['node', 'server.js']\n"
)

// fileState is what a test compares of a file before and after a run.
type fileState struct {
	data     string
	mode     fs.FileMode
	uid, gid uint32
	ino      uint64
}

// snapshot records every file under dir (but .git), not following
// symlinks.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return fs.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		st := info.Sys().(*syscall.Stat_t)
		s := fileState{mode: info.Mode(), uid: st.Uid, gid: st.Gid, ino: st.Ino}
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s.data = string(b)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string]fileState) {
	t.Helper()
	for name, b := range before {
		a, ok := after[name]
		switch {
		case !ok:
			t.Errorf("%s is gone", name)
		case a != b:
			t.Errorf("%s changed: %+v, was %+v", name, a, b)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s appeared", name)
		}
	}
}

// repo is a temporary repository holding files.
func repo(t *testing.T, kv ...string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, ".git/HEAD", "")
	files(kv...)(t, dir)
	return dir
}

// An output path that is a linted file, by any name, is refused before
// anything is written: exit 2, every file as it was.
func TestHostileOutputRefusesInputs(t *testing.T) {
	rows := []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
		want  string
	}{
		{"-o fly.toml", nil, []string{"-o", "fly.toml", "."}, "-o fly.toml: refusing to write there: it is one of the files flylint is linting"},
		{"-write-baseline fly.toml", nil, []string{"-write-baseline", "fly.toml", "."}, "-write-baseline fly.toml: refusing"},
		{"-format json -o Dockerfile", nil, []string{"-format", "json", "-o", "Dockerfile", "."}, "-o Dockerfile: refusing"},
		{"-cpuprofile fly.toml", nil, []string{"-cpuprofile", "fly.toml", "."}, "-cpuprofile fly.toml: refusing"},
		{"-memprofile .flylint.toml", nil, []string{"-memprofile", ".flylint.toml", "."}, "-memprofile .flylint.toml: refusing"},
		{"-o the -baseline", func(t *testing.T, dir string) {
			r := runBinary(t, binOpts{Dir: dir}, "-write-baseline", "base.json", ".")
			if r.Code != ExitClean {
				t.Fatalf("-write-baseline: exit %d\n%s", r.Code, r.Stderr)
			}
		}, []string{"-baseline", "base.json", "-o", "base.json", "."}, "-o base.json: refusing"},
		{"-o a hard link of fly.toml", func(t *testing.T, dir string) {
			if err := os.Link(filepath.Join(dir, "fly.toml"), filepath.Join(dir, "report.txt")); err != nil {
				t.Fatal(err)
			}
		}, []string{"-o", "report.txt", "."}, "-o report.txt: refusing to write there: it is fly.toml by another name, which flylint is linting"},
		{"-o a symlink to fly.toml", symlink("fly.toml", "report.txt"), []string{"-o", "report.txt", "."}, "-o report.txt: refusing to write there: it is fly.toml by another name"},
		{"-o a symlink to the Dockerfile's directory entry", symlink("$DIR/Dockerfile", "out/r.json"), []string{"-format", "json", "-o", "out/r.json", "."}, "-o out/r.json: refusing"},
		{"-o a fly.toml too large to read", files("big/fly.toml", "app = \"big\"\n#"+strings.Repeat("x", 11<<20)+"\n"), []string{"-o", "big/fly.toml", "."}, "-o big/fly.toml: refusing"},
		{"-o ./fly.toml by its absolute path", nil, []string{"-o", "$DIR/fly.toml", "."}, "/fly.toml: refusing to write there: it is one of the files flylint is linting"},
		{"-fix -o fly.toml", nil, []string{"-fix", "-o", "fly.toml", "."}, "-o fly.toml: refusing"},
		{"-fix -diff -o Dockerfile", nil, []string{"-fix", "-diff", "-o", "Dockerfile", "."}, "-o Dockerfile: refusing"},
		{"-o main.go", files("go.mod", goModule, "main.go", goMain), []string{"-o", "main.go", "."}, "-o main.go: refusing"},
		{"-o go.sum", files("go.mod", goModule, "main.go", goMain, "go.sum", ""), []string{"-o", "go.sum", "."}, "-o go.sum: refusing"},
		{"-o a hard link of a Go file", with(files("go.mod", goModule, "cmd/srv/main.go", goMain), func(t *testing.T, dir string) {
			if err := os.Link(filepath.Join(dir, "cmd/srv/main.go"), filepath.Join(dir, "report.txt")); err != nil {
				t.Fatal(err)
			}
		}), []string{"-o", "report.txt", "."}, "-o report.txt: refusing to write there: it is cmd/srv/main.go by another name"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			dir := repo(t, "fly.toml", fixableToml, "Dockerfile", fixableDockerfile, ".flylint.toml", "fail-on = \"error\"\n")
			if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
				t.Fatal(err)
			}
			if row.setup != nil {
				row.setup(t, dir)
			}
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				warmGo(t)
			}
			before := snapshot(t, dir)
			args := append([]string(nil), row.args...)
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "$DIR", dir)
			}
			r := runBinary(t, binOpts{Dir: dir}, args...)
			if r.Code != ExitUsage || !strings.Contains(r.Stderr, row.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.Code, r.Stderr, row.want)
			}
			if strings.Contains(r.Stderr, "fixed ") {
				t.Errorf("-fix wrote files although the run was refused:\n%s", r.Stderr)
			}
			sameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// A device or FIFO is written through, as a shell redirection would,
// never replaced.
func TestHostileOutputDevices(t *testing.T) {
	dir := repo(t, "fly.toml", fixableToml)
	for _, flagName := range []string{"-o", "-write-baseline", "-cpuprofile", "-memprofile"} {
		r := runBinary(t, binOpts{Dir: dir}, flagName, os.DevNull, ".")
		if r.Code > ExitFindings {
			t.Errorf("%s /dev/null: exit %d\n%s", flagName, r.Code, r.Stderr)
		}
		if info, err := os.Stat(os.DevNull); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("after %s /dev/null, /dev/null is %v (%v)", flagName, info, err)
		}
	}

	fifoPath := filepath.Join(t.TempDir(), "report.fifo")
	if err := syscall.Mkfifo(fifoPath, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifoPath)
		if err != nil {
			got <- []byte(err.Error())
			return
		}
		b, _ := io.ReadAll(f)
		_ = f.Close()
		got <- b
	}()
	r := runBinary(t, binOpts{Dir: dir}, "-format", "json", "-o", fifoPath, ".")
	if r.Code != ExitFindings {
		t.Errorf("-o FIFO: exit %d\n%s", r.Code, r.Stderr)
	}
	var report struct {
		Diagnostics []struct{ Rule string }
	}
	b := <-got
	if err := json.Unmarshal(b, &report); err != nil || len(report.Diagnostics) != 1 || report.Diagnostics[0].Rule != "unknown-key" {
		t.Errorf("the FIFO's reader got %.300q (%v)", b, err)
	}
	if info, err := os.Lstat(fifoPath); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v (%v)", info, err)
	}

	// /dev/stdout is the test's pipe here: written through, the report
	// arrives on stdout.
	r = runBinary(t, binOpts{Dir: dir}, "-format", "json", "-o", "/dev/stdout", ".")
	if r.Code != ExitFindings || !strings.Contains(r.Stdout, `"rule": "unknown-key"`) {
		t.Errorf("-o /dev/stdout: exit %d, stdout %.300q, stderr %s", r.Code, r.Stdout, r.Stderr)
	}
}

// Every output error names the user's path and the real reason, never
// a temporary file.
func TestHostileOutputErrors(t *testing.T) {
	nobody := &syscall.Credential{Uid: 65534, Gid: 65534}
	rows := []struct {
		name  string
		setup func(t *testing.T, dir string)
		cred  *syscall.Credential
		args  []string
		want  string
	}{
		{"-o a directory", mkdir("out"), nil, []string{"-o", "out", "."}, "-o out: is a directory"},
		{"-cpuprofile a directory", mkdir("out"), nil, []string{"-cpuprofile", "out", "."}, "-cpuprofile out: is a directory"},
		{"-write-baseline into a missing directory", nil, nil, []string{"-write-baseline", "no/such/b.json", "."}, "-write-baseline no/such/b.json: directory no/such does not exist"},
		{"-memprofile into a missing directory", nil, nil, []string{"-memprofile", "no/mem.pprof", "."}, "-memprofile no/mem.pprof: directory no does not exist"},
		{"-o under a file", nil, nil, []string{"-o", "fly.toml/r.txt", "."}, "-o fly.toml/r.txt: fly.toml is not a directory"},
		{"-o a full disk", nil, nil, []string{"-o", "/dev/full", "."}, "-o /dev/full: no space left on device"},
		{"-o a dangling symlink", symlink("nowhere/r.txt", "r.txt"), nil, []string{"-o", "r.txt", "."}, "-o r.txt: is a symlink to nowhere/r.txt, which cannot be followed: no such file or directory"},
		{"-o into a read-only directory", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "ro"), 0o555); err != nil {
				t.Fatal(err)
			}
		}, nobody, []string{"-o", "ro/r.txt", "."}, "-o ro/r.txt: cannot create a file in directory ro: permission denied"},
		{"-o over another user's file", func(t *testing.T, dir string) {
			write(t, dir, "out/r.txt", "root's\n")
			if err := os.Chmod(filepath.Join(dir, "out"), 0o777); err != nil {
				t.Fatal(err)
			}
		}, nobody, []string{"-o", "out/r.txt", "."}, "-o out/r.txt: cannot give the new file the owner and group of the old one (uid 0, gid 0): operation not permitted; flylint left it unchanged"},
		{"-fix another user's file", func(t *testing.T, dir string) {
			if err := os.Chmod(dir, 0o777); err != nil {
				t.Fatal(err)
			}
		}, nobody, []string{"-fix", "."}, "-fix: fly.toml: is owned by uid 0, and flylint, running as uid 65534, could not give the fixed file that owner, so it left it alone (run -fix as that user)\nflylint fixed no file"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			if row.cred != nil && os.Geteuid() != 0 {
				t.Skip("needs root to run flylint as another user")
			}
			dir := repo(t, "fly.toml", fixableToml)
			if row.setup != nil {
				row.setup(t, dir)
			}
			if row.cred != nil {
				if err := os.Chmod(dir, 0o777); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			r := runBinary(t, binOpts{Dir: dir, Cred: row.cred}, row.args...)
			if want := "flylint: " + row.want + "\n"; r.Code != ExitUsage || withoutSummary(r.Stderr) != want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", r.Code, r.Stderr, want)
			}
			sameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// -fix keeps the owner, group and mode of the file it fixes.
func TestHostileFixKeepsOwnerAndMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file to another user")
	}
	dir := repo(t, "fly.toml", fixableToml)
	p := filepath.Join(dir, "fly.toml")
	if err := os.Chown(p, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	r := runBinary(t, binOpts{Dir: dir}, "-fix", ".")
	if r.Code != ExitClean || r.Stderr != "fixed fly.toml\n" {
		t.Fatalf("-fix: exit %d\n%s", r.Code, r.Stderr)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 65534 || st.Gid != 65534 || info.Mode() != 0o640 {
		t.Errorf("after -fix: owner %d:%d mode %v; want 65534:65534 and 0640", st.Uid, st.Gid, info.Mode())
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "force_https = true") {
		t.Errorf("not fixed:\n%s", b)
	}
}

// -fix refuses a file with several hard links: replacing it would
// split the link silently, writing in place could tear it, and in place
// it would also change every other name (a cp -al backup, say). The
// refusal comes before any file is written.
func TestHostileFixHardLink(t *testing.T) {
	dir := repo(t, "fly.toml", fixableToml, "Dockerfile", fixableDockerfile)
	if err := os.Link(filepath.Join(dir, "fly.toml"), filepath.Join(dir, "backup.toml")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	r := runBinary(t, binOpts{Dir: dir}, "-fix", ".")
	want := "flylint: -fix: fly.toml: has 2 hard links: replacing it would leave the other names with the old content"
	if r.Code != ExitUsage || !strings.HasPrefix(r.Stderr, want) || !strings.HasSuffix(r.Stderr, "\nflylint fixed no file\n") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.Code, r.Stderr, want)
	}
	sameSnapshot(t, before, snapshot(t, dir))
	// -fix -diff writes nothing, so it shows the fix all the same.
	r = runBinary(t, binOpts{Dir: dir}, "-fix", "-diff", ".")
	if r.Code != ExitClean || !strings.Contains(r.Stdout, "+  force_https = true") {
		t.Errorf("-fix -diff: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
}

// -fix exits as a lint of the fixed files would, honouring -fail-on,
// and prints what remains in the chosen format; -fix -diff exits the
// same and prints only the diff.
func TestHostileFixExitCodes(t *testing.T) {
	// An info finding -fix cannot remove (raw TCP on a shared IPv4).
	const rawTCP = "\n[[services]]\n  internal_port = 7000\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = 7000\n"
	rows := []struct {
		name, toml string
		args       []string
		code       int
		remains    string // in the report after -fix; "" = nothing
	}{
		{"all fixed", fixableToml, nil, ExitClean, ""},
		{"all fixed, -fail-on info", fixableToml, []string{"-fail-on", "info"}, ExitClean, ""},
		{"an info remains", fixableToml + rawTCP, nil, ExitClean, "[raw-tcp-on-shared-ipv4]"},
		{"an info remains, -fail-on info", fixableToml + rawTCP, []string{"-fail-on", "info"}, ExitFindings, "[raw-tcp-on-shared-ipv4]"},
		{"an error remains", strings.Replace(fixableToml, "8080", "0", 1), nil, ExitFindings, "[port-out-of-range]"},
		{"an unfixable warning remains", fixableToml + "  frobnicate = 1\n", nil, ExitFindings, `"frobnicate" is not a key`},
		{"an unfixable warning remains, -fail-on error", fixableToml + "  frobnicate = 1\n", []string{"-fail-on", "error"}, ExitClean, `"frobnicate" is not a key`},
		{"json", fixableToml + "  frobnicate = 1\n", []string{"-format", "json"}, ExitFindings, `"message": "\"frobnicate\" is not a key`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			dir := repo(t, "fly.toml", row.toml)
			diff := runBinary(t, binOpts{Dir: dir}, append(append([]string{"-fix", "-diff"}, row.args...), ".")...)
			if diff.Code != row.code || !strings.HasPrefix(diff.Stdout, "--- a/fly.toml\n") || row.remains != "" && strings.Contains(diff.Stdout, row.remains) {
				t.Errorf("-fix -diff: exit %d, want %d; stdout:\n%s", diff.Code, row.code, diff.Stdout)
			}
			fixed := runBinary(t, binOpts{Dir: dir}, append(append([]string{"-fix"}, row.args...), ".")...)
			if fixed.Code != row.code || withoutSummary(fixed.Stderr) != "fixed fly.toml\n" {
				t.Errorf("-fix: exit %d, want %d; stderr:\n%s", fixed.Code, row.code, fixed.Stderr)
			}
			if row.remains == "" && fixed.Stdout != "" && !strings.Contains(fixed.Stdout, `"diagnostics": []`) {
				t.Errorf("-fix left findings:\n%s", fixed.Stdout)
			}
			if !strings.Contains(fixed.Stdout, row.remains) || strings.Contains(fixed.Stdout, "force_http") {
				t.Errorf("-fix report, want %q and no force_http:\n%s", row.remains, fixed.Stdout)
			}
			after := runBinary(t, binOpts{Dir: dir}, append(append([]string{}, row.args...), ".")...)
			if after.Code != fixed.Code || after.Stdout != fixed.Stdout {
				t.Errorf("the lint after -fix: exit %d\n%s\n-fix: exit %d\n%s", after.Code, after.Stdout, fixed.Code, fixed.Stdout)
			}
		})
	}
}

// A fly.toml over 256 KB gets its fix; a report still skips proving
// fixes for it.
func TestHostileFixLargeFlyToml(t *testing.T) {
	var b strings.Builder
	b.WriteString(fixableToml + "\n[env]\n")
	for i := 0; b.Len() < 300<<10; i++ {
		b.WriteString("  VAR_" + itoa(100000+i) + " = \"" + strings.Repeat("x", 40) + "\"\n")
	}
	dir := repo(t, "fly.toml", b.String())
	r := runBinary(t, binOpts{Dir: dir}, "-fix", ".")
	if r.Code != ExitClean || r.Stderr != "fixed fly.toml\n" {
		t.Fatalf("-fix: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "fly.toml"))
	if err != nil || string(data) != strings.Replace(b.String(), "force_http ", "force_https ", 1) {
		t.Errorf("fly.toml after -fix is not the original with the one fix (%v)", err)
	}
}

// flylintTemps lists flylint's temporary files under dir.
func flylintTemps(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.Contains(e.Name(), outfile.TempMark) || strings.Contains(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

// SIGINT or SIGTERM during -fix of a large file leaves no temporary
// file, and the Dockerfile whole: old or new, nothing between. The
// signal is sent once the temporary file is seen, so it lands while the
// file is being written (the window a crash used to leave 9 MB of
// .Dockerfile.tmp* behind); the run then dies of the signal.
func TestHostileFixSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 9 MB Dockerfile many times")
	}
	bin := flylintBinary(t)
	old := "FROM node:22\n" + strings.Repeat("# "+strings.Repeat("padding ", 12)+"\n", 9<<20/100) + "CMD ['node', 'server.js']\n"
	fixed := strings.Replace(old, "['node', 'server.js']", `["node", "server.js"]`, 1)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		hit := 0
		for i := 0; i < 15 && hit < 3; i++ {
			dir := repo(t, "fly.toml", httpApp, "Dockerfile", old)
			cmd := exec.Command(bin, "-fix", "-go", "off", ".")
			cmd.Dir = dir
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			seen := false
			deadline := time.After(20 * time.Second)
		poll:
			for {
				select {
				case <-done:
					t.Fatalf("%v: flylint ended before its temporary file was seen", sig)
				case <-deadline:
					break poll
				default:
				}
				if len(flylintTemps(t, dir)) > 0 {
					seen = true
					break
				}
				time.Sleep(50 * time.Microsecond)
			}
			_ = cmd.Process.Signal(sig)
			err := <-done
			var ee *exec.ExitError
			signaled := errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() && ee.Sys().(syscall.WaitStatus).Signal() == sig
			if seen && !signaled && err != nil {
				t.Errorf("%v during the write: flylint ended with %v, not by the signal", sig, err)
			}
			if seen && signaled {
				hit++
			}
			if left := flylintTemps(t, dir); len(left) > 0 {
				t.Errorf("%v (temp file seen %v): left %q", sig, seen, left)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); string(b) != old && string(b) != fixed {
				t.Errorf("%v: the Dockerfile is torn (%d bytes)", sig, len(b))
			}
		}
		if hit == 0 {
			t.Errorf("%v never landed while the temporary file was being written", sig)
		}
	}
}

// A temporary file left by a killed run (SIGKILL cannot be caught) is
// removed by the next run that writes in its directory; one a
// concurrent run is still writing (it holds the lock) is not, nor a
// file that only looks like one.
func TestHostileFixRemovesStaleTemps(t *testing.T) {
	dir := repo(t, "fly.toml", fixableToml,
		".fly.toml"+outfile.TempMark+"123456.tmp", "left by a killed run",
		".Dockerfile"+outfile.TempMark+"777.tmp", "being written",
		".Dockerfile.tmp19232155", "not named as flylint names its files",
		"notes.tmp", "the user's")
	live, err := os.Open(filepath.Join(dir, ".Dockerfile"+outfile.TempMark+"777.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := syscall.Flock(int(live.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	r := runBinary(t, binOpts{Dir: dir}, "-fix", ".")
	if r.Code != ExitClean {
		t.Fatalf("-fix: exit %d\n%s", r.Code, r.Stderr)
	}
	got := strings.Join(flylintTemps(t, dir), " ")
	if want := ".Dockerfile" + outfile.TempMark + "777.tmp .Dockerfile.tmp19232155 notes.tmp"; got != want {
		t.Errorf("left %q, want %q", got, want)
	}
}

// fullDisk mounts a small tmpfs at a new directory and fills it, after
// setup has put its files there; it is unmounted at the end of the test.
func fullDisk(t *testing.T, setup func(dir string)) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	setup(dir)
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := bytes.Repeat([]byte("x"), 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// A byte at a time, so that not even a small write still fits.
	for {
		if _, err := f.Write(block[:1]); err != nil {
			break
		}
	}
	return dir
}

// On a full disk the old file stays whole, no temporary file is left,
// and the error says so with the user's path.
func TestHostileOutputFullDisk(t *testing.T) {
	t.Run("-o", func(t *testing.T) {
		app := repo(t, "fly.toml", fixableToml)
		disk := fullDisk(t, func(dir string) { write(t, dir, "report.json", "the old report\n") })
		before := snapshot(t, disk)
		out := filepath.Join(disk, "report.json")
		r := runBinary(t, binOpts{Dir: app}, "-format", "json", "-o", out, ".")
		if want := "flylint: -o " + out + ": no space left on device\n"; r.Code != ExitUsage || r.Stderr != want {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.Code, r.Stderr, want)
		}
		sameSnapshot(t, before, snapshot(t, disk))
	})
	t.Run("-fix", func(t *testing.T) {
		disk := fullDisk(t, func(dir string) {
			write(t, dir, ".git/HEAD", "")
			write(t, dir, "fly.toml", fixableToml)
		})
		before := snapshot(t, disk)
		r := runBinary(t, binOpts{Dir: disk}, "-fix", ".")
		if want := "flylint: -fix: fly.toml: no space left on device\n"; r.Code != ExitUsage || r.Stderr != want {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.Code, r.Stderr, want)
		}
		sameSnapshot(t, before, snapshot(t, disk))
	})
}
