package jssrc

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Limits on the shape of a file, checked in one linear pass before any
// parser sees it. Both parsers recurse once per nesting level: esbuild
// overflows the goroutine stack (a fatal error no recover catches) near
// 300,000 nested parentheses, and long chains of nested functions,
// prefix operators or conditionals cost them seconds. Hand-written code
// stays far below these numbers.
const (
	maxNesting    = 128  // brackets of any kind, template substitutions included
	maxPrefixRun  = 64   // consecutive ! ~ + - (spaces between allowed)
	maxConditions = 4096 // ? of conditional expressions per file
	// maxRedeclared bounds declarations of a name already declared in
	// the file. esbuild reports each redeclaration in one scope with a
	// note at the first one, and finding the line of each costs a scan
	// from one to the other: a file of redeclarations costs it time
	// quadratic in its size (10 s for 500 KB). Counting per file, not per
	// scope, also refuses some large real files; they are only skipped.
	maxRedeclared = 512
	// maxTSFileSize: TypeScript goes through esbuild, whose cost on
	// hostile files grows faster than linearly.
	maxTSFileSize = 256 << 10
)

var declKeywords = map[string]bool{"let": true, "const": true, "var": true, "class": true, "function": true, "enum": true}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// LimitError is a file not analysed because it passed one of the limits
// that keep a run bounded on an untrusted repository.
type LimitError struct {
	Range   source.Range // the file
	Message string
}

func (e *LimitError) Error() string { return e.Range.String() + ": " + e.Message }

func limitf(name, format string, args ...any) error {
	return &LimitError{Range: source.Range{File: name}, Message: fmt.Sprintf("flylint did not analyse %s: ", name) + fmt.Sprintf(format, args...) +
		", past a limit that keeps a run bounded on repositories nobody has vetted, so the listen calls in it are not checked. No hand-written server file comes near it; keep generated or bundled code out of the server's imports."}
}

// guard reports why a file is not parsed, or nil.
func guard(name string, src []byte) error {
	if _, ts := loaderFor(name); ts && len(src) > maxTSFileSize {
		return limitf(name, "it is %d bytes of TypeScript, more than %d", len(src), maxTSFileSize)
	}
	depth, maxDepth, run, conds := 0, 0, 0, 0
	declared, redeclared := map[string]bool{}, 0
	afterDecl := false // the previous word was a declaration keyword
	// templates holds, for each open template substitution, the bracket
	// depth at which its closing brace returns to the template text.
	var templates []int
	inTemplate := false
	prevSig := byte(';') // the last significant character: a "/" after an operand divides
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inTemplate {
			switch {
			case c == '\\':
				i++
			case c == '`':
				inTemplate = false
			case c == '$' && i+1 < len(src) && src[i+1] == '{':
				i++
				templates = append(templates, depth)
				depth++
				inTemplate = false
				if depth > maxNesting {
					return limitf(name, "its brackets nest more than %d deep", maxNesting)
				}
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '!', '~', '+', '-':
			run++
			if run > maxPrefixRun {
				return limitf(name, "it has more than %d operators in a row", maxPrefixRun)
			}
			continue
		}
		run = 0
		prev := prevSig
		prevSig = c
		if isIdentByte(c) {
			j := i
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			word := string(src[i:j])
			if afterDecl && declared[word] {
				redeclared++
				if redeclared > maxRedeclared {
					return limitf(name, "it declares names again more than %d times", maxRedeclared)
				}
			}
			if afterDecl {
				declared[word] = true
			}
			afterDecl = declKeywords[word]
			i = j - 1
			continue
		}
		afterDecl = false
		switch c {
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				i += 2
				for i+1 < len(src) && (src[i] != '*' || src[i+1] != '/') {
					i++
				}
				i++
			} else if strings.IndexByte("(,=:[!&|?{};", prev) >= 0 {
				// A regular expression: skip it, brackets in classes and
				// escapes included, so /\(/ opens nothing.
				class := false
				for i++; i < len(src) && src[i] != '\n'; i++ {
					switch src[i] {
					case '\\':
						i++
					case '[':
						class = true
					case ']':
						class = false
					case '/':
						if !class {
							goto done
						}
					}
				}
			done:
			}
		case '"', '\'':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '`':
			inTemplate = true
		case '(', '[', '{':
			depth++
			if depth > maxDepth {
				maxDepth = depth
				if maxDepth > maxNesting {
					return limitf(name, "its brackets nest more than %d deep", maxNesting)
				}
			}
		case ')', ']', '}':
			if n := len(templates); c == '}' && n > 0 && templates[n-1] == depth-1 {
				templates = templates[:n-1]
				inTemplate = true
			}
			if depth > 0 {
				depth--
			}
		case '?':
			if i+1 < len(src) && (src[i+1] == '.' || src[i+1] == '?') {
				i++
				continue
			}
			conds++
			if conds > maxConditions {
				return limitf(name, "it has more than %d conditional expressions", maxConditions)
			}
		}
	}
	return nil
}
