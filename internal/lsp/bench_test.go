package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/workspace"
)

const benchDockerfile = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM alpine\nCOPY --from=build /app /app\nCMD [\"/app\"]\n"

// editLoop opens fly.toml in a server and times n edits of internal_port,
// each from didChange to the publishDiagnostics of the new version. The
// ports alternate so that main.go's finding comes and goes, and every
// edit republishes two files.
type editLoop struct {
	c       *client
	fly     string
	version int
	at      Range     // internal_port's value
	ports   [2]string // what it alternates between
}

func newEditLoop(tb testing.TB, dir, fly string) *editLoop {
	text, err := os.ReadFile(fly)
	if err != nil {
		tb.Fatal(err)
	}
	e := &editLoop{fly: fly, version: 1}
	for i, line := range strings.Split(string(text), "\n") {
		if k := strings.Index(line, "internal_port = "); k >= 0 {
			start := k + len("internal_port = ")
			port := line[start:]
			n, err := strconv.Atoi(port)
			if err != nil {
				tb.Fatalf("internal_port = %q", port)
			}
			// Two ports of the same width keep the range valid.
			e.at, e.ports = rng(i, start, i, start+len(port)), [2]string{strconv.Itoa(n + 1), port}
			break
		}
	}
	if e.ports[1] == "" {
		tb.Fatalf("%s has no internal_port to edit", fly)
	}
	e.c = startClientTB(tb)
	e.c.initialize(map[string]any{}, nil, dir)
	open(e.c, fly, string(text), 1)
	e.c.waitPublish(0, fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 1 })
	return e
}

func (e *editLoop) edit() time.Duration {
	e.version++
	v := e.version
	n := e.c.noteCount()
	start := time.Now()
	change(e.c, e.fly, v, e.at, e.ports[v%2])
	e.c.waitPublish(n, e.fly, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v })
	d := time.Since(start)
	e.c.dropNotes()
	return d
}

// cliLint is what `flylint DIR` does for the app, Go analysis included:
// load, Go analysis, rules (the report written is left out).
func cliLint(tb testing.TB, dir string) time.Duration {
	start := time.Now()
	ws, err := workspace.Load([]string{dir}, workspace.Options{Go: true})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := lint.Run(ws, lint.Options{Rules: lint.Select(nil, nil, nil), NoFixes: true}); err != nil {
		tb.Fatal(err)
	}
	return time.Since(start)
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// BenchmarkDidChangeToPublish: the time from a didChange on fly.toml to
// its publishDiagnostics for an app whose Go analysis is cached,
// alternating in the same run with the CLI's lint of the same app (one
// CLI lint after every 20 edits), reported as p50/p99 and as ratios to
// the CLI's median.
//
//	go test ./internal/lsp -run XXX -bench DidChangeToPublish -benchtime 2000x
func BenchmarkDidChangeToPublish(b *testing.B) {
	dir, fly, _ := fixtureApp(b)
	writeFiles(b, dir, map[string]string{"Dockerfile": benchDockerfile})
	benchEdits(b, dir, fly)
}

// BenchmarkDidChangeToPublishEcho is the same on testdata/go/echo-framework,
// whose Go analysis loads echo from the module cache.
func BenchmarkDidChangeToPublishEcho(b *testing.B) {
	dir := b.TempDir()
	src := "../../testdata/go/echo-framework"
	for _, name := range []string{"fly.toml", "Dockerfile", "go.mod", "go.sum", "main.go"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			b.Fatal(err)
		}
		writeFiles(b, dir, map[string]string{name: string(data)})
	}
	benchEdits(b, dir, filepath.Join(dir, "fly.toml"))
}

func benchEdits(b *testing.B, dir, fly string) {
	e := newEditLoop(b, dir, fly)
	var edits, clis []time.Duration
	b.ResetTimer()
	for i := range b.N {
		edits = append(edits, e.edit())
		if i%20 == 0 {
			clis = append(clis, cliLint(b, dir))
		}
	}
	b.StopTimer()
	reportVsCLI(b, edits, clis, true)
}

