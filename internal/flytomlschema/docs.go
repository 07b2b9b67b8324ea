package flytomlschema

import "sync"

// The words shown for each key of flytoml.Schema. The keys, their types
// and enumerated values come from flytoml; this file adds only what a
// person reads: what a key does, how flyctl reads it, its default and
// where Fly documents it. TestDocsCoverSchema fails when a key has no
// entry here or an entry names no key, so the two cannot drift.
//
// Facts are from Fly's configuration reference
// (https://fly.io/docs/reference/configuration/, read 2026-12) and
// flyctl's source at ad0172f (2026-08-21), as cited per entry.

// refURL is Fly's fly.toml reference; anchors are the fragments its
// headings get. Each anchor used below was seen linked from public
// repositories (the search tool's index), not guessed from a heading.
const refURL = "https://fly.io/docs/reference/configuration/"

type entry struct {
	doc string
	// def is the default when the key is left out, as Markdown; "" when
	// there is none or Fly documents none.
	def string
	// anchor is the fragment of refURL; "" takes the enclosing section's.
	anchor string
	// values documents each enumerated value (flytoml's lists), keyed as
	// written in fly.toml.
	values map[string]string
}

const (
	durationHow = "A duration string such as `\"10s\"` or `\"1m30s\"`. "
	groupsHow   = "The [process groups](" + refURL + "#the-processes-section) this section applies to; without it, every group (or the default group `app`). flyctl accepts a single string for a one-element list."
)

// shared maps a schema path prefix to the prefix whose entries document
// it too, for sections that are the same type in several places.
var shared = []struct{ from, to string }{
	{"mount", "mounts"},
	{"metric", "metrics"},
	{"compute", "vm"},
	{"computes", "vm"},
	{"deploy.release_command_vm", "vm"},
	{"services.ports.tls_options", "http_service.tls_options"},
	{"services.ports.http_options", "http_service.http_options"},
	{"services.concurrency", "http_service.concurrency"},
	{"http_service.machine_checks", "machine_checks"},
	{"services.machine_checks", "machine_checks"},
	{"services.http_checks", "http_service.checks"},
	{"services.tcp_checks", "http_service.checks"},
	{"checks", "http_service.checks"},
}

// anyLevel documents keys that mean the same in every section, by name.
//
// anyLevel and docs are built on first use: Go builds a package-level
// map literal in init, and only the language server reads these, so
// every other flylint run would pay for them (24 KB, about 8 page faults
// of a one-app run's ~900).
var anyLevel = sync.OnceValue(func() map[string]entry {
	return map[string]entry{
		"processes":          {doc: groupsHow},
		"host_dedication_id": {doc: "Places the Machines on hosts dedicated to the organization with this ID (a Fly feature for dedicated hosts); passed to the Machine config unchanged."},
		"restart_limit":      {doc: "Apps v1: restart the instance after this many failed checks. Machines ignore it; flyctl reads it without effect. Remove it."},
	}
})

