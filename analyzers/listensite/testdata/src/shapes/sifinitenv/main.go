// Shape: a literal port replaced by $PORT when it is non-empty, the
// variable read in an if statement's init, and ":"+port handed to
// net.Listen. Seen in
// harveysanders/protohackers@7d62c13d2f2aadadacec23604c6d4a59ff6cb1fa
// (0-smoke-test/main.go: port "9000" unless PORT is set; 0-smoke-test/
// fly.toml sets PORT=8080 and internal_port 8080).
package main

import (
	"net"
	"os"
)

func main() {
	port := "9000" // want `port value of net.Listen`
	if p := os.Getenv("PORT"); p != "" {
		port = p
	}
	ln, err := net.Listen("tcp", ":"+port) // want `net.Listen tcp host=dual-stack wildcard port=9000 env=PORT default=9000$`
	if err != nil {
		return
	}
	ln.Close()
}
