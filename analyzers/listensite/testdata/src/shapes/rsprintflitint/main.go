// Shape: an integer literal formatted with %d in the listen call,
// inside a goroutine that also registers the handler. Seen in
// fly-apps/tcp-echo@fa614279d12136efafcb936608acfa76240b279d (main.go:
// http.ListenAndServe(fmt.Sprintf(":%d", 80), nil) in `go func`;
// fly.toml has a service with internal_port 80 and http/tls handlers).
package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	done := make(chan struct{})
	go func() {
		http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
		if err := http.ListenAndServe(fmt.Sprintf(":%d", 80), nil); err != nil { // want `http\.ListenAndServe tcp host=dual-stack wildcard port=80$`
			log.Fatal(err)
		}
	}()
	<-done
}
