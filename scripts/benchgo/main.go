// Command benchgo compares flylint's Go analysis with `go vet` on the same
// modules, in the same run, and prints the ratio flylint/go vet of the
// median times, warm (build cache filled) and cold (a fresh GOCACHE for
// each tool on each cold run), with the peak resident memory of each.
//
// The modules are every directory under rules/testdata and testdata that
// holds a go.mod, any given with -dir, and a generated module of -gen
// packages using net/http, flag, os.Getenv and fmt.Sprintf, so that the
// ratio is not only the go command's start-up. flylint runs with -enable
// set to the rules that have Go fixtures.
//
//	go run ./scripts/benchgo                  # about two minutes
//	go run ./scripts/benchgo -runs 5 -cold 3 -cold-all
//	go run ./scripts/benchgo -before /path/to/older/flylint   # an older build in the same runs
//	go run ./scripts/benchgo -no-fixtures -gen 0 -vettool -dir DIR1,DIR2   # real modules
//
// With -vettool it also times `go vet -vettool=flylint-vet ./...`: the same
// analyzers behind go vet's own driver, whose per-package results go vet
// caches, so a warm run there mostly measures that cache.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

type dirList []string

func (d *dirList) String() string { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s != "" {
			*d = append(*d, s)
		}
	}
	return nil
}

type config struct {
	runs, cold, gen int
	coldAll         bool
	noFixtures      bool
	dirs            dirList
	bin             string
	before          string // another flylint binary, measured in the same runs
	vettool         bool   // also time go vet -vettool=flylint-vet
}

func main() {
	var c config
	flag.IntVar(&c.runs, "runs", 3, "warm runs of each tool per module; the median is reported")
	flag.IntVar(&c.cold, "cold", 1, "cold runs (fresh GOCACHE) of each tool per cold module; 0 skips them")
	flag.BoolVar(&c.coldAll, "cold-all", false, "run the cold measurement on every module, not only the generated one and -dir ones")
	flag.IntVar(&c.gen, "gen", 50, "packages in the generated module; 0 skips it")
	flag.BoolVar(&c.noFixtures, "no-fixtures", false, "skip the modules under rules/testdata and testdata")
	flag.Var(&c.dirs, "dir", "extra module `dirs`, comma-separated or repeated")
	flag.StringVar(&c.bin, "flylint", "", "flylint binary (default: build ./cmd/flylint)")
	flag.BoolVar(&c.vettool, "vettool", false, "also time `go vet -vettool=flylint-vet ./...` (built from ./cmd/flylint-vet)")
	flag.StringVar(&c.before, "before", "", "another flylint binary (say, built from an earlier commit) to measure in the same runs as the current one")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "benchgo:", err)
		os.Exit(1)
	}
}

// module is one benchmarked directory and its measurements.
type module struct {
	name, dir string
	app       string // where flylint runs: dir, or the app above it whose Dockerfile copies it in
	cold      bool
	vet, lint measurement
	before    measurement // the -before binary, when given
	vettool   measurement // go vet -vettool=flylint-vet, with -vettool
}

type measurement struct {
	warm, cold []sample
	peakKB     int64 // largest Maxrss over every run, warm and cold
}

// sample is one run: wall time, and CPU time (user+system of the tool
// and the processes it waited for), which a busy machine disturbs less.
type sample struct {
	wall, cpu time.Duration
}

