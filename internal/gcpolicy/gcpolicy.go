// Package gcpolicy sets how often the garbage collector runs in the
// flylint command.
//
// A lint run is short and allocates in one burst: it parses every file
// once, keeps a model a few times smaller than what parsing allocated,
// runs the rules and exits. Go's default (GOGC=100) collects each time the
// heap doubles, so a run that starts from an empty heap collects many
// times while the heap is small, and most of what each collection scans
// is the model it must keep. Collecting at a quarter of that rate while
// the heap is small took about a fifth of flylint's CPU time off a
// 1,000-app tree and an eighth off a 10,000-app one (README, Performance).
//
// The cheaper rate holds only while the heap is small: a soft memory
// limit caps the heap the collector lets grow, and once the live heap
// passes half that limit the process returns to Go's defaults, so a huge
// tree never holds the collector against the cap, and no run peaks
// higher than under the defaults on the trees measured. GOGC or
// GOMEMLIMIT in the environment is the user's choice and is left alone.
package gcpolicy

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

const (
	// Percent is GOGC while the heap is small.
	Percent = 400
	// Limit is the soft memory limit while the heap is small.
	Limit = 256 << 20
	// revertAt is the live heap past which Go's defaults return: from
	// there GOGC=100 gives the same next goal as Limit does.
	revertAt = Limit / 2
)

// Apply installs the policy for the rest of the process, unless the
// environment sets GOGC or GOMEMLIMIT. It reports whether it did.
func Apply() bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(Percent)
	debug.SetMemoryLimit(Limit)
	watch()
	return true
}

// watch looks at the live heap after every collection, through a
// finalizer on an object that each collection frees, and restores Go's
// defaults once the heap has grown past revertAt.
func watch() {
	s := new(sentinel)
	runtime.SetFinalizer(s, func(*sentinel) {
		if liveHeap() > revertAt {
			restoreDefaults()
			return
		}
		watch()
	})
}

// sentinel is large enough not to share a tiny-allocator block, whose
// finalizers may never run.
type sentinel struct{ _ [32]byte }

func restoreDefaults() {
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap the last collection found reachable. It is called
// only from the finalizer goroutine, one call at a time.
func liveHeap() uint64 {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return liveSample[0].Value.Uint64()
}
