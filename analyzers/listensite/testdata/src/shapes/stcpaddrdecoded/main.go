// Clean shape: the *net.TCPAddr is built by a helper, but its IP and
// port come from a JSON config file read at run time, and a second
// address sits in an exported field that the decoder may fill. Neither
// is known from the source: host and port stay unknown, and the
// literal default stored in the exported field is not taken for the
// address (json.Unmarshal may replace it).
package main

import (
	"encoding/json"
	"net"
	"os"
)

type config struct {
	Host  string
	Port  int
	Admin *net.TCPAddr
}

func listenAddr(c config) *net.TCPAddr {
	return &net.TCPAddr{IP: net.ParseIP(c.Host), Port: c.Port}
}

func main() {
	data, err := os.ReadFile("config.json")
	if err != nil {
		return
	}
	c := config{Admin: &net.TCPAddr{IP: net.IPv4zero, Port: 9090}}
	if err := json.Unmarshal(data, &c); err != nil {
		return
	}
	ln, _ := net.ListenTCP("tcp", listenAddr(c)) // want `net.ListenTCP tcp host=unknown port=0 partial$`
	adm, _ := net.ListenTCP("tcp", c.Admin)      // want `net.ListenTCP tcp host=unknown port=0$`
	ln.Close()
	adm.Close()
}
