package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// badRow is one broken input run through the real CLI.
type badRow struct {
	name  string
	setup func(t *testing.T, dir string)
	// args may use $DIR (the input directory) and $OUT (an empty
	// directory for -o); nil means -format json $DIR.
	args []string
	code int
	// want must appear in stdout, stderr, the -o file, or a JSON finding
	// rendered as "file:line:col: rule: message".
	want string
	// count, when above 0, is the exact number of findings in the JSON
	// report.
	count int
}

type runResult struct {
	code           int
	stdout, stderr string
	outFile        []byte // the -o file; nil when absent
	findings       []string
}

// rowBounds are the rows that may take more than hostileBound, and why.
var rowBounds = map[string]bound{
	// Not hostile: a monorepo of 10,000 apps is a real size, and its
	// cost grows with the apps (scripts/bench measures it); the bound
	// only has to show it stays linear.
	"10,000 apps": {CPU: 10 * time.Second, RSS: 768 << 20, Wall: 60 * time.Second},
}

// runBad runs one row's command through the real binary, under the
// row's bound.
func runBad(t *testing.T, name string, args []string) runResult {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r := runBinary(t, binOpts{Dir: wd, Bound: rowBounds[name]}, args...)
	// go test -v -run TestBadInput ./internal/cli | grep 'used:' lists
	// what each row took.
	t.Logf("used: CPU %v, peak RSS %d MB, wall %v", r.CPU.Round(time.Millisecond), r.RSS>>20, r.Wall.Round(time.Millisecond))
	return runResult{code: r.Code, stdout: r.Stdout, stderr: r.Stderr}
}

// warmGo fills the build cache with the export data the Go rows need, so
// their bound measures flylint, not a first compile of the standard
// library.
func warmGo(t *testing.T) {
	goWarm.Do(func() {
		dir := t.TempDir()
		write(t, dir, "fly.toml", "app = \"warm\"\n")
		write(t, dir, "go.mod", "module warm\n\ngo 1.22\n")
		write(t, dir, "main.go", "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n\t\"log\"\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n\t\"strconv\"\n)\n\n"+
			"var _, _, _, _, _, _, _ = flag.String, fmt.Sprint, log.Print, net.Listen, http.ListenAndServe, os.Getenv, strconv.Itoa\n\nfunc main() {}\n")
		runBinary(t, binOpts{Dir: dir, Bound: bound{CPU: 10 * time.Minute, RSS: 4 << 30, Wall: 10 * time.Minute}}, "-format", "json", ".")
	})
}

var goWarm sync.Once

