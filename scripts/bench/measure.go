package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// result is one command's median wall time and peak resident memory.
type result struct {
	d      time.Duration
	cpu    time.Duration // median user+system CPU time: steadier than wall time on a busy machine
	rssKB  int64         // largest max-RSS over the runs, in KiB (Linux reports KiB)
	err    error         // the command failed
	skip   string        // why the command was not run
	detail string        // how it was run, when that needs saying
}

// measure runs the commands mk makes, one after another, runs times, and
// reports the median of the total wall time. Exit status 1 is accepted:
// linters exit 1 when they find something, which is the expected case.
func measure(runs int, mk func() *exec.Cmd) result {
	return measureMany(runs, func() []*exec.Cmd { return []*exec.Cmd{mk()} })
}

// anyExit marks commands whose exit status is not a failure signal:
// dockerfilelint exits with the number of problems it found.
var anyExit = map[string]bool{}

func measureMany(runs int, mk func() []*exec.Cmd) result {
	var ds, cpus []time.Duration
	var peak int64
	for range runs {
		var total, cpu time.Duration
		for _, c := range mk() {
			var stderr bytes.Buffer
			c.Stdout, c.Stderr = nil, &stderr // stdout goes to /dev/null
			start := time.Now()
			err := c.Run()
			total += time.Since(start)
			var ee *exec.ExitError
			// Linters exit 1 on findings (dockerfilelint: the number of
			// problems); only other failures stop the measurement.
			expected := errors.As(err, &ee) && (ee.ExitCode() == 1 || anyExit[c.Path] && ee.ExitCode() > 0)
			if err != nil && !expected {
				return result{err: fmt.Errorf("%s: %w\n%s", c.Path, err, tail(stderr.String()))}
			}
			if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = max(peak, ru.Maxrss)
				cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			}
		}
		ds = append(ds, total)
		cpus = append(cpus, cpu)
	}
	slices.Sort(ds)
	slices.Sort(cpus)
	return result{d: ds[len(ds)/2], cpu: cpus[len(cpus)/2], rssKB: peak}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}

// row is one line of a table: a command run over files files.
type row struct {
	name  string
	res   result
	files int
}

// table prints rows with each one's ratio to the row named base. With
// perFile the ratio compares cost per file, so a peer run on a sample
// (one process per file) is still comparable.
func table(rows []row, base string, perFile bool) {
	var refRow row
	for _, r := range rows {
		if r.name == base && r.res.err == nil && r.res.skip == "" {
			refRow = r
		}
	}
	ratioHead := "ratio"
	fmt.Printf("  (ratios are to %q%s)\n", base, map[bool]string{true: ", per file", false: ""}[perFile])
	fmt.Printf("  %-38s %6s %9s %10s %12s %9s %12s %9s\n", "command", "files", "median", "per file", ratioHead, "CPU", "CPU ratio", "peak RSS")
	for _, r := range rows {
		switch {
		case r.res.skip != "":
			fmt.Printf("  %-38s skipped: %s\n", r.name, r.res.skip)
			continue
		case r.res.err != nil:
			fmt.Printf("  %-38s failed: %v\n", r.name, r.res.err)
			continue
		}
		ratio := func(v, ref time.Duration) string {
			if ref <= 0 {
				return "-"
			}
			x := float64(v) / float64(ref)
			if perFile {
				x = (float64(v) / float64(r.files)) / (float64(ref) / float64(refRow.files))
			}
			return fmt.Sprintf("%.2fx", x)
		}
		per := r.res.d / time.Duration(r.files)
		fmt.Printf("  %-38s %6d %9s %10s %12s %9s %12s %9s\n", r.name, r.files, r.res.d.Round(time.Millisecond), fmtPer(per),
			ratio(r.res.d, refRow.res.d), r.res.cpu.Round(time.Millisecond), ratio(r.res.cpu, refRow.res.cpu), fmt.Sprintf("%.0f MB", float64(r.res.rssKB)/1024))
	}
	for _, r := range rows {
		if r.res.detail != "" {
			fmt.Printf("  (%s: %s)\n", r.name, r.res.detail)
		}
	}
}

func fmtPer(d time.Duration) string {
	switch {
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2fms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.1fµs", float64(d)/1e3)
	}
}
