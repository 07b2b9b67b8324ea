package listen

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Limits on what the shell parser and expander are given. mvdan.cc/sh
// parses nesting by recursion, and its cost grows with the square of the
// depth: a command nested 10^5 deep took a minute, 10^6 deep overflowed
// the goroutine stack. Expansion can double a value per assignment. The
// repositories flylint lints are not trusted, so each command is measured
// before it is parsed, and each expansion before it runs.
//
// No real start command comes near them: the longest in the corpus of 51
// Fly apps is under 200 bytes and nests 2 deep; a real expanded value is
// a path or a URL.
const (
	// MaxCommandLen is the longest command (or sh -c script) parsed.
	// Within it even a pathological script parses in well under a second.
	MaxCommandLen = 64 << 10
	// MaxNesting is the deepest $( ), ( ), { }, ${ }, backquote or
	// quote nesting parsed.
	MaxNesting = 64
	// MaxExpansion is the largest value one word or assignment may
	// expand to.
	MaxExpansion = 64 << 10
	// maxExpandTotal bounds what one command's expansions produce in
	// all: without it, a thousand assignments each just under
	// MaxExpansion would still hold tens of megabytes.
	maxExpandTotal = 1 << 20
)

// BoundAdd and BoundMul add and multiply upper bounds on an expansion's
// size, saturating at limit+1: past limit a bound only has to say so,
// and squaring it once per ${X/p/r} must not overflow. The shell here and
// the Dockerfile evaluation share them, each with its own total.
func BoundAdd(a, b, limit int) int {
	if a > limit || b > limit {
		return limit + 1
	}
	return a + b
}

// BoundMul: see BoundAdd. With a and b at most limit, a*b cannot
// overflow for any limit flylint uses (a few megabytes).
func BoundMul(a, b, limit int) int {
	if a > limit || b > limit || a*b > limit {
		return limit + 1
	}
	return a * b
}

// Skip is a part of a command flylint did not analyse because it passed
// one of the limits above. Message says which, and what flylint did.
type Skip struct {
	Range   source.Range
	Message string
}

// Exceeded says which limit a command passed and where.
type Exceeded struct {
	// Offset and End are the bytes of the command the finding points at:
	// the opening that went past MaxNesting, or the command's first byte.
	Offset, End int
	// Nesting is the depth reached, when that was the limit passed;
	// otherwise Len, the command's length, was.
	Nesting, Len int
}

// CheckCommand measures a shell command before any parser sees it: its
// length, and how deep its substitutions, subshells, groups, parameter
// expansions, backquotes and double quotes nest. It returns nil when the
// command is within MaxCommandLen and MaxNesting.
//
// The depth is worked out by a small scanner that knows quoting, not by
// a parser (which is what must be protected). Where the scanner and the
// shell disagree on an odd command, MaxCommandLen still bounds the
// parser's work.
func CheckCommand(s string) *Exceeded {
	if len(s) > MaxCommandLen {
		return &Exceeded{Offset: 0, End: 1, Len: len(s)}
	}
	depth, at, end := nesting(s)
	if depth > MaxNesting {
		return &Exceeded{Offset: at, End: end, Nesting: depth}
	}
	return nil
}

// Message is the finding for a command that passed a limit; what names
// it ("The command of process group \"web\"").
func (e *Exceeded) Message(what string) string {
	if e.Nesting > 0 {
		return fmt.Sprintf("%s nests $( ), ( ), { }, ${ } or quotes %d deep, past flylint's limit of %d, so flylint skipped it instead of parsing it: the ports it listens on are not known, and port rules say nothing about it. No real start command nests this deep; flatten it, or move the logic into a script in the image.",
			what, e.Nesting, MaxNesting)
	}
	return fmt.Sprintf("%s is %d bytes long, past flylint's limit of %d bytes for a command, so flylint skipped it instead of parsing it: the ports it listens on are not known, and port rules say nothing about it. Move the script into a file in the image and run that file.",
		what, e.Len, MaxCommandLen)
}

// nesting returns the deepest nesting in s and where it first passed
// MaxNesting (the opening's byte range), scanning once.
func nesting(s string) (deepest, at, end int) {
	// The stack holds what closes each open construct: ')' for ( and $(,
	// 'A' for the )) of $((, '}' for { and ${, '`' and '"' for
	// themselves. $(( is one level, as it is one construct.
	var stack []byte
	push := func(closer byte, i, n int) {
		stack = append(stack, closer)
		if len(stack) > deepest {
			deepest = len(stack)
			if deepest == MaxNesting+1 {
				at, end = i, i+n
			}
		}
	}
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if top() == '"' {
			switch {
			case c == '\\':
				i++
			case c == '"':
				stack = stack[:len(stack)-1]
			case c == '`':
				push('`', i, 1)
			case strings.HasPrefix(s[i:], "$(("):
				push('A', i, 3)
				i += 2
			case c == '$' && i+1 < len(s) && s[i+1] == '(':
				push(')', i, 2)
				i++
			case c == '$' && i+1 < len(s) && s[i+1] == '{':
				push('}', i, 2)
				i++
			}
			continue
		}
		switch c {
		case '\\':
			i++
		case '\'':
			// Nothing nests inside single quotes.
			if j := strings.IndexByte(s[i+1:], '\''); j >= 0 {
				i += 1 + j
			} else {
				i = len(s)
			}
		case '"':
			push('"', i, 1)
		case '`':
			if top() == '`' {
				stack = stack[:len(stack)-1]
			} else {
				push('`', i, 1)
			}
		case '$':
			switch {
			case strings.HasPrefix(s[i:], "$(("):
				push('A', i, 3)
				i += 2
			case strings.HasPrefix(s[i:], "$("):
				push(')', i, 2)
				i++
			case strings.HasPrefix(s[i:], "${"):
				push('}', i, 2)
				i++
			}
		case '(':
			push(')', i, 1)
		case '{':
			push('}', i, 1)
		case ')':
			switch {
			case top() == ')':
				stack = stack[:len(stack)-1]
			case top() == 'A' && i+1 < len(s) && s[i+1] == ')':
				stack = stack[:len(stack)-1]
				i++
			}
		case '}':
			if top() == '}' {
				stack = stack[:len(stack)-1]
			}
		}
	}
	return deepest, at, end
}
