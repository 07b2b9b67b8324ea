// Shape: a flag whose default comes from an env var with a literal
// fallback, through the app's envOr helper (see flagsetglobal for the
// same idea written with init).
package main

import (
	"flag"
	"net"
	"os"
)

func envOr(k, d string) string {
	if v, ok := os.LookupEnv(k); ok {
		return v
	}
	return d
}

var listenAddress = flag.String("listen-address", envOr("LISTEN_ADDRESS", ":8080"), "") // want `port value of net.Listen`

func main() {
	flag.Parse()
	net.Listen("tcp", *listenAddress) // want `net.Listen tcp host=dual-stack wildcard env=LISTEN_ADDRESS flag=listen-address whole port=8080 env=LISTEN_ADDRESS default=8080 flag=listen-address$`
}
