// Shape: the program asks whether it runs on Fly (FLY_ALLOC_ID is set,
// Fly sets it in every Machine) and then binds UDP on
// fly-global-services, else on a local literal. Seen in
// kmullin/protohackers.com@763762efed0b7edc8384a5a9bafb5c9aa8a44453
// (4/main.go: ":8080", or "fly-global-services:65534" when FLY_ALLOC_ID
// is set; 4/server.go binds it with go-reuseport's ListenPacket, here
// net.ListenPacket, which has no stub; fly.toml at that commit has a udp
// service on internal_port 65534). Decided here: FLY_ALLOC_ID is
// one of the variables Fly sets in every Machine, so the Fly branch is
// the one that runs.
package main

import (
	"net"
	"os"
)

func main() {
	addr := ":8080"
	if _, onFly := os.LookupEnv("FLY_ALLOC_ID"); onFly {
		addr = "fly-global-services:65534" // want `host value of net.ListenPacket`
	}
	conn, err := net.ListenPacket("udp", addr) // want `net.ListenPacket udp host=fly-global-services "fly-global-services" fly port=65534$`
	if err != nil {
		return
	}
	conn.Close()
}
