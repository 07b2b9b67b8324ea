// Shape: one helper listens on ":%d" of its int parameter, and several
// goroutines of an errgroup-like group call it, each with its own literal
// port: one site per call. Seen in
// benjaminclauss/Protohackers@5b24f7ca5aca239b3f11a15d815ef096dbe8b42c
// (main.go: serve(50001, ...) to serve(50007, ...) from g.Go closures,
// serve calls net.Listen("tcp", fmt.Sprintf(":%d", port)); fly.toml has a
// tcp service for each of those ports). The group is a WaitGroup here,
// errgroup has no stub.
package main

import (
	"fmt"
	"net"
	"sync"
)

func serve(port int) error {
	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port)) // want `net.Listen tcp host=dual-stack wildcard port=0 partial$`
	if err != nil {
		return err
	}
	return ln.Close()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); serve(50001) }() // want `net.Listen tcp host=dual-stack wildcard port=50001 via$`
	go func() { defer wg.Done(); serve(50002) }() // want `net.Listen tcp host=dual-stack wildcard port=50002 via$`
	go func() { defer wg.Done(); serve(50003) }() // want `net.Listen tcp host=dual-stack wildcard port=50003 via$`
	wg.Wait()
}
