// Shape: an if/else-if chain on one env var picks among three hosts;
// each alternative carries every comparison on its path.
package main

import (
	"net"
	"os"
)

func main() {
	host := "0.0.0.0"
	env := os.Getenv("STAGE")
	if env == "dev" {
		host = "127.0.0.1"
	} else if env == "ci" {
		host = "localhost"
	}
	net.Listen("tcp", host+":7070") // want `net.Listen tcp host=unknown port=7070 alts=\["127.0.0.1":7070 if STAGE=="dev"; "0.0.0.0":7070 if STAGE!="dev" && STAGE!="ci"; "localhost":7070 if STAGE=="ci" && STAGE!="dev"\]$`
}
