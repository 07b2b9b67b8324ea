// Shape: a package variable holds the default address, init lets an env
// var override it, and a subcommand's FlagSet uses it as the flag's
// default. Seen in superfly/tokenizer@a60499d50d168b57492fc5e75069d82d622a931a
// (cmd/tokenizer/main.go ListenAddress and LISTEN_ADDRESS; serve.go's
// -listen-address flag and net.Listen).
package main

import (
	"flag"
	"net"
	"os"
)

var DefaultAddr = ":8080" // want `port value of net.Listen`

func init() {
	if a := os.Getenv("LISTEN_ADDRESS"); a != "" {
		DefaultAddr = a
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("listen-address", DefaultAddr, "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, err := net.Listen("tcp", *addr) // want `net.Listen tcp host=dual-stack wildcard env=LISTEN_ADDRESS flag=listen-address whole port=8080 env=LISTEN_ADDRESS default=8080 flag=listen-address$`
	return err
}

func main() {
	serve(os.Args[1:])
}
