// Package fingerprint computes the line hashes GitHub code scanning uses to
// keep an alert the same alert when lines move (SARIF
// partialFingerprints.primaryLocationLineHash), and the stable finding
// fingerprints flylint's baselines use.
//
// The line hash follows the algorithm of github/codeql-action's upload
// step: a rolling hash over the next 100 non-whitespace UTF-16 code units
// starting at each line, written in hex with ":<occurrence>" appended so
// identical lines stay distinct.
package fingerprint

import (
	"strconv"
	"unicode/utf16"
)

const (
	blockSize = 100
	mod       = 37
	lf        = 10
	cr        = 13
	eof       = 65535
)

// LineHashes returns the hash of every line of content, indexed by
// 1-based line number (index 0 is unused).
func LineHashes(content []byte) []string {
	var (
		window      [blockSize]uint64
		lineNumbers [blockSize]int
		hash        uint64
		index       int
		lineNumber  int
		lineStart   = true
		prevCR      bool
		counts      = map[string]int{}
		out         = []string{""}
	)
	for i := range lineNumbers {
		lineNumbers[i] = -1
	}
	firstMod := uint64(1)
	for range blockSize {
		firstMod *= mod
	}
	emit := func() {
		h := strconv.FormatUint(hash, 16)
		counts[h]++
		n := lineNumbers[index]
		for len(out) <= n {
			out = append(out, "")
		}
		out[n] = h + ":" + strconv.Itoa(counts[h])
		lineNumbers[index] = -1
	}
	update := func(c uint64) {
		begin := window[index]
		window[index] = c
		hash = mod*hash + c - firstMod*begin
		index = (index + 1) % blockSize
	}
	process := func(c uint64) {
		if c == ' ' || c == '\t' || (prevCR && c == lf) {
			prevCR = false
			return
		}
		if c == cr {
			c, prevCR = lf, true
		} else {
			prevCR = false
		}
		if lineNumbers[index] != -1 {
			emit()
		}
		if lineStart {
			lineStart = false
			lineNumber++
			lineNumbers[index] = lineNumber
		}
		if c == lf {
			lineStart = true
		}
		update(c)
	}
	for _, r := range string(content) {
		if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' {
			process(uint64(r1))
			process(uint64(r2))
		} else {
			process(uint64(r))
		}
	}
	process(eof)
	for range blockSize {
		if lineNumbers[index] != -1 {
			emit()
		}
		update(0)
	}
	return out
}

// LineHash returns the hash of one 1-based line, "" when out of range.
func LineHash(content []byte, line int) string {
	hs := LineHashes(content)
	if line < 1 || line >= len(hs) {
		return ""
	}
	return hs[line]
}
