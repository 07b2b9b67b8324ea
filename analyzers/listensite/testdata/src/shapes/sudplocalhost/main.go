// Shape: a UDP socket on $HOST, else "localhost", joined with a literal
// port and bound inside a goroutine. On Fly, where nothing sets HOST, it
// binds loopback, which Fly's UDP forwarding (to fly-global-services)
// cannot reach. Seen in
// benjaminclauss/Protohackers@5b24f7ca5aca239b3f11a15d815ef096dbe8b42c
// (main.go: HOST else "localhost", net.ListenPacket("udp",
// host+":50005") in a g.Go closure, marked "TODO: Inject this in
// deploy"; fly.toml has a udp service on 50005 and no [env]).
package main

import (
	"net"
	"os"
)

func main() {
	host := os.Getenv("HOST")
	if host == "" {
		host = "localhost" // want `host value of net.ListenPacket`
	}
	done := make(chan error)
	go func() {
		pc, err := net.ListenPacket("udp", host+":50005") // want `net.ListenPacket udp host=loopback "localhost" env=HOST port=50005$`
		if err != nil {
			done <- err
			return
		}
		done <- pc.Close()
	}()
	<-done
}
