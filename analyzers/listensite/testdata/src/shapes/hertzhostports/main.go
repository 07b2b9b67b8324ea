// Shape: hertz with WithHostPorts; the address is written in the option.
package main

import (
	"time"

	"github.com/cloudwego/hertz/pkg/app/server"
)

func main() {
	h := server.Default(
		server.WithExitWaitTime(time.Second),
		server.WithHostPorts("127.0.0.1:8080"), // want `host value of hertz.Spin`
	)
	h.Spin()                                                                    // want `hertz.Spin tcp host=loopback "127.0.0.1" port=8080$`
	v4 := server.New(server.WithHostPorts(":8889"), server.WithNetwork("tcp4")) // want `host value of hertz.Spin`
	v4.Spin()                                                                   // want `hertz.Spin tcp4 host=IPv4 wildcard port=8889$`
}
