// Clean shape: the same in one package: the server's Addr gets a
// literal default, then a JSON config may replace it before the method
// listens on it. The site waits on the field instead of taking the
// default for the address.
package main

import (
	"encoding/json"
	"net"
	"os"
)

type server struct {
	Addr string `json:"addr"`
}

func (s *server) run() error {
	ln, err := net.Listen("tcp", s.Addr) // want `net.Listen tcp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	return ln.Close()
}

func main() {
	s := &server{Addr: "127.0.0.1:7000"}
	data, err := os.ReadFile("server.json")
	if err != nil {
		return
	}
	if err := json.Unmarshal(data, s); err != nil {
		return
	}
	s.run()
}
