// Shape: fasthttp serving the program's listener (fasthttp.Serve); the
// socket is the program's, here IPv4-only by choice.
package main

import (
	"net"

	"github.com/valyala/fasthttp"
)

func main() {
	ln, _ := net.Listen("tcp4", "0.0.0.0:8080") // want `net.Listen tcp4 host=IPv4 wildcard "0.0.0.0" port=8080$`
	fasthttp.Serve(ln, func(ctx *fasthttp.RequestCtx) {})
	s := &fasthttp.Server{}
	s.ListenAndServe(":8081") // want `fasthttp.Server.ListenAndServe tcp4 host=IPv4 wildcard port=8081$`
}
