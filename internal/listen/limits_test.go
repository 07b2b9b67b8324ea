package listen

import (
	"runtime"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
)

func TestCheckCommand(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "echo " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	for _, c := range []struct {
		name    string
		s       string
		nesting int    // 0: within the limits
		at      string // the text the finding points at
		len     int
	}{
		{"real command", `cd /app && exec gunicorn -b "0.0.0.0:${PORT:-8000}" --workers $(nproc) app:app`, 0, "", 0},
		{"real sh -c", `sh -c 'A=$(dirname "$(readlink -f "$0")"); exec "${A}/server"'`, 0, "", 0},
		{"$( at the limit", deep("$(", ")", MaxNesting), 0, "", 0},
		{"$( past the limit", deep("$(", ")", MaxNesting+1), MaxNesting + 1, "$(", 0},
		{"$(( is one level", deep("$((", "))", MaxNesting), 0, "", 0},
		{"$(( past the limit", deep("$((", "))", 1000), 1000, "$((", 0},
		{"subshells", deep("(", ")", 100), 100, "(", 0},
		{"groups", deep("{ ", "; }", 100), 100, "{", 0},
		{"backquotes inside $(", deep("$(`", "`)", 40), 80, "$(", 0},
		{"nested defaults", deep("${a:-", "}", 65), 65, "${", 0},
		{"quoted substitutions", deep(`"$(`, `)"`, 40), 80, `"`, 0},
		{"single quotes hide everything", "echo '" + strings.Repeat("$((", 1000) + "'", 0, "", 0},
		{"escaped openers are text", "echo " + strings.Repeat(`\(`, 1000), 0, "", 0},
		{"siblings do not add up", strings.Repeat("$(a) ", 1000), 0, "", 0},
		{"too long", strings.Repeat("a", MaxCommandLen+1), 0, "a", MaxCommandLen + 1},
		{"at the length limit", strings.Repeat("a", MaxCommandLen), 0, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			ex := CheckCommand(c.s)
			if c.nesting == 0 && c.len == 0 {
				if ex != nil {
					t.Fatalf("%+v for a command within the limits", *ex)
				}
				return
			}
			if ex == nil {
				t.Fatal("no limit passed")
			}
			if ex.Nesting != c.nesting || ex.Len != c.len {
				t.Errorf("nesting %d, len %d; want %d, %d", ex.Nesting, ex.Len, c.nesting, c.len)
			}
			if got := c.s[ex.Offset:ex.End]; got != c.at {
				t.Errorf("points at %q, want %q", got, c.at)
			}
		})
	}
}

// The position of the opener that passed the limit is exact.
func TestCheckCommandOffset(t *testing.T) {
	s := "echo " + strings.Repeat("$(", 70) + "x" + strings.Repeat(")", 70)
	ex := CheckCommand(s)
	if ex == nil || ex.Offset != 5+2*MaxNesting {
		t.Fatalf("got %+v, want the %dth $( at offset %d", ex, MaxNesting+1, 5+2*MaxNesting)
	}
}

// A command past a limit is never parsed: it ends at once with one Skip
// at the opener that passed the limit, and no listener.
func TestInterpretSkipsDeepCommand(t *testing.T) {
	for _, s := range []string{
		"exec python -m http.server 8080 " + strings.Repeat("$((", 100000) + "1" + strings.Repeat("))", 100000),
		"exec python -m http.server 8080 " + strings.Repeat("$(", 1000000) + "x" + strings.Repeat(")", 1000000),
	} {
		res := Interpret(shellCmd(s), nil)
		if len(res.Listeners) != 0 || res.Known {
			t.Errorf("a skipped command gave listeners %v, known %v", res.Listeners, res.Known)
		}
		if len(res.Skipped) != 1 {
			t.Fatalf("skipped %d parts, want 1", len(res.Skipped))
		}
		sk := res.Skipped[0]
		if !strings.Contains(sk.Message, "so flylint skipped it instead of parsing it") || !strings.HasPrefix(sk.Message, "This shell command ") {
			t.Errorf("message: %s", sk.Message)
		}
	}
	res := Interpret(shellCmd("exec python -m http.server 8080 "+strings.Repeat("$(", 100)+"x"+strings.Repeat(")", 100)), nil)
	if len(res.Skipped) != 1 {
		t.Fatalf("skipped %d parts, want 1", len(res.Skipped))
	}
	if r := res.Skipped[0].Range; r.Start.Col != 5+32+2*MaxNesting || r.End.Col != r.Start.Col+2 {
		t.Errorf("range %+v, want the %dth $(", r, MaxNesting+1)
	}
}

