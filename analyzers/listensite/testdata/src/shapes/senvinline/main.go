// Shape: $PORT read in main, a literal assigned when it is empty, and
// ":"+port given to http.ListenAndServe. Seen in
// settermjd/go-fly-example@defa7780bc5c2d510fde035f1d1cf6c6be0d7b9c
// (main.go: PORT else "8001"; fly.toml sets PORT=8001, internal_port
// 8001).
package main

import (
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8001" // want `port value of http.ListenAndServe`
	}
	http.ListenAndServe(":"+port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8001 env=PORT default=8001$`
}
