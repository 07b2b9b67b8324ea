// Shape: wflagstore with the flag's pointer in a local variable of
// main: $PORT stored through it after flag.Parse is another value, so
// the port is not known.
package main

import (
	"flag"
	"net/http"
	"os"
)

func main() {
	port := flag.String("port", "8080", "")
	flag.Parse()
	if v := os.Getenv("PORT"); v != "" {
		*port = v
	}
	http.ListenAndServe(":"+*port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0$`
}
