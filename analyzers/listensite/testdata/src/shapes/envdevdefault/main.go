// Shape: the environment helper defaults to development, which binds
// loopback unless the deployment sets APP_ENV.
package main

import (
	"net/http"
	"os"
)

func getenv(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

func main() {
	host := "0.0.0.0"
	if getenv("APP_ENV", "development") == "development" {
		host = "localhost"
	}
	http.ListenAndServe(host+":3000", nil) // want `http.ListenAndServe tcp host=unknown port=3000 alts=\["0.0.0.0":3000 if APP_ENV\|development!="development"; "localhost":3000 if APP_ENV\|development=="development"\]$`
}
