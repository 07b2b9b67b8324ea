// Clean shape: a package variable with a default that a config file may
// overwrite (json.Unmarshal gets its address): its value is not known,
// so nothing is guessed from the default.
package main

import (
	"encoding/json"
	"net"
	"os"
)

var addr = "127.0.0.1:8600"

func main() {
	b, _ := os.ReadFile("config.json")
	json.Unmarshal(b, &addr)
	net.Listen("tcp", addr) // want `net.Listen tcp host=unknown port=0$`
}
