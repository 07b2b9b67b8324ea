// Shape: a listener factory: its constructor stores the bind address
// (a configured host plus ":0") in a struct field, and a method reached
// through an interface opens net.Listen on that field for each session.
// Seen in superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa
// (net/multi_port_listener_factory.go: NewMultiPortTCPListenerFactory
// sets addr to args.BindAddr + ":0", Listener calls net.Listen("tcp",
// ml.addr); fly.toml serves only internal_port 10000).
package main

import "net"

type listenerFactory interface {
	Listener() (net.Listener, error)
}

type multiPort struct {
	addr string
}

func newMultiPort(bindAddr string) listenerFactory {
	return &multiPort{addr: bindAddr + ":0"}
}

func (m *multiPort) Listener() (net.Listener, error) {
	return net.Listen("tcp", m.addr) // want `net\.Listen tcp host=unknown port=0 partial$`
}

func main() {
	f := newMultiPort("") // want `net\.Listen tcp host=dual-stack wildcard port=0 via$`
	if _, err := f.Listener(); err != nil {
		panic(err)
	}
}
