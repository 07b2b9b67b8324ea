package gcpolicy

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// current reads the collector's settings without changing them.
func current() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func keepSettings(t *testing.T) {
	p, l := current()
	t.Cleanup(func() {
		debug.SetGCPercent(p)
		debug.SetMemoryLimit(l)
	})
}

func TestEnvironmentWins(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			keepSettings(t)
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "150")
			restoreDefaults()
			if Apply() {
				t.Fatalf("Apply() = true with %s set", env)
			}
			if p, l := current(); p != 100 || l != math.MaxInt64 {
				t.Fatalf("settings changed to GOGC=%d limit=%d with %s set", p, l, env)
			}
		})
	}
}

// TestSmallHeapThenDefaults applies the policy, checks it holds while the
// heap is small, then keeps more than revertAt live and waits for the
// defaults to come back.
func TestSmallHeapThenDefaults(t *testing.T) {
	keepSettings(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	if !Apply() {
		t.Fatal("Apply() = false with neither GOGC nor GOMEMLIMIT set")
	}
	runtime.GC()
	time.Sleep(10 * time.Millisecond) // let the finalizer look at the small heap
	if p, l := current(); p != Percent || l != Limit {
		t.Fatalf("small heap: GOGC=%d limit=%d, want %d and %d", p, l, Percent, Limit)
	}

	var keep [][]byte
	for size := 0; size <= revertAt; size += 1 << 20 {
		keep = append(keep, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if p, l := current(); p == 100 && l == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			p, l := current()
			t.Fatalf("live heap %d MB > %d MB: still GOGC=%d limit=%d, want Go's defaults", liveHeap()>>20, revertAt>>20, p, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
}