func run(c config) error {
	tmp, err := os.MkdirTemp("", "flylint-benchgo-")
	if err != nil {
		return err
	}
	defer func() {
		if err := removeAll(tmp); err != nil {
			fmt.Fprintln(os.Stderr, "benchgo: cleanup:", err)
		}
	}()
	if c.bin == "" {
		c.bin = filepath.Join(tmp, "flylint")
		if out, err := exec.Command("go", "build", "-o", c.bin, "./cmd/flylint").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/flylint: %w\n%s", err, out)
		}
	}
	var vettoolBin string
	if c.vettool {
		vettoolBin = filepath.Join(tmp, "flylint-vet")
		if out, err := exec.Command("go", "build", "-o", vettoolBin, "./cmd/flylint-vet").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/flylint-vet: %w\n%s", err, out)
		}
	}
	rules, err := goRules("rules/testdata")
	if err != nil {
		return err
	}
	var mods []*module
	if !c.noFixtures {
		for _, root := range []string{"rules/testdata", "testdata"} {
			dirs, err := moduleDirs(root)
			if err != nil {
				return err
			}
			for _, d := range dirs {
				mods = append(mods, &module{name: d, dir: d, app: appDir(d, root), cold: c.coldAll})
			}
		}
	}
	for _, d := range c.dirs {
		mods = append(mods, &module{name: d, dir: d, app: d, cold: true})
	}
	if c.gen > 0 {
		d := filepath.Join(tmp, "gen")
		if err := generate(d, c.gen); err != nil {
			return err
		}
		mods = append(mods, &module{name: fmt.Sprintf("generated (%d packages)", c.gen), dir: d, app: d, cold: true})
	}
	if len(mods) == 0 {
		return errors.New("no modules to measure")
	}
	fmt.Fprintf(os.Stderr, "flylint -enable %s\n", strings.Join(rules, ","))

	vet := func(dir, gocache string) *exec.Cmd {
		cmd := exec.Command("go", "vet", "./...")
		cmd.Dir = dir
		cmd.Env = env(gocache)
		return cmd
	}
	vetWith := func(dir, gocache string) *exec.Cmd {
		cmd := exec.Command("go", "vet", "-vettool="+vettoolBin, "./...")
		cmd.Dir = dir
		cmd.Env = env(gocache)
		return cmd
	}
	flylint := func(bin string) func(dir, gocache string) *exec.Cmd {
		return func(dir, gocache string) *exec.Cmd {
			abs, _ := filepath.Abs(dir)
			cmd := exec.Command(bin, "-enable", strings.Join(rules, ","), abs)
			cmd.Env = env(gocache)
			return cmd
		}
	}
	lint := flylint(c.bin)
	type tool struct {
		name string
		m    func(*module) *measurement
		cmd  func(string, string) *exec.Cmd
		dir  func(*module) string
	}
	// The tools take turns in every round, so that a burst of load on the
	// machine hits them all.
	tools := []tool{
		{"go vet", func(m *module) *measurement { return &m.vet }, vet, func(m *module) string { return m.dir }},
		{"flylint", func(m *module) *measurement { return &m.lint }, lint, func(m *module) string { return m.app }},
	}
	if c.before != "" {
		tools = append(tools, tool{"flylint -before", func(m *module) *measurement { return &m.before }, flylint(c.before), func(m *module) string { return m.app }})
	}
	if c.vettool {
		tools = append(tools, tool{"go vet -vettool", func(m *module) *measurement { return &m.vettool }, vetWith, func(m *module) string { return m.dir }})
	}

	for _, m := range mods {
		fmt.Fprintf(os.Stderr, "%s: warm", m.name)
		// One untimed run of each fills the build cache.
		for _, t := range tools {
			if _, _, err := measure(t.cmd(t.dir(m), "")); err != nil {
				return fmt.Errorf("%s: %s: %w", m.name, t.name, err)
			}
		}
		for range c.runs {
			for _, t := range tools {
				if err := t.m(m).add(&t.m(m).warm, t.cmd(t.dir(m), "")); err != nil {
					return fmt.Errorf("%s: %s: %w", m.name, t.name, err)
				}
			}
		}
		if m.cold {
			for range c.cold {
				fmt.Fprint(os.Stderr, ", cold")
				for _, t := range tools {
					cache, err := os.MkdirTemp(tmp, "gocache-")
					if err != nil {
						return err
					}
					if err := t.m(m).add(&t.m(m).cold, t.cmd(t.dir(m), cache)); err != nil {
						return fmt.Errorf("%s: %s: %w", m.name, t.name, err)
					}
					if err := removeAll(cache); err != nil {
						return err
					}
				}
			}
		}
		fmt.Fprintln(os.Stderr)
	}
	report(mods, c)
	return nil
}

