package dockerfile

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// bomb is "ENV A1=$A0$A0…" ten references a line: A_i holds 10^(i+1)
// bytes, gigabytes by the eighth line.
func bomb(inst, ref string, lines int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s A0=xxxxxxxxxx\n", inst)
	for i := 1; i <= lines; i++ {
		fmt.Fprintf(&b, "%s A%d=%s\n", inst, i, strings.Repeat(fmt.Sprintf(ref, i-1), 10))
	}
	return b.String()
}

// parseBounded parses src and builds its default image, failing if that
// costs a bomb's memory. Time is not asserted: a wall-clock bound fails
// on a loaded machine and passes on a fast one, while every expansion
// bomb shows as allocation, which does not depend on the machine.
func parseBounded(t *testing.T, src string) (*File, *Image) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f := mustParse(t, src)
	img := mustImage(t, f, "", nil)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("allocated %d MB", n>>20)
	}
	return f, img
}

func limitsAt(src string, ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d:%d %s", p.Range.Start.Line, p.Range.Start.Col, textAt(src, p.Range)[:3]))
	}
	return out
}

func TestEnvBomb(t *testing.T) {
	src := "FROM alpine\n" + bomb("ENV", "$A%d", 8) + "CMD [\"x\"]\n"
	f, img := parseBounded(t, src)
	// A4 would be 100,000 bytes: the first past MaxExpansion. Later
	// lines read an unknown A4 and say nothing more.
	if got, want := limitsAt(src, img.Limits), []string{"6:5 A4="}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("limits %v, want %v", got, want)
	}
	if len(f.Limits) != 1 || !strings.Contains(f.Limits[0].Message, "This ENV could expand to 100030 bytes, past flylint's limit of 65536 bytes") {
		t.Errorf("file limits %+v", f.Limits)
	}
	if v := img.Env["A3"]; v.Unknown || len(v.Value) != 10000 {
		t.Errorf("A3 is within the limit: unknown %v, %d bytes", v.Unknown, len(v.Value))
	}
	for i := 4; i <= 8; i++ {
		if v := img.Env[fmt.Sprintf("A%d", i)]; !v.Unknown || v.Value != "" {
			t.Errorf("A%d: unknown %v, %d bytes; want unknown and empty", i, v.Unknown, len(v.Value))
		}
	}
}

func TestArgAndFromBomb(t *testing.T) {
	src := bomb("ARG", "${A%d}", 11) + "FROM alpine:${A11}\nARG A11\nENV X=$A11 Y=${A2}\n"
	f, img := parseBounded(t, src)
	if got, want := limitsAt(src, img.Limits), []string{"5:5 A4="}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("limits %v, want %v", got, want)
	}
	// The base is kept as written: no image or stage is guessed.
	if f.Stages[0].Base != "alpine:${A11}" {
		t.Errorf("base %q", f.Stages[0].Base)
	}
	if v := img.Env["X"]; !v.Unknown {
		t.Errorf("X reads the unknown A11 through ARG: %+v", v)
	}
	if v := img.Env["Y"]; v.Unknown || v.Value != "" {
		// A2 is a meta-arg the stage did not declare: empty, and known.
		t.Errorf("Y: %+v", v)
	}
}

func TestNestedDefaults(t *testing.T) {
	n := 100000
	word := strings.Repeat("${A:-", n) + "x" + strings.Repeat("}", n)
	// Continuation lines keep each line under docker's 65,535 bytes.
	var lines []string
	for i := 0; i < len(word); i += 60000 {
		lines = append(lines, word[i:min(i+60000, len(word))])
	}
	src := "FROM alpine\nENV B=" + strings.Join(lines, "\\\n") + "\nCMD [\"x\"]\n"
	_, img := parseBounded(t, src)
	if len(img.Limits) != 1 || !strings.Contains(img.Limits[0].Message, fmt.Sprintf("nests ${ } %d deep, past flylint's limit of %d", n, listen.MaxNesting)) {
		t.Fatalf("limits %+v", img.Limits)
	}
	if !img.Env["B"].Unknown {
		t.Error("B is not unknown")
	}
	// At the limit it is expanded.
	src = "FROM alpine\nENV B=" + strings.Repeat("${A:-", listen.MaxNesting) + "x" + strings.Repeat("}", listen.MaxNesting) + "\n"
	_, img = parseBounded(t, src)
	if len(img.Limits) != 0 || img.Env["B"].Value != "x" {
		t.Errorf("at the limit: %+v, B = %q", img.Limits, img.Env["B"].Value)
	}
}

// ${X//pattern/repl} puts repl in at every match: 4,000 × 4,000 bytes.
// The bound squares, so only short values are replaced, as real ones
// (a version, a tag) are.
func TestReplacementBomb(t *testing.T) {
	src := "FROM alpine\nENV A=" + strings.Repeat("x", 4000) + "\nENV B=${A//?/$A}\nENV S=" + strings.Repeat("x", 200) + "\nENV C=${S//x/y}\n"
	_, img := parseBounded(t, src)
	if got, want := limitsAt(src, img.Limits), []string{"3:5 B=$"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("limits %v, want %v", got, want)
	}
	if v := img.Env["C"]; v.Unknown || v.Value != strings.Repeat("y", 200) {
		t.Errorf("a replacement within the limit: unknown %v, %.20q", v.Unknown, v.Value)
	}
}

