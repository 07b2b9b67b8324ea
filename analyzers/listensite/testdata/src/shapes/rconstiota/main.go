// Shape: the port an untyped constant declared in a block next to an
// iota, formatted with %v into http.Server.Addr; the server started
// from a goroutine. Seen in
// fly-apps/cron-manager@6afda48c47356c0efabaa872ee4091a63043ff2b
// (api/handler.go: const Port = 5500 beside an iota context key,
// Addr: fmt.Sprintf(":%v", Port), ListenAndServe in `go func`; the app
// has no services and is reached over 6PN).
package main

import (
	"fmt"
	"net/http"
	"os"
	"os/signal"
)

type ctxKey int

const (
	Port          = 5500
	logKey ctxKey = iota
)

func main() {
	srv := &http.Server{
		Handler: http.NotFoundHandler(),
		Addr:    fmt.Sprintf(":%v", Port), // want `host value of http.Server.ListenAndServe$`
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed { // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=5500$`
			fmt.Println(err, logKey)
		}
	}()
	<-stop
}
