// Shape: an http3.Server with its Addr on fly-global-services, as Fly's
// UDP needs; and one with a blank Addr (":https" in quic-go v0.61.0).
package main

import "github.com/quic-go/quic-go/http3"

func main() {
	srv := &http3.Server{
		Addr: "fly-global-services:443", // want `host value of http3.Server.ListenAndServeTLS`
	}
	go srv.ListenAndServeTLS("cert.pem", "key.pem") // want `http3.Server.ListenAndServeTLS udp host=fly-global-services "fly-global-services" port=443$`
	blank := &http3.Server{}
	blank.ListenAndServe() // want `http3.Server.ListenAndServe udp host=dual-stack wildcard port=443$`
}
