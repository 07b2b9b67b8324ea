package listen

import "strings"

// socat opens a listener for each listening address among its two:
// TCP-LISTEN:port[,opts], TCP4-LISTEN, TCP6-LISTEN, UDP-LISTEN,
// UDP4/6-LISTEN, UDP-RECV(FROM), with bind=host among the options.
// http://www.dest-unreach.org/socat/doc/socat.html (1.8): without bind=,
// TCP-LISTEN and UDP-LISTEN listen on the IPv4 wildcard (socat's default
// protocol family is IPv4 unless -6 or a 6 variant is used), the 6
// variants on "::", which accepts IPv4 too unless ipv6only=1 is given
// (IPV6_V6ONLY's default is the system's: off on Linux).
func (in *interp) socat(ws []word) Result {
	res := Result{Known: true, Program: "socat", Argv: argvOf(ws)}
	family := ""
	for _, w := range ws[1:] {
		t := w.value()
		switch t {
		case "-4":
			family = "4"
			continue
		case "-6":
			family = "6"
			continue
		}
		if strings.HasPrefix(t, "-") || w.opaque {
			continue
		}
		colon := strings.IndexByte(w.tmpl, ':')
		if colon < 0 {
			continue
		}
		kind := strings.ToUpper(w.tmpl[:colon])
		var proto Proto
		switch kind {
		case "TCP-LISTEN", "TCP-L", "TCP4-LISTEN", "TCP4-L", "TCP6-LISTEN", "TCP6-L":
			proto = TCP
		case "UDP-LISTEN", "UDP-L", "UDP4-LISTEN", "UDP4-L", "UDP6-LISTEN", "UDP6-L",
			"UDP-RECVFROM", "UDP4-RECVFROM", "UDP6-RECVFROM", "UDP-RECV", "UDP4-RECV", "UDP6-RECV":
			proto = UDP
		default:
			continue
		}
		fam := family
		if strings.Contains(kind, "4") {
			fam = "4"
		} else if strings.Contains(kind, "6") {
			fam = "6"
		}
		m := &match{s: &server{name: "socat", runtime: "c"}, sc: nil}
		l := Listener{Proto: proto, Origin: "socat " + kind, Program: "socat", Range: w.rng}
		l.Host = Host{Class: HostIPv4Wildcard, Text: "0.0.0.0", Default: true}
		if fam == "6" {
			// socat leaves IPV6_V6ONLY as the system has it (off on Linux).
			l.Host = Host{Class: HostDualStack, Text: "::", Default: true}
		}
		// The port runs to the first comma; options follow, comma-separated.
		p0 := colon + 1
		p1 := len(w.tmpl)
		if i := strings.IndexByte(w.tmpl[p0:], ','); i >= 0 {
			p1 = p0 + i
		}
		l.Port = m.portIn(&w, p0, p1)
		if r, ok := w.sub(p0, p1); ok {
			l.PortRange = r
		}
		v6only := false
		for o0 := p1; o0 < len(w.tmpl); {
			o1 := len(w.tmpl)
			if i := strings.IndexByte(w.tmpl[o0+1:], ','); i >= 0 {
				o1 = o0 + 1 + i
			}
			opt := w.tmpl[o0+1 : o1]
			switch opt {
			case "ipv6only", "ipv6only=1", "ipv6-v6only", "ipv6-v6only=1", "ipv6only=yes", "ipv6-v6only=yes":
				v6only = true
			}
			if strings.HasPrefix(opt, "bind=") {
				h0 := o0 + 1 + len("bind=")
				h1 := o1
				// bind=host:port also fixes the local port of the socket.
				if ad, ok := splitAddr(w.tmpl[h0:h1]); ok && !ad.unix {
					h0, h1 = h0+ad.h0, h0+ad.h1
				}
				l.Host = m.hostIn(&w, h0, h1)
				if r, ok := w.sub(h0, h1); ok {
					l.HostRange = r
				}
			}
			o0 = o1
		}
		if v6only && l.Host.Class == HostDualStack {
			l.Host.Class = HostIPv6Wildcard
		}
		res.Reads = append(res.Reads, m.reads...)
		res.Listeners = append(res.Listeners, l)
	}
	res.Reads = dedupe(res.Reads)
	return res
}
