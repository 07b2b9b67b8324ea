// Shape: one TCP listener split by soheilhy/cmux into a TLS half, wrapped
// by tls.NewListener and served by an HTTP API, and an Any half served by
// the program's own accept loop; cmux's Serve drives both. Seen in
// superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa (remote.go:
// net.Listen on ":"+cfg.Port, m.Match(cmux.TLS()) and m.Match(cmux.Any()),
// the API server serving the TLS listener and the tunnel server the
// rest; fly.toml [[services]] internal_port 10000 with no handlers).
// The port is viper's there (viperfile models that); a literal here.
package main

import (
	"crypto/tls"
	"net"
	"net/http"

	"github.com/soheilhy/cmux"
)

func serveTunnels(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		c.Close()
	}
}

func main() {
	l, err := net.Listen("tcp", ":10000") // want `net\.Listen tcp host=dual-stack wildcard port=10000$`
	if err != nil {
		panic(err)
	}
	m := cmux.New(l)
	httpL := m.Match(cmux.TLS())
	tcpL := m.Match(cmux.Any())
	tlsL := tls.NewListener(httpL, &tls.Config{})
	go func() { _ = http.Serve(tlsL, http.NotFoundHandler()) }()
	go serveTunnels(tcpL)
	_ = m.Serve()
}
