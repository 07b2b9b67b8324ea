package fingerprint

import (
	"strings"
	"testing"
)

func TestLineHashesIgnoreIndentationAndLineEndings(t *testing.T) {
	a := LineHashes([]byte("app = \"x\"\n[http_service]\n  internal_port = 8080\n"))
	b := LineHashes([]byte("app = \"x\"\r\n[http_service]\r\n\tinternal_port=8080\r\n"))
	if len(a) != 5 || a[1] == "" || a[3] == "" {
		t.Fatalf("hashes = %q", a)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("line %d: %q vs %q: whitespace and CRLF must not change the hash", i, a[i], b[i])
		}
	}
}

func TestLineHashSurvivesMovedLines(t *testing.T) {
	body := "[http_service]\n  internal_port = 8080\n  force_https = true\n"
	before := LineHashes([]byte(body))
	after := LineHashes([]byte("# a new comment on top\n\n" + body))
	if before[2] != after[4] {
		t.Errorf("the same line moved down two lines: %q vs %q", before[2], after[4])
	}
}

func TestRepeatedLinesGetOccurrenceSuffix(t *testing.T) {
	// Identical tails: the 100-unit windows of the last two lines are equal.
	hs := LineHashes([]byte("x\ny\ny\n"))
	if !strings.HasSuffix(hs[2], ":1") || hs[2] == hs[3] {
		t.Errorf("hashes = %q", hs)
	}
	if LineHash([]byte("a\n"), 5) != "" || LineHash([]byte("a\n"), 1) == "" {
		t.Error("LineHash bounds")
	}
}

func FuzzLineHashes(f *testing.F) {
	f.Add([]byte("a\r\nb\rc\n\n  d"))
	f.Add([]byte("é😀\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs := LineHashes(data)
		for i, h := range hs[1:] {
			if h == "" {
				t.Fatalf("line %d has no hash in %q", i+1, data)
			}
		}
	})
}
