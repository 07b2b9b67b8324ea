// Package cmux is a stub with the shape of soheilhy/cmux's API, for tests.
package cmux

import (
	"io"
	"net"
)

type Matcher func(io.Reader) bool

type MatchWriter func(io.Writer, io.Reader) bool

type CMux interface {
	Match(...Matcher) net.Listener
	MatchWithWriters(...MatchWriter) net.Listener
	Serve() error
}

func New(l net.Listener) CMux                                          { return nil }
func HTTP1Fast(extMethods ...string) Matcher                           { return nil }
func HTTP2HeaderField(name, value string) Matcher                      { return nil }
func HTTP2MatchHeaderFieldSendSettings(name, value string) MatchWriter { return nil }
func Any() Matcher                                                     { return nil }
func TLS(versions ...int) Matcher                                      { return nil }
