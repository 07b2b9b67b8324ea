// Command bench measures flylint's speed without Go analysis, always as
// ratios measured in the same run: against `cat` of the same files (the
// I/O floor) on generated monorepos, and against peer linters (npm's
// dockerfilelint, dockerfile-utils and taplo) on the same Dockerfiles and
// fly.toml files. Times are medians of several runs; peak memory is the
// largest max-RSS the kernel reported over those runs.
//
//	go run ./scripts/bench          # 1,000 and 10,000 apps, about 2-3 minutes
//	go run ./scripts/bench -quick   # 200 and 1,000 apps, under a minute
//	go run ./scripts/bench -one-app -before-commit b7bfbed
//	                                # one-app runs on apps without package.json,
//	                                # against the build of an earlier commit
//
// The peers are installed once with `npm install --prefix <cache>`; without
// npm their rows say "skipped".
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

type options struct {
	sizes  []int
	runs   int
	bigRun int // runs on the largest monorepo, where one run takes seconds
	corpus string
	cache  string
	bin    string
	keep   string
	before string
	peers  bool
	// oneApp and beforeCommit are the -one-app mode (see oneApp).
	oneApp       bool
	beforeCommit string
}

func main() {
	quick := flag.Bool("quick", false, "smaller run: 200 and 1,000 apps, fewer repetitions")
	sizes := flag.String("apps", "", "comma-separated monorepo sizes (default 1000,10000; -quick 200,1000)")
	runs := flag.Int("runs", 0, "runs of each command; the median time is reported (default 5; -quick 3)")
	corpus := flag.String("corpus", "../shared/corpus/apps", "directory of real apps (one per subdirectory) the monorepos are drawn from; relative to the repository root, where the script runs")
	cache := flag.String("cache", "", "where the npm peers are installed (default <user cache>/flylint-bench/npm)")
	bin := flag.String("flylint", "", "flylint binary to measure (default: build ./cmd/flylint)")
	keep := flag.String("keep", "", "write the generated trees to this directory and keep them (for profiling)")
	noPeers := flag.Bool("no-peers", false, "skip the npm peer comparisons")
	before := flag.String("before", "", "another flylint binary (say, built from an earlier commit) to measure in the same runs as the current one")
	oneAppMode := flag.Bool("one-app", false, "instead: time `flylint -go off <app>` on each corpus app without package.json, alternating with -before or -before-commit, and print the CPU ratio")
	beforeCommit := flag.String("before-commit", "", "with -one-app: build ./cmd/flylint at this commit (git archive into a temporary directory) as the binary to compare with")
	flag.Parse()

	o := options{runs: 5, bigRun: 3, corpus: *corpus, cache: *cache, bin: *bin, keep: *keep, before: *before, peers: !*noPeers,
		oneApp: *oneAppMode, beforeCommit: *beforeCommit}
	if o.oneApp {
		o.runs = 6 // even, so each binary goes first as often
	}
	o.sizes = []int{1000, 10000}
	if *quick {
		o.sizes, o.runs, o.bigRun = []int{200, 1000}, 3, 3
	}
	if *sizes != "" {
		o.sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			var n int
			if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n <= 0 {
				fmt.Fprintf(os.Stderr, "bench: -apps: bad size %q\n", s)
				os.Exit(2)
			}
			o.sizes = append(o.sizes, n)
		}
	}
	slices.Sort(o.sizes)
	if *runs > 0 {
		o.runs, o.bigRun = *runs, min(*runs, o.bigRun)
	}
	// The commands run in the generated trees, so relative paths to the
	// binaries would not resolve.
	for _, p := range []*string{&o.bin, &o.before} {
		if *p != "" {
			if abs, err := filepath.Abs(*p); err == nil {
				*p = abs
			}
		}
	}
	if o.cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		o.cache = filepath.Join(dir, "flylint-bench", "npm")
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	start := time.Now()
	tmp, err := os.MkdirTemp("", "flylint-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if err := os.RemoveAll(tmp); err != nil {
			fmt.Fprintln(os.Stderr, "bench: cleanup:", err)
		}
	}()
	trees := tmp
	if o.keep != "" {
		trees = o.keep
	}
	if o.bin == "" {
		o.bin = filepath.Join(tmp, "flylint")
		if out, err := exec.Command("go", "build", "-o", o.bin, "./cmd/flylint").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/flylint (run this from the repository root): %w\n%s", err, out)
		}
	}
	if o.oneApp {
		return oneApp(o, tmp)
	}
	floor := filepath.Join(tmp, "parsefloor")
	if out, err := exec.Command("go", "build", "-o", floor, "./scripts/bench/parsefloor").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./scripts/bench/parsefloor: %w\n%s", err, out)
	}
	apps, err := readCorpus(o.corpus)
	if err != nil {
		return err
	}
	peers := setupPeers(o)

	fmt.Printf("flylint speed, without Go analysis (-go off); %d CPUs; corpus: %d real apps, %d Dockerfiles, %d fly*.toml\n", cpus(), len(apps.apps), len(apps.dockers), len(apps.configs))
	fmt.Println("Ratios compare commands measured in the same run; times are medians, peak RSS the largest over the runs.")

	// a. The whole pipeline over monorepos, against the I/O floor.
	fmt.Println()
	fmt.Println("## a. Monorepo: flylint -go off <dir> vs cat of the same files")
	var gens []*generated
	for _, n := range o.sizes {
		g, err := generate(filepath.Join(trees, fmt.Sprintf("mono-%d", n)), apps, n)
		if err != nil {
			return err
		}
		gens = append(gens, g)
		runs := o.runsFor(n)
		fmt.Printf("\n%d apps (%d files, %s), median of %d runs\n", n, len(g.all), mb(g.bytes), runs)
		cat := measure(runs, catCmd(g.root, g.all))
		rows := []row{
			{"cat (I/O floor)", cat, len(g.all)},
			{"parse floor (buildkit + go-toml only)", measure(runs, floorCmd(floor, g.root, g.all)), len(g.all)},
			{"flylint -go off .", measure(runs, flylintCmd(o.bin, g.root, ".")), len(g.all)},
		}
		if o.before != "" {
			rows = append(rows, row{"flylint -go off . (-before binary)", measure(runs, flylintCmd(o.before, g.root, ".")), len(g.all)})
		}
		table(rows, "cat (I/O floor)", false)
		pair(rows[2], rows[1], "flylint / parse floor")
		if o.before != "" {
			pair(rows[2], rows[3], "flylint / -before binary")
		}
	}

	// b. Dockerfile checks alone, per file, against the peers.
	fmt.Println()
	fmt.Println("## b. Dockerfiles: flylint's Dockerfile checks vs dockerfilelint and dockerfile-utils (per-file cost)")
	fmt.Println("flylint is given every Dockerfile path in one invocation, each in a directory without a fly.toml,")
	fmt.Println("so only its Dockerfile loading and rules run.")
	peers.describeDocker()
	sets := []fileSet{{"corpus Dockerfiles", apps.dockerfiles()}}
	// The peers take milliseconds per file (taplo over 10 ms), so they
	// see the smallest monorepo's files: the largest would take minutes.
	sets = append(sets, fileSet{fmt.Sprintf("generated, %d apps", gens[0].apps), gens[0].dockerfileContents()})
	for i, s := range sets {
		err := compareFiles(o, filepath.Join(trees, fmt.Sprintf("dockerfiles-%d", i)), s, "Dockerfile", true,
			func(root string, paths []string, runs int) []row { return peers.docker(root, paths, runs, i == 0) })
		if err != nil {
			return err
		}
	}

	// c. fly.toml loading alone, against taplo.
	fmt.Println()
	fmt.Println("## c. fly.toml: flylint's fly.toml loading and rules vs taplo check (per-file cost)")
	fmt.Println("Each fly.toml sits alone in its directory (no Dockerfile beside it), so flylint loads and checks")
	fmt.Println("only the config; taplo check parses and validates TOML syntax, with no schema.")
	peers.describeTOML()
	tsets := []fileSet{{"corpus fly.toml files", apps.tomls()}}
	tsets = append(tsets, fileSet{fmt.Sprintf("generated, %d apps", gens[0].apps), gens[0].tomlContents()})
	for i, s := range tsets {
		if err := compareFiles(o, filepath.Join(trees, fmt.Sprintf("tomls-%d", i)), s, "fly.toml", false, peers.toml); err != nil {
			return err
		}
	}
	var self syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) == nil {
		// A child starts as a vfork of this process and Linux carries its
		// max RSS across exec, so a tool's figure cannot read below this.
		fmt.Printf("\npeak RSS floor: this harness's own %.0f MB (a smaller tool reads as that much)\n", float64(self.Maxrss)/1024)
	}
	fmt.Printf("total bench time %s\n", time.Since(start).Round(time.Second))
	if o.keep != "" {
		fmt.Printf("trees kept in %s\n", o.keep)
	}
	return nil
}

