package lazyre

import (
	"sync"
	"testing"
)

// Creating one compiles nothing: an invalid pattern only panics once
// the expression is used. With an eager regexp.MustCompile the first
// line would panic.
func TestCompilesOnFirstUse(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("an invalid pattern did not panic when used")
		}
	}()
	re()
}

// Every call, from any goroutine, gets the one compiled expression.
func TestSameExpression(t *testing.T) {
	re := New(`^a+$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatal("calls returned different expressions")
		}
	}
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Error("the expression does not match as its pattern says")
	}
}
