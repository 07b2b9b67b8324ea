// Shape: hertz with no address option: ":8888" (hertz v0.10.4
// pkg/common/config/option.go defaultAddr).
package main

import "github.com/cloudwego/hertz/pkg/app/server"

func main() {
	h := server.Default()
	h.Spin() // want `hertz.Spin tcp host=dual-stack wildcard default port=8888 documented$`
}
