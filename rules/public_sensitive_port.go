package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

var PublicSensitivePort = Register(&Rule{
	ID:       "public-sensitive-port",
	Severity: diag.Warning,
	Title:    "A service exposes a database, cache, admin or remote-access port",
	Since:    "0.1.0",
	Why: "A service routes a well-known database, cache, message-broker, admin or remote-access port (PostgreSQL 5432, Redis 6379, SSH 22, the Docker API 2375, …) through Fly Proxy.\n\n" +
		"Everything Fly Proxy routes for an app with a public IP address is reachable from the whole internet, where such ports are scanned within minutes and attacked with default or leaked credentials. Keep these services on the private network instead: drop the `[[services]]` entry and connect over `<app>.internal`, or make the app private with Flycast (`fly ips allocate-v6 --private`, release its public IPs) and mark it so flylint knows (`# flylint:flycast` in fly.toml). If the port must be public, put TLS (`pg_tls`/`tls`) and strong authentication in front of it and suppress this finding with a reason.\n\n" +
		"The rule reports each exposed port once per app: a second service routing the same port is the same exposure. The ports, each its server's documented default: " + sensitivePortList() + ".",
	ExampleFile: "fly.toml",
	Bad: `app = "db"

[[services]]
  protocol = "tcp"
  internal_port = 5432

  [[services.ports]]
    port = 5432`,
	Good: `# flylint:flycast
app = "db"

[[services]]
  protocol = "tcp"
  internal_port = 5432

  [[services.ports]]
    port = 5432`,
	URLs: []string{
		"https://fly.io/docs/networking/services/",
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/networking/private-networking/",
	},
	Tags:             []string{"security", "exposure", "ports"},
	SecuritySeverity: "7.5",
	Check: func(p *Pass) {
		// A Flycast app's services are reached on its private address;
		// exposing a database there is what Flycast is for.
		if p.App.Config == nil || p.App.Flycast {
			return
		}
		// One finding per exposed port: a second service routing the same
		// port (fly-apps/fly-etcd's [[services]] beside its [http_service])
		// is the same exposure, and duplicate-service speaks for the copy.
		type exposure struct {
			kind string
			port int
		}
		reported := map[exposure]bool{}
		for _, s := range p.App.Services {
			var at source.Range
			port, what := 0, ""
			for _, e := range s.Edge {
				for n, sp := range sensitivePorts {
					if edgeCovers(e, n) && (port == 0 || n < port) {
						port, what, at = n, sp.name, e.Range
					}
				}
				if port != 0 {
					break
				}
			}
			kind := "external port"
			if port == 0 && s.InternalPort.OK {
				if sp, ok := sensitivePorts[s.InternalPort.V]; ok && !sp.edgeOnly {
					port, what, at, kind = s.InternalPort.V, sp.name, s.InternalPort.Value, "internal_port"
				}
			}
			if port == 0 || !at.IsValid() || reported[exposure{kind, port}] {
				continue
			}
			reported[exposure{kind, port}] = true
			p.Report(diag.Diagnostic{
				Range: at,
				Message: fmt.Sprintf("%s %d is %s's port, and Fly Proxy routes it to the internet. "+
					"Anything Fly Proxy routes for an app with a public IP is open to everyone, and %s ports are scanned and attacked constantly; "+
					"reach it over the private network (<app>.internal) or Flycast instead, or put TLS and strong authentication in front of it.",
					kind, port, what, what),
			})
		}
	},
})

// sensitivePorts are ports whose well-known servers must not face the
// internet: databases, caches, brokers, cluster and admin APIs, and
// remote shells and desktops. Each is the server's documented default;
// a port that ordinary web apps also use by default is left out, or kept
// to external ports (edgeOnly), so that a web app is not reported.
var sensitivePorts = map[int]sensitivePort{
	22:   {name: "SSH"},    // RFC 4251; IANA service names
	23:   {name: "Telnet"}, // RFC 854; IANA
	1433: {name: "SQL Server"},
	// https://zookeeper.apache.org/doc/r3.9.2/zookeeperStarted.html (clientPort=2181)
	2181: {name: "ZooKeeper"},
	// https://docs.docker.com/engine/daemon/remote-access/ (2375 plain, 2376 TLS)
	2375: {name: "the Docker API"},
	2376: {name: "the Docker API"},
	// https://etcd.io/docs/v3.5/op-guide/configuration/ (client 2379, peer 2380)
	2379: {name: "etcd"},
	2380: {name: "etcd"},
	3306: {name: "MySQL"},
	3389: {name: "RDP"},
	// https://docs.nats.io/running-a-nats-service/configuration (client
	// 4222, cluster 6222, HTTP monitoring 8222, which needs no auth)
	4222: {name: "NATS"},
	6222: {name: "NATS cluster routing"},
	8222: {name: "the NATS monitoring endpoint"},
	// https://www.erlang.org/doc/apps/erts/epmd_cmd.html (Erlang's port
	// mapper listens on 4369; a peer holding the node's cookie runs any
	// code on the node)
	4369: {name: "EPMD"},
	5432: {name: "PostgreSQL"},
	5433: {name: "PostgreSQL"},
	5672: {name: "RabbitMQ (AMQP)"},
	5900: {name: "VNC"},
	5984: {name: "CouchDB"},
	6379: {name: "Redis"},
	7687: {name: "Neo4j (Bolt)"},
	// https://developer.hashicorp.com/consul/docs/install/ports (HTTP API 8500)
	8500: {name: "the Consul HTTP API"},
	// https://clickhouse.com/docs/en/guides/sre/network-ports (HTTP 8123,
	// native protocol 9000). 9000 is also the default of Play Framework and
	// php-fpm, so as an internal_port it is no evidence of ClickHouse; an
	// external port 9000 is.
	8123: {name: "the ClickHouse HTTP interface"},
	9000: {name: "ClickHouse's native protocol", edgeOnly: true},
	9042: {name: "Cassandra"},
	// https://prometheus.io/docs/introduction/first_steps/ (the server's
	// UI and API on 9090, unauthenticated by default)
	9090: {name: "the Prometheus server"},
	9092: {name: "Kafka"},
	// https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html
	// and https://opensearch.org/docs/latest/install-and-configure/install-opensearch/index/
	// (HTTP 9200, transport 9300, the same for both)
	9200: {name: "Elasticsearch/OpenSearch"},
	9222: {name: "the Chrome DevTools protocol"},
	9300: {name: "Elasticsearch/OpenSearch"},
	// https://github.com/memcached/memcached/wiki/ConfiguringServer (11211)
	11211: {name: "Memcached"},
	// https://www.rabbitmq.com/docs/networking#ports (management UI 15672)
	15672: {name: "the RabbitMQ management UI"},
	// https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/ (26379)
	26379: {name: "Redis Sentinel"},
	26257: {name: "CockroachDB"},
	27017: {name: "MongoDB"},
}

// sensitivePortList names every port for the rule's documentation, so
// the doc page and the check cannot drift apart.
func sensitivePortList() string {
	ports := slices.Sorted(maps.Keys(sensitivePorts))
	items := make([]string, len(ports))
	for i, n := range ports {
		sp := sensitivePorts[n]
		items[i] = fmt.Sprintf("%d %s", n, sp.name)
		if sp.edgeOnly {
			items[i] += " (as an external port only)"
		}
	}
	return strings.Join(items, "; ")
}

type sensitivePort struct {
	name string
	// edgeOnly: only an external port counts; as an internal_port the
	// number is too common a web app default to mean this server.
	edgeOnly bool
}
