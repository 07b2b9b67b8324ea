// Shape: the port read through the app's own getenv helper with a
// default.
package main

import (
	"net/http"
	"os"
)

func env(key, fallback string) string {
	v, ok := os.LookupEnv(key)
	if !ok {
		return fallback
	}
	return v
}

func main() {
	port := env("PORT", "8081")        // want `port value of http.ListenAndServe`
	http.ListenAndServe(":"+port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8081 env=PORT default=8081$`
}
