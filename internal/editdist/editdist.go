// Package editdist measures how far apart two short names are, for the
// "did you mean" suggestions of fly.toml, .flylint.toml and the rules.
// The distance itself is agext/levenshtein's (buildkit already brings
// it); what this package adds is the bound on hostile input.
package editdist

import "github.com/agext/levenshtein"

// Far is what Distance returns for strings too long to be a key: larger
// than any threshold a suggestion uses.
const Far = 1 << 20

// Distance is the Levenshtein distance in runes. Keys are short; a string
// over 64 bytes is Far from everything, which bounds the work on hostile
// input to 64×64 steps.
func Distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return Far
	}
	return levenshtein.Distance(a, b, nil)
}