// runsFor keeps the largest sets, where one run takes seconds, to fewer
// repetitions so the default run stays within a few minutes.
func (o options) runsFor(files int) int {
	if files >= 5000 {
		return o.bigRun
	}
	return o.runs
}

// compareFiles writes each file of s alone into its own directory under
// root (named name) and prints flylint, cat and the peers on them, per
// file. With byPath flylint is given every path, else the directory.
func compareFiles(o options, root string, s fileSet, name string, byPath bool, peerRows func(root string, paths []string, runs int) []row) error {
	paths, size, err := writeEach(root, s.files, name)
	if err != nil {
		return err
	}
	runs := o.runsFor(len(paths))
	fmt.Printf("\n%s: %d files (%s), median of %d runs\n", s.name, len(paths), mb(size), runs)
	label, args := "flylint -go off .", []string{"."}
	if byPath {
		label, args = "flylint -go off <files>", paths
	}
	rows := []row{
		{"cat (I/O floor)", measure(runs, catCmd(root, paths)), len(paths)},
		{label, measure(runs, flylintCmd(o.bin, root, args...)), len(paths)},
	}
	rows = append(rows, peerRows(root, paths, min(runs, 3))...)
	table(rows, label, true)
	return nil
}

type fileSet struct {
	name  string
	files [][]byte
}

