package main

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"os"
)

func main() {
	net.Listen("tcp", ":8080")                                                   // want `net.Listen tcp host=dual-stack wildcard port=8080$`
	net.Listen("tcp", "0.0.0.0:8081")                                            // want `net.Listen tcp host=dual-stack wildcard "0.0.0.0" port=8081$`
	net.Listen("tcp", "[::]:8082")                                               // want `net.Listen tcp host=dual-stack wildcard "\[::\]" port=8082$`
	net.Listen("tcp4", ":8083")                                                  // want `net.Listen tcp4 host=IPv4 wildcard port=8083$`
	net.Listen("tcp6", ":8084")                                                  // want `net.Listen tcp6 host=IPv6-only wildcard port=8084$`
	net.Listen("tcp", "127.0.0.1:8085")                                          // want `net.Listen tcp host=loopback "127.0.0.1" port=8085$`
	net.Listen("tcp", "[::1]:8086")                                              // want `net.Listen tcp host=loopback "\[::1\]" port=8086$`
	net.Listen("tcp", "fly-local-6pn:8087")                                      // want `net.Listen tcp host=6PN address "fly-local-6pn" port=8087$`
	net.Listen("tcp", "[fdaa:0:1::2]:8088")                                      // want `net.Listen tcp host=6PN address "\[fdaa:0:1::2\]" port=8088$`
	net.Listen("tcp", "10.0.0.1:8089")                                           // want `net.Listen tcp host=IPv4 address "10.0.0.1" port=8089$`
	net.Listen("tcp", "example.com:8090")                                        // want `net.Listen tcp host=host name "example.com" port=8090$`
	net.Listen("tcp", "localhost:"+os.Getenv("PORT"))                            // want `net.Listen tcp host=loopback "localhost" port=0 env=PORT required$`
	net.ListenPacket("udp", ":5000")                                             // want `net.ListenPacket udp host=dual-stack wildcard port=5000$`
	net.ListenPacket("udp", "fly-global-services:5001")                          // want `net.ListenPacket udp host=fly-global-services "fly-global-services" port=5001$`
	net.ListenPacket("udp4", "0.0.0.0:5002")                                     // want `net.ListenPacket udp4 host=IPv4 wildcard "0.0.0.0" port=5002$`
	net.ListenUDP("udp", &net.UDPAddr{Port: 5003})                               // want `net.ListenUDP udp host=dual-stack wildcard port=5003$`
	net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP("127.0.0.1"), Port: 5004}) // want `net.ListenUDP udp host=loopback "127.0.0.1" port=5004$`
	net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(0, 0, 0, 0), Port: 8091})     // want `net.ListenTCP tcp host=dual-stack wildcard "0.0.0.0" port=8091$`
	ua, _ := net.ResolveUDPAddr("udp", "fly-global-services:5005")
	net.ListenUDP("udp", ua) // want `net.ListenUDP udp host=fly-global-services "fly-global-services" port=5005$`
	ta, _ := net.ResolveTCPAddr("tcp", ":8092")
	net.ListenTCP("tcp", ta) // want `net.ListenTCP tcp host=dual-stack wildcard port=8092$`
	var lc net.ListenConfig
	lc.Listen(context.Background(), "tcp", ":8093")       // want `net.ListenConfig.Listen tcp host=dual-stack wildcard port=8093$`
	lc.ListenPacket(context.Background(), "udp", ":5006") // want `net.ListenConfig.ListenPacket udp host=dual-stack wildcard port=5006$`
	tls.Listen("tcp", ":8443", nil)                       // want `tls.Listen tcp host=dual-stack wildcard port=8443$`
	http.ListenAndServe("", nil)                          // want `http.ListenAndServe tcp host=dual-stack wildcard port=80$`
	http.ListenAndServeTLS(":https", "c", "k", nil)       // want `http.ListenAndServeTLS tcp host=dual-stack wildcard port=443$`
	net.Listen("unix", "/tmp/sock")                       // a Unix socket is not a network listener
}
