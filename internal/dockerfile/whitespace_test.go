package dockerfile

import (
	"regexp"
	"slices"
	"testing"
)

// The separator regexp buildkit splits words with; whitespaceRun must
// find exactly its matches.
var buildkitWhitespace = regexp.MustCompile(`[\t\v\f\r ]+`)

func regexpSpans(s string) [][2]int {
	var spans [][2]int
	start := 0
	for _, sep := range buildkitWhitespace.FindAllStringIndex(s, -1) {
		spans = append(spans, [2]int{start, sep[0]})
		start = sep[1]
	}
	return append(spans, [2]int{start, len(s)})
}

func FuzzWhitespaceRunMatchesRegexp(f *testing.F) {
	for _, s := range []string{"", " ", "a", "EXPOSE 80  443", "\t\v\f\r a\n b ", "x\u00a0y z", "  lead", "trail  ", "a\x00 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordSpansWhitespace(s), regexpSpans(s); !slices.Equal(got, want) {
			t.Errorf("wordSpansWhitespace(%q) = %v; the regexp gives %v", s, got, want)
		}
	})
}
