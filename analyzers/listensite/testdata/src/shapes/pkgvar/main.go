// Shape: a package variable initialised with the address and never
// assigned again.
package main

import "net"

var listenAddr = "127.0.0.1:8010" // want `host value of net.Listen`

func main() {
	net.Listen("tcp", listenAddr) // want `net.Listen tcp host=loopback "127.0.0.1" port=8010$`
}
