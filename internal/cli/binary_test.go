package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The hostile-input tests run the real flylint binary, not Run in this
// process: only a process of its own has a CPU time, a peak memory and
// an exit code that belong to flylint alone, and only a process can be
// killed when it hangs or runs away with memory.

// bound is what one run of the real binary may take.
type bound struct {
	CPU  time.Duration // user+system time of flylint and every process it started
	RSS  int64         // peak resident set of the largest of those processes, bytes
	Wall time.Duration // past this the run is killed and counted a hang
}

// hostileBound is the promise made for every hostile input: done in
// 2 s and 256 MB on a 2-core machine. The 2 s are CPU time, which the
// other tests running beside a row do not inflate; wall time only
// catches a hang (a blocked read uses no CPU), with room for a loaded
// CI machine.
var hostileBound = bound{CPU: 2 * time.Second, RSS: 256 << 20, Wall: 20 * time.Second}

type binOpts struct {
	Dir   string              // working directory; "" = a fresh temp dir
	Env   []string            // KEY=VALUE added to the environment
	Stdin string              // standard input
	Bound bound               // zero value = hostileBound
	Cred  *syscall.Credential // run as this user; Dir's parents are made traversable
	Wrap  []string            // run the binary under this command (strace ...); bounds then include it
}

type binRun struct {
	Code           int
	Stdout, Stderr string
	CPU, Wall      time.Duration
	RSS            int64
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// flylintBinary is cmd/flylint, built once for this test binary.
func flylintBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "flylint-bin-")
		if binErr != nil {
			return
		}
		// Readable by the other users some rows run as.
		if binErr = os.Chmod(binDir, 0o755); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "flylint")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/flylint-dev/flylint/cmd/flylint")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatalf("building flylint: %v", binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	if os.Getenv(measureEnv) != "" {
		os.Exit(measureMain(os.Args[1:]))
	}
	if p := os.Getenv(preludeEnv); p != "" {
		prelude(p, os.Args[1:])
	}
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// runBinary runs the real flylint binary with args and fails t when the
// run breaks its bound.
//
// The run goes through this test binary started afresh as a small
// measuring parent (measureMain): a process started straight from here
// would inherit this test process's peak memory in its rusage (Linux
// carries the parent's high-water mark across a vfork and exec), and
// some rows build inputs of tens of megabytes.
func runBinary(t testing.TB, opts binOpts, args ...string) binRun {
	t.Helper()
	bin := flylintBinary(t)
	b := opts.Bound
	if b == (bound{}) {
		b = hostileBound
	}
	dir := opts.Dir
	if dir == "" {
		dir = t.TempDir()
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	command := append(append(append([]string(nil), opts.Wrap...), bin), args...)
	cmd := exec.Command(self, command...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), opts.Env...),
		measureEnv+"=1",
		measureWallEnv+"="+b.Wall.String(),
	)
	if c := opts.Cred; c != nil {
		traversable(t, dir)
		cmd.Env = append(cmd.Env, measureUIDEnv+"="+strconv.Itoa(int(c.Uid)), measureGIDEnv+"="+strconv.Itoa(int(c.Gid)))
	}
	cmd.Stdin = strings.NewReader(opts.Stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.ExtraFiles = []*os.File{wr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	wr.Close()
	var m measurement
	decErr := json.NewDecoder(rd).Decode(&m)
	rd.Close()
	if err := cmd.Wait(); err != nil || decErr != nil {
		t.Fatalf("measuring flylint %q: %v %v\nstderr: %.2000s", args, err, decErr, stderr.String())
	}
	if m.Error != "" {
		t.Fatalf("measuring flylint %q: %s", args, m.Error)
	}
	r := binRun{Code: m.Code, Stdout: stdout.String(), Stderr: stderr.String(),
		CPU: m.CPU, Wall: m.Wall, RSS: m.RSS}
	switch {
	case m.Killed != "":
		t.Errorf("flylint %q %s: killed after %v (CPU %v, peak RSS %d MB)\nstderr: %.1000s", args, m.Killed, r.Wall, r.CPU, r.RSS>>20, r.Stderr)
	default:
		if r.CPU > b.CPU {
			t.Errorf("flylint %q took %v of CPU; the bound is %v", args, r.CPU, b.CPU)
		}
		if r.RSS > b.RSS {
			t.Errorf("flylint %q peaked at %d MB resident; the bound is %d MB", args, r.RSS>>20, b.RSS>>20)
		}
	}
	return r
}

// traversable lets other users reach dir: t.TempDir makes its parents
// 0700.
func traversable(t testing.TB, dir string) {
	t.Helper()
	tmp := filepath.Clean(os.TempDir())
	for d := filepath.Clean(dir); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, info.Mode().Perm()|0o011); err != nil {
			t.Fatal(err)
		}
	}
}

const (
	measureEnv     = "FLYLINT_TEST_MEASURE"
	measureWallEnv = "FLYLINT_TEST_MEASURE_WALL"
	measureUIDEnv  = "FLYLINT_TEST_MEASURE_UID"
	measureGIDEnv  = "FLYLINT_TEST_MEASURE_GID"
	// runawayRSS stops a run long before it can hurt the machine; the
	// bound asserted afterwards is far lower.
	runawayRSS = 2 << 30
)

