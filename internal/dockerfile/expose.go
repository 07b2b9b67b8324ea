package dockerfile

import (
	"errors"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// parsePortSpec reads an expanded EXPOSE word the way buildkit's
// parsePort does: [[ip:]hostPort:]port[-end][/proto], where only the
// container port matters to the image and proto is tcp (default), udp or
// sctp in any case.
func parsePortSpec(w string) (start, end int, proto listen.Proto, err error) {
	parts := strings.Split(w, ":")
	port, p, _ := strings.Cut(parts[len(parts)-1], "/")
	if port == "" {
		return 0, 0, "", errors.New("no port specified")
	}
	switch strings.ToLower(p) {
	case "", "tcp":
		proto = listen.TCP
	case "udp":
		proto = listen.UDP
	case "sctp":
		proto = listen.Proto("sctp")
	default:
		return 0, 0, "", errors.New("invalid proto: " + p)
	}
	lo, hi, isRange := strings.Cut(port, "-")
	start, err = portNumber(lo)
	if err != nil {
		return 0, 0, "", err
	}
	end = start
	if isRange && lo != hi {
		if end, err = portNumber(hi); err != nil {
			return 0, 0, "", err
		}
		if end < start {
			return 0, 0, "", errors.New("invalid port range: " + port)
		}
	}
	return start, end, proto, nil
}

func portNumber(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil {
		return 0, errors.New("invalid containerPort: " + s)
	}
	if n < 0 || n > 65535 {
		return 0, errors.New("port " + s + " out of range (0-65535)")
	}
	return int(n), nil
}
