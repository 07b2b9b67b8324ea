package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// progressDelay is how long a run goes quiet before a progress line
// appears: short runs, the common case in a pre-commit hook, print nothing.
const progressDelay = time.Second

// progressLine shows, on a terminal, how far a long run has got. It
// writes only to stderr, redraws one line in place, and erases it before
// anything else is printed, so neither the report nor a pipe ever sees it.
type progressLine struct {
	w     io.Writer
	start time.Time

	mu      sync.Mutex
	state   workspace.Progress
	shown   bool // a line is on the screen
	stopped bool
	last    time.Time
}

// newProgress returns nil (no progress) unless stderr is a terminal.
func newProgress(stderr io.Writer) *progressLine {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return newProgressTo(stderr, time.Now())
}

func newProgressTo(w io.Writer, start time.Time) *progressLine {
	return &progressLine{w: w, start: start}
}

// update records p and redraws the line when the run is past
// progressDelay, at most ten times a second.
func (pl *progressLine) update(p workspace.Progress) {
	if pl == nil {
		return
	}
	pl.updateAt(p, time.Now())
}

func (pl *progressLine) updateAt(p workspace.Progress, now time.Time) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	// Updates from parallel loaders arrive out of order; keep the furthest.
	if p.Phase == pl.state.Phase && p.Done < pl.state.Done {
		return
	}
	pl.state = p
	if pl.stopped || now.Sub(pl.start) < progressDelay {
		return
	}
	if pl.shown && now.Sub(pl.last) < 100*time.Millisecond && p.Done != p.Total {
		return
	}
	pl.last = now
	pl.shown = true
	// \r and erase-to-end-of-line redraw in place; a failed write to the
	// terminal is not worth reporting.
	if p.Total == 0 {
		_, _ = fmt.Fprintf(pl.w, "\rflylint: %s: %d\x1b[K", p.Phase, p.Done)
		return
	}
	_, _ = fmt.Fprintf(pl.w, "\rflylint: %s %d/%d\x1b[K", p.Phase, p.Done, p.Total)
}

// stop erases the line for good; later updates draw nothing.
func (pl *progressLine) stop() {
	if pl == nil {
		return
	}
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.shown {
		_, _ = fmt.Fprint(pl.w, "\r\x1b[K")
	}
	pl.shown = false
	pl.stopped = true
}
