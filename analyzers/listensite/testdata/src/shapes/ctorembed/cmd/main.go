// Shape: the port goes into another package's constructor, which keeps
// it in the Addr of an embedded *http.Server; main hands that server to
// the package's own run helper. The site is finished here, where the
// port is written.
package main

import (
	"log"
	"time"

	"shapes/ctorembed/coord"
)

func main() {
	srv, err := coord.New(8000, time.Minute) // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8000 via$`
	if err != nil {
		log.Fatal(err)
	}
	if err := coord.RunWithSignals(srv.Server, time.Second); err != nil {
		log.Fatal(err)
	}
}
