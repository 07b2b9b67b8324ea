package main

import "net/http"

func main() {
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
