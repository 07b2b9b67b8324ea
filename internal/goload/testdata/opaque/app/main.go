package main

import (
	"net/http"
	"os/exec"

	"example.com/srvlib"
)

const apiURL = "http://api.internal:8080/v1"

func main() {
	_ = srvlib.Version()
	go func() { _ = http.ListenAndServe(":9090", nil) }()
	_ = srvlib.Run(":8080")
	_, _ = http.Get(apiURL)
	_ = exec.Command("etcd").Run()
}