func (m *measurement) add(into *[]sample, cmd *exec.Cmd) error {
	s, kb, err := measure(cmd)
	if err != nil {
		return err
	}
	*into = append(*into, s)
	m.peakKB = max(m.peakKB, kb)
	return nil
}

// measure runs cmd and returns its times and peak RSS. On Linux the
// rusage of a waited-for child covers its own waited-for descendants: the
// CPU time is the whole tree's, and the peak is that of the largest
// process in the tree (the compiler or a vet process for go vet; flylint,
// go list or the compiler for flylint).
func measure(cmd *exec.Cmd) (sample, int64, error) {
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil // findings (flylint) or vet reports are not failures
	}
	if err != nil {
		return sample{}, 0, fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var kb int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = ru.Maxrss // kilobytes on Linux
	}
	return sample{wall: d, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, kb, nil
}

func env(gocache string) []string {
	// No network and no toolchain switch: both tools see the same modules.
	e := append(os.Environ(), "GOTOOLCHAIN=local", "GOPROXY=off")
	if gocache != "" {
		e = append(e, "GOCACHE="+gocache)
	}
	return e
}

func report(mods []*module, c config) {
	fmt.Printf("flylint/go vet, median of %d warm runs and %d cold runs (fresh GOCACHE per tool and run).\n", c.runs, c.cold)
	fmt.Printf("wall: elapsed time; cpu: user+system time of the tool and its child processes; peak RSS: largest process of each tool.\n\n")
	fmt.Printf("%-52s %7s %7s %6s %6s   %7s %7s %6s %6s   %5s %7s\n", "module", "vet", "flylint", "wall", "cpu", "vet", "flylint", "wall", "cpu", "vet", "flylint")
	fmt.Printf("%-52s %29s   %29s   %13s\n", "", "warm (wall s, ratios)", "cold (wall s, ratios)", "peak RSS MB")
	var vet, before, vt ratioLists // flylint over go vet and over the -before binary; -vettool over go vet
	for _, m := range mods {
		lw, vw, ww, wc := compare(m.lint.warm, m.vet.warm)
		vet.add(warm, ww, wc)
		coldCols := fmt.Sprintf("%7s %7s %6s %6s", "-", "-", "-", "-")
		if len(m.vet.cold) > 0 {
			lc, vc, cw, cc := compare(m.lint.cold, m.vet.cold)
			vet.add(cold, cw, cc)
			coldCols = fmt.Sprintf("%7.2f %7.2f %5.2fx %5.2fx", vc.wall.Seconds(), lc.wall.Seconds(), cw, cc)
		}
		vt.addRatios(warm, m.vettool.warm, m.vet.warm)
		vt.addRatios(cold, m.vettool.cold, m.vet.cold)
		before.addRatios(warm, m.lint.warm, m.before.warm)
		before.addRatios(cold, m.lint.cold, m.before.cold)
		fmt.Printf("%-52s %7.2f %7.2f %5.2fx %5.2fx   %s   %5d %7d\n", trim(m.name, 52), vw.wall.Seconds(), lw.wall.Seconds(), ww, wc, coldCols, m.vet.peakKB/1024, m.lint.peakKB/1024)
	}
	fmt.Println()
	for i, what := range []string{"warm wall", "warm cpu", "cold wall", "cold cpu"} {
		summary(what, "flylint/go vet", vet[i])
	}
	if c.vettool {
		fmt.Println()
		for _, m := range mods {
			line := fmt.Sprintf("%-52s warm cpu %5.2fx", trim(m.name, 52), cpuRatio(m.vettool.warm, m.vet.warm))
			if len(m.vettool.cold) > 0 {
				line += fmt.Sprintf("   cold cpu %5.2fx", cpuRatio(m.vettool.cold, m.vet.cold))
			}
			fmt.Println(line)
		}
		for i, what := range []string{"warm wall", "warm cpu", "cold wall", "cold cpu"} {
			summary(what, "go vet -vettool=flylint-vet/go vet", vt[i])
		}
	}
	if c.before != "" {
		fmt.Println()
		for i, what := range []string{"warm wall", "warm cpu", "cold wall", "cold cpu"} {
			summary(what, "flylint/-before", before[i])
		}
		var peak [2]int64
		for _, m := range mods {
			peak[0], peak[1] = max(peak[0], m.lint.peakKB), max(peak[1], m.before.peakKB)
		}
		fmt.Printf("peak RSS over every module: flylint %d MB, -before %d MB\n", peak[0]/1024, peak[1]/1024)
	}
}

