package main

import (
	"cmp"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"

	"values/consts"
)

var envPort = os.Getenv("GLOBAL_PORT")

type config struct {
	addr string
	port int
}

func port() string {
	p := os.Getenv("HELPER_PORT")
	if p == "" {
		return "8110"
	}
	return p
}

func udpAddr() string {
	if os.Getenv("FLY_APP_NAME") != "" {
		return "fly-global-services:5010"
	}
	return ":5010"
}

func main() {
	addrFlag := flag.String("addr", "localhost:8120", "listen address")
	var portFlag int
	flag.IntVar(&portFlag, "port", 8121, "port")
	n := flag.Int("n", 8122, "port")
	flag.Parse()

	http.ListenAndServe(fmt.Sprintf(":%d", consts.Port), nil)             // want `http.ListenAndServe tcp host=dual-stack wildcard port=8100$`
	http.ListenAndServe(consts.Host+":"+strconv.Itoa(consts.Port+1), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=8101$`
	http.ListenAndServe(net.JoinHostPort("0.0.0.0", "8103"), nil)         // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" port=8103$`
	http.ListenAndServe(net.JoinHostPort("::1", "8104"), nil)             // want `http.ListenAndServe tcp host=loopback "\[::1\]" port=8104$`
	http.ListenAndServe(consts.Addr, nil)                                 // want `http.ListenAndServe tcp host=dual-stack wildcard port=8101$`
	http.ListenAndServe(consts.ListenAddr(), nil)                         // want `http.ListenAndServe tcp host=dual-stack wildcard port=8102 env=APP_PORT default=8102$`

	p := os.Getenv("PORT")
	if p == "" {
		p = "8105"
	}
	http.ListenAndServe(":"+p, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8105 env=PORT default=8105$`

	lp, ok := os.LookupEnv("LPORT")
	if !ok {
		lp = "8106"
	}
	http.ListenAndServe(":"+lp, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8106 env=LPORT default=8106$`

	http.ListenAndServe(":"+cmp.Or(os.Getenv("CPORT"), "8107"), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8107 env=CPORT default=8107$`
	http.ListenAndServe(":"+port(), nil)                             // want `http.ListenAndServe tcp host=dual-stack wildcard port=8110 env=HELPER_PORT default=8110$`
	http.ListenAndServe(":"+envPort, nil)                            // want `http.ListenAndServe tcp host=dual-stack wildcard port=0 env=GLOBAL_PORT required$`

	fp := os.Getenv("FUSION_PORT")
	if fp == "" {
		fp = os.Getenv("PORT")
	}
	if fp == "" {
		fp = "8108"
	}
	pn, _ := strconv.Atoi(fp)
	http.ListenAndServe(":"+strconv.Itoa(pn), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8108 env=FUSION_PORT fallback=PORT default=8108$`

	addr, ok := os.LookupEnv("ADDR")
	if !ok {
		addr = ":8109"
	}
	net.Listen("tcp", addr) // want `net.Listen tcp host=dual-stack wildcard env=ADDR whole port=8109 env=ADDR default=8109$`

	http.ListenAndServe(*addrFlag, nil)                     // want `http.ListenAndServe tcp host=loopback "localhost" flag=addr whole port=8120 flag=addr$`
	http.ListenAndServe(fmt.Sprintf(":%d", portFlag), nil)  // want `http.ListenAndServe tcp host=dual-stack wildcard port=8121 flag=port$`
	http.ListenAndServe(fmt.Sprintf("0.0.0.0:%d", *n), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" port=8122 flag=n$`

	cfg := config{addr: "127.0.0.1:8130", port: 8131}
	http.ListenAndServe(cfg.addr, nil)                     // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=8130$`
	http.ListenAndServe(fmt.Sprintf(":%d", cfg.port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8131$`

	udp := ":5011"
	if os.Getenv("FLY_APP_NAME") != "" {
		udp = "fly-global-services:5011"
	}
	net.ListenPacket("udp", udp)       // want `net.ListenPacket udp host=fly-global-services "fly-global-services" fly port=5011$`
	net.ListenPacket("udp", udpAddr()) // want `net.ListenPacket udp host=fly-global-services "fly-global-services" fly port=5010$`

	mixed := ":8140"
	if len(os.Args) > 2 {
		mixed = "127.0.0.1:8141"
	}
	net.Listen("tcp", mixed) // want `net.Listen tcp host=unknown port=0$`

	same := "0.0.0.0:8142"
	if len(os.Args) > 3 {
		same = "127.0.0.1:8142"
	}
	net.Listen("tcp", same) // want `net.Listen tcp host=unknown port=8142$`

	go func() {
		http.ListenAndServe(":"+p, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8105 env=PORT default=8105$`
	}()
}
