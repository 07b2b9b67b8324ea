package fingerprint

import "unicode/utf8"

// decodeRune decodes like Node's UTF-8 decoder (the WHATWG Encoding
// standard), which is how codeql-action reads the file it hashes: an
// invalid sequence becomes one U+FFFD per maximal valid prefix, so a
// truncated "\xE2\x82" is one replacement, where Go's decoder gives two.
func decodeRune(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r != utf8.RuneError || size != 1 {
		return r, size
	}
	lo, hi := byte(0x80), byte(0xBF) // range of the first continuation byte
	need := 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, n
}
