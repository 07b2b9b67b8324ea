package listen

import (
	"runtime"
	"strings"
	"testing"
)

// FuzzInterpretBounded feeds the shell interpreter scripts built to cost
// time or memory: deep nesting of every kind, and expansions that double
// a value per step. Each must finish quickly and small, say what it
// skipped at a place inside the command, and never report a listener
// for a command it did not parse.
func FuzzInterpretBounded(f *testing.F) {
	deep := func(open, close string, n int) string {
		return "exec server " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	double := func(assign string, steps int) string {
		return "a=xxxxxxxxxx; " + strings.Repeat(assign, steps) + "exec python -m http.server $a"
	}
	for _, s := range []string{
		deep("$((", "))", 3000),
		deep("$(", ")", 20000),
		deep("`", "`", 2000),
		deep("(", ")", 20000),
		deep("{ ", "; }", 10000),
		deep("${a:-", "}", 10000),
		deep(`"$(`, `)"`, 5000),
		deep("$(echo ')' ", ")", 5000),
		strings.Repeat("if true; then ", 5000) + "x" + strings.Repeat("; fi", 5000),
		strings.Repeat("a", MaxCommandLen+1),
		double("a=$a$a$a$a$a$a$a$a$a$a; ", 8),
		double(`a="$a$a$a$a"; `, 12),
		double("a=${a}${a:-$a}; ", 20),
		double("export a=$a$a; ", 30),
		"b=${A//?/$A}; b=${b//?/$b}; exec python -m http.server $b",
		"exec python -m http.server ${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}${A}",
		"exec python -m http.server ${!B}${!B}${!B}${!B}",
		strings.Repeat("b=$A; ", 500) + "exec python -m http.server 8080",
	} {
		f.Add(s)
	}
	env := Env{
		"A": {Name: "A", Value: strings.Repeat("x", 30000)},
		"B": {Name: "B", Value: "A"},
		"U": {Name: "U", Unknown: true},
	}
	f.Fuzz(func(t *testing.T, s string) {
		cmd := shellCmd(s)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := Interpret(cmd, env)
		runtime.ReadMemStats(&after)
		// A bomb costs gigabytes. Time is not asserted: it depends on
		// the machine's load, allocation does not.
		if n := after.TotalAlloc - before.TotalAlloc; n > 128<<20 {
			t.Errorf("allocated %d MB", n>>20)
		}
		if CheckCommand(s) != nil && (len(res.Listeners) > 0 || len(res.Skipped) != 1) {
			t.Errorf("a command past a limit gave %d listeners and %d skips", len(res.Listeners), len(res.Skipped))
		}
		lo, hi := cmd.Args[0].Range.Start.Offset, cmd.Args[0].Range.End.Offset
		for _, sk := range res.Skipped {
			r := sk.Range
			if r.Start.Offset < lo || r.End.Offset > hi || r.Start.Offset > r.End.Offset {
				t.Errorf("skip range %+v outside the command [%d,%d)", r, lo, hi)
			}
			if !strings.Contains(sk.Message, "past flylint's limit") {
				t.Errorf("skip message does not name the limit: %s", sk.Message)
			}
		}
		// One per nested sh -c at most, and a few for expansions.
		if len(res.Skipped) > len(s)/MaxNesting+maxExpandTotal/MaxExpansion+2 {
			t.Errorf("%d skips for one command", len(res.Skipped))
		}
	})
}
