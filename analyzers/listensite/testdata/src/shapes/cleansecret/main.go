// Clean shape: the whole address from a variable with no default (a
// secret set at deploy time): nothing is guessed.
package main

import (
	"net"
	"os"
)

func main() {
	net.Listen("tcp", os.Getenv("LISTEN_ADDR")) // want `net.Listen tcp host=unknown env=LISTEN_ADDR whole port=0 env=LISTEN_ADDR required$`
}
