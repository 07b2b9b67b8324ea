// Shape: an http.Server held as a value (not a pointer) whose Addr is a
// local variable holding a literal, started from a goroutine while main
// waits for a signal. Seen in
// fly-apps/hahooks-go@8ebe63cd76d84624df434122dd3198ae3dfeb0b0 (main.go:
// addr := ":8080", srv := http.Server{Addr: addr}, ListenAndServe in
// `go func`; fly.toml internal_port 8080).
package main

import (
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
)

func main() {
	done := make(chan os.Signal, 1)
	signal.Notify(done, os.Interrupt)
	addr := ":8080"
	srv := http.Server{
		Addr: addr,
	}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) { // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=8080$`
			log.Fatal(err)
		}
	}()
	<-done
}
