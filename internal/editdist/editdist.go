// Package editdist measures how far apart two short names are, for the
// "did you mean" suggestions of fly.toml, .flylint.toml and the rules.
package editdist

// Far is what Distance returns for strings too long to be a key: larger
// than any threshold a suggestion uses.
const Far = 1 << 20

// Distance is the Levenshtein distance in bytes. Keys are short; a string
// over 64 bytes is Far from everything, which bounds the work on hostile
// input to 64×64 steps.
func Distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return Far
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
