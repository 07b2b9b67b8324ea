package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// oneApp is the -one-app mode: the cost of linting one app, the way a
// pre-commit hook or CI step runs flylint, on every corpus app that has no
// package.json, for the current binary and the -before one (or one built
// from -before-commit). The two run alternately, app by app, and which
// goes first flips every round, so both see the same machine load; what
// is compared is each round's summed CPU time (user+system), the figure
// least moved by the other processes on a shared machine.
func oneApp(o options, tmp string) error {
	if o.before == "" && o.beforeCommit == "" {
		return errors.New("-one-app needs -before BINARY or -before-commit COMMIT to compare with")
	}
	if o.beforeCommit != "" {
		bin, err := buildCommit(o.beforeCommit, tmp)
		if err != nil {
			return err
		}
		o.before = bin
	}
	// Both binaries are measured from fresh copies written the same way.
	// How a file came to be in the page cache changes every exec's system
	// time: the same binary as `go build` wrote it took 7.5 ms CPU per
	// `flylint version`, a plain copy of it 5.7 ms (300 alternating runs),
	// and two copies made at different times differed by 16%. Without the
	// copies the comparison partly measured the files' histories.
	var err error
	if o.bin, err = copyBinary(o.bin, tmp, "current"); err != nil {
		return err
	}
	if o.before, err = copyBinary(o.before, tmp, "before"); err != nil {
		return err
	}
	apps, err := appsWithoutJS(o.corpus)
	if err != nil {
		return err
	}
	rounds := o.runs
	fmt.Printf("One-app runs (flylint -go off <app>) on %d corpus apps without package.json; %d CPUs; %d rounds\n", len(apps), cpus(), rounds)
	fmt.Printf("  current: %s\n  before:  %s\n", o.bin, o.before)
	var ratios, wallRatios []float64
	var curCPU, befCPU, curWall, befWall time.Duration
	var faults [2]int64 // 0 current, 1 before, over all rounds
	for r := range rounds {
		var cpu, wall [2]time.Duration // 0 current, 1 before
		for _, app := range apps {
			order := []int{0, 1}
			if r%2 == 1 {
				order = []int{1, 0}
			}
			for _, which := range order {
				bin := o.bin
				if which == 1 {
					bin = o.before
				}
				w, c, f, err := runOnce(bin, "-go", "off", app)
				if err != nil {
					return err
				}
				wall[which] += w
				cpu[which] += c
				faults[which] += f
			}
		}
		ratios = append(ratios, float64(cpu[0])/float64(cpu[1]))
		wallRatios = append(wallRatios, float64(wall[0])/float64(wall[1]))
		curCPU, befCPU, curWall, befWall = curCPU+cpu[0], befCPU+cpu[1], curWall+wall[0], befWall+wall[1]
		fmt.Printf("  round %d: CPU %s vs %s (%.3fx), wall %s vs %s\n", r+1, cpu[0].Round(time.Millisecond), cpu[1].Round(time.Millisecond),
			ratios[r], wall[0].Round(time.Millisecond), wall[1].Round(time.Millisecond))
	}
	slices.Sort(ratios)
	slices.Sort(wallRatios)
	n := len(apps) * rounds
	fmt.Printf("current / before, CPU: %.3fx over all rounds, median round %.3fx (range %.3f-%.3f); wall: median round %.3fx\n",
		float64(curCPU)/float64(befCPU), ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1], wallRatios[len(wallRatios)/2])
	fmt.Printf("per app run: current %s CPU, before %s CPU\n", (curCPU / time.Duration(n)).Round(10*time.Microsecond), (befCPU / time.Duration(n)).Round(10*time.Microsecond))
	// Most of a ~10 ms run's system time is the kernel filling pages
	// (binary, heap, stacks) on first touch, so the minor page faults are
	// the figure to watch when start-up grows: they do not vary with load.
	fmt.Printf("minor page faults per app run: current %d, before %d (%.3fx)\n", faults[0]/int64(n), faults[1]/int64(n), float64(faults[0])/float64(faults[1]))
	// The same number of `flylint version` runs, alternating the same
	// way, is what starting the binary costs (loading it, package init):
	// the part of a one-app run that does not depend on the app.
	var start [2]time.Duration
	for r := range n {
		order := []string{o.bin, o.before}
		if r%2 == 1 {
			order = []string{o.before, o.bin}
		}
		for _, bin := range order {
			_, c, _, err := runOnce(bin, "version")
			if err != nil {
				return err
			}
			if bin == o.bin {
				start[0] += c
			} else {
				start[1] += c
			}
		}
	}
	fmt.Printf("start-up alone (flylint version, %d runs each): current %s CPU, before %s CPU per run (%.3fx)\n", n,
		(start[0] / time.Duration(n)).Round(10*time.Microsecond), (start[1] / time.Duration(n)).Round(10*time.Microsecond), float64(start[0])/float64(start[1]))
	return nil
}

// runOnce runs bin with args and returns its wall and CPU time and its
// minor page faults. Exit status 1 (findings) is the expected case.
func runOnce(bin string, args ...string) (wall, cpu time.Duration, faults int64, err error) {
	c := exec.Command(bin, args...)
	start := time.Now()
	err = c.Run()
	wall = time.Since(start)
	var ee *exec.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.ExitCode() != 1) {
		return 0, 0, 0, fmt.Errorf("%s %v: %w", bin, args, err)
	}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		faults = ru.Minflt
	}
	return wall, cpu, faults, nil
}

// appsWithoutJS lists the corpus app directories with a fly.toml and no
// package.json.
func appsWithoutJS(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var out []string
	for _, e := range entries {
		app := filepath.Join(dir, e.Name())
		if !e.IsDir() || !exists(filepath.Join(app, "fly.toml")) || exists(filepath.Join(app, "package.json")) {
			continue
		}
		abs, err := filepath.Abs(app)
		if err != nil {
			return nil, err
		}
		out = append(out, abs)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no app without package.json", dir)
	}
	return out, nil
}

// buildCommit builds ./cmd/flylint as it was at commit, from `git
// archive` into tmp: no worktree, nothing in the repository changes.
func buildCommit(commit, tmp string) (string, error) {
	src := filepath.Join(tmp, "src-"+commit)
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("git", "archive", "--format=tar", commit)
	untar := exec.Command("tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	untar.Stdin = pipe
	var stderr bytes.Buffer
	archive.Stderr = &stderr
	if err := untar.Start(); err != nil {
		return "", err
	}
	if err := archive.Run(); err != nil {
		return "", fmt.Errorf("git archive %s: %w\n%s", commit, err, stderr.String())
	}
	if err := untar.Wait(); err != nil {
		return "", fmt.Errorf("tar: %w", err)
	}
	bin := filepath.Join(tmp, "flylint-"+commit)
	build := exec.Command("go", "build", "-o", bin, "./cmd/flylint")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build at %s: %w\n%s", commit, err, out)
	}
	return bin, nil
}

// copyBinary writes a copy of the executable bin into dir, with plain
// writes, and returns its path (see oneApp).
func copyBinary(bin, dir, name string) (string, error) {
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "measured-"+name)
	if err := os.WriteFile(out, data, 0o755); err != nil {
		return "", err
	}
	return out, nil
}
