// Package udpglobalservices defines an Analyzer that reports UDP
// listeners of a Fly app that do not bind fly-global-services.
//
// # Analyzer udpglobalservices
//
// udpglobalservices: report UDP listeners that do not bind fly-global-services
//
// Fly delivers UDP service traffic to the fly-global-services address
// and routes replies only when they leave from it; a socket on the
// wildcard (":5000", &net.UDPAddr{Port: 5000}) receives the packets but
// answers from the wrong address. The analyzer reports UDP listeners
// with a wildcard host when the nearest fly.toml has a UDP service on
// that port (or the port is unknown). Code that picks
// fly-global-services on a FLY_APP_NAME branch is fine. When the address
// is a string literal it suggests "fly-global-services:5000".
//
// The diagnostic's category is the flylint rule id,
// udp-not-fly-global-services.
package udpglobalservices
