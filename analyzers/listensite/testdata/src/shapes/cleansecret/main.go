// Clean shape: the whole address from a variable with no default (a
// secret set at deploy time): nothing is guessed. The second listen is
// the port-only form seen in adoublef/coffeesaurus@41de6aec8c97a33f523c0ae214830a5d612e45b6
// (cmd/coffeesaurus/main.go: an http.Server on ":" + $PORT with no default
// in the code; the Dockerfile sets PORT=8081 behind LiteFS's proxy on
// 8080, fly.toml's internal_port).
package main

import (
	"net"
	"net/http"
	"os"
)

func main() {
	net.Listen("tcp", os.Getenv("LISTEN_ADDR")) // want `net.Listen tcp host=unknown env=LISTEN_ADDR whole port=0 env=LISTEN_ADDR required$`

	s := &http.Server{Addr: ":" + os.Getenv("PORT")} // want `host value of http.Server.ListenAndServe`
	s.ListenAndServe()                               // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 env=PORT required$`
}
