// Shape: cmp.Or picks the first non-empty of env vars and a literal
// default (Go 1.22+); the finding about the port stands at the default.
package main

import (
	"cmp"
	"net/http"
	"os"
)

func main() {
	port := cmp.Or(os.Getenv("APP_PORT"), os.Getenv("PORT"), "9000") // want `port value of http.ListenAndServe`
	http.ListenAndServe(":"+port, nil)                               // want `http.ListenAndServe tcp host=dual-stack wildcard port=9000 env=APP_PORT fallback=PORT default=9000$`
}
