// Package fingerprint computes the line hashes GitHub code scanning uses to
// keep an alert the same alert when lines move (SARIF
// partialFingerprints.primaryLocationLineHash), and the stable finding
// fingerprints flylint's baselines use.
//
// The line hash is the one github/codeql-action's upload step computes
// when a SARIF result has none (src/fingerprints.ts): the file is read as
// UTF-16 code units; spaces and tabs are skipped; "\r\n", "\r" and "\n"
// all count as one "\n"; a marker unit 65535 follows the last character,
// then zeros. Each line's hash is a polynomial rolling hash (base 37,
// wrapping at 64 bits) of the 100 units that start at the line's first
// kept unit, written in lower-case hex with ":<n>" appended, where n counts
// how often that hash value has been output so far. Writing the same hash
// GitHub would compute means alerts keep their identity whether or not the
// upload step recomputes it.
package fingerprint

import (
	"strconv"
	"unicode/utf16"
)

const (
	blockSize = 100
	base      = 37
	eofUnit   = 65535
)

// firstMod is base^blockSize (mod 2^64): the weight of the unit that
// leaves the window.
var firstMod = func() uint64 {
	m := uint64(1)
	for range blockSize {
		m *= base
	}
	return m
}()

// LineHashes returns the hash of every line of content, indexed by
// 1-based line number (index 0 is ""). A file has one line more than it
// has line terminators, as in codeql-action, so a final "\n" adds an empty
// last line.
func LineHashes(content []byte) []string {
	h := hasher{out: []string{""}, counts: map[uint64]int{}, lineStart: true}
	for i := range h.lineAt {
		h.lineAt[i] = -1
	}
	for b := content; len(b) > 0; {
		r, size := decodeRune(b)
		b = b[size:]
		if r1, r2 := utf16.EncodeRune(r); r1 != 0xFFFD || r2 != 0xFFFD {
			h.unit(uint64(r1))
			h.unit(uint64(r2))
		} else {
			h.unit(uint64(r))
		}
	}
	h.unit(eofUnit)
	// Flush: the lines still in the window hash the units that remain,
	// padded with zeros.
	for range blockSize {
		if h.lineAt[h.index] != -1 {
			h.emit()
		}
		h.push(0)
	}
	return h.out
}

// LineHash returns the hash of one 1-based line, "" when the file has no
// such line.
func LineHash(content []byte, line int) string {
	hs := LineHashes(content)
	if line < 1 || line >= len(hs) {
		return ""
	}
	return hs[line]
}

type hasher struct {
	window    [blockSize]uint64
	lineAt    [blockSize]int // line starting at this window slot, or -1
	index     int            // next window slot
	hash      uint64
	line      int
	lineStart bool
	prevCR    bool
	counts    map[uint64]int
	out       []string
}

func (h *hasher) unit(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	h.prevCR = c == '\r'
	if c == '\r' {
		c = '\n'
	}
	// The slot about to be overwritten started a line 100 units ago: the
	// hash now covers exactly that line's block.
	if h.lineAt[h.index] != -1 {
		h.emit()
	}
	if h.lineStart {
		h.lineStart = false
		h.line++
		h.lineAt[h.index] = h.line
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.push(c)
}

func (h *hasher) push(c uint64) {
	leaving := h.window[h.index]
	h.window[h.index] = c
	h.hash = base*h.hash + c - firstMod*leaving
	h.index = (h.index + 1) % blockSize
}

func (h *hasher) emit() {
	h.counts[h.hash]++
	line := h.lineAt[h.index]
	for len(h.out) <= line {
		h.out = append(h.out, "")
	}
	h.out[line] = strconv.FormatUint(h.hash, 16) + ":" + strconv.Itoa(h.counts[h.hash])
	h.lineAt[h.index] = -1
}
