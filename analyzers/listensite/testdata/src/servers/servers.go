package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

const Port = 5500

func main() {
	srv := &http.Server{Addr: fmt.Sprintf(":%v", Port)}
	srv.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=5500$`

	s2 := &http.Server{}
	s2.Addr = "127.0.0.1:8200"
	s2.ListenAndServeTLS("c", "k") // want `http.Server.ListenAndServeTLS tcp host=loopback "127.0.0.1" port=8200$`

	var s3 http.Server
	s3.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=80$`

	port := os.Getenv("PORT")
	s4 := http.Server{Addr: fmt.Sprintf(":%s", port)}
	s4.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 env=PORT required$`

	// Serve on a listener already found is not a second site.
	ln, _ := net.Listen("tcp", ":8201") // want `net.Listen tcp host=dual-stack wildcard port=8201$`
	http.Serve(ln, nil)
	srv.Serve(ln)
}

// Two servers, one started in a goroutine: the closure loads the captured
// variable, whose only value is the first server, so its Addr is that
// server's, not every Server.Addr in the package.
func twoServers() {
	httpServer := &http.Server{Addr: ":8300"}
	go func() {
		httpServer.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8300$`
	}()
	httpServer2 := &http.Server{Addr: ":2375"}
	httpServer2.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=2375$`
}
