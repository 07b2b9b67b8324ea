// Shape: main picks the port (a literal, or $PORT when non-empty) and
// hands only the port to a zero-value server's Start method in another
// package, which joins ":"+port. Seen in
// harveysanders/protohackers@7d62c13d2f2aadadacec23604c6d4a59ff6cb1fa
// (2-means-to-an-end/cmd/main.go: "9002" unless PORT, m2e.Server{}
// .Start(port); meanstoend.go Start listens; 2-means-to-an-end/fly.toml
// has internal_port 8080 and sets PORT=8080).
package main

import (
	"os"

	"shapes/sstartport/m2e"
)

func main() {
	port := "9002"
	if p := os.Getenv("PORT"); p != "" {
		port = p
	}
	srv := m2e.Server{}
	srv.Start(port) // want `net.Listen tcp host=dual-stack wildcard port=9002 env=PORT default=9002 via$`
}