// BenchmarkMemoryOverEdits: the server's live heap after 10,000 edits of
// fly.toml against after the first 500 (the caches warm), per run.
//
//	go test ./internal/lsp -run XXX -bench MemoryOverEdits -benchtime 1x
func BenchmarkMemoryOverEdits(b *testing.B) {
	dir, fly, _ := fixtureApp(b)
	writeFiles(b, dir, map[string]string{"Dockerfile": benchDockerfile})
	for range b.N {
		e := newEditLoop(b, dir, fly)
		for range 500 {
			e.edit()
		}
		warm := liveHeap()
		for range 10000 - 500 {
			e.edit()
		}
		end := liveHeap()
		b.ReportMetric(float64(warm)/1024, "heap-after-500-KiB")
		b.ReportMetric(float64(end)/1024, "heap-after-10000-KiB")
		b.ReportMetric(float64(int64(end)-int64(warm))/1024, "growth-KiB")
		b.Logf("live heap %d KiB after 500 edits, %d KiB after 10,000", warm>>10, end>>10)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Memory stays flat over edits: what one edit leaves behind (a document
// version, a publish record, a cache entry) must be replaced by the next,
// not kept. 3,000 edits with 1 KiB kept per edit would add 3 MiB.
func TestMemoryFlatOverEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("3,000 edits")
	}
	dir, fly, _ := fixtureApp(t)
	e := newEditLoop(t, dir, fly)
	for range 300 {
		e.edit()
	}
	warm := liveHeap()
	for range 3000 {
		e.edit()
	}
	if end := liveHeap(); end > warm+512<<10 {
		t.Errorf("live heap grew from %d KiB to %d KiB over 3,000 edits", warm>>10, end>>10)
	}
}

// BenchmarkGoDidChangeToPublish: the time from a didChange on main.go to
// its publishDiagnostics, each edit flipping the listen address between
// 127.0.0.1 and 0.0.0.0 in the unsaved buffer so that the Go analysis
// runs again every time, alternating in the same run with the CLI's lint
// of the same app (one CLI lint after every 5 edits), reported as ratios
// to the CLI's median.
//
//	go test ./internal/lsp -run XXX -bench GoDidChangeToPublish -benchtime 200x
func BenchmarkGoDidChangeToPublish(b *testing.B) {
	dir, fly, gofile := fixtureApp(b)
	writeFiles(b, dir, map[string]string{"Dockerfile": benchDockerfile})
	c := startClientTB(b)
	c.initialize(map[string]any{}, nil, dir)
	open(c, fly, flyTOML, 1)
	open(c, gofile, mainGo, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	// The address as it stands, and what replaces it (see mainGo).
	addrs := [2]string{"127.0.0.1", "0.0.0.0"}
	var edits, clis []time.Duration
	b.ResetTimer()
	for i := range b.N {
		v := i + 2
		from, to := addrs[i%2], addrs[(i+1)%2]
		n := c.noteCount()
		start := time.Now()
		change(c, gofile, v, rng(5, 31, 5, 31+len(from)), to)
		c.waitPublish(n, gofile, func(p PublishDiagnosticsParams) bool {
			return p.Version != nil && *p.Version == v && hasCode("loopback-bind")(p) == (to == addrs[0])
		})
		edits = append(edits, time.Since(start))
		c.dropNotes()
		if i%5 == 0 {
			clis = append(clis, cliLint(b, dir))
		}
	}
	b.StopTimer()
	reportVsCLI(b, edits, clis, true)
}

// BenchmarkGoEditDuringAnalysis: the time from an edit of main.go to the
// publishDiagnostics of a second edit sent once the first one's Go
// analysis has begun (its $/progress begin), as when typing goes on
// while a module is analysed, alternating in the same run with the CLI's
// lint of the same app (one after every 5 pairs). The first analysis is
// stale when the second edit arrives; the time shows whether it is
// waited for. The second edit's text alternates between two loopback
// addresses, so that it is never the text the module's cached analysis
// was of: each pair needs one analysis after the second edit, as when
// typing.
//
//	go test ./internal/lsp -run XXX -bench GoEditDuringAnalysis -benchtime 40x
func BenchmarkGoEditDuringAnalysis(b *testing.B) {
	dir, fly, gofile := fixtureApp(b)
	writeFiles(b, dir, map[string]string{"Dockerfile": benchDockerfile})
	c := startClientTB(b)
	c.initialize(map[string]any{"window": map[string]any{"workDoneProgress": true}}, nil, dir)
	open(c, fly, flyTOML, 1)
	open(c, gofile, mainGo, 1)
	c.waitPublish(0, gofile, hasCode("loopback-bind"))
	begun := func(since int) bool {
		for _, m := range c.notesSince(since) {
			if m.Method == "$/progress" && strings.Contains(string(m.Params), `"begin"`) {
				return true
			}
		}
		return false
	}
	var pairs, clis []time.Duration
	v := 1
	b.ResetTimer()
	for i := range b.N {
		n := c.noteCount()
		start := time.Now()
		v++
		change(c, gofile, v, rng(5, 31, 5, 40), "0.0.0.0")
		for !begun(n) {
			select {
			case <-c.noteCh:
			case <-time.After(60 * time.Second):
				b.Fatal("no $/progress begin for the Go analysis")
			}
		}
		v++
		want := v
		change(c, gofile, want, rng(5, 31, 5, 38), fmt.Sprintf("127.0.0.%d", 2-i%2))
		c.waitPublish(n, gofile, func(p PublishDiagnosticsParams) bool {
			return p.Version != nil && *p.Version == want && hasCode("loopback-bind")(p)
		})
		pairs = append(pairs, time.Since(start))
		c.dropNotes()
		if i%5 == 0 {
			clis = append(clis, cliLint(b, dir))
		}
	}
	b.StopTimer()
	reportVsCLI(b, pairs, clis, false)
}

// reportVsCLI reports the median (and, with p99, the 99th percentile) of
// the editor latencies lat in ms and as ratios to the median of the CLI
// lints clis timed in the same run, so that machine speed cancels out.
func reportVsCLI(b *testing.B, lat, clis []time.Duration, p99 bool) {
	cliMed := percentile(clis, 0.5)
	b.ReportMetric(float64(percentile(lat, 0.5).Microseconds())/1000, "p50-ms")
	if p99 {
		b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(float64(cliMed.Microseconds())/1000, "cli-ms")
	b.ReportMetric(float64(percentile(lat, 0.5))/float64(cliMed), "p50/cli")
	if p99 {
		b.ReportMetric(float64(percentile(lat, 0.99))/float64(cliMed), "p99/cli")
	}
}