// measurement is what measureMain reports on file descriptor 3.
type measurement struct {
	Code   int
	CPU    time.Duration
	Wall   time.Duration
	RSS    int64
	Killed string // why the run was killed, if it was
	Error  string
}

// measureMain runs command with this process's standard files, kills its
// process group when it outlives the wall bound or its resident memory
// passes runawayRSS, and reports what it used on fd 3.
func measureMain(command []string) int {
	report := os.NewFile(3, "measurement")
	var m measurement
	defer func() {
		_ = json.NewEncoder(report).Encode(m)
	}()
	wall, err := time.ParseDuration(os.Getenv(measureWallEnv))
	if err != nil || len(command) == 0 {
		m.Error = fmt.Sprintf("bad measure request: %q %v", command, err)
		return 0
	}
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FLYLINT_TEST_MEASURE") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if u := os.Getenv(measureUIDEnv); u != "" {
		uid, _ := strconv.Atoi(u)
		gid, _ := strconv.Atoi(os.Getenv(measureGIDEnv))
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		m.Error = err.Error()
		return 0
	}
	done := make(chan struct{})
	var killed sync.Mutex
	kill := func(why string) {
		killed.Lock()
		defer killed.Unlock()
		if m.Killed == "" {
			m.Killed = why
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(wall)
		for {
			select {
			case <-done:
				return
			case <-deadline:
				kill(fmt.Sprintf("did not finish within %v (a hang)", wall))
				return
			case <-tick.C:
				if rss := residentBytes(cmd.Process.Pid); rss > runawayRSS {
					kill(fmt.Sprintf("passed %d MB resident (runaway memory)", rss>>20))
					return
				}
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	m.Wall = time.Since(start)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		// The rusage of a reaped child covers the children it reaped in
		// turn: CPU is summed, the peak is the largest of them.
		m.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		m.RSS = ru.Maxrss << 10
	}
	killed.Lock()
	defer killed.Unlock()
	if err != nil && m.Killed == "" {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			m.Error = err.Error()
		}
	}
	m.Code = cmd.ProcessState.ExitCode()
	return 0
}

// residentBytes reads VmRSS of pid; 0 when it cannot.
func residentBytes(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// preludeEnv makes this test binary act as a program that misbehaves
// before it becomes flylint (exec, same process), so TestRunBinaryBounds
// can show each bound is enforced: "alloc:MB", "burn:DURATION" or
// "sleep:DURATION".
const preludeEnv = "FLYLINT_TEST_PRELUDE"

func prelude(what string, command []string) {
	kind, arg, _ := strings.Cut(what, ":")
	switch kind {
	case "alloc":
		mb, _ := strconv.Atoi(arg)
		ballast := bytes.Repeat([]byte{1}, mb<<20)
		runtime.KeepAlive(ballast)
	case "burn":
		// CPU time, not wall time: on a loaded machine a wall-clock loop
		// may get little of the CPU.
		d, _ := time.ParseDuration(arg)
		for n := 0; ownCPU() < d; n++ {
			for range 1000 {
				_ = strconv.Itoa(n)
			}
		}
	case "sleep":
		d, _ := time.ParseDuration(arg)
		time.Sleep(d)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, preludeEnv+"=") {
			env = append(env, kv)
		}
	}
	err := syscall.Exec(command[0], command, env)
	fmt.Fprintln(os.Stderr, "prelude exec:", err)
	os.Exit(99)
}

func ownCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 1 << 62
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// recorder is a testing.TB that keeps the failures runBinary reports
// instead of failing the test, so the harness can be tested.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) said(s string) bool {
	for _, m := range r.msgs {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// TestRunBinaryBounds shows the harness measures what it claims: a run
// that peaks above its memory bound, one that burns CPU past its bound
// and one that hangs are each reported, and a quick run is not.
func TestRunBinaryBounds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "fly.toml", "app = \"x\"\n")
	quick := runBinary(t, binOpts{Dir: dir}, "-format", "json", ".")
	if quick.Code != ExitClean || quick.CPU <= 0 || quick.RSS <= 0 {
		t.Fatalf("quick run: %+v", quick)
	}
	// This test process's own peak must stay out of the child's figure.
	ballast := bytes.Repeat([]byte{1}, 300<<20)
	again := runBinary(t, binOpts{Dir: dir}, "-format", "json", ".")
	if again.RSS > 200<<20 {
		t.Errorf("a 300 MB test process leaks into the child's peak: %d MB", again.RSS>>20)
	}
	_ = ballast[len(ballast)-1]

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		prelude string
		bound   bound
		want    string
	}{
		{"alloc:400", hostileBound, "resident; the bound is 256 MB"},
		{"burn:300ms", bound{CPU: 100 * time.Millisecond, RSS: 1 << 30, Wall: 20 * time.Second}, "of CPU; the bound is 100ms"},
		{"sleep:10s", bound{CPU: time.Second, RSS: 1 << 30, Wall: 500 * time.Millisecond}, "(a hang)"},
	} {
		r := &recorder{TB: t}
		run := runBinary(r, binOpts{Dir: dir, Bound: tt.bound, Env: []string{preludeEnv + "=" + tt.prelude}, Wrap: []string{self}}, "-format", "json", ".")
		if !r.said(tt.want) {
			t.Errorf("%s: runBinary said %q, want %q (run %+v)", tt.prelude, r.msgs, tt.want, run)
		}
	}
}
