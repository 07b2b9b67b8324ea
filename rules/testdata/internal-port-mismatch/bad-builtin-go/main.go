package main

import "net/http"

func main() {
	// The builtin sets PORT=8080, but this program never reads it.
	http.ListenAndServe(":3000", nil)
}
