// Shape: the same default is written twice (initial value, and again
// when the variable's value is rejected). Either could be the one a
// finding is about, so no value position is reported, only the call.
// (The port stays unknown: one path reads PORT, the other does not, and
// the analysis does not merge "PORT, else 8080" with "8080".)
package main

import (
	"net/http"
	"os"
	"strconv"
)

func main() {
	port := "8080"
	if v := os.Getenv("PORT"); v != "" {
		port = v
	}
	if _, err := strconv.Atoi(port); err != nil {
		port = "8080"
	}
	http.ListenAndServe(":"+port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0$`
}
