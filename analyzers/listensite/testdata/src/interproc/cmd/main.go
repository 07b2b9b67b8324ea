package main

import (
	"interproc/coord"
	"interproc/server"
)

func main() {
	c := coord.New(nil, 8000) // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8000 via$`
	c.Start()
	server.Start(":7000") // want `net.Listen tcp host=dual-stack wildcard port=7000 via$`
	server.Serve("5000")  // want `net.ListenPacket udp host=dual-stack wildcard port=5000 via$`
}