// sh -c inside an exec-form command is a script like any other.
func TestInterpretSkipsDeepShC(t *testing.T) {
	res := Interpret(execCmd("sh", "-c", strings.Repeat("(", 500)+"x"+strings.Repeat(")", 500)), nil)
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Message, "500 deep") {
		t.Fatalf("skipped %+v", res.Skipped)
	}
}

// Doubling a variable per assignment grows it tenfold a step; the
// expansion that would pass MaxExpansion is refused, the value is
// unknown, and the server that reads it has unknown listeners, not a
// guess.
func TestInterpretExpansionBomb(t *testing.T) {
	s := "a=xxxxxxxxxx; " + strings.Repeat("a="+strings.Repeat("$a", 10)+"; ", 12) + "exec python -m http.server $a"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := Interpret(shellCmd(s), nil)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("allocated %d MB", n>>20)
	}
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Message, "past flylint's limit of 65536") {
		t.Fatalf("skipped %+v", res.Skipped)
	}
	if len(res.Listeners) != 0 || res.Known {
		t.Errorf("listeners %v, known %v", res.Listeners, res.Known)
	}
	// The same shape within the limits still resolves.
	res = Interpret(shellCmd("p=80; p=$p$p; exec python -m http.server $p"), nil)
	if len(res.Skipped) != 0 || len(res.Listeners) != 1 || res.Listeners[0].Port.Number != 8080 {
		t.Errorf("small expansion: skipped %v, listeners %v", res.Skipped, res.Listeners)
	}
}

// ${X//pattern/repl} may put repl in at every byte of X.
func TestInterpretReplacementBomb(t *testing.T) {
	env := Env{"A": {Name: "A", Value: strings.Repeat("x", 4000)}}
	for _, s := range []string{
		`b=${A//?/$A}; exec python -m http.server $b`, // in an assignment
		`exec python -m http.server ${A//?/$A}`,       // in an argument
	} {
		res := Interpret(shellCmd(s), env)
		if len(res.Skipped) != 1 {
			t.Errorf("%s: skipped %+v", s, res.Skipped)
		}
	}
}

// Many assignments each under MaxExpansion add up; the command's total
// is bounded too, with one finding rather than one per assignment.
func TestInterpretExpansionTotal(t *testing.T) {
	env := Env{"A": {Name: "A", Value: strings.Repeat("x", 60000)}}
	s := strings.Repeat("b=$A; ", 200) + "exec python -m http.server 8080"
	res := Interpret(shellCmd(s), env)
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Message, "in all") {
		t.Fatalf("skipped %+v", res.Skipped)
	}
}

// A variable whose value passed a limit elsewhere (a Dockerfile ENV) is
// unknown: a server that reads it has unknown listeners, in either form.
func TestInterpretUnknownVariable(t *testing.T) {
	env := Env{"PORT": {Name: "PORT", Unknown: true, Range: source.Range{File: "Dockerfile"}}}
	for _, c := range []Command{
		shellCmd("exec gunicorn -b 0.0.0.0:$PORT app:app"),
		execCmd("gunicorn", "app:app"), // reads $PORT itself
	} {
		res := Interpret(c, env)
		if len(res.Listeners) != 0 || res.Known {
			t.Errorf("%v: listeners %v, known %v", c.Args, res.Listeners, res.Known)
		}
	}
	// Known, it resolves.
	res := Interpret(shellCmd("exec gunicorn -b 0.0.0.0:$PORT app:app"), Env{"PORT": {Name: "PORT", Value: "8080"}})
	if len(res.Listeners) != 1 || res.Listeners[0].Port.Number != 8080 {
		t.Errorf("known PORT: %v", res.Listeners)
	}
}

// Squaring a bound once per ${X/p/r} overflows int within a few steps
// unless it saturates; a negative bound would let the expansion through.
func TestBoundSaturates(t *testing.T) {
	const limit = maxExpandTotal
	size := 1000
	for range 8 {
		size = BoundMul(size, size+1, limit)
	}
	if size != limit+1 {
		t.Errorf("BoundMul squared 8 times = %d, want %d", size, limit+1)
	}
	if got := BoundAdd(limit+1, limit+1, limit); got != limit+1 {
		t.Errorf("BoundAdd past the limit = %d, want %d", got, limit+1)
	}
	if got := BoundAdd(2, 3, limit); got != 5 {
		t.Errorf("BoundAdd(2, 3) = %d", got)
	}
}