var docs = sync.OnceValue(func() map[string]entry {
	return map[string]entry{
		// Top level.
		"app": {anchor: "the-app-name",
			doc: "The Fly app's name. flyctl deploys to it unless `-a` names another app, and `<app>.fly.dev` is its public hostname; other apps reach it at `<app>.internal` and `<app>.flycast`."},
		"primary_region": {anchor: "primary-region",
			doc: "The three-letter region where `fly deploy` creates new Machines; it is also set as `PRIMARY_REGION` in each Machine's environment. `min_machines_running` counts Machines in this region only."},
		"kill_signal": {anchor: "runtime-options", def: "`\"SIGINT\"`",
			doc:    "The signal Fly sends the main process to stop a Machine (on deploy, scale-down and auto-stop), before waiting `kill_timeout`. flyctl passes it on unchecked, so a misspelled signal fails only when Machines are updated.",
			values: killSignalDocs()},
		"kill_timeout": {anchor: "runtime-options", def: "`\"5s\"` (Fly's docs)",
			doc: "How long Fly waits after `kill_signal` before it kills the process. " + durationHow + "A bare number means seconds (flyctl's patches convert it)."},
		"swap_size_mb": {anchor: "swap_size_mb-option",
			doc: "Size in megabytes of a swap file flyctl asks the Machine to create, so memory pressure swaps instead of killing the process."},
		"console_command": {anchor: "console-command",
			doc: "The command `fly console` runs in a Machine. flyctl splits it into words like a shell and refuses to deploy when it cannot (an unclosed quote)."},
		"machine_config": {doc: "A Machine config (JSON, inline or a file path) that flyctl uses as the base of every Machine it creates; the rest of fly.toml is applied over it."},
		"container":      {doc: "Names the container of a multi-container `machine_config` that fly.toml's settings apply to."},
		"machine_checks": {doc: "Checks that run before a deploy updates a Machine: flyctl starts a throwaway Machine from `image` running `command`, and stops the deploy when it fails."},
		"mount":          {doc: "Old spelling of `[[mounts]]`; flyctl's patches read it as `[[mounts]]`. Write `[[mounts]]`."},
		"metric":         {doc: "Old spelling of `[[metrics]]`; flyctl's patches read it as `[[metrics]]`. Write `[[metrics]]`."},
		"compute":        {doc: "Old spelling of `[[vm]]`; flyctl's patches read it as `[[vm]]`. Write `[[vm]]`."},
		"computes":       {doc: "Old spelling of `[[vm]]`; flyctl's patches read it as `[[vm]]`. Write `[[vm]]`."},

		// [build]
		"build": {anchor: "the-build-section",
			doc: "How `fly deploy` gets the image: a Dockerfile (the default when one exists), a prebuilt `image`, buildpacks (`builder`), or one of flyctl's `builtin` builders. Setting more than one makes flyctl warn and pick one."},
		"build.builder":    {doc: "The buildpacks builder image (e.g. `paketobuildpacks/builder:base`); setting it builds with Cloud Native Buildpacks instead of a Dockerfile."},
		"build.args":       {doc: "Build arguments passed to the Docker build (`--build-arg`) or to buildpacks. Values are strings; flyctl does not convert numbers here, unlike `[env]`."},
		"build.buildpacks": {doc: "Buildpacks to use with `builder`, in order."},
		"build.image":      {doc: "A prebuilt image to deploy (e.g. `flyio/hellofly:latest`); nothing is built."},
		"build.settings":   {doc: "Settings for a `builtin` builder, as its documentation lists them."},
		"build.builtin":    {doc: "One of flyctl's builtin builders (`go`, `node`, `deno`, `ruby`, `static`, …): a Dockerfile template flyctl fills in when the app has none."},
		"build.dockerfile": {doc: "The Dockerfile to build, relative to fly.toml's directory.", def: "`Dockerfile`"},
		"build.ignorefile": {doc: "The ignore file for the build context, in place of `.dockerignore`.", def: "`.dockerignore`"},
		"build.build-target": {
			doc: "The stage of a multi-stage Dockerfile to build (`docker build --target`).", def: "the last stage"},
		"build.build_target":      {doc: "Old spelling of `build-target`; flyctl's patches rename it (over any `build-target`). Write `build-target`."},
		"build.compose":           {doc: "Build from a Docker Compose file instead of a Dockerfile."},
		"build.compose.file":      {doc: "The Compose file to read."},
		"build.compression":       {doc: "How image layers are compressed when flyctl builds remotely. flyctl refuses other values (\"Valid options are 'gzip', 'zstd'\").", def: "`\"gzip\"`, unless Fly's feature flags choose zstd", values: map[string]string{"gzip": "Widely supported, the default.", "zstd": "Faster to compress and decompress at similar size."}},
		"build.compression_level": {doc: "Compression level from 0 to 9; flyctl refuses others.", def: "`7` (flyctl's DetermineCompression)"},

		// [deploy]
		"deploy": {anchor: "the-deploy-section",
			doc: "How `fly deploy` rolls out a release: the strategy, how many Machines may be down at once, and a release command to run first."},
		"deploy.strategy": {anchor: "picking-a-deployment-strategy", def: "`\"rolling\"`",
			doc: "How Machines are replaced. flyctl refuses anything but the four values below (\"unsupported deployment strategy\"), and refuses `canary` when the app has `[[mounts]]`.",
			values: map[string]string{
				"rolling":   "Replace Machines a few at a time (`max_unavailable`), each after the last passes its checks.",
				"immediate": "Replace every Machine at once, without waiting for checks.",
				"canary":    "Boot one new Machine first and continue with a rolling deploy only when it is healthy. Not allowed with volumes.",
				"bluegreen": "Boot a full set of new Machines, switch traffic when all pass their checks, then destroy the old ones. Needs checks; Fly's docs say it cannot be used with volumes.",
			}},
		"deploy.max_unavailable": {def: "`0.33` (flyctl's DefaultMaxUnavailable)",
			doc: "For `rolling` (and `canary`) deploys, how many Machines may be replaced at once: a count such as `2`, or a fraction of the Machines such as `0.25`."},
		"deploy.wait_timeout": {def: "`\"5m\"` (flyctl's DefaultWaitTimeout)",
			doc: "How long flyctl waits for a Machine to start and pass its checks before it fails the deploy. " + durationHow + "A bare number is nanoseconds: flyctl applies no unit here."},
		"deploy.release_command": {anchor: "run-one-off-commands-before-releasing-a-deployment",
			doc: "A command run in a temporary Machine from the new image before any Machine is updated (database migrations, typically); the deploy stops if it fails. It gets the app's secrets and `[env]` but no volume."},
		"deploy.release_command_timeout": {def: "`\"5m\"` (flyctl's DefaultReleaseCommandTimeout)",
			doc: "How long the release command may run. " + durationHow + "A bare number is nanoseconds."},
		"deploy.release_command_vm": {doc: "The size of the temporary Machine that runs `release_command`, with the keys of `[[vm]]`."},
		"deploy.seed_command":       {doc: "A command `fly launch` runs once, on the app's first deploy, in a temporary Machine after the release command (to seed a database); `fly deploy` does not run it (flyctl's launch.go, machines_releasecommand.go)."},

		// [env]
		"env": {anchor: "the-env-variables-section",
			doc: "Environment variables set in every Machine, `NAME = \"value\"`. flyctl turns numbers and booleans into their text (`PORT = 8080` is `\"8080\"`). Secrets (`fly secrets set`) override these; names starting with `FLY_` are reserved."},

		// [processes]
		"processes": {anchor: "the-processes-section",
			doc: "Process groups, `name = \"command\"`: each group runs its command in its own Machines instead of the image's CMD. Sections choose their groups with `processes = [...]`; with no groups the app has one group, `app`."},

		// [http_service]
		"http_service": {anchor: "the-http_service-section",
			doc: "The app's public HTTP(S) service: Fly Proxy terminates TLS on ports 80 and 443 and forwards HTTP to `internal_port`. A shorter form of a `[[services]]` with `tls`/`http` handlers."},
		"http_service.internal_port": {doc: "The port the app listens on inside the Machine, which Fly Proxy forwards to. An integer; a string (`\"8080\"`) makes flyctl reject the file. The app must listen on `0.0.0.0` (or `::`) at this port.",
			def: "none: required for the service to reach the app"},
		"http_service.force_https": {def: "`false`",
			doc: "Redirect plain HTTP requests on port 80 to HTTPS."},
		"http_service.auto_stop_machines": {anchor: "the-http_service-section", def: "`\"off\"` (flyctl's launch writes `\"stop\"`)",
			doc:    "What Fly Proxy does with Machines it finds idle (excess capacity, per region). flyctl reads `true` as `\"stop\"` and `false` as `\"off\"`; any other string is rejected.",
			values: autoStopDocs()},
		"http_service.auto_start_machines": {doc: "Start a stopped Machine when a request arrives and the running ones are at their concurrency limit. Usually paired with `auto_stop_machines`."},
		"http_service.min_machines_running": {def: "`0`",
			doc: "How many Machines auto-stop leaves running, counted in `primary_region` only."},
		"http_service.concurrency": {anchor: "http_service-concurrency",
			doc: "The load Fly Proxy counts per Machine: above `soft_limit` it prefers other Machines (and auto-start may start one), at `hard_limit` it sends no more. A table; flyctl also reads the old `\"soft,hard\"` string in `[[services]]`."},
		"http_service.concurrency.type": {def: "`\"connections\"`",
			doc: "What the limits count.",
			values: map[string]string{
				"connections": "Open TCP connections. For HTTP/1.1 with keep-alive, one connection carries many requests.",
				"requests":    "HTTP requests in flight; Fly Proxy may then reuse connections to the app. Only meaningful with the `http` handler.",
			}},
		"http_service.concurrency.soft_limit": {doc: "Load at which Fly Proxy prefers other Machines for new traffic."},
		"http_service.concurrency.hard_limit": {doc: "Load at which Fly Proxy sends a Machine no more traffic."},
		"http_service.tls_options": {anchor: "services-ports-tls_options",
			doc: "How Fly Proxy terminates TLS for this service."},
		"http_service.tls_options.alpn": {
			doc: "ALPN protocols offered to clients, e.g. `[\"h2\", \"http/1.1\"]`. Fly's default is not documented."},
		"http_service.tls_options.versions":            {doc: "TLS versions accepted, e.g. `[\"TLSv1.2\", \"TLSv1.3\"]`."},
		"http_service.tls_options.default_self_signed": {def: "`false`", doc: "Serve a self-signed certificate when the hostname has none (for clients that do not check certificates)."},
		"http_service.http_options": {
			doc: "How Fly Proxy speaks HTTP for this service."},
		"http_service.http_options.compress": {doc: "Compress responses at Fly Proxy."},
		"http_service.http_options.response": {doc: "Changes Fly Proxy makes to the app's responses."},
		"http_service.http_options.response.headers": {
			doc: "Response headers to set (`name = \"value\"`) or remove (`name = false`)."},
		"http_service.http_options.response.pristine": {doc: "Do not add Fly's headers (`fly-request-id`, `server`, …) to responses."},
		"http_service.http_options.h2_backend": {anchor: "services-ports-http_options-h2_backend", def: "`false`",
			doc: "Speak HTTP/2 over cleartext (h2c, prior knowledge) to the app instead of HTTP/1.1. Needed for gRPC behind the `http` handler."},
		"http_service.http_options.idle_timeout": {anchor: "http_service-http_options-idle_timeout",
			doc: "Seconds a connection to the app may stay idle before Fly Proxy closes it."},
		"http_service.http_options.headers_read_timeout":      {doc: "Seconds Fly Proxy waits for a client's request headers."},
		"http_service.http_options.replay_cache":              {doc: "Rules for Fly Proxy's replay cache, which remembers where a request was replayed (`fly-replay`) so later ones skip the app."},
		"http_service.http_options.replay_cache.path_prefix":  {doc: "Requests whose path starts with this use the rule."},
		"http_service.http_options.replay_cache.ttl_seconds":  {doc: "How long a replay is remembered."},
		"http_service.http_options.replay_cache.type":         {doc: "What the cache is keyed on (a cookie or a header)."},
		"http_service.http_options.replay_cache.name":         {doc: "The name of the cookie or header the cache is keyed on."},
		"http_service.http_options.replay_cache.allow_bypass": {doc: "Let a request bypass the cache."},
		"http_service.checks": {anchor: "http_service-checks",
			doc: "Health checks Fly Proxy runs against `internal_port`; failing Machines get no traffic, and deploys wait for them to pass."},
		"http_service.checks.interval": {doc: "Time between checks. " + durationHow + "A bare number is milliseconds in `[[services]]` checks and `[checks]`, but nanoseconds in `[http_service.checks]`; flyctl refuses less than 2s for `[checks]`."},
		"http_service.checks.timeout":  {doc: "How long one check may take. " + durationHow + "A bare number is milliseconds in `[[services]]` checks and `[checks]`, nanoseconds in `[http_service.checks]`."},
		"http_service.checks.grace_period": {
			doc: "Time after a Machine starts before failing checks count. " + durationHow + "A bare number is milliseconds in `[[services]]` checks and `[checks]`, nanoseconds in `[http_service.checks]`."},
		"http_service.checks.method": {doc: "The HTTP method of the check request."},
		"http_service.checks.path":   {doc: "The path requested, e.g. `\"/healthz\"`; the check passes on a 2xx response."},
		"http_service.checks.protocol": {doc: "Whether the check speaks plain HTTP or HTTPS to the app.",
			values: map[string]string{"http": "Plain HTTP.", "https": "HTTPS; see `tls_skip_verify` for self-signed certificates."}},
		"http_service.checks.tls_skip_verify": {def: "`false`", doc: "With `protocol = \"https\"`, do not verify the app's certificate."},
		"http_service.checks.tls_server_name": {doc: "With `protocol = \"https\"`, the server name (SNI) sent to the app."},
		"http_service.checks.headers":         {doc: "Request headers for the check, `name = \"value\"`."},

		// [[services]]
		"services": {anchor: "the-services-sections",
			doc: "A service Fly Proxy routes to the app: public `ports` on the app's IPs forwarded to `internal_port`, over `protocol` TCP or UDP. flyctl drops a `[[services]]` with no keys and accepts a single `[services]` table."},
		"services.protocol": {
			doc: "What Fly Proxy routes. HTTP and TLS are not protocols but `handlers` on a TCP port. flyctl compares it exactly (`\"TCP\"` is not `\"tcp\"`).",
			values: map[string]string{
				"tcp": "TCP connections, with optional `handlers` (TLS termination, HTTP) per port.",
				"udp": "UDP datagrams, without handlers; the app must bind `fly-global-services` to receive them.",
			}},
		"services.internal_port": {def: "none: required for the service to reach the app",
			doc: "The port the app listens on inside the Machine. flyctl's patches accept a string (`\"8080\"`) here, unlike in `[http_service]`."},
		"services.auto_stop_machines":   {values: autoStopDocs(), doc: "As in `[http_service]`: what Fly Proxy does with idle Machines. flyctl reads `true` as `\"stop\"` and `false` as `\"off\"`."},
		"services.auto_start_machines":  {doc: "As in `[http_service]`: start a stopped Machine when traffic arrives and the running ones are at their limit."},
		"services.min_machines_running": {def: "`0`", doc: "How many Machines auto-stop leaves running in `primary_region`."},
		"services.ports": {anchor: "services-ports",
			doc: "A public port (or range) of the service and the handlers Fly Proxy runs on connections to it."},
		"services.ports.port": {doc: "The public port on the app's IPs. flyctl accepts a string here too."},
		"services.ports.start_port": {
			doc: "First port of a range of public ports, all forwarded to `internal_port`; use with `end_port` instead of `port`."},
		"services.ports.end_port": {doc: "Last port of the range started by `start_port`."},
		"services.ports.handlers": {anchor: "services-ports-handlers",
			doc: "Middleware Fly Proxy runs on each connection before it reaches the app, in order. None passes TCP through unchanged. HTTPS is `[\"tls\", \"http\"]`; flyctl passes names on unchecked, so write them exactly.",
			values: map[string]string{
				"http":        "Speak HTTP to the client and HTTP/1.1 (or h2c with `h2_backend`) to the app, adding `Fly-*` and `X-Forwarded-*` headers.",
				"tls":         "Terminate TLS with the app's certificate; the app gets plain TCP (or HTTP, after `http`).",
				"pg_tls":      "Terminate PostgreSQL's in-protocol TLS (STARTTLS-style), for Postgres clients.",
				"proxy_proto": "Prepend a PROXY protocol header (`proxy_proto_options.version`) carrying the client's address.",
				"edge_http":   "Exists in Fly's API but not in its documentation; use `http` unless Fly told you otherwise.",
			}},
		"services.ports.force_https": {def: "`false`", doc: "Redirect HTTP on this port to HTTPS; needs the `http` handler."},
		"services.ports.proxy_proto_options": {
			doc: "Options of the `proxy_proto` handler."},
		"services.ports.proxy_proto_options.version": {doc: "The PROXY protocol version.",
			values: map[string]string{"v1": "The text header.", "v2": "The binary header."}},
		"services.tcp_checks":  {anchor: "services-tcp_checks", doc: "Checks that open a TCP connection to `internal_port`; failing Machines get no traffic."},
		"services.http_checks": {anchor: "services-http_checks", doc: "Checks that send an HTTP request to `internal_port`; failing Machines get no traffic."},
		"services.script_checks": {
			doc: "Apps v1 script checks; Machines do not run them and flyctl ignores the key. Remove it."},

		// [checks.<name>]
		"checks": {anchor: "the-checks-section",
			doc: "Named health checks of the Machines themselves, `[checks.<name>]`: they are shown in `fly checks list` and gate deploys but do not route traffic. Each needs a `type`, and a `port` unless `[http_service]` of the same group gives one."},
		"checks.type": {
			doc:    "The kind of check. flyctl refuses a check without one, and anything else (\"must be 'http' or 'tcp'\").",
			values: map[string]string{"http": "Send an HTTP request (`method`, `path`) and pass on a 2xx response.", "tcp": "Pass when a TCP connection opens."}},
		"checks.port": {doc: "The port to check inside the Machine. Without it flyctl takes `[http_service]`'s `internal_port` and fails the deploy when the group has none."},

		// [[mounts]]
		"mounts": {anchor: "the-mounts-section",
			doc: "A Fly Volume mounted into each Machine of the group. A Machine has at most one volume, and a volume lives in one region on one host."},
		"mounts.source":      {doc: "The volume's name; `fly deploy` creates volumes of that name as Machines need them."},
		"mounts.destination": {doc: "Where the volume is mounted in the Machine, e.g. `\"/data\"`."},
		"mounts.initial_size": {def: "`\"1gb\"`",
			doc: "The size of volumes `fly deploy` creates: `\"10gb\"`, or a number of gigabytes. flyctl refuses less than 1 GB."},
		"mounts.snapshot_retention":  {def: "`5` days", doc: "Days to keep daily snapshots, 1 to 60."},
		"mounts.scheduled_snapshots": {def: "`true`", doc: "Take daily snapshots of the volume."},
		"mounts.auto_extend_size_threshold": {
			doc: "Percent used (50–99) at which the volume grows by `auto_extend_size_increment`, up to `auto_extend_size_limit`; all three or none."},
		"mounts.auto_extend_size_increment": {doc: "How much the volume grows each time, e.g. `\"1gb\"` (1 GB to 100 GB)."},
		"mounts.auto_extend_size_limit":     {doc: "The size the volume stops growing at, e.g. `\"20gb\"` (up to 500 GB)."},

		// [[statics]]
		"statics": {anchor: "the-statics-sections",
			doc: "Files Fly Proxy serves straight from the image (or a Tigris bucket) for a URL prefix, without reaching the app."},
		"statics.guest_path":     {doc: "The directory in the image holding the files."},
		"statics.url_prefix":     {doc: "The URL path prefix served from `guest_path`, e.g. `\"/assets\"`."},
		"statics.tigris_bucket":  {doc: "Serve from this Tigris bucket instead of the image."},
		"statics.index_document": {doc: "The file served for a directory's URL, e.g. `\"index.html\"`."},

		// [[files]]
		"files": {anchor: "the-files-section",
			doc: "A file written into each Machine at boot, from a local file, a secret or a literal value."},
		"files.guest_path":  {doc: "Where the file is written in the Machine."},
		"files.local_path":  {doc: "A file next to fly.toml whose contents flyctl reads and sends; the deploy fails if it cannot read it."},
		"files.secret_name": {doc: "A secret (`fly secrets set`) whose value, base64-encoded, becomes the file."},
		"files.raw_value":   {doc: "The file's contents, base64-encoded."},

		// [[metrics]]
		"metrics": {anchor: "the-metrics-section",
			doc: "A Prometheus endpoint in the Machine that Fly scrapes into the organization's metrics."},
		"metrics.port":  {doc: "The port of the metrics endpoint inside the Machine; it need not be public."},
		"metrics.path":  {doc: "The path of the metrics endpoint."},
		"metrics.https": {def: "`false`", doc: "Scrape over HTTPS."},

		// [[restart]]
		"restart": {anchor: "the-restart-section",
			doc: "What the Machine does when its main process exits."},
		"restart.policy": {
			doc: "When to restart. flyctl refuses other values (\"invalid restart policy\"), and an empty one.",
			values: map[string]string{
				"always":     "Restart whatever the exit status.",
				"never":      "Never restart; the Machine stops.",
				"on-failure": "Restart after a non-zero exit, up to `retries` times.",
			}},
		"restart.retries": {doc: "With `on-failure`, how many restarts before the Machine stays stopped."},

		// [[vm]]
		"vm": {anchor: "the-vm-section",
			doc: "The Machine size for a process group: a `size` preset, adjusted by `memory`, `cpus` and `cpu_kind`."},
		"vm.size": {def: "`\"shared-cpu-1x\"` (fly-go's DefaultVMSize)",
			doc: "A Machine size preset; fly-go refuses other names (\"is an invalid machine size\")."},
		"vm.memory":        {doc: "Memory, as `\"1gb\"`, `\"512mb\"` or a number of megabytes. It must be a multiple of 256 MB within what the CPUs allow (256 MB–2 GB per shared CPU, 2–8 GB per performance CPU)."},
		"vm.memory_mb":     {doc: "Memory in megabytes: fly-go's spelling of `memory`, which wins silently when both are set."},
		"vm.max_memory_mb": {doc: "The most memory the Machine may grow to, in megabytes."},
		"vm.cpus":          {doc: "The number of CPUs, overriding the preset's."},
		"vm.cpu_kind": {def: "the preset's", doc: "The kind of CPU, overriding the preset's.",
			values: map[string]string{"shared": "Shared vCPUs, time-sliced with other Machines.", "performance": "Dedicated vCPUs."}},
		"vm.gpus":     {doc: "The number of GPUs."},
		"vm.gpu_kind": {doc: "The GPU model, e.g. `\"a100-pcie-40gb\"`, `\"l40s\"`."},
		"vm.persist_rootfs": {doc: "Whether the root filesystem survives a restart or update (fly-go's MachinePersistRootfs).",
			values: map[string]string{
				"never":   "A fresh root filesystem from the image on every start.",
				"restart": "Keep it across restarts, not across updates.",
				"always":  "Keep it across restarts and updates.",
			}},
		"vm.kernel_args": {doc: "Extra Linux kernel command-line arguments."},

		// [[machine_checks]]
		"machine_checks.command":      {doc: "The command the check Machine runs; a non-zero exit fails the deploy."},
		"machine_checks.image":        {doc: "The image of the check Machine.", def: "the image being deployed"},
		"machine_checks.entrypoint":   {doc: "The entrypoint of the check Machine, replacing the image's."},
		"machine_checks.kill_signal":  {doc: "The signal that stops the check Machine.", values: killSignalDocs()},
		"machine_checks.kill_timeout": {doc: "How long the check Machine gets after `kill_signal` before it is killed."},

		// [experimental]
		"experimental": {anchor: "the-experimental-section",
			doc: "Settings flyctl still honours from before Machines; most have replacements elsewhere in fly.toml."},
		"experimental.cmd":        {doc: "Replaces the image's CMD. flyctl splits a string into words; a list is taken as it is."},
		"experimental.entrypoint": {doc: "Replaces the image's ENTRYPOINT. flyctl splits a string into words; a list is taken as it is."},
		"experimental.exec":       {doc: "Replaces both ENTRYPOINT and CMD with this command."},
		"experimental.auto_rollback": {
			doc: "Roll back to the previous release when a deploy fails its checks (Apps v1)."},
		"experimental.enable_consul":    {doc: "Give Machines a Consul URL (`FLY_CONSUL_URL`), as Fly's Postgres and LiteFS use."},
		"experimental.enable_etcd":      {doc: "Give Machines an etcd endpoint."},
		"experimental.lazy_load_images": {doc: "Started Machines before their whole image was downloaded. No longer supported: flyctl warns that the platform feature was removed in May 2025 (deploy_build.go). Remove it."},
		"experimental.machine_config":   {doc: "Old place of the top-level `machine_config`."},
		"experimental.attached":         {doc: "Settings for apps attached to this one."},
		"experimental.attached.secrets": {doc: "Secrets shared with attached apps."},
		"experimental.attached.secrets.export": {
			doc: "Secrets to export to attached apps, `NAME = \"value\"`."},
		"experimental.kill_timeout": {doc: "Old place of `kill_timeout`; flyctl moves it to the top level unless that is set."},
		"experimental.metrics_port": {doc: "Old place of `[[metrics]] port`; flyctl moves it unless `[[metrics]]` exists."},
		"experimental.metrics_path": {doc: "Old place of `[[metrics]] path`; flyctl moves it unless `[[metrics]]` exists."},
		"experimental.private_network": {
			doc: "Apps v1 setting; Machines are always on the private network and flyctl ignores it. Remove it."},
		"experimental.allowed_public_ports": {doc: "Apps v1 setting that flyctl ignores. Remove it."},
	}
})

func killSignalDocs() map[string]string {
	return map[string]string{
		"SIGINT":  "Interrupt (2): Fly's default, what Ctrl-C sends.",
		"SIGTERM": "Terminate (15): what `docker stop` sends and most servers treat as a graceful shutdown.",
		"SIGQUIT": "Quit (3).",
		"SIGUSR1": "User-defined signal 1 (10).",
		"SIGUSR2": "User-defined signal 2 (12).",
		"SIGKILL": "Kill (9): cannot be caught, so the process gets no chance to shut down cleanly.",
		"SIGSTOP": "Stop (19): pauses the process; it cannot be caught.",
	}
}

func autoStopDocs() map[string]string {
	return map[string]string{
		"off":     "Never stop Machines automatically.",
		"stop":    "Stop idle Machines; they boot again from the image when started.",
		"suspend": "Suspend idle Machines (memory saved to disk) so they resume faster than they boot; falls back to stop where suspend is not possible.",
	}
}
