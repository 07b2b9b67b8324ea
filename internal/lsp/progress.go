package lsp

import (
	"context"
	"fmt"
	"sync"
)

// progress is one window/workDoneProgress the server created, or nothing
// when the client does not take them.
type progress struct {
	s     *server
	token string
	mu    sync.Mutex
	last  int // last percentage sent, to send each at most once
}

// beginProgress creates a progress token (window/workDoneProgress/create)
// and sends its begin, when the client said it supports them.
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
	p := &progress{s: s, token: token, last: -1}
	zero := 0
	s.notifyClient("$/progress", ProgressParams{Token: token, Value: WorkDoneProgress{Kind: "begin", Title: title, Message: message, Percentage: &zero}})
	return p
}

func (p *progress) report(done, total int) {
	if p.s == nil || total <= 0 {
		return
	}
	pct := min(100, done*100/total)
	p.mu.Lock()
	if pct == p.last {
		p.mu.Unlock()
		return
	}
	p.last = pct
	p.mu.Unlock()
	p.s.notifyClient("$/progress", ProgressParams{Token: p.token, Value: WorkDoneProgress{Kind: "report", Message: fmt.Sprintf("%d/%d packages", done, total), Percentage: &pct}})
}

func (p *progress) end() {
	if p.s == nil {
		return
	}
	p.s.notifyClient("$/progress", ProgressParams{Token: p.token, Value: WorkDoneProgress{Kind: "end"}})
}
