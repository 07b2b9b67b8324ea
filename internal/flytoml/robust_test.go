package flytoml

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestOddInputs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     string
		wantErr bool
	}{
		{"empty", "", false},
		{"only BOM", "\xef\xbb\xbf", false},
		{"only comments", "# nothing\n\n   # here\n", false},
		{"CR alone", "app = 'a'\r", true},
		{"NUL", "\x00", true},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", true},
		{"invalid UTF-8 in comment", "# \xff\xfe\napp = 'a'\n", true},
		{"deep arrays", "a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", false},
		{"too deep arrays", "a = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", true},
		{"deep inline tables", "a = " + strings.Repeat("{b = ", 3000) + "1" + strings.Repeat("}", 3000) + "\n", false},
		{"deep headers", "[" + strings.Repeat("a.", 3000) + "b]\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("fly.toml", []byte(tc.src))
			if tc.wantErr {
				var se *SyntaxError
				if !errors.As(err, &se) || !se.Range.IsValid() {
					t.Fatalf("got %v, want a placed *SyntaxError", err)
				}
				return
			}
			if err != nil || c == nil {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// bigFile is about size bytes of realistic sections.
func bigFile(size int) []byte {
	var b bytes.Buffer
	b.WriteString("app = \"big\"\n[env]\n")
	for i := 0; b.Len() < size/2; i++ {
		fmt.Fprintf(&b, "VAR_%d = \"value %d\"\n", i, i)
	}
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "[[services]]\ninternal_port = %d\nprotocol = \"tcp\"\n[[services.ports]]\nport = \"%d\"\nhandlers = [\"http\"]\n", i%65535+1, i%65535+1)
	}
	return b.Bytes()
}

// TestLinear checks that parsing work grows linearly: 8 times the input
// must not allocate much more than 8 times as much. Bytes allocated are
// counted, not time, so the test gives the same answer on a loaded CI
// machine; BenchmarkParseSizes shows the time. A 50 MB file is parsed
// with FLYTOML_BIG=1.
func TestLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	measure := func(size int) uint64 {
		data := bigFile(size)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := Parse("fly.toml", data); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := measure(256<<10), measure(2<<20)
	t.Logf("256 KiB: %d B allocated, 2 MiB: %d B (ratio %.1f)", small, large, float64(large)/float64(small))
	if large > 12*small {
		t.Errorf("8x input allocated %.1fx as much", float64(large)/float64(small))
	}
	if os.Getenv("FLYTOML_BIG") != "" {
		data := bigFile(50 << 20)
		start := time.Now()
		c, err := Parse("fly.toml", data)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("50 MiB: %v, %d services, %d problems", time.Since(start), len(c.Services), len(c.Problems))
	}
}

// BenchmarkParseSizes shows parse time at two sizes; ns/op should grow
// about 8x between them.
func BenchmarkParseSizes(b *testing.B) {
	for _, size := range []int{256 << 10, 2 << 20} {
		data := bigFile(size)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("fly.toml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/full.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("fly.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// Parsers are pooled across files; what one file left in a parser (a
// half-parsed expression, a grown arena) must not show in the next.
func TestPooledParsersKeepNothing(t *testing.T) {
	good := []byte("app = \"demo\"\n[http_service]\n  internal_port = 8080\n  force_https = true\n[[services]]\n  internal_port = 5000\n  protocol = \"udp\"\n  [[services.ports]]\n    port = 5000\n")
	broken := []byte("app = \"x\"\n[http_service]\n  internal_port = [1, 2, 3, {a = \n")
	var big strings.Builder
	big.WriteString("app = \"big\"\n[env]\n  LIST = [")
	for i := range 20000 {
		fmt.Fprintf(&big, "%d, ", i)
	}
	big.WriteString("0]\n")

	want, err := Parse("fly.toml", good)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := Parse("fly.toml", broken); err == nil {
			t.Fatal("broken input parsed without an error")
		}
		if _, err := Parse("fly.toml", []byte(big.String())); err != nil {
			t.Fatal(err)
		}
		got, err := Parse("fly.toml", good)
		if err != nil {
			t.Fatalf("after other files: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after other files the same input parses differently:\n got %+v\nwant %+v", got, want)
		}
	}
}
