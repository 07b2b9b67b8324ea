// Shape (must stay unknown): a package variable assigned in several
// places holds the union of its values; with two hosts, the host is
// unknown and only the port every path agrees on is reported.
package main

import (
	"net"
	"os"
)

var addr = "0.0.0.0:7000"

func init() {
	if len(os.Args) > 1 {
		addr = "127.0.0.1:7000"
	}
}

func main() {
	net.Listen("tcp", addr) // want `net.Listen tcp host=unknown port=7000$`
}
