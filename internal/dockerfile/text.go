package dockerfile

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/flylint-dev/flylint/internal/source"
)

// buildkit reports only line numbers, counting lines the way its scanner
// splits them: on "\n" alone. text maps those line numbers to byte offsets,
// and byte offsets to source.Pos through source.Lines, so every position
// flylint prints for a Dockerfile agrees with the positions it prints for
// other files (and with editors, which also end a line at a lone "\r").
type text struct {
	path  string
	data  []byte
	nl    []int // byte offset of the start of each "\n"-terminated line
	lines *source.Lines
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func newText(path string, data []byte) *text {
	t := &text{path: path, data: data, nl: []int{0}, lines: source.NewLines(data)}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			t.nl = append(t.nl, i+1)
		}
	}
	return t
}

// lineSpan returns the byte offsets of a buildkit line: its start, and its
// end including the "\n" (if any).
func (t *text) lineSpan(line int) (start, end int) {
	if line < 1 || line > len(t.nl) {
		return len(t.data), len(t.data)
	}
	start = t.nl[line-1]
	end = len(t.data)
	if line < len(t.nl) {
		end = t.nl[line]
	}
	return start, end
}

// lineContent is lineSpan without the trailing "\r\n" characters.
func (t *text) lineContent(line int) (start, end int) {
	start, end = t.lineSpan(line)
	for end > start && (t.data[end-1] == '\n' || t.data[end-1] == '\r') {
		end--
	}
	return start, end
}

func (t *text) rng(start, end int) source.Range {
	if end < start {
		end = start
	}
	return t.lines.Range(t.path, start, end)
}

// linesRange covers buildkit lines first..last, from the first non-blank
// byte of the first line to the end of the last line's content.
func (t *text) linesRange(first, last int) source.Range {
	if last < first {
		last = first
	}
	s, e := t.lineContent(first)
	if first == 1 && bytes.HasPrefix(t.data[s:e], bom) {
		s += len(bom)
	}
	s += len(t.data[s:e]) - len(bytes.TrimLeftFunc(t.data[s:e], unicode.IsSpace))
	_, end := t.lineContent(last)
	return t.rng(s, end)
}

// segment says that bytes [logical, logical+n) of a logical line are the
// bytes [file, file+n) of the Dockerfile.
type segment struct{ logical, file, n int }

// logicalLine is one instruction's text as buildkit's parser assembles it
// from continuation lines, with the map back to the file.
type logicalLine struct {
	text    string
	segs    []segment
	endLine int   // the buildkit line where the continuation ends
	blank   []int // empty lines skipped inside the continuation
}

// logical rebuilds the instruction that starts at a buildkit line, step for
// step as parser.Parse does: the BOM is dropped from line 1, leading space
// from the first line only, the escape token (and the blanks after it) from
// the end of each continued line; comment lines and blank lines inside a
// continuation are skipped. Parse checks the result against the node's
// Original text before trusting any position computed from it.
func (t *text) logical(startLine int, escape byte) logicalLine {
	var buf strings.Builder
	var segs []segment
	var blank []int
	line := startLine
	for first := true; line <= len(t.nl); first, line = false, line+1 {
		s, e := t.lineContent(line)
		if line == 1 && bytes.HasPrefix(t.data[s:e], bom) {
			s += len(bom)
		}
		tok := t.data[s:e]
		if first {
			trimmed := bytes.TrimLeftFunc(tok, unicode.IsSpace)
			s += len(tok) - len(trimmed)
			tok = trimmed
		} else {
			if isCommentLine(tok) {
				continue
			}
			if len(bytes.TrimLeftFunc(tok, unicode.IsSpace)) == 0 {
				blank = append(blank, line)
				continue
			}
		}
		tok, more := trimContinuation(tok, escape)
		segs = append(segs, segment{logical: buf.Len(), file: s, n: len(tok)})
		buf.Write(tok)
		if !more {
			break
		}
	}
	if line > len(t.nl) {
		line = len(t.nl)
	}
	return logicalLine{text: buf.String(), segs: segs, endLine: line, blank: blank}
}

func isCommentLine(b []byte) bool {
	b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	return len(b) > 0 && b[0] == '#'
}

// trimContinuation reports whether a line ends with the escape token
// (blanks after it allowed) that is not itself escaped, and drops it.
func trimContinuation(b []byte, escape byte) ([]byte, bool) {
	k := len(b)
	for k > 0 && (b[k-1] == ' ' || b[k-1] == '\t') {
		k--
	}
	if k == 0 || b[k-1] != escape {
		return b, false
	}
	if k >= 2 && b[k-2] == escape {
		return b, false
	}
	return b[:k-1], true
}

// fileOffset maps a byte index of the logical line to a file offset. An
// index at the end of a segment stays on that segment's line, so a range
// never ends at the start of the next physical line.
func (l *logicalLine) fileOffset(i int) int {
	if len(l.segs) == 0 {
		return 0
	}
	for _, s := range l.segs {
		if i <= s.logical+s.n {
			if i < s.logical {
				i = s.logical
			}
			return s.file + i - s.logical
		}
	}
	last := l.segs[len(l.segs)-1]
	return last.file + last.n
}

// startOffset maps the start of a range: an index at a segment boundary
// belongs to the next segment.
func (l *logicalLine) startOffset(i int) int {
	for _, s := range l.segs {
		if i < s.logical+s.n {
			if i < s.logical {
				i = s.logical
			}
			return s.file + i - s.logical
		}
	}
	return l.fileOffset(i)
}

func (t *text) logicalRange(l *logicalLine, start, end int) source.Range {
	if end <= start {
		o := l.startOffset(start)
		return t.rng(o, o)
	}
	return t.rng(l.startOffset(start), l.fileOffset(end))
}

