// Shape: net.Listen handed to http.Serve and (*http.Server).Serve.
// Seen in superfly/ssokenizer@0ba283a29beffb9c0b555eda82fc27111cee2586
// (net.Listen then Serve on the listener).
package main

import (
	"net"
	"net/http"
)

func main() {
	ln, err := net.Listen("tcp", ":8090") // want `net.Listen tcp host=dual-stack wildcard port=8090$`
	if err != nil {
		return
	}
	srv := &http.Server{}
	go srv.Serve(ln)
	http.Serve(ln, nil)
}
