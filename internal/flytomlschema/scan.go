package flytomlschema

// A tolerant reader of the TOML an editor holds: half-typed keys,
// unclosed headers, strings and arrays. It never fails; it records the
// keys, header segments and scalar values it recognises, with the key path
// each belongs to, and what may be typed at one offset. go-toml's parser
// stops at the first error, which in an editor is usually the line being
// typed, so it cannot say what the rest of the buffer means.

// maxSrc bounds the buffer read: fly.toml files are a few kilobytes, and
// an editor may hand the server anything.
const maxSrc = 1 << 20

type tokKind uint8

const (
	tokHeader tokKind = iota // one segment of a [table] or [[table]] header
	tokKey                   // one segment of a (dotted) key
	tokValue                 // a string or bare scalar
)

type token struct {
	kind       tokKind
	start, end int
	// path is the key path of the segment (table path and key segments up
	// to and including this one); for a value, the path of its key.
	path []string
	// text is a value's contents without quotes.
	text   string
	quoted bool
	// block identifies the table the token is written in: the header
	// block (keys of one [[services]] entry share it) or an inline table.
	block int
}

type ctxKind uint8

const (
	ctxNone ctxKind = iota
	ctxHeader
	ctxKey
	ctxValue
)

// context is what may be typed at the offset asked about.
type context struct {
	kind ctxKind
	// path: for ctxKey the table the key goes in; for ctxValue the key the
	// value belongs to; for ctxHeader the segments typed before the last
	// dot.
	path []string
	// replace is the range the typed word covers: a key segment, a value
	// token (quotes included), or a header's key text.
	start, end int
	array      bool // ctxHeader: [[...]]; ctxValue: an element of an array
	closed     bool // ctxHeader: the closing bracket(s) are already there
	eqFollows  bool // ctxKey: "=" already follows the word
}

type scanner struct {
	src   []byte
	i     int
	off   int // the offset asked about, or -1
	toks  []token
	ctx   context
	table []string
	// block identifies the table keys are being read into: the start of
	// the header line (-1 before the first header), or a number below -1
	// for each inline table.
	block   int
	inlines int
	// offBlock is the block holding the offset.
	offBlock int
}

func scan(src []byte, off int) *scanner {
	s := &scanner{src: src, off: off, block: -1, offBlock: -1}
	if len(src) > maxSrc {
		s.src = nil
	}
	s.document()
	return s
}

