// Package coord builds the server: a struct embedding *http.Server whose
// Addr is made from the constructor's port parameter, and a helper
// that runs any *http.Server it is handed. Seen in
// superfly/bfaas@68b637f465f8f8012d9ae2cd845f225e835ace38 (coord/serv.go
// New, coord/runServer.go RunWithSignals, cmd/coord/main.go), a Fly app.
package coord

import (
	"fmt"
	"net/http"
	"time"
)

type Server struct {
	*http.Server
	limit time.Duration
}

func New(port int, limit time.Duration) (*Server, error) {
	s := &Server{limit: limit}
	s.Server = &http.Server{
		Addr:        fmt.Sprintf(":%d", port),
		ReadTimeout: 10 * time.Second,
	}
	return s, nil
}

func RunWithSignals(s *http.Server, grace time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe() }() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 partial$`
	return <-done
}
