package fingerprint

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The expected values are the published test vectors of
// github/codeql-action (src/fingerprints.test.ts, "hash"): the hashes its
// upload step computes for these inputs, line by line.
var githubVectors = []struct {
	name  string
	input string
	want  []string
}{
	{"empty file", "", []string{"c129715d7a2bc9a3:1"}},
	{"indentation, no final newline", " a\nb\n  \t\tc\n d", []string{
		"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
	}},
	{"blank lines, no final newline", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
		"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
		"c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1",
	}},
	{"LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", helloWorld},
	{"CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", helloWorld},
	{"CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", helloWorld},
	{"mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", helloWorld},
	{"repeated lines", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
		"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
	}},
}

var helloWorld = []string{
	"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
	"b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
}

func TestLineHashesMatchGitHub(t *testing.T) {
	for _, tc := range githubVectors {
		t.Run(tc.name, func(t *testing.T) {
			got := LineHashes([]byte(tc.input))
			if got[0] != "" || !slices.Equal(got[1:], tc.want) {
				t.Errorf("LineHashes(%q)\n got %q\nwant %q", tc.input, got[1:], tc.want)
			}
			for i, want := range tc.want {
				if h := LineHash([]byte(tc.input), i+1); h != want {
					t.Errorf("LineHash(line %d) = %q, want %q", i+1, h, want)
				}
			}
		})
	}
}

func TestLineHashOutOfRange(t *testing.T) {
	content := []byte("a\nb")
	for _, line := range []int{-1, 0, 3, 100} {
		if h := LineHash(content, line); h != "" {
			t.Errorf("LineHash(line %d) = %q, want \"\"", line, h)
		}
	}
}

func TestLineHashSurvivesMovedLines(t *testing.T) {
	body := "[http_service]\n  internal_port = 8080\n  force_https = true\n"
	before := LineHashes([]byte(body))
	after := LineHashes([]byte("# a new comment on top\n\n" + body))
	for i := 1; i < len(before); i++ {
		if before[i] != after[i+2] {
			t.Errorf("line %d moved to %d: %q became %q", i, i+2, before[i], after[i+2])
		}
	}
}

// A line's hash covers the next 100 kept units, whatever lines they are
// on, so a change on the next line changes it too: GitHub's definition.
func TestLineHashSeesFollowingLines(t *testing.T) {
	a := LineHash([]byte("port = 8080\nhost = \"a\"\n"), 1)
	b := LineHash([]byte("port = 8080\nhost = \"b\"\n"), 1)
	if a == b {
		t.Errorf("both %q", a)
	}
}

// Non-ASCII text is hashed as UTF-16 code units: an astral character is
// two units, so it shifts the window by two, like two ASCII characters do.
// Only the window's content differs, so the hashes differ but the
// structure (one hash per line, occurrence 1) holds.
func TestLineHashesNonASCII(t *testing.T) {
	hs := LineHashes([]byte("é😀\n\xE2\x82x\n\uFEFFa\n"))
	if len(hs) != 5 {
		t.Fatalf("hashes = %q", hs)
	}
	for i, h := range hs[1:] {
		if !strings.HasSuffix(h, ":1") {
			t.Errorf("line %d: %q", i+1, h)
		}
	}
	// The replacement for an invalid sequence is one unit, as in Node:
	// "\xE2\x82x" hashes like "\uFFFDx".
	if got, want := LineHash([]byte("\xE2\x82x"), 1), LineHash([]byte("\uFFFDx"), 1); got != want {
		t.Errorf("truncated sequence: %q, want %q", got, want)
	}
}

// The replacement counts below are what Node's Buffer.toString("utf8")
// gives for the same bytes (checked with node 18+).
func TestDecodeRuneLikeNode(t *testing.T) {
	for _, tc := range []struct {
		in    string
		runes []rune
	}{
		{"\xE2\x82x", []rune{utf8.RuneError, 'x'}},
		{"\xF0\x9F\x98x", []rune{utf8.RuneError, 'x'}},
		{"\xED\xA0\x80", []rune{utf8.RuneError, utf8.RuneError, utf8.RuneError}},
		{"\xC0\x80", []rune{utf8.RuneError, utf8.RuneError}},
		{"\xE0\x80\x80", []rune{utf8.RuneError, utf8.RuneError, utf8.RuneError}},
		{"\xF4\x90\x80\x80", []rune{utf8.RuneError, utf8.RuneError, utf8.RuneError, utf8.RuneError}},
		{"\xEF\xBB\xBFa", []rune{0xFEFF, 'a'}},
		{"\xF0\x9F\x98", []rune{utf8.RuneError}},
		{"é😀", []rune{'é', '😀'}},
	} {
		var got []rune
		for b := []byte(tc.in); len(b) > 0; {
			r, n := decodeRune(b)
			got = append(got, r)
			b = b[n:]
		}
		if !slices.Equal(got, tc.runes) {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.runes)
		}
	}
}

func FuzzLineHashes(f *testing.F) {
	f.Add([]byte("a\r\nb\rc\n\n  d"))
	f.Add([]byte("é😀\x00\xff\xE2\x82"))
	f.Add([]byte(strings.Repeat("x\n", 150)))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs := LineHashes(data)
		// One hash per line, counting "\r\n", "\r" and "\n" as breaks.
		want := 1 + strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") +
			strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r")
		if len(hs) != want+1 {
			t.Fatalf("%d hashes for %d lines of %q", len(hs)-1, want, data)
		}
		for i, h := range hs[1:] {
			if h == "" {
				t.Fatalf("line %d has no hash in %q", i+1, data)
			}
		}
	})
}

func TestLineHashesIgnoreIndentationAndLineEndings(t *testing.T) {
	a := LineHashes([]byte("app = \"x\"\n[http_service]\n  internal_port = 8080\n"))
	b := LineHashes([]byte("app = \"x\"\r\n[http_service]\r\n\tinternal_port=8080\r\n"))
	if !slices.Equal(a, b) {
		t.Errorf("whitespace and CRLF changed the hashes:\n%q\n%q", a, b)
	}
}
