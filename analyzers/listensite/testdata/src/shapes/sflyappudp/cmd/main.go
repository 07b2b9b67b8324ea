// Shape: the host left empty unless FLY_APP_NAME is set, then
// fly-global-services, joined with a literal port and bound by
// net.ListenConfig's ListenPacket in another package. Seen in
// mcastorina/protohackers@3df851cdb89454f09bfe9c96089659261182d327
// (go/04-unusual-database/server/udp.go: NewUDPServer;
// go/04-unusual-database/fly.toml has a udp service on internal_port
// 1337). FLY_APP_NAME is set in every Fly Machine, so the Fly branch is
// the one that runs.
package main

import "shapes/sflyappudp/server"

func main() {
	conn, err := server.NewUDPServer()
	if err != nil {
		return
	}
	conn.Close()
}
