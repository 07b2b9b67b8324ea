// Shape: a helper (here a method) opens the listener for an address its
// caller passes, and serves on it. Seen in
// superfly/ssokenizer@0ba283a29beffb9c0b555eda82fc27111cee2586
// (ssokenizer.go: Server.Start(address) calls net.Listen and serves in a
// goroutine; cmd/ssokenizer/serve.go passes the configured address, which
// there comes from etc/ssokenizer.yml rather than a literal).
package main

import (
	"net"
	"net/http"
)

type server struct{ http *http.Server }

func (s *server) start(address string) error {
	ln, err := net.Listen("tcp", address) // want `net.Listen tcp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	go s.http.Serve(ln)
	return nil
}

func main() {
	s := &server{http: &http.Server{}}
	s.start("127.0.0.1:6000") // want `net.Listen tcp host=loopback "127.0.0.1" port=6000 via$`
	select {}
}
