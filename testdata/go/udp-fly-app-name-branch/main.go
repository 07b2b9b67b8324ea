package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	host := ""
	if os.Getenv("FLY_APP_NAME") != "" {
		host = "fly-global-services"
	}
	conn, err := net.ListenPacket("udp", fmt.Sprintf("%s:%s", host, os.Getenv("ECHO_PORT")))
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
