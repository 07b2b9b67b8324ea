// Shape: a UDP server whose host defaults to fly-global-services (what
// Fly's UDP needs) and whose port defaults to a literal, each replaced by
// an env var when it is non-empty (if-init form), joined with
// fmt.Sprintf and passed to another package's method that calls
// net.ListenPacket. Seen in
// harveysanders/protohackers@7d62c13d2f2aadadacec23604c6d4a59ff6cb1fa
// (4-unusual-database-program/cmd/main.go: HOST else
// "fly-global-services", PORT else "9002"; udb.go ServeUDP listens;
// fly.4-unusual-database-program.toml sets PORT=5000 and a udp service
// on internal_port 5000). Inside ServeUDP the address is a parameter,
// unknown there; the call in main carries the resolved address (via).
package main

import (
	"context"
	"fmt"
	"os"

	"shapes/sudpglobal/udb"
)

func main() {
	srv := udb.NewServer()
	host := "fly-global-services"
	if h := os.Getenv("HOST"); h != "" {
		host = h
	}
	port := "9002"
	if p := os.Getenv("PORT"); p != "" {
		port = p
	}
	address := fmt.Sprintf("%s:%s", host, port)
	srv.ServeUDP(context.Background(), address) // want `net.ListenPacket udp host=fly-global-services "fly-global-services" env=HOST port=9002 env=PORT default=9002 via$`
}