// ratioLists holds one ratio per module for warm wall, warm cpu, cold
// wall and cold cpu, in that order.
type ratioLists [4][]float64

const (
	warm = 0 // index of the warm pair in ratioLists
	cold = 2 // index of the cold pair
)

func (r *ratioLists) add(at int, wall, cpu float64) {
	r[at], r[at+1] = append(r[at], wall), append(r[at+1], cpu)
}

// addRatios adds the ratios of num's medians over den's, unless one of
// them was not measured (no -vettool, no -before, no cold runs).
func (r *ratioLists) addRatios(at int, num, den []sample) {
	if len(num) == 0 || len(den) == 0 {
		return
	}
	_, _, wall, cpu := compare(num, den)
	r.add(at, wall, cpu)
}

// compare takes the medians of two tools' runs and their ratios num/den.
func compare(num, den []sample) (n, d sample, wall, cpu float64) {
	n, d = median(num), median(den)
	return n, d, ratio(n.wall, d.wall), ratio(n.cpu, d.cpu)
}

func summary(what, of string, rs []float64) {
	if len(rs) == 0 {
		return
	}
	sum := 0.0
	for _, r := range rs {
		sum += math.Log(r)
	}
	fmt.Printf("%-9s %s: median %.2fx, geometric mean %.2fx, worst %.2fx over %d modules\n", what, of, medianOf(rs), math.Exp(sum/float64(len(rs))), slices.Max(rs), len(rs))
}

// medianOf is the middle ratio, or the mean of the two middle ones.
func medianOf(rs []float64) float64 {
	s := slices.Sorted(slices.Values(rs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func cpuRatio(num, den []sample) float64 {
	_, _, _, cpu := compare(num, den)
	return cpu
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return math.Inf(1)
	}
	return float64(a) / float64(b)
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

// median takes the wall and CPU medians separately.
func median(ss []sample) sample {
	if len(ss) == 0 {
		return sample{}
	}
	walls, cpus := make([]time.Duration, len(ss)), make([]time.Duration, len(ss))
	for i, s := range ss {
		walls[i], cpus[i] = s.wall, s.cpu
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	return sample{wall: walls[len(ss)/2], cpu: cpus[len(ss)/2]}
}

// appDir is the directory flylint lints for the module in dir: dir when it
// holds a fly.toml, else the nearest directory above it (below root) that
// does, as for a module in a subdirectory that the app's Dockerfile copies.
func appDir(dir, root string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if ms, _ := filepath.Glob(filepath.Join(d, "fly*.toml")); len(ms) > 0 {
			return d
		}
		if d == root || d == filepath.Dir(d) {
			return dir
		}
	}
}

// moduleDirs lists the directories under root that hold a go.mod.
func moduleDirs(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			out = append(out, filepath.Dir(p))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// goRules lists the rules that have a Go fixture: rules/testdata/<rule>/
// <case>/go.mod.
func goRules(root string) ([]string, error) {
	dirs, err := moduleDirs(root)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range dirs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			return nil, err
		}
		id, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no Go fixtures under %s (run from the repository root)", root)
	}
	return ids, nil
}

// removeAll removes a directory, making the read-only files the go
// command writes into a module or build cache writable first.
func removeAll(dir string) error {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}
