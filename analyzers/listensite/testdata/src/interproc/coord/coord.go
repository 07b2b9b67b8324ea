// Package coord stores its port in a struct, as superfly/bfaas does.
package coord

import (
	"fmt"
	"net/http"
)

type Server struct {
	srv  *http.Server
	port int
}

func New(pool any, port int) *Server {
	return &Server{srv: &http.Server{Addr: fmt.Sprintf(":%d", port)}, port: port}
}

func (s *Server) Start() error {
	return s.srv.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 partial$`
}

func (s *Server) Metrics() error {
	return http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", s.port+1), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=0$`
}
