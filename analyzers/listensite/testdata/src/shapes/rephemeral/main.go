// Shape: a per-session listener on an ephemeral port: ":0" resolved with
// net.ResolveTCPAddr on tcp4 and handed to net.ListenTCP, the kernel
// picking the port; the program reports the chosen port back over its
// main connection, so no service can name it in advance. Seen in
// superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa
// (remote/ssh_handler.go listenTCP: ResolveTCPAddr("tcp4", ":0"),
// ListenTCP("tcp4", addr), one per SSH remote forward; the fly.toml
// service is internal_port 10000 only). Port 0 is how the listener
// model says "not worked out" (listen.Port.Known), which is also the
// truth for an ephemeral port: nothing is guessed.
package main

import (
	"errors"
	"net"
)

func listenTCP() (net.Listener, error) {
	addr, err := net.ResolveTCPAddr("tcp4", ":0") // want `host value of net\.ListenTCP$`
	if err != nil {
		return nil, errors.New("could not parse TCP addr: " + err.Error())
	}
	ln, err := net.ListenTCP("tcp4", addr) // want `net\.ListenTCP tcp4 host=IPv4 wildcard port=0$`
	if err != nil {
		return nil, err
	}
	return ln, nil
}

func main() {
	ln, err := listenTCP()
	if err != nil {
		panic(err)
	}
	_ = ln.Addr()
}
