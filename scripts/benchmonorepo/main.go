// Command benchmonorepo times flylint over a generated monorepo of Fly
// apps next to `cat` of the same files (the I/O floor), in the same run,
// and prints the ratio. Figures are medians of several runs.
//
//	go run ./scripts/benchmonorepo -apps 1000 -runs 5
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	apps := flag.Int("apps", 1000, "number of apps to generate")
	runs := flag.Int("runs", 5, "runs of each command; the median is reported")
	bin := flag.String("flylint", "", "flylint binary (default: build ./cmd/flylint)")
	flag.Parse()
	if err := run(*apps, *runs, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "benchmonorepo:", err)
		os.Exit(1)
	}
}

func run(apps, runs int, bin string) error {
	tmp, err := os.MkdirTemp("", "flylint-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if err := os.RemoveAll(tmp); err != nil {
			fmt.Fprintln(os.Stderr, "benchmonorepo: cleanup:", err)
		}
	}()
	if bin == "" {
		bin = filepath.Join(tmp, "flylint")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/flylint").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %w\n%s", err, out)
		}
	}
	root := filepath.Join(tmp, "repo")
	files, err := generate(root, apps)
	if err != nil {
		return err
	}
	cat := median(runs, func() error { return quiet(exec.Command("cat", files...)) })
	lint := median(runs, func() error {
		cmd := exec.Command(bin, "-go", "off", root)
		err := quiet(cmd)
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 1 {
			return nil // findings are expected
		}
		return err
	})
	if cat.err != nil {
		return fmt.Errorf("cat: %w", cat.err)
	}
	if lint.err != nil {
		return fmt.Errorf("flylint: %w", lint.err)
	}
	fmt.Printf("apps: %d (%d files), median of %d runs\n", apps, len(files), runs)
	fmt.Printf("%-28s %10s %8s\n", "command", "time", "ratio")
	fmt.Printf("%-28s %10s %8s\n", "cat (I/O floor)", cat.d.Round(time.Millisecond), "1.00x")
	fmt.Printf("%-28s %10s %7.2fx\n", "flylint -go off", lint.d.Round(time.Millisecond), float64(lint.d)/float64(cat.d))
	return nil
}

type result struct {
	d   time.Duration
	err error
}

func median(n int, f func() error) result {
	var ds []time.Duration
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return result{err: err}
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return result{d: ds[len(ds)/2]}
}

func quiet(cmd *exec.Cmd) error {
	cmd.Stdout, cmd.Stderr = nil, nil
	return cmd.Run()
}

// generate writes apps of a few realistic shapes (the same mix the rules
// see in real repositories: web apps, workers with [processes], UDP).
func generate(root string, n int) ([]string, error) {
	var files []string
	for i := range n {
		dir := filepath.Join(root, "apps", fmt.Sprintf("app-%04d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		toml, docker := shapes[i%len(shapes)](i)
		for name, content := range map[string]string{"fly.toml": toml, "Dockerfile": docker} {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				return nil, err
			}
			files = append(files, p)
		}
	}
	slices.Sort(files)
	return files, nil
}

var shapes = []func(int) (string, string){
	func(i int) (string, string) {
		return fmt.Sprintf(`app = "web-%d"
primary_region = "ams"

[build]
  [build.args]
    NODE_VERSION = "22"

[env]
  PORT = "8080"
  API_URL = "http://api-%d.internal:8080"

[http_service]
  internal_port = 8080
  force_https = true
  auto_stop_machines = "stop"
  auto_start_machines = true
  min_machines_running = 0

  [http_service.concurrency]
    type = "requests"
    soft_limit = 200
    hard_limit = 250

[[http_service.checks]]
  interval = "15s"
  timeout = "2s"
  grace_period = "5s"
  method = "GET"
  path = "/healthz"

[[vm]]
  memory = "1gb"
  cpu_kind = "shared"
  cpus = 1
`, i, i), `ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-slim AS base
WORKDIR /app
ENV NODE_ENV=production

FROM base AS build
COPY package*.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build

FROM base
COPY --from=build /app /app
EXPOSE 8080
CMD ["npx", "next", "start", "-H", "0.0.0.0", "-p", "8080"]
`
	},
	func(i int) (string, string) {
		return fmt.Sprintf(`app = "worker-%d"
primary_region = "ord"

[processes]
  web = "gunicorn --bind 0.0.0.0:8000 --workers 2 app:app"
  worker = "celery -A app worker"

[http_service]
  internal_port = 8000
  processes = ["web"]

[[services]]
  protocol = "tcp"
  internal_port = 6379
  processes = ["worker"]
  [[services.ports]]
    port = 6379

[checks.alive]
  type = "tcp"
  port = 8000
  interval = "10s"
  timeout = "2s"
  processes = ["web"]
`, i), `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`
	},
	func(i int) (string, string) {
		return fmt.Sprintf(`app = "udp-%d"

[[services]]
  protocol = "udp"
  internal_port = 5000
  [[services.ports]]
    port = 5000
`, i), `FROM alpine:3.20
RUN apk add --no-cache socat
CMD ["socat", "UDP-LISTEN:5000,fork,bind=fly-global-services", "EXEC:/bin/cat"]
`
	},
}
