// Package tcpglobalservices defines an Analyzer that reports TCP
// listeners bound to fly-global-services.
//
// # Analyzer tcpglobalservices
//
// tcpglobalservices: report TCP listeners bound to fly-global-services
//
// fly-global-services is the address Fly delivers UDP service traffic
// to. Fly Proxy delivers TCP to the Machine's private IPv4 address, so
// a TCP socket on fly-global-services receives nothing from it. The
// analyzer reports such listeners in code under a fly.toml and suggests
// the wildcard when the address is a string literal.
//
// The diagnostic's category is the flylint rule id,
// tcp-on-fly-global-services.
package tcpglobalservices
