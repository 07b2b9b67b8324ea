package fix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The goldens in testdata/diff were written by GNU diff 3.8:
// diff -u --label a/NAME.txt --label b/NAME.txt old new
func TestDiffGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/diff/*")
	if err != nil || len(dirs) == 0 {
		t.Fatal("no goldens", err)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			read := func(f string) []byte {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			got := Diff(name+".txt", read("old"), read("new"))
			if want := read("want.diff"); !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestDiffEqual(t *testing.T) {
	if d := Diff("f", []byte("a\n"), []byte("a\n")); d != nil {
		t.Errorf("Diff of equal files = %q", d)
	}
	if d := Diff("f", nil, []byte{}); d != nil {
		t.Errorf("Diff of empty files = %q", d)
	}
}

func TestDiffPath(t *testing.T) {
	got := string(Diff(filepath.Join("apps", "web", "fly.toml"), []byte("a\n"), []byte("b\n")))
	want := "--- a/apps/web/fly.toml\n+++ b/apps/web/fly.toml\n@@ -1 +1 @@\n-a\n+b\n"
	if got != want {
		t.Errorf("got %q", got)
	}
}

// patch applies a unified diff made by Diff to old; it checks every
// context and deleted line, so a wrong diff fails.
func patch(old []byte, diff []byte) ([]byte, error) {
	a := strings.SplitAfter(string(old), "\n")
	if a[len(a)-1] == "" {
		a = a[:len(a)-1]
	}
	lines := strings.SplitAfter(string(diff), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return nil, fmt.Errorf("bad header")
	}
	var out []string
	ai := 0
	for i := 2; i < len(lines) && lines[i] != ""; i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "@@ -"):
			f := strings.Fields(l)
			start, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
			n, err := strconv.Atoi(start)
			if err != nil {
				return nil, err
			}
			if !strings.Contains(f[1], ",0") {
				n-- // 1-based line of the first line, except for empty ranges
			}
			if n < ai {
				return nil, fmt.Errorf("hunks out of order")
			}
			out = append(out, a[ai:n]...)
			ai = n
		default:
			body := l[1:]
			if i+1 < len(lines) && lines[i+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if ai >= len(a) || a[ai] != body {
					return nil, fmt.Errorf("line %d: want %q, have %q", ai+1, body, a[ai:min(ai+1, len(a))])
				}
				ai++
				if l[0] == ' ' {
					out = append(out, body)
				}
			case '+':
				out = append(out, body)
			default:
				return nil, fmt.Errorf("bad line %q", l)
			}
		}
	}
	out = append(out, a[ai:]...)
	return []byte(strings.Join(out, "")), nil
}

func checkRoundTrip(t *testing.T, old, new []byte) {
	t.Helper()
	d := Diff("f", old, new)
	if bytes.Equal(old, new) {
		if d != nil {
			t.Fatalf("diff of equal inputs")
		}
		return
	}
	got, err := patch(old, d)
	if err != nil {
		t.Fatalf("patch: %v\nold %q\nnew %q\ndiff:\n%s", err, old, new, d)
	}
	if !bytes.Equal(got, new) {
		t.Fatalf("patch gives %q, want %q\ndiff:\n%s", got, new, d)
	}
}

func TestDiffRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a\n", "b\n", "c\n", "a\r\n", "d", "\n"}
	gen := func() []byte {
		var b []byte
		for n := r.IntN(30); n > 0; n-- {
			w := words[r.IntN(len(words))]
			b = append(b, w...)
		}
		return b
	}
	for i := 0; i < 3000; i++ {
		checkRoundTrip(t, gen(), gen())
	}
}

func TestDiffMinimal(t *testing.T) {
	// Myers finds the shortest script: one line changed is one - and one +.
	old := []byte(strings.Repeat("x\ny\n", 50))
	new := bytes.Replace(old, []byte("x\ny\nx\n"), []byte("x\nz\nx\n"), 1)
	d := string(Diff("f", old, new))
	if d != "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n x\n-y\n+z\n x\n y\n x\n" {
		t.Errorf("not minimal:\n%s", d)
	}
}

func TestDiffTooDifferent(t *testing.T) {
	// More than maxD differences: the fallback must still be correct.
	var a, b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&a, "a%d\n", i)
		fmt.Fprintf(&b, "b%d\n", i)
		if i%3 == 0 {
			a.WriteString("same\n")
			b.WriteString("same\n")
		}
	}
	checkRoundTrip(t, []byte(a.String()), []byte(b.String()))
}

func TestDiffLargeFile(t *testing.T) {
	old := bytes.Repeat([]byte("internal_port = 8080\n"), 500_000) // ~10 MB
	new := bytes.Clone(old)
	copy(new[len(new)/2+5:], "X")
	d := Diff("f", old, new)
	if bytes.Count(d, []byte("\n@@ -")) != 1 || !bytes.Contains(d, []byte("@@ -249998,7 +249998,7 @@\n")) {
		t.Errorf("want one hunk, got:\n%s", d)
	}
	checkRoundTrip(t, old, new)
}

func FuzzDiff(f *testing.F) {
	f.Add([]byte("a\nb\nc"), []byte("a\nc\nd\n"))
	f.Add([]byte(""), []byte("x"))
	f.Add([]byte("a\r\nb\r\n"), []byte("a\nb\r\n"))
	f.Add([]byte("\x00\xff\n"), []byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, old, new []byte) {
		checkRoundTrip(t, old, new)
	})
}
