// Shape: the host picked by a branch on an env var read through the
// app's own helper with a default. Undecided here: only the port holds on
// every path; each host is tagged with the condition that picks it.
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
	if getenv("APP_ENV", "production") == "development" {
		host = "127.0.0.1"
	}
	http.ListenAndServe(host+":8080", nil) // want `http.ListenAndServe tcp host=unknown port=8080 alts=\["0.0.0.0":8080 if APP_ENV\|production!="development"; "127.0.0.1":8080 if APP_ENV\|production=="development"\]$`
}
