// Shape: a helper returns a different address per environment.
package main

import (
	"net"
	"os"
)

func listenAddr() string {
	if os.Getenv("GO_ENV") != "production" {
		return "localhost:3000"
	}
	return ":3000"
}

func main() {
	net.Listen("tcp", listenAddr()) // want `net.Listen tcp host=unknown port=3000 alts=\["localhost":3000 if GO_ENV!="production"; "":3000 if GO_ENV=="production"\]$`
}
