// Shape: the whole address a literal written in the listen call, the
// call's error printed rather than handled. Seen in
// 0-Mqix/cryptomania@610c2543611a4e5f801f68d86f423d210dd2bcfc (main.go:
// a chi router served by http.ListenAndServe(":3000", r) inside a
// fmt.Println; fly.toml internal_port 3000).
package main

import (
	"fmt"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	fmt.Println("server:", http.ListenAndServe(":3000", mux)) // want `http.ListenAndServe tcp host=dual-stack wildcard port=3000$`
}
