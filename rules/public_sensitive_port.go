package rules

import (
	"fmt"

	"github.com/flylint/flylint/diag"
	"github.com/flylint/flylint/source"
)

var PublicSensitivePort = Register(&Rule{
	ID:       "public-sensitive-port",
	Severity: diag.Warning,
	Title:    "A service exposes a database, cache, admin or remote-access port",
	Since:    "0.1.0",
	Why: "A service routes a well-known database, cache, message-broker, admin or remote-access port (PostgreSQL 5432, Redis 6379, SSH 22, the Docker API 2375, …) through Fly Proxy.\n\n" +
		"Everything Fly Proxy routes for an app with a public IP address is reachable from the whole internet, where such ports are scanned within minutes and attacked with default or leaked credentials. Keep these services on the private network instead: drop the `[[services]]` entry and connect over `<app>.internal`, or make the app private with Flycast (`fly ips allocate-v6 --private`, release its public IPs) and mark it so flylint knows (`# flylint:flycast` in fly.toml). If the port must be public, put TLS (`pg_tls`/`tls`) and strong authentication in front of it and suppress this finding with a reason.",
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
		for _, s := range p.App.Services {
			var at source.Range
			port, what := 0, ""
			for _, e := range s.Edge {
				for n, name := range sensitivePorts {
					if edgeCovers(e, n) && (port == 0 || n < port) {
						port, what, at = n, name, e.Range
					}
				}
				if port != 0 {
					break
				}
			}
			kind := "external port"
			if port == 0 && s.InternalPort.OK {
				if name, ok := sensitivePorts[s.InternalPort.V]; ok {
					port, what, at, kind = s.InternalPort.V, name, s.InternalPort.Value, "internal_port"
				}
			}
			if port == 0 || !at.IsValid() {
				continue
			}
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
// remote shells and desktops.
var sensitivePorts = map[int]string{
	22:    "SSH",
	23:    "Telnet",
	1433:  "SQL Server",
	2181:  "ZooKeeper",
	2375:  "the Docker API",
	2376:  "the Docker API",
	2379:  "etcd",
	2380:  "etcd",
	3306:  "MySQL",
	3389:  "RDP",
	5432:  "PostgreSQL",
	5433:  "PostgreSQL",
	5672:  "RabbitMQ (AMQP)",
	5900:  "VNC",
	5984:  "CouchDB",
	6379:  "Redis",
	7687:  "Neo4j (Bolt)",
	9042:  "Cassandra",
	9092:  "Kafka",
	9200:  "Elasticsearch",
	9222:  "the Chrome DevTools protocol",
	9300:  "Elasticsearch",
	11211: "Memcached",
	15672: "the RabbitMQ management UI",
	26257: "CockroachDB",
	27017: "MongoDB",
}
