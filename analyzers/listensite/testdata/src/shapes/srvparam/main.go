// Shape: the server is built in main and started by a function it is
// passed to.
package main

import "net/http"

func run(srv *http.Server) error {
	return srv.ListenAndServe() // want `http.Server.ListenAndServe tcp host=loopback "127.0.0.1" port=8900$`
}

func main() {
	srv := &http.Server{Addr: "127.0.0.1:8900"} // want `host value of http.Server.ListenAndServe`
	run(srv)
}
