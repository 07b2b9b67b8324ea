package lsp

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// progressDelay is how long a lint runs before the editor is shown its
// progress. An edit of fly.toml whose app's Go analysis is cached lints
// in milliseconds; a progress indicator flashing at every keystroke would
// only distract. A Go analysis shows it at once (see lintProgress.show).
const progressDelay = 250 * time.Millisecond

// reportEvery spaces the reports within one phase: discovering or
// assembling a monorepo's hundreds of apps would otherwise send one
// notification per app.
const reportEvery = 100 * time.Millisecond

// progress is one window/workDoneProgress the server created, or nothing
// when the client does not take them.
type progress struct {
	s     *server
	token string
}

// beginProgress creates a progress token (window/workDoneProgress/create)
// and sends its begin, when the client said it supports them. The
// progress has no percentage: a lint goes through phases (apps, Go
// modules, each module's packages) whose counts restart, and LSP 3.17
// asks that a percentage only rise.
func (s *server) beginProgress(ctx context.Context, title, message string) *progress {
	s.mu.Lock()
	ok := s.caps.Window.WorkDoneProgress
	s.progressSeq++
	token := fmt.Sprintf("flylint-%d", s.progressSeq)
	s.mu.Unlock()
	if !ok {
		return &progress{}
	}
	// The token may be used only once the client has answered (3.17,
	// "Server Initiated Progress").
	if err := s.call(ctx, "window/workDoneProgress/create", map[string]any{"token": token}); err != nil {
		s.logf("progress not shown: %v", err)
		return &progress{}
	}
	p := &progress{s: s, token: token}
	s.notifyClient("$/progress", ProgressParams{Token: token, Value: WorkDoneProgress{Kind: "begin", Title: title, Message: message}})
	return p
}

func (p *progress) report(msg string) {
	if p.s == nil {
		return
	}
	p.s.notifyClient("$/progress", ProgressParams{Token: p.token, Value: WorkDoneProgress{Kind: "report", Message: msg}})
}

func (p *progress) end() {
	if p.s == nil {
		return
	}
	p.s.notifyClient("$/progress", ProgressParams{Token: p.token, Value: WorkDoneProgress{Kind: "end"}})
}

// lintProgress is the $/progress of one lint run, over every folder it
// lints: source (fly.toml, Dockerfiles, package.json, JS) and Go alike.
// The token is created only once the run outlasts progressDelay, or as
// soon as a Go analysis starts, and always ended before the run's
// diagnostics are published.
type lintProgress struct {
	s         *server
	ctx       context.Context
	stopTimer func() bool
	// create is held while the token is created, so that end, which
	// takes it too, never sends its end before the begin.
	create sync.Mutex
	mu     sync.Mutex // orders reports and end
	p      *progress
	ended  bool
	msg    string    // the latest phase, the begin's message
	phase  string    // of the last report sent
	sent   time.Time // when it was sent
}

// afterFunc runs f once d has passed, unless the returned stop is called
// first (time.AfterFunc; tests replace it to decide when a lint is slow).
type afterFunc func(d time.Duration, f func()) (stop func() bool)

func (s *server) startProgress(ctx context.Context) *lintProgress {
	lp := &lintProgress{s: s, ctx: ctx, msg: "linting"}
	after := s.opts.after
	if after == nil {
		after = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	lp.stopTimer = after(progressDelay, lp.show)
	return lp
}

// show creates the token and sends its begin, once.
func (lp *lintProgress) show() {
	lp.create.Lock()
	defer lp.create.Unlock()
	lp.mu.Lock()
	if lp.p != nil || lp.ended {
		lp.mu.Unlock()
		return
	}
	msg := lp.msg
	lp.mu.Unlock()
	p := lp.s.beginProgress(lp.ctx, "flylint", msg)
	lp.mu.Lock()
	lp.p = p
	lp.mu.Unlock()
}

// report takes the loader's progress (workspace.Options.Progress, called
// from several goroutines).
func (lp *lintProgress) report(pr workspace.Progress) {
	msg := fmt.Sprintf("%s (%d)", pr.Phase, pr.Done)
	if pr.Total > 0 {
		msg = fmt.Sprintf("%s %d/%d", pr.Phase, pr.Done, pr.Total)
	}
	lp.mu.Lock()
	defer lp.mu.Unlock()
	lp.msg = msg
	if lp.p == nil || lp.ended {
		return
	}
	now := time.Now()
	if pr.Phase == lp.phase && now.Sub(lp.sent) < reportEvery && pr.Done != pr.Total {
		return
	}
	lp.phase, lp.sent = pr.Phase, now
	lp.p.report(msg)
}

// end stops the timer and ends the progress when it was shown.
func (lp *lintProgress) end() {
	if lp.stopTimer != nil {
		lp.stopTimer()
	}
	lp.create.Lock()
	defer lp.create.Unlock()
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if lp.ended {
		return
	}
	lp.ended = true
	if lp.p != nil {
		lp.p.end()
	}
}
