package suppress

// tomlComments finds the comments of a TOML file with a scan that knows
// TOML's four string forms, so that '#' inside a string is not taken
// for a comment. It needs no valid document: a directive above a syntax
// error still counts. For valid TOML it agrees with go-toml's parser
// (the fuzz test checks this).
func tomlComments(b []byte) []comment {
	var out []comment
	code := false // something other than blanks precedes i on its line
	for i := 0; i < len(b); {
		c := b[i]
		switch c {
		case '\n', '\r':
			code = false
			i++
		case ' ', '\t':
			i++
		case '#':
			end := i
			for end < len(b) && b[end] != '\n' && b[end] != '\r' {
				end++
			}
			out = append(out, comment{start: i, end: end, marker: 1, trailing: code})
			i = end
		case '"', '\'':
			multi := i+2 < len(b) && b[i+1] == c && b[i+2] == c
			if multi {
				i = skipMultiline(b, i+3, c)
			} else {
				i = skipString(b, i+1, c)
			}
			code = true
		default:
			code = true
			i++
		}
	}
	return out
}

// skipString skips a one-line string from just after its opening quote.
// An unterminated string ends at the line's end, as the parser's error
// does, so that the next line is scanned normally.
func skipString(b []byte, i int, quote byte) int {
	for i < len(b) {
		switch b[i] {
		case quote:
			return i + 1
		case '\n', '\r':
			return i
		case '\\':
			if quote == '"' && i+1 < len(b) && b[i+1] != '\n' && b[i+1] != '\r' {
				i++
			}
		}
		i++
	}
	return i
}

// skipMultiline skips a multi-line string from just after its opening
// three quotes. The closing delimiter may be followed by up to two more
// quotes that belong to the content ("""a"""" is `a"`).
func skipMultiline(b []byte, i int, quote byte) int {
	for i < len(b) {
		switch {
		case b[i] == '\\' && quote == '"':
			i += 2
		case b[i] == quote && i+2 < len(b) && b[i+1] == quote && b[i+2] == quote:
			i += 3
			for n := 0; n < 2 && i < len(b) && b[i] == quote; n++ {
				i++
			}
			return i
		default:
			i++
		}
	}
	return len(b)
}