func (row badRow) run(t *testing.T) {
	dir, outDir := t.TempDir(), t.TempDir()
	// A .git directory stops the .flylint.toml search at dir, so a stray
	// config in /tmp cannot change a row.
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if row.setup != nil {
		row.setup(t, dir)
	}
	args := row.args
	if args == nil {
		args = []string{"-format", "json", "$DIR"}
	}
	args = append([]string(nil), args...)
	format, outPath := "text", ""
	for i, a := range args {
		a = strings.ReplaceAll(a, "$DIR", dir)
		args[i] = strings.ReplaceAll(a, "$OUT", outDir)
		if i > 0 && args[i-1] == "-format" {
			format = args[i]
		}
		if i > 0 && args[i-1] == "-o" {
			outPath = args[i]
		}
	}

	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		warmGo(t)
	}
	r := runBad(t, row.name, args)
	if outPath != "" {
		if data, err := os.ReadFile(outPath); err == nil {
			r.outFile = data
		}
	}
	report := []byte(r.stdout)
	if outPath != "" {
		report = r.outFile
	}
	if format == "json" || format == "sarif" {
		// A report is complete or absent, never cut short.
		if len(report) > 0 && !json.Valid(report) {
			t.Errorf("the %s report does not parse: %.300q", format, report)
		}
		if r.code <= ExitFindings && len(report) == 0 {
			t.Errorf("exit %d but no %s report was written", r.code, format)
		}
		if r.code > ExitFindings && outPath != "" && r.outFile != nil {
			t.Errorf("exit %d left a report at %s", r.code, outPath)
		}
	}
	if format == "json" && len(report) > 0 {
		r.findings = renderJSON(t, report)
	}
	if r.code != row.code {
		t.Errorf("exit %d, want %d\nstdout: %.600s\nstderr: %.600s", r.code, row.code, r.stdout, r.stderr)
	}
	hay := r.stdout + "\n" + r.stderr + "\n" + string(r.outFile) + "\n" + strings.Join(r.findings, "\n")
	if !strings.Contains(hay, row.want) {
		t.Errorf("output does not mention %q\nstdout: %.800s\nstderr: %.600s\nfindings: %.800s", row.want, r.stdout, r.stderr, strings.Join(r.findings, "\n"))
	}
	if row.count > 0 && len(r.findings) != row.count {
		t.Errorf("%d findings, want %d:\n%.2000s", len(r.findings), row.count, strings.Join(r.findings, "\n"))
	}
	// "internal error" alone is in the usage text (exit code 3).
	for _, bad := range []string{"flylint: internal error", "internal error reading", "goroutine ", "panic:"} {
		if strings.Contains(r.stdout+r.stderr, bad) {
			t.Errorf("output mentions %q: %.2000s", bad, r.stderr)
		}
	}
	// Raw control bytes from a broken file must not reach a terminal or a
	// CI log.
	if strings.ContainsRune(r.stdout+r.stderr, 0) {
		t.Errorf("output holds a NUL byte: %.300q", r.stdout+r.stderr)
	}
}

// renderJSON turns a JSON report into one "file:line:col: rule: message"
// line per finding, so rows can name a position whatever the format.
func renderJSON(t *testing.T, data []byte) []string {
	t.Helper()
	var rep struct {
		Diagnostics []struct {
			Rule, File, Message string
			Line, Column        int
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Errorf("JSON report: %v", err)
		return nil
	}
	var out []string
	for _, d := range rep.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Column, d.Rule, d.Message))
	}
	return out
}

// files writes name/content pairs into dir.
func files(kv ...string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for i := 0; i+1 < len(kv); i += 2 {
			write(t, dir, kv[i], kv[i+1])
		}
	}
}

// with runs several setups in order.
func with(fs ...func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for _, f := range fs {
			f(t, dir)
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(target, name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := os.Symlink(strings.ReplaceAll(target, "$DIR", dir), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
}

func fifo(name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip(err)
		}
	}
}

func mkdir(name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// unreadable makes name unreadable; root reads everything, so the row
// is skipped there.
func unreadable(name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if os.Geteuid() == 0 {
			t.Skip("root reads files whatever their mode")
		}
		if err := os.Chmod(filepath.Join(dir, name), 0); err != nil {
			t.Fatal(err)
		}
	}
}

// repeat builds n lines from format, which gets the line's index.
func repeat(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// manyApps writes n apps, one in every 1000th with internal_port = 0.
func manyApps(n int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for i := range n {
			port := 8080
			if i%1000 == 0 {
				port = 0
			}
			write(t, dir, fmt.Sprintf("a%05d/fly.toml", i), fmt.Sprintf("app = \"app%d\"\n[http_service]\n  internal_port = %d\n", i, port))
		}
	}
}

// readOnlyDir is a directory -o cannot create a file in: a chmod 555
// directory, or /proc for root (which ignores file modes).
func readOnlyDir(t *testing.T, dir string) {
	if os.Geteuid() == 0 {
		return
	}
	p := filepath.Join(dir, "ro")
	if err := os.Mkdir(p, 0o555); err != nil {
		t.Fatal(err)
	}
}

func readOnlyTarget() string {
	if os.Geteuid() == 0 {
		return "/proc/flylint-report.json"
	}
	return "$DIR/ro/report.json"
}