// whitespaceRun finds the first run of the separators buildkit's
// splitCommand and parseStringsWhitespaceDelimited split on (the regexp
// [\t\v\f\r ]+) at or after from, and returns its bounds, or -1, -1.
// A byte scan: the regexp was a measurable share of loading a Dockerfile.
func whitespaceRun(s string, from int) (start, end int) {
	start = from
	for start < len(s) && !isSeparator(s[start]) {
		start++
	}
	if start == len(s) {
		return -1, -1
	}
	end = start + 1
	for end < len(s) && isSeparator(s[end]) {
		end++
	}
	return start, end
}

func isSeparator(b byte) bool {
	return b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r'
}

// argsStart returns where an instruction's arguments (after the keyword
// and any --flags) begin in its logical line, mirroring splitCommand and
// extractBuilderFlags, or -1 when there are none.
func argsStart(line string, escape byte) int {
	lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
	trimmed := strings.TrimSpace(line)
	_, sepEnd := whitespaceRun(trimmed, 0)
	if sepEnd < 0 {
		return -1
	}
	after := trimmed[sepEnd:]
	p := flagsEnd(after, escape)
	rest := after[p:]
	p += len(rest) - len(strings.TrimLeftFunc(rest, unicode.IsSpace))
	return lead + sepEnd + p
}

// flagsEnd mirrors buildkit's extractBuilderFlags, which walks bytes (not
// runes) and treats a word starting with "--" as a flag, returning the
// index where the remaining arguments begin.
func flagsEnd(line string, escape byte) int {
	const (
		inSpaces = iota
		inWord
		inQuote
	)
	phase := inSpaces
	var quote byte
	var word []byte
	for pos := 0; pos <= len(line); pos++ {
		var ch byte
		if pos != len(line) {
			ch = line[pos]
		}
		if phase == inSpaces {
			if pos == len(line) {
				break
			}
			if unicode.IsSpace(rune(ch)) {
				continue
			}
			if ch != '-' || pos+1 == len(line) || line[pos+1] != '-' {
				return pos
			}
			phase = inWord
		}
		if pos == len(line) {
			break
		}
		switch phase {
		case inWord:
			if unicode.IsSpace(rune(ch)) {
				phase = inSpaces
				if string(word) == "--" {
					return pos
				}
				word = word[:0]
				continue
			}
			if ch == '\'' || ch == '"' {
				quote = ch
				phase = inQuote
				continue
			}
			if ch == escape {
				if pos+1 == len(line) {
					continue
				}
				pos++
				ch = line[pos]
			}
			word = append(word, ch)
		case inQuote:
			if ch == quote {
				phase = inWord
				continue
			}
			if ch == escape {
				if pos+1 == len(line) {
					phase = inWord
					continue
				}
				pos++
				ch = line[pos]
			}
			word = append(word, ch)
		}
	}
	return len(line)
}

// wordSpans mirrors buildkit's parseWords (used by ENV and ARG): words are
// separated by Unicode white space outside quotes; quotes and escapes stay
// in the word. It returns the [start, end) of each word buildkit keeps.
func wordSpans(rest string, escape rune) [][2]int {
	const (
		inSpaces = iota
		inWord
		inQuote
	)
	var spans [][2]int
	phase := inSpaces
	var quote rune
	blankOK := false
	n := 0 // bytes written to the word, as buildkit's builder length
	start := 0
	for pos := 0; pos <= len(rest); {
		var ch rune
		w := 1
		if pos != len(rest) {
			ch, w = decodeRune(rest[pos:])
		}
		if phase == inSpaces {
			if pos == len(rest) {
				break
			}
			if unicode.IsSpace(ch) {
				pos += w
				continue
			}
			phase = inWord
			start = pos
		}
		if pos == len(rest) {
			if blankOK || n > 0 {
				spans = append(spans, [2]int{start, pos})
			}
			break
		}
		if phase == inWord {
			if unicode.IsSpace(ch) {
				phase = inSpaces
				if blankOK || n > 0 {
					spans = append(spans, [2]int{start, pos})
				}
				n, blankOK = 0, false
				pos += w
				continue
			}
			if ch == '\'' || ch == '"' {
				quote, blankOK, phase = ch, true, inQuote
			}
			if ch == escape {
				if pos+w == len(rest) {
					pos += w
					continue
				}
				n++
				pos += w
				_, w = decodeRune(rest[pos:])
			}
			n++
			pos += w
			continue
		}
		// inQuote
		if ch == quote {
			phase = inWord
		}
		if ch == escape && quote != '\'' {
			if pos+w == len(rest) {
				phase = inWord
				pos += w
				continue
			}
			pos += w
			n++
			_, w = decodeRune(rest[pos:])
		}
		n++
		pos += w
	}
	return spans
}

// jsonStringSpans finds the string elements of the JSON array that starts
// a string, returning for each the span inside its quotes. It reports
// false when the text is not a flat array of strings.
func jsonStringSpans(s string) ([][2]int, bool) {
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	skip()
	if i >= len(s) || s[i] != '[' {
		return nil, false
	}
	i++
	var spans [][2]int
	skip()
	if i < len(s) && s[i] == ']' {
		return spans, true
	}
	for {
		skip()
		if i >= len(s) || s[i] != '"' {
			return nil, false
		}
		i++
		start := i
		for i < len(s) && s[i] != '"' {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(s) {
			return nil, false
		}
		spans = append(spans, [2]int{start, i})
		i++
		skip()
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case ']':
			return spans, true
		default:
			return nil, false
		}
	}
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func isSpace(r rune) bool { return unicode.IsSpace(r) }
