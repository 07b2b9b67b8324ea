// Package coord keeps the listen address in an embedded *http.Server
// built by its constructor, and runs whatever server it is handed (the
// shape of superfly/bfaas's coord package).
package coord

import (
	"fmt"
	"net/http"
)

type Server struct {
	*http.Server
}

func New(host string, port int) *Server {
	return &Server{Server: &http.Server{Addr: fmt.Sprintf("%s:%d", host, port)}}
}

func Run(s *http.Server) error {
	return s.ListenAndServe()
}
