package flytomlschema

import (
	"strings"
	"testing"
	"time"

	"github.com/flylint-dev/flylint/internal/flytoml"
)

// benchSrc is a fly.toml of the size fly launch writes, with a service
// and checks added, typed up to a value being completed at the end.
var benchSrc = []byte(`app = "bench"
primary_region = "ams"
kill_signal = "SIGTERM"
kill_timeout = "30s"

[build]
  dockerfile = "Dockerfile"

[deploy]
  strategy = "rolling"
  release_command = "bin/migrate"

[env]
  PORT = "8080"
  LOG_LEVEL = "info"

[http_service]
  internal_port = 8080
  force_https = true
  auto_stop_machines = "stop"
  auto_start_machines = true
  min_machines_running = 1
  processes = ["app"]
  [http_service.concurrency]
    type = "requests"
    soft_limit = 200
    hard_limit = 250

[[services]]
  protocol = "tcp"
  internal_port = 9090
  [[services.ports]]
    port = 9090
    handlers = ["tls"]
  [[services.tcp_checks]]
    interval = "15s"
    timeout = "2s"

[checks.alive]
  type = "http"
  port = 8080
  path = "/healthz"
  interval = "10s"

[[mounts]]
  source = "data"
  destination = "/data"

[[vm]]
  size = "shared-cpu-1x"
  memory = "512mb"
  cpu_kind = "shared"
`)

// BenchmarkCompleteVsParse alternates, in each iteration, flytoml.Parse
// of the buffer (the work every didChange already does), Complete at a
// value and Hover on it, and reports each as a ratio to Parse: absolute
// times on a shared machine say little.
func BenchmarkCompleteVsParse(b *testing.B) {
	off := strings.Index(string(benchSrc), `"stop"`) + 2
	var parse, complete, hover time.Duration
	for range b.N {
		t0 := time.Now()
		_, _ = flytoml.Parse("fly.toml", benchSrc)
		t1 := time.Now()
		_ = Complete(benchSrc, off)
		t2 := time.Now()
		_, _, _, _ = Hover(benchSrc, off)
		t3 := time.Now()
		parse += t1.Sub(t0)
		complete += t2.Sub(t1)
		hover += t3.Sub(t2)
	}
	b.ReportMetric(float64(complete)/float64(parse), "complete/parse")
	b.ReportMetric(float64(hover)/float64(parse), "hover/parse")
}
