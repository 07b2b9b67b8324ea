// Shape: a pflag FlagSet of its own, String and Int on it.
package main

import (
	"fmt"
	"net"
	"os"

	"github.com/spf13/pflag"
)

func main() {
	fs := pflag.NewFlagSet("server", 0)
	addr := fs.String("bind", "localhost", "") // want `host value of net.Listen`
	port := fs.Int("port", 9000, "")
	fs.Parse(os.Args[1:])
	net.Listen("tcp", fmt.Sprintf("%s:%d", *addr, *port)) // want `net.Listen tcp host=loopback "localhost" flag=bind port=9000 flag=port$`
}
