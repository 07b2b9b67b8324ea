package config

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// Error is one problem in a config file, at the place it was found.
type Error struct {
	Range   source.Range
	Message string
}

// Error prints "file:line:col: message", the form editors and CI logs link.
func (e *Error) Error() string { return e.Range.String() + ": " + e.Message }

// ErrorList is every problem Load found, in file order. Load returns it
// whole so that one run shows the user every mistake, not just the first.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find the first *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
