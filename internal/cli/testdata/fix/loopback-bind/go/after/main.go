// Command web serves the site.
package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("127.0.0.1:8080 is a bad address\n")) // not an address to fix
	})
	// Only the listen address changes.
	log.Fatal(http.ListenAndServe(":8080", nil))
}
