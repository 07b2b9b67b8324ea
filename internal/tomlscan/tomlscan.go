// Package tomlscan finds where TOML arrays and inline tables end. go-toml's
// unstable parser (v2) gives no range for them, so both of flylint's TOML
// readers (internal/flytoml for fly.toml, internal/config for
// .flylint.toml) step over the text between their elements themselves.
// The text has already been parsed, so only the bytes listed here can
// stand between elements.
package tomlscan

// SkipTrivia returns the offset of the first byte at or after i in data
// that is not what TOML allows between array elements and inline-table
// entries: blanks, newlines, commas and comments.
func SkipTrivia(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// Close returns the offset just past the bracket c that closes a value
// whose last element ends at i, or the offset of whatever stands there
// instead, so that a range never covers what is not the value's.
func Close(data []byte, i int, c byte) int {
	i = SkipTrivia(data, i)
	if i < len(data) && data[i] == c {
		i++
	}
	return i
}
