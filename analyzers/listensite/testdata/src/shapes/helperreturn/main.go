// Shape: a helper returns the env var or, when it is empty, a literal
// default; the finding about the port stands at that return.
package main

import (
	"net/http"
	"os"
)

func port() string {
	if p := os.Getenv("PORT"); p != "" {
		return p
	}
	return "8110" // want `port value of http.ListenAndServe`
}

func main() {
	http.ListenAndServe(":"+port(), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8110 env=PORT default=8110$`
}
