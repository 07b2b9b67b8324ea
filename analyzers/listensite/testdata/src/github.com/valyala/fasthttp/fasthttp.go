// Package fasthttp is a stub with the shape of fasthttp's API, for tests.
package fasthttp

type RequestCtx struct{}
type RequestHandler func(ctx *RequestCtx)

func ListenAndServe(addr string, handler RequestHandler) error { return nil }

type Server struct{ Handler RequestHandler }

func (s *Server) ListenAndServe(addr string) error { return nil }
