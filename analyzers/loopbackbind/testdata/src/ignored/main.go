package main

import "net/http"

func main() {
	// Suppressed as the flylint command suppresses them: a trailing
	// directive covers its line, one on its own line covers the next.
	http.ListenAndServe("127.0.0.1:8080", nil) //flylint:ignore loopback-bind a sidecar proxies to it

	//flylint:ignore loopback-bind a sidecar proxies to it
	http.ListenAndServe("127.0.0.1:8080", nil)

	//flylint:ignore proxied-port-ipv6-only,loopback-bind both are known here
	// a comment between the directive and the line is skipped
	http.ListenAndServe("127.0.0.1:8080", nil)

	// Not suppressed: another rule, a directive that covers another
	// line, and text that is not a directive.
	http.ListenAndServe("127.0.0.1:8080", nil) //flylint:ignore public-sensitive-port not this rule // want `binds "127.0.0.1", a loopback address`

	//flylint:ignore loopback-bind covers the blank line only

	http.ListenAndServe("127.0.0.1:8080", nil) // want `binds "127.0.0.1", a loopback address`
	http.ListenAndServe("127.0.0.1:8080", nil) // flylint ignore loopback-bind // want `binds "127.0.0.1", a loopback address`
}
