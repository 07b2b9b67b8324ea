// Package ipv6only defines an Analyzer that reports proxied ports bound
// IPv6-only.
//
// # Analyzer ipv6only
//
// ipv6only: report proxied ports that listen on IPv6 only
//
// A Go listener opened with network "tcp6", or on a specific IPv6
// address, accepts no IPv4 connections. Fly Proxy connects over the
// Machine's private IPv4 address, so a port fly.toml routes must accept
// IPv4. The analyzer reports such listeners when the nearest fly.toml
// routes their port.
//
// The diagnostic's category is the flylint rule id,
// proxied-port-ipv6-only.
package ipv6only