// flylintCmd runs flylint on args from dir: relative paths keep the
// command line short and the report's paths as a user would see them.
func flylintCmd(bin, dir string, args ...string) func() *exec.Cmd {
	return func() *exec.Cmd {
		c := exec.Command(bin, append([]string{"-go", "off"}, args...)...)
		c.Dir = dir
		return c
	}
}

// floorCmd reads and parses the files with flylint's parsing libraries
// alone (see parsefloor).
func floorCmd(bin, dir string, paths []string) func() *exec.Cmd {
	return func() *exec.Cmd {
		c := exec.Command(bin, paths...)
		c.Dir = dir
		return c
	}
}

// pair prints the ratio of two rows of one table, wall and CPU, the
// figures a goal stated against the parse floor or an older build needs.
func pair(a, b row, what string) {
	if a.res.err != nil || b.res.err != nil || a.res.skip != "" || b.res.skip != "" || b.res.d <= 0 || b.res.cpu <= 0 {
		return
	}
	fmt.Printf("  %s: %.2fx wall, %.2fx CPU\n", what, float64(a.res.d)/float64(b.res.d), float64(a.res.cpu)/float64(b.res.cpu))
}

func catCmd(dir string, paths []string) func() *exec.Cmd {
	return func() *exec.Cmd {
		c := exec.Command("cat", paths...)
		c.Dir = dir
		return c
	}
}

func cpus() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	var n int
	_, _ = fmt.Sscan(string(out), &n)
	return n
}

func mb(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
