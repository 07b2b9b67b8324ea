// Clean shape: like sownserver, the app's own server type with an Addr
// field that main fills in, but with a literal default that a JSON
// config read at run time may replace. The stored literal is not taken
// for the address: the site stays waiting on the field, nothing is
// finished here.
package main

import (
	"encoding/json"
	"os"

	"shapes/sownserverdecoded/proto"
)

func main() {
	srv := &proto.Server{Addr: "127.0.0.1:7000"}
	data, err := os.ReadFile("server.json")
	if err != nil {
		return
	}
	if err := json.Unmarshal(data, srv); err != nil {
		return
	}
	srv.ListenAndServe()
}
