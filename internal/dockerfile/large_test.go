package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestHostileInput(t *testing.T) {
	for name, src := range map[string]string{
		"NUL bytes":      "FROM a\x00\nCMD [\"\x00\"]\n",
		"invalid UTF-8":  "FROM \xff\xfe\nENV A=\xc3\nCMD \xed\xa0\x80 x\n",
		"binary junk":    "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
		"lone CR":        "FROM a\rCMD x\r",
		"only BOM":       "\xEF\xBB\xBF",
		"continuation":   "\\",
		"unclosed json":  "FROM a\nCMD [\"a\", \"b\"\n",
		"nested heredoc": "FROM a\nRUN <<A <<B\nx\nA\n",
	} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse("Dockerfile", []byte(src))
			var se *SyntaxError
			if err != nil && !errors.As(err, &se) {
				t.Fatalf("not a SyntaxError: %v", err)
			}
			if err == nil {
				img, err := f.Image("", nil)
				if err != nil {
					t.Fatal(err)
				}
				checkRanges(t, "Dockerfile", []byte(src), f, img)
			}
		})
	}
}

func TestLoneCRPositionsFollowEditors(t *testing.T) {
	// buildkit ends lines at "\n" only, so "\r" is blank inside the
	// instruction; source.Lines (and editors) start a line after it.
	src := "FROM a\nCMD [\"x\",\r\"y\"]\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{{"x", "2:7-2:8", "x"}, {"y", "3:2-3:3", "y"}})
}

func TestLongLineLimit(t *testing.T) {
	// bufio.Scanner's limit: a line with its newline may be 65536 bytes.
	ok := "FROM a\nRUN " + strings.Repeat("x", maxLine-5) + "\n"
	if _, err := Parse("Dockerfile", []byte(ok)); err != nil {
		t.Errorf("line of %d bytes: %v", maxLine-1, err)
	}
	bad := "FROM a\nRUN " + strings.Repeat("x", maxLine-4) + "\n"
	_, err := Parse("Dockerfile", []byte(bad))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Range.Start.Line != 2 {
		t.Errorf("line of %d bytes: %v", maxLine, err)
	}
}

// bigDockerfile repeats a realistic stage until it reaches size bytes.
func bigDockerfile(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "FROM golang:1.22 AS s%d\nARG PORT=%d\nENV PORT=$PORT \\\n    HOST=0.0.0.0\nEXPOSE $PORT 53/udp\nRUN go build -o /app%d ./cmd/web \\\n  # comment\n  && echo done\nCMD [\"/app\", \"-port\", \"$PORT\"]\n\n", i, 1000+i%60000, i)
	}
	return b.Bytes()
}

func TestHundredThousandLines(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("FROM alpine AS s0\nENV V0=x\n")
	for i := 1; i < chainStages; i++ {
		// a deep FROM chain: every stage inherits from the one before
		// and looks up variables set far up the chain
		fmt.Fprintf(&b, "FROM s%d AS s%d\nENV V%d=${V%d:+set}$V0\n", i-1, i, i, i-1)
	}
	data := b.Bytes()
	// No time limit here (a loaded CI machine makes one flaky): a
	// quadratic walk of the chain shows as a test timeout, and
	// BenchmarkParse measures the speed.
	start := time.Now()
	f := mustParse(t, string(data))
	img := mustImage(t, f, "", nil)
	if len(img.Env) != chainStages || img.Env["V3"].Value != "setx" {
		t.Errorf("env has %d vars, V3=%q", len(img.Env), img.Env["V3"].Value)
	}
	t.Logf("%d lines, %d bytes: %v", bytes.Count(data, []byte("\n")), len(data), time.Since(start))
}

func TestFiftyMegabytes(t *testing.T) {
	// About 40 s and 2 GB of heap: run it on purpose, with
	// FLYLINT_LARGE=1 go test -run FiftyMegabytes -v ./dockerfile
	if os.Getenv("FLYLINT_LARGE") == "" {
		t.Skip("set FLYLINT_LARGE=1 to parse a 50 MB Dockerfile")
	}
	data := bigDockerfile(50 << 20)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f, err := Parse("Dockerfile", data)
	if err != nil {
		t.Fatal(err)
	}
	img := mustImage(t, f, "", nil)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if img.Cmd == nil || len(f.Stages) < 100000 {
		t.Errorf("%d stages, cmd %v", len(f.Stages), img.Cmd)
	}
	t.Logf("%d MB, %d lines, %d stages: %v, %d MB allocated, heap in use after %d MB",
		len(data)>>20, bytes.Count(data, []byte("\n")), len(f.Stages), elapsed,
		(after.TotalAlloc-before.TotalAlloc)>>20, after.HeapInuse>>20)
}

var chainStages = 50000
