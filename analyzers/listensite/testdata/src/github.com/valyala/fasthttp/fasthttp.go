// Package fasthttp is a stub with the shape of fasthttp's API, for tests.
package fasthttp

import "net"

type RequestCtx struct{}
type RequestHandler func(ctx *RequestCtx)

func ListenAndServe(addr string, handler RequestHandler) error { return nil }
func Serve(ln net.Listener, handler RequestHandler) error      { return nil }

type Server struct{ Handler RequestHandler }

func (s *Server) ListenAndServe(addr string) error { return nil }
func (s *Server) Serve(ln net.Listener) error      { return nil }
