// Shape: the plainest one, a literal ":8080" given to
// http.ListenAndServe in main. Seen in
// special-brain/go-fly-hello@8e1c6d544c26ea650e6a7ef6ec252c34a3f00cff
// (main.go: http.ListenAndServe(":8080", nil); fly.toml internal_port
// 8080).
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080$`
}
