// Shape: a flag overridden through its pointer after flag.Parse, in a
// helper main calls: $PORT, when set, beats the command line, so the
// flag's default is one alternative among others and the port is not
// known (the env-over-flag order has no port model yet). Variant of
// wflagstore.
package main

import (
	"flag"
	"net/http"
	"os"
)

var port = flag.String("port", "8080", "")

func fromEnv() {
	if v := os.Getenv("PORT"); v != "" {
		*port = v
	}
}

func main() {
	flag.Parse()
	fromEnv()
	http.ListenAndServe(":"+*port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0$`
}
