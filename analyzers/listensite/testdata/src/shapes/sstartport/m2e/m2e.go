// Package m2e is one server of a multi-program repository: Start takes
// only the port and listens on every address.
package m2e

import "net"

type Server struct{ ln net.Listener }

func (s *Server) Start(port string) error {
	ln, err := net.Listen("tcp", ":"+port) // want `net.Listen tcp host=dual-stack wildcard port=0 partial$`
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}
