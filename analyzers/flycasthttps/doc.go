// Package flycasthttps defines an Analyzer that reports https:// and
// wss:// URLs to <app>.flycast in Go string literals.
//
// # Analyzer flycasthttps
//
// flycasthttps: report TLS URLs to Flycast addresses, which are HTTP only
//
// Flycast, Fly's private load balancing, carries plain HTTP: Fly issues
// no certificates for .flycast names, so a client that verifies the
// server's certificate fails the handshake on every request. The
// private network is already encrypted by WireGuard. The analyzer
// reports each https:// or wss:// URL naming <app>.flycast in a string
// literal, in any package, and suggests http:// (ws://) when the URL is
// spelled out in the literal and names no port.
//
// The diagnostic's category is the flylint rule id, flycast-https-url.
package flycasthttps
