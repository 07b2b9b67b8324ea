// Package serve opens the app's listener on the address its caller gives.
package serve

import (
	"fmt"
	"net/http"
)

type Server struct{ port int }

func New(port int) *Server { return &Server{port: port} }

func (s *Server) Run() error {
	return http.ListenAndServe(fmt.Sprintf(":%d", s.port), nil)
}
