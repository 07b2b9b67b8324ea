// Shape: gRPC and HTTP on one port through cmux, the gRPC side matched
// with MatchWithWriters and HTTP2MatchHeaderFieldSendSettings (the
// matcher grpc-go clients need, since they wait for the server's
// SETTINGS frame), each server started in its own helper. Seen in
// phogolabs/plex@a366856b5f0fc3904b5365b33b384dd5d499bae5
// (grpc/middleware.go: the SendSettings matcher on
// "content-type" "application/grpc"), not a Fly app.
package main

import (
	"net"
	"net/http"

	"github.com/soheilhy/cmux"
	"google.golang.org/grpc"
)

func serveGRPC(l net.Listener) { _ = grpc.NewServer().Serve(l) }

func serveHTTP(l net.Listener) { _ = (&http.Server{}).Serve(l) }

func main() {
	l, err := net.Listen("tcp", ":8080") // want `net.Listen tcp host=dual-stack wildcard port=8080 app=grpc\+http$`
	if err != nil {
		panic(err)
	}
	m := cmux.New(l)
	go serveGRPC(m.MatchWithWriters(cmux.HTTP2MatchHeaderFieldSendSettings("content-type", "application/grpc")))
	go serveHTTP(m.Match(cmux.HTTP1Fast()))
	_ = m.Serve()
}
