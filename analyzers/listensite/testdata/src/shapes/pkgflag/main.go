// Shape: a package-level flag.String read in main through its pointer.
// Seen in superfly/tokenizer@a60499d50d168b57492fc5e75069d82d622a931a
// (cmd/tokenizer: -listen-address flag, net.Listen("tcp", *flag)).
package main

import (
	"flag"
	"net"
)

var addr = flag.String("addr", "127.0.0.1:8080", "listen address") // want `host value of net.Listen`

func main() {
	flag.Parse()
	net.Listen("tcp", *addr) // want `net.Listen tcp host=loopback "127.0.0.1" flag=addr whole port=8080 flag=addr$`
}
