// Shape: the app's server type embeds *http.Server; its constructor
// fills the embedded field with an explicit IPv4 wildcard and the port
// its caller passes, and main hands the embedded field to a runner that
// calls ListenAndServe from a goroutine. Seen in
// superfly/bfaas@68b637f465f8f8012d9ae2cd845f225e835ace38 (basher/serv.go:
// Server{*http.Server}, Addr fmt.Sprintf("0.0.0.0:%d", port), commented
// as IPv4-only on purpose since flycast from the coordinator reaches
// IPv4; cmd/basher/main.go: basher.New(8001, ...), RunWithSignals(
// srv.Server, ...); fly.toml.worker http_service internal_port 8001).
// Go's net package listens dual-stack for "tcp" on 0.0.0.0 (net/ipsock_posix.go
// favoriteAddrFamily, Go 1.26), so the site is a dual-stack wildcard
// despite the IPv4 intent.
package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

type server struct {
	*http.Server
	used atomic.Bool
}

func newServer(port int) *server {
	s := &server{}
	s.Server = &http.Server{
		Addr:    fmt.Sprintf("0.0.0.0:%d", port),
		Handler: http.NotFoundHandler(),
	}
	return s
}

func run(s *http.Server) error {
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe() }() // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard "0\.0\.0\.0" port=0 partial$`
	return <-done
}

func main() {
	srv := newServer(8001) // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard "0\.0\.0\.0" port=8001 via$`
	if err := run(srv.Server); err != nil {
		panic(err)
	}
}
