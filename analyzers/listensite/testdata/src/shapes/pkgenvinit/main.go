// Shape: a package variable set from the environment in init, with a
// default. Seen in hyphengolang/with-fly.io@1c08c984b44587ece29f60dc74156960ba9f892b
// (cmd/gofly: PORT with a default, ":"+port).
package main

import (
	"net/http"
	"os"
)

var port string

func init() {
	port = os.Getenv("PORT")
	if port == "" {
		port = "8080" // want `port value of http.ListenAndServe`
	}
}

func main() {
	http.ListenAndServe(":"+port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