func (s *scanner) at(i int) byte {
	if i < 0 || i >= len(s.src) {
		return 0
	}
	return s.src[i]
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

// setCtx records what may be typed at the offset, and the table block it
// is in.
func (s *scanner) setCtx(c context) {
	s.ctx = c
	s.offBlock = s.block
}

// covers reports whether the offset asked about is in [a, b].
func (s *scanner) covers(a, b int) bool { return s.off >= a && s.off <= b }

func (s *scanner) skipSpace() {
	for !s.eof() && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *scanner) document() {
	for !s.eof() {
		lineStart := s.i
		s.skipSpace()
		c := s.at(s.i)
		switch {
		case c == '\n' || c == '\r' || s.eof():
			// A blank line (or only indentation): a key may be typed here.
			if s.covers(lineStart, s.i) {
				s.setCtx(context{kind: ctxKey, path: clone(s.table), start: s.off, end: s.off})
			}
		case c == '#':
			s.skipLine()
		case c == '[':
			s.headerLine()
		default:
			if s.covers(lineStart, s.i) && s.off < s.i {
				// In the indentation before a key.
				s.setCtx(context{kind: ctxKey, path: clone(s.table), start: s.off, end: s.off})
			}
			s.keyValue(s.table)
		}
		s.skipLine()
		if !s.eof() {
			s.i++
		}
	}
	if s.ctx.kind == ctxNone && s.off == len(s.src) && (len(s.src) == 0 || s.src[len(s.src)-1] == '\n') {
		// The empty last line, which the loop above never visits.
		s.setCtx(context{kind: ctxKey, path: clone(s.table), start: s.off, end: s.off})
	}
}

func (s *scanner) headerLine() {
	start := s.i
	s.i++
	array := false
	if s.at(s.i) == '[' {
		array = true
		s.i++
	}
	s.block = start
	s.skipSpace()
	keyStart := s.i
	segs, ranges := s.dottedKey()
	keyEnd := keyStart
	if len(ranges) > 0 {
		keyEnd = ranges[len(ranges)-1][1]
	}
	s.skipSpace()
	closed := s.at(s.i) == ']' && (!array || s.at(s.i+1) == ']')
	for j, r := range ranges {
		s.toks = append(s.toks, token{kind: tokHeader, start: r[0], end: r[1], path: clone(segs[:j+1]), block: start})
	}
	if s.covers(keyStart, keyEnd) && s.off > start {
		s.setCtx(context{kind: ctxHeader, start: keyStart, end: keyEnd, array: array, closed: closed})
		for j, r := range ranges {
			if s.off > r[1] {
				s.ctx.path = clone(segs[:j+1])
			}
		}
	}
	s.table = segs
}

// dottedKey reads a key such as a, a.b, "a b".c and returns its segments
// with their ranges. It stops at the first byte that cannot continue a key.
func (s *scanner) dottedKey() (segs []string, ranges [][2]int) {
	for !s.eof() {
		start := s.i
		var seg string
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			text, _, closed := s.str(false)
			seg = text
			if !closed {
				segs, ranges = append(segs, seg), append(ranges, [2]int{start, s.i})
				return segs, ranges
			}
		case isBare(c):
			for !s.eof() && isBare(s.src[s.i]) {
				s.i++
			}
			seg = string(s.src[start:s.i])
		default:
			return segs, ranges
		}
		segs, ranges = append(segs, seg), append(ranges, [2]int{start, s.i})
		save := s.i
		s.skipSpace()
		if s.at(s.i) != '.' {
			s.i = save
			return segs, ranges
		}
		s.i++
		s.skipSpace()
		if c := s.at(s.i); !isBare(c) && c != '"' && c != '\'' {
			// "a." with nothing after the dot yet: an empty last segment,
			// so that completion offers the keys of a.
			segs, ranges = append(segs, ""), append(ranges, [2]int{s.i, s.i})
			return segs, ranges
		}
	}
	return segs, ranges
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyValue reads key = value in table prefix. In an inline table it
// stops at ',' or '}'.
func (s *scanner) keyValue(prefix []string) {
	keyStart := s.i
	segs, ranges := s.dottedKey()
	if len(segs) == 0 {
		return
	}
	for j, r := range ranges {
		s.toks = append(s.toks, token{kind: tokKey, start: r[0], end: r[1], path: concat(prefix, segs[:j+1]), block: s.block})
	}
	save := s.i
	s.skipSpace()
	eq := s.at(s.i) == '='
	if s.covers(keyStart, ranges[len(ranges)-1][1]) {
		for j, r := range ranges {
			if s.covers(r[0], r[1]) {
				s.setCtx(context{kind: ctxKey, path: concat(prefix, segs[:j]), start: r[0], end: r[1],
					eqFollows: eq && j == len(ranges)-1})
				break
			}
		}
	}
	if !eq {
		s.i = save
		return
	}
	s.i++
	s.skipSpace()
	s.value(concat(prefix, segs), false)
}

// value reads a value of key path. afterEq is where typing a value may start.
func (s *scanner) value(path []string, inArray bool) {
	start := s.i
	c := s.at(s.i)
	switch {
	case s.eof() || c == '\n' || c == '\r' || c == '#' || c == ',' || c == '}' || (c == ']' && inArray):
		// Nothing typed yet.
		if s.off == start {
			s.setCtx(context{kind: ctxValue, path: path, start: s.off, end: s.off, array: inArray})
		}
		return
	case c == '"' || c == '\'':
		text, multi, closed := s.str(true)
		s.toks = append(s.toks, token{kind: tokValue, start: start, end: s.i, path: path, text: text, quoted: true})
		// Inside the quotes, or just before the opening one; not after the
		// closing quote, where the value is complete.
		inside := !multi && s.covers(start+1, s.i) && (!closed || s.off < s.i)
		if inside || s.off == start {
			end := s.i
			if !closed {
				end = s.off
			}
			s.setCtx(context{kind: ctxValue, path: path, start: start, end: end, array: inArray})
		}
	case c == '[':
		s.array(path)
	case c == '{':
		s.inlineTable(path)
	default:
		for !s.eof() {
			c := s.src[s.i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == '#' {
				break
			}
			s.i++
		}
		s.toks = append(s.toks, token{kind: tokValue, start: start, end: s.i, path: path, text: string(s.src[start:s.i])})
		if s.covers(start, s.i) {
			s.setCtx(context{kind: ctxValue, path: path, start: start, end: s.i, array: inArray})
		}
	}
}

// str reads a string starting at a quote. It returns the contents (escapes
// left as written), whether it was a multi-line string, and whether it was
// closed. A single-line string that is not closed ends at the line's end.
func (s *scanner) str(allowMulti bool) (text string, multi, closed bool) {
	q := s.src[s.i]
	if allowMulti && s.at(s.i+1) == q && s.at(s.i+2) == q {
		s.i += 3
		start := s.i
		for !s.eof() {
			if s.src[s.i] == '\\' && q == '"' {
				s.i += 2
				continue
			}
			if s.src[s.i] == q && s.at(s.i+1) == q && s.at(s.i+2) == q {
				text = string(s.src[start:s.i])
				s.i += 3
				// A string may end in up to two more quotes.
				for k := 0; k < 2 && s.at(s.i) == q; k++ {
					s.i++
				}
				return text, true, true
			}
			s.i++
		}
		s.i = len(s.src)
		return string(s.src[start:]), true, false
	}
	s.i++
	start := s.i
	for !s.eof() {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"':
			if s.at(s.i+1) == '\n' || s.i+1 >= len(s.src) {
				s.i++
				continue
			}
			s.i += 2
			continue
		case c == q:
			text = string(s.src[start:s.i])
			s.i++
			return text, false, true
		case c == '\n' || c == '\r':
			return string(s.src[start:s.i]), false, false
		}
		s.i++
	}
	s.i = len(s.src)
	return string(s.src[start:]), false, false
}

// skipGap skips whitespace, newlines and comments inside an array.
func (s *scanner) skipGap() {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

func (s *scanner) array(path []string) {
	s.i++ // [
	for !s.eof() {
		// gap starts right after "[" or ",", where an element may be typed.
		gap := s.i
		s.skipGap()
		if s.unclosed(gap) {
			return
		}
		if s.covers(gap, s.i) && (s.off < s.i || s.eof() || s.src[s.i] == ']' || s.src[s.i] == ',') {
			s.setCtx(context{kind: ctxValue, path: path, start: s.off, end: s.off, array: true})
		}
		if s.eof() {
			return
		}
		switch s.src[s.i] {
		case ']':
			s.i++
			return
		case ',':
			s.i++
			continue
		}
		before := s.i
		s.value(path, true)
		if s.i == before {
			// A byte no value starts with: the array was left open.
			return
		}
		// After the element, only a separator or the end may follow.
		s.skipGap()
		switch s.at(s.i) {
		case ',':
			s.i++
		case ']':
			s.i++
			return
		default:
			return
		}
	}
}

// unclosed reports whether the array being read was left open and the
// buffer has moved on: after a line break, a line that looks like a
// header or a key = value.
func (s *scanner) unclosed(gap int) bool {
	nl := false
	for k := gap; k < s.i; k++ {
		if s.src[k] == '\n' {
			nl = true
		}
	}
	if !nl || s.eof() {
		return false
	}
	c := s.src[s.i]
	if c == '[' {
		n := s.i + 1
		if s.at(n) == '[' {
			n++
		}
		// A header starts with a name; a nested array with a value.
		if h := s.at(n); isBare(h) && h != '-' && (h < '0' || h > '9') {
			s.rewindLine()
			return true
		}
	}
	if isBare(c) {
		k := s.i
		for isBare(s.at(k)) {
			k++
		}
		for s.at(k) == ' ' || s.at(k) == '\t' || s.at(k) == '.' || isBare(s.at(k)) {
			k++
		}
		if s.at(k) == '=' {
			s.rewindLine()
			return true
		}
	}
	return false
}

// rewindLine moves back to the start of the current line, so that the
// document loop reads it.
func (s *scanner) rewindLine() {
	for s.i > 0 && s.src[s.i-1] != '\n' {
		s.i--
	}
	// The loop in document skips the rest of the line it is on; step back
	// over the newline so that it lands here.
	if s.i > 0 {
		s.i--
	}
}

func (s *scanner) inlineTable(path []string) {
	s.i++ // {
	outer := s.block
	s.inlines++
	s.block = -1 - s.inlines
	defer func() { s.block = outer }()
	for !s.eof() {
		gap := s.i
		s.skipSpace()
		if s.covers(gap, s.i) {
			// Between "{" or "," and the next key: a key may be typed.
			c := s.at(s.i)
			if s.eof() || c == '}' || c == ',' || c == '\n' || c == '\r' || isBare(c) && s.off < s.i {
				s.setCtx(context{kind: ctxKey, path: clone(path), start: s.off, end: s.off})
			}
		}
		switch c := s.at(s.i); {
		case s.eof() || c == '\n' || c == '\r':
			return
		case c == '}':
			s.i++
			return
		case c == ',':
			s.i++
			continue
		}
		before := s.i
		s.keyValue(path)
		if s.i == before {
			return
		}
		s.skipSpace()
	}
}

func clone(p []string) []string { return append([]string(nil), p...) }

func concat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}
