package editdist

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"force_http", "force_https", 1},
		{"internal-port", "internal_port", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{strings.Repeat("x", 65), "x", Far},
		{"x", strings.Repeat("x", 65), Far},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
