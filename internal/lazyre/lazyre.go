// Package lazyre compiles a regular expression the first time it is
// used instead of at program start.
//
// A package-level regexp.MustCompile runs in package init, so every
// flylint process pays for every pattern of every linked package, even
// a one-app run that never reaches the code using it: compiling is a few
// hundred allocations and, in a process that lives ~10 ms, the page
// faults of touching fresh heap (issue 12's one-app speed goal).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles pattern on its first call and
// returns the same *regexp.Regexp on every call, from any goroutine. An
// invalid pattern panics on that first call, as regexp.MustCompile
// would have at init; the tests of the package using it catch that.
func New(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
