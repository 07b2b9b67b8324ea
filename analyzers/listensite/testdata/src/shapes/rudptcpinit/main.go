// Shape: one port for UDP and TCP: a package int with a literal default
// that init replaces from an env var through strconv.Atoi; UDP bound to
// fly-global-services, TCP to the wildcard, both through
// fmt.Sprintf("%d"). Seen in
// fly-apps/udp-echo-@e6602876c80053b9b40ffd7c9db35207816ccb11 (main.go:
// ECHO_PORT, default 5000; net.ListenPacket and net.Listen; fly.toml
// [env] ECHO_PORT = 5000 and udp + tcp services on 5000).
package main

import (
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
)

var port int = 5000 // want `port value of net\.ListenPacket$` `port value of net\.Listen$`

func init() {
	if v := os.Getenv("ECHO_PORT"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil {
			log.Fatal(err)
		}
		port = p
	}
}

func main() {
	udp, err := net.ListenPacket("udp", fmt.Sprintf("fly-global-services:%d", port)) // want `net\.ListenPacket udp host=fly-global-services "fly-global-services" port=5000 env=ECHO_PORT default=5000$`
	if err != nil {
		log.Fatal(err)
	}
	tcp, err := net.Listen("tcp", fmt.Sprintf(":%d", port)) // want `net\.Listen tcp host=dual-stack wildcard port=5000 env=ECHO_PORT default=5000$`
	if err != nil {
		log.Fatal(err)
	}
	_, _ = udp, tcp
}
