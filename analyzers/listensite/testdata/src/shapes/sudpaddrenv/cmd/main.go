// Shape: the whole UDP address from $ADDR, else a literal on
// fly-global-services, passed to another package that binds it with
// net.ListenConfig's ListenPacket. Seen in
// fanatic/protohackers@69b52ec60a1f8275f945c6bbcb5c3ef375be4a52
// (cmd/4_database/main.go: ADDR else "fly-global-services:10004";
// 4_database/server.go: lc.ListenPacket; fly.toml: a udp service on
// internal_port 10004).
package main

import (
	"context"
	"os"

	"shapes/sudpaddrenv/db"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = "fly-global-services:10004"
	}
	db.NewServer(context.Background(), addr) // want `net.ListenConfig.ListenPacket udp host=fly-global-services "fly-global-services" env=ADDR whole port=10004 env=ADDR default=10004 via$`
}