// Values each under MaxExpansion still add up: the file's total is
// bounded, with one finding at the instruction that used it up.
func TestExpansionTotal(t *testing.T) {
	var b strings.Builder
	b.WriteString("FROM alpine\nENV A=" + strings.Repeat("x", 60000) + "\n")
	for i := range 200 {
		fmt.Fprintf(&b, "ENV B%d=$A\n", i)
	}
	b.WriteString("EXPOSE 8080\n")
	src := b.String()
	_, img := parseBounded(t, src)
	if len(img.Limits) != 1 || !strings.Contains(img.Limits[0].Message, "add up to more than 4194304 bytes") {
		t.Fatalf("limits %+v", img.Limits)
	}
	at := img.Limits[0].Range.Start.Line - 3 // B0 is on line 3
	if at < 60 || at > 80 {
		t.Errorf("the budget ran out at B%d", at)
	}
	if v := img.Env["B0"]; v.Unknown || len(v.Value) != 60000 {
		t.Errorf("B0: unknown %v, %d bytes", v.Unknown, len(v.Value))
	}
	if v := img.Env["B199"]; !v.Unknown {
		t.Errorf("B199 is known past the budget")
	}
	// Literal words cost nothing: the EXPOSE after the budget still reads.
	if len(img.Expose) != 1 || img.Expose[0].Port != 8080 {
		t.Errorf("expose %+v", img.Expose)
	}
}

func TestExposeBomb(t *testing.T) {
	src := "FROM alpine\n" + bomb("ENV", "$A%d", 3) + "ENV P=8080\nEXPOSE $A3$A3$A3$A3$A3$A3$A3 $P\n"
	_, img := parseBounded(t, src)
	if len(img.Limits) != 1 || !strings.Contains(img.Limits[0].Message, "This EXPOSE could expand") {
		t.Fatalf("limits %+v", img.Limits)
	}
	// Each argument is its own word: only the bomb goes unexpanded.
	if len(img.Expose) != 2 || img.Expose[0].Port != 0 || img.Expose[1].Port != 8080 {
		t.Errorf("expose %+v: want the bomb without a port, then 8080", img.Expose)
	}
}

// FuzzExpandBounded feeds the Dockerfile expander files built to cost
// time or memory: doubling bombs through ENV, ARG, FROM, WORKDIR and
// EXPOSE, replacement bombs, and nested defaults. Each must finish
// quickly and small, hold no value past MaxExpansion, and leave an
// unknown value empty rather than cut short.
func FuzzExpandBounded(f *testing.F) {
	nested := strings.Repeat("${A:-", 2000) + "x" + strings.Repeat("}", 2000)
	for _, s := range []string{
		"FROM alpine\n" + bomb("ENV", "$A%d", 8),
		"FROM alpine\n" + bomb("ENV", "${A%d}", 8),
		bomb("ARG", "${A%d}", 11) + "FROM alpine:${A11}\n",
		"FROM alpine\n" + bomb("ARG", "$A%d", 8) + "WORKDIR /$A8\nEXPOSE $A8\n",
		"FROM alpine\nENV A=" + strings.Repeat("x", 4000) + "\nENV B=${A//?/$A}\nENV C=${B//?/$B}\n",
		"FROM alpine\nENV B=" + nested + "\n",
		"ARG A=" + nested + "\nFROM $A\n",
		"FROM alpine\nENV A=" + strings.Repeat("x", 60000) + "\n" + strings.Repeat("ENV B=$A$A\n", 100),
		"FROM alpine AS a\nENV A0=x\nFROM a AS b\n" + bomb("ENV", "\"$A%d\"", 8) + "FROM b\nCMD echo $A8\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		file, err := Parse("Dockerfile", []byte(src))
		if err != nil {
			return
		}
		img, err := file.Image("", map[string]string{"A0": strings.Repeat("y", 1000)})
		if err != nil {
			return
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
			t.Errorf("allocated %d MB", n>>20)
		}
		checkRanges(t, "Dockerfile", []byte(src), file, img)
		for name, v := range img.Env {
			if len(v.Value) > max(MaxExpansion, len(src)) {
				t.Errorf("%s holds %d bytes", name, len(v.Value))
			}
			if v.Unknown && v.Value != "" {
				t.Errorf("%s is unknown but holds %.20q", name, v.Value)
			}
		}
		for _, l := range append(file.Limits, img.Limits...) {
			if !strings.Contains(l.Message, "past flylint's limit") {
				t.Errorf("limit message does not name the limit: %s", l.Message)
			}
		}
	})
}
