// Shape: main reads $PORT (a literal when empty) and passes it to
// another package's constructor, which binds "0.0.0.0:"+port through
// net.ListenConfig. Seen in
// fanatic/protohackers@69b52ec60a1f8275f945c6bbcb5c3ef375be4a52
// (cmd/0_smoketest/main.go: PORT else "10000"; 0_smoketest/server.go:
// lc.Listen on "0.0.0.0:"+port, wrapped in a PROXY protocol listener
// left out here; fly.toml: internal_port 10000 with the proxy_proto
// handler; supervisord starts every cmd/ program in one Machine).
package main

import (
	"context"
	"os"

	"shapes/sctorlistenconfig/smoke"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "10000"
	}
	smoke.NewServer(context.Background(), port) // want `net.ListenConfig.Listen tcp host=dual-stack wildcard "0.0.0.0" port=10000 env=PORT default=10000 via$`
}
