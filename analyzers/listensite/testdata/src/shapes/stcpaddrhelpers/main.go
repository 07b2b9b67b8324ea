// Shape: *net.TCPAddr and *net.UDPAddr built by the app's helpers from
// the net package's own addresses and parsed literals, as
// vshatravenko/protohackers@2e316ddf05e138f6b6ea88f1f2ac1a0fe7662a92
// (cmd/smoke_test/main.go configureTCPAddr) builds its address. The
// net variables are read as https://pkg.go.dev/net#pkg-variables
// (Go 1.26) defines them; a wildcard's reach is the network's ("tcp"
// is dual-stack, "tcp6" IPv6 only).
package main

import "net"

func tcpAddr(ip net.IP, port int) *net.TCPAddr {
	return &net.TCPAddr{IP: ip, Port: port}
}

func udpAddr(port int) (*net.UDPAddr, error) {
	return &net.UDPAddr{IP: net.IPv6zero, Port: port}, nil
}

func pick(local bool) *net.TCPAddr {
	if local {
		return tcpAddr(net.ParseIP("127.0.0.1"), 9000)
	}
	return tcpAddr(net.IPv4zero, 9000)
}

func main() {
	a, _ := net.ListenTCP("tcp", tcpAddr(net.IPv4zero, 8080))       // want `net.ListenTCP tcp host=dual-stack wildcard "0.0.0.0" port=8080$`
	b, _ := net.ListenTCP("tcp", tcpAddr(net.ParseIP("::1"), 8081)) // want `net.ListenTCP tcp host=loopback "\[::1\]" port=8081$`
	addr, err := udpAddr(5353)                                      // want `port value of net.ListenUDP$`
	if err != nil {
		return
	}
	c, _ := net.ListenUDP("udp6", addr)      // want `net.ListenUDP udp6 host=IPv6-only wildcard "\[::\]" port=5353$`
	d, _ := net.ListenTCP("tcp", pick(true)) // want `net.ListenTCP tcp host=unknown port=9000$`
	a.Close()
	b.Close()
	c.Close()
	d.Close()
}
