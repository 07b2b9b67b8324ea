// Shape: PORT with an `if == ""` default that differs from the deployed
// port, formatted with %s into the Addr of an http.Server value started
// from a goroutine. Seen in
// mtlynch/picoshare@708a3bf960824eb28fb0c35c2e4e0a10014f0fd0
// (cmd/picoshare/main.go: PORT else "4001", http.Server{Addr:
// fmt.Sprintf(":%s", port)}; fly.toml [env] PORT = "8080", internal_port
// 8080, so the default is never used there).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "4001" // want `port value of http\.Server\.ListenAndServe$`
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	srv := http.Server{Addr: fmt.Sprintf(":%s", port), Handler: http.NotFoundHandler()}
	go func() {
		log.Printf("exit: %s", srv.ListenAndServe()) // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=4001 env=PORT default=4001$`
	}()
	<-stop
}
