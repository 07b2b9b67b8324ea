// Package server is a stub with the shape of hertz's server API, for
// tests.
package server

import (
	"net"
	"time"

	"github.com/cloudwego/hertz/pkg/common/config"
	"github.com/cloudwego/hertz/pkg/route"
)

type Hertz struct {
	*route.Engine
}

func New(opts ...config.Option) *Hertz     { return &Hertz{} }
func Default(opts ...config.Option) *Hertz { return &Hertz{} }
func (h *Hertz) Spin()                     {}

func WithHostPorts(hp string) config.Option                { return config.Option{} }
func WithNetwork(nw string) config.Option                  { return config.Option{} }
func WithListener(ln net.Listener) config.Option           { return config.Option{} }
func WithExitWaitTime(timeout time.Duration) config.Option { return config.Option{} }
