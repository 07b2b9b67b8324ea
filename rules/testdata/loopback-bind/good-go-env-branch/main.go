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
	http.ListenAndServe(host+":8080", nil)
}
