// Shape: hertz started with Run, the method of the *route.Engine a
// Hertz embeds, instead of Spin: the same address, from WithHostPorts or
// the ":8888" default (hertz v0.10.4 pkg/route/engine.go Run, which
// Spin calls). Modelled from hertz's source at ae439be (v0.10.4-11):
// no public app calling Run was found to cite.
package main

import (
	"os"

	"github.com/cloudwego/hertz/pkg/app/server"
)

func main() {
	h := server.Default(server.WithHostPorts("0.0.0.0:" + os.Getenv("PORT"))) // want `host value of hertz.Run`
	go h.Run()                                                                // want `hertz.Run tcp host=dual-stack wildcard "0.0.0.0" port=0 env=PORT required$`

	d := server.New()
	d.Engine.Run() // want `hertz.Run tcp host=dual-stack wildcard default port=8888 documented$`
}
