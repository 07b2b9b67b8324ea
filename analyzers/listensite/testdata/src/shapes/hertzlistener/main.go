// Shape: hertz given the program's listener (WithListener): Spin opens
// no socket of its own.
package main

import (
	"net"

	"github.com/cloudwego/hertz/pkg/app/server"
)

func main() {
	ln, _ := net.Listen("tcp", ":8080") // want `net.Listen tcp host=dual-stack wildcard port=8080$`
	h := server.New(server.WithListener(ln))
	h.Spin()
}
