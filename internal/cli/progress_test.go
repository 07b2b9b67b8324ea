package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/workspace"
)

func TestProgressQuietForShortRuns(t *testing.T) {
	var buf bytes.Buffer
	start := time.Unix(1000, 0)
	pl := newProgressTo(&buf, start)
	pl.updateAt(workspace.Progress{Phase: "apps", Done: 1, Total: 5}, start.Add(500*time.Millisecond))
	pl.stop()
	if buf.Len() != 0 {
		t.Errorf("a run shorter than %v printed %q", progressDelay, buf.String())
	}
}

func TestProgressRedrawsAndErases(t *testing.T) {
	var buf bytes.Buffer
	start := time.Unix(1000, 0)
	pl := newProgressTo(&buf, start)
	at := start.Add(2 * time.Second)
	pl.updateAt(workspace.Progress{Phase: "apps", Done: 3, Total: 10}, at)
	// Too soon after the last redraw, and an out-of-order older count:
	// neither is drawn.
	pl.updateAt(workspace.Progress{Phase: "apps", Done: 4, Total: 10}, at.Add(10*time.Millisecond))
	pl.updateAt(workspace.Progress{Phase: "apps", Done: 2, Total: 10}, at.Add(time.Second))
	// The last unit of a phase is always drawn.
	pl.updateAt(workspace.Progress{Phase: "apps", Done: 10, Total: 10}, at.Add(1010*time.Millisecond))
	pl.stop()
	pl.updateAt(workspace.Progress{Phase: "Go modules", Done: 1, Total: 2}, at.Add(5*time.Second))
	want := "\rflylint: apps 3/10\x1b[K" + "\rflylint: apps 10/10\x1b[K" + "\r\x1b[K"
	if got := buf.String(); got != want {
		t.Errorf("progress output\n got %q\nwant %q", got, want)
	}
}

func TestProgressOffWhenNotATerminal(t *testing.T) {
	if pl := newProgress(&bytes.Buffer{}); pl != nil {
		t.Error("progress on for a buffer")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if pl := newProgress(f); pl != nil {
		t.Error("progress on for a regular file")
	}
	// A nil line is what non-terminal runs use; it must be inert.
	var pl *progressLine
	pl.update(workspace.Progress{Phase: "apps", Done: 1, Total: 1})
	pl.stop()
}

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	var stdout, stderr bytes.Buffer
	code := Run([]string{"-go", "off", "-cpuprofile", cpu, "-memprofile", mem, "../../testdata/examples/clean-node"}, &stdout, &stderr)
	if code != ExitClean {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, p := range []string{cpu, mem} {
		fi, err := os.Stat(p)
		if err != nil || fi.Size() == 0 {
			t.Errorf("%s: want a non-empty profile, got %v, %v", filepath.Base(p), fi, err)
		}
	}
	stderr.Reset()
	missing := filepath.Join(dir, "missing", "cpu.pprof")
	code = Run([]string{"-go", "off", "-cpuprofile", missing, "../../testdata/examples/clean-node"}, &stdout, &stderr)
	if want := "flylint: -cpuprofile " + missing + ": directory " + filepath.Dir(missing) + " does not exist\n"; code != ExitUsage || stderr.String() != want {
		t.Errorf("profile into a missing directory: exit %d, stderr %q; want exit 2 and %q", code, stderr.String(), want)
	}
}

// While apps are being found, the total is not known yet: the line
// counts up without one.
func TestProgressWithoutTotal(t *testing.T) {
	var buf bytes.Buffer
	start := time.Unix(1000, 0)
	pl := newProgressTo(&buf, start)
	pl.updateAt(workspace.Progress{Phase: "discovering apps", Done: 812}, start.Add(1500*time.Millisecond))
	if want := "\rflylint: discovering apps: 812\x1b[K"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// -v names every phase, in the order they run, on stderr; the report on
// stdout is the same as without it.
func TestVerbosePhases(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		phases []string
	}{
		{[]string{"-go", "off", "../../testdata/examples"}, []string{"discover (5 apps)", "load (5 apps)", "rules (", "output"}},
		{[]string{"../../testdata/go/echo-framework"}, []string{"discover (1 app)", "load (1 app)", "Go analysis (1 module)", "rules (", "output"}},
	} {
		code, quiet, _ := run(t, tc.args...)
		vcode, stdout, stderr := run(t, append([]string{"-v"}, tc.args...)...)
		if vcode != code || stdout != quiet {
			t.Errorf("%v: -v changed the exit code (%d, was %d) or stdout", tc.args, vcode, code)
		}
		var got []string
		for _, line := range strings.Split(stderr, "\n") {
			if rest, ok := strings.CutPrefix(line, "flylint: "); ok && strings.HasSuffix(line, "ms") {
				got = append(got, rest)
			}
		}
		if len(got) != len(tc.phases) {
			t.Fatalf("%v: -v printed %d phase lines, want %d:\n%s", tc.args, len(got), len(tc.phases), stderr)
		}
		for i, want := range tc.phases {
			if !strings.HasPrefix(got[i], want) {
				t.Errorf("%v: phase %d = %q, want it to start with %q", tc.args, i, got[i], want)
			}
		}
	}
}
