// Package gin is a stub with the shape of gin's API, for tests.
package gin

import "net"

type Engine struct{}

func Default() *Engine                                 { return &Engine{} }
func (e *Engine) Run(addr ...string) error             { return nil }
func (e *Engine) RunTLS(addr, cert, key string) error  { return nil }
func (e *Engine) RunQUIC(addr, cert, key string) error { return nil }
func (e *Engine) RunListener(ln net.Listener) error    { return nil }
func (e *Engine) RunUnix(file string) error            { return nil }
