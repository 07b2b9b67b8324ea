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

// Seen in edjw/fly-go-example@20a5b0c0812d2d4488d782de8ff7e5cf8040a230
// (app.go: the host is "0.0.0.0" unless GOENVIRONMENT is "development",
// then "127.0.0.1"; the real app reads the variable with os.LookupEnv, not
// through a helper). Written here rather than at the top so the host
// literals stay on the lines conds_test.go's TestDecide names.
