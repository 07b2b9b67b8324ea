// Package lib is not a main package: a library's loopback listener may
// well be meant for local use, so it is not reported.
package lib

import "net/http"

func Serve() { http.ListenAndServe("127.0.0.1:8080", nil) }
