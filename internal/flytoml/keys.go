package flytoml

import (
	"slices"

	"github.com/flylint-dev/flylint/internal/editdist"
)

// The keys flyctl knows, per section. Names come from the toml tags of
// flyctl's appconfig.Config and the fly-go types it embeds, plus the old
// spellings its patch functions (internal/appconfig/patches.go) rewrite
// or drop before decoding.

// expect is the type flyctl decodes a key into.
type expect uint8

const (
	// expModeled: the section's reader reads and checks the key itself.
	expModeled expect = iota
	expAny            // anything (maps of free-form values, legacy keys)
	expString
	expInt
	expFloat // int or float
	expBool
	expStrings
	expTable  // a table, checked against sub
	expTables // an array of tables (or one table), each checked against sub
	expMap    // a table of free-form keys
)

type spec struct {
	t   expect
	sub schema
	// For Schema: the value's form and type as the reader (or checkKeys)
	// accepts it, its enumerated values, and whether it is an old spelling
	// flyctl still reads but nobody should write any more.
	form   Form
	typ    string
	values []string
	legacy bool
}

type schema map[string]spec

// Type names, as Schema reports them.
const (
	tString   = "string"
	tInt      = "integer"
	tNumber   = "number"
	tBool     = "boolean"
	tStrings  = "list of strings"
	tDuration = "duration"
	tAny      = "any value"
)

var (
	anyV    = spec{t: expAny, typ: tAny}
	str     = spec{t: expString, typ: tString}
	integer = spec{t: expInt, typ: tInt}
	boolean = spec{t: expBool, typ: tBool}
	strs    = spec{t: expStrings, typ: tStrings}
	free    = spec{t: expMap, form: FormMap}
)

func tableOf(s schema) spec  { return spec{t: expTable, sub: s, form: FormTable} }
func tablesOf(s schema) spec { return spec{t: expTables, sub: s, form: FormTables} }

// The constructors below describe keys a section's reader reads itself
// (expModeled): checkKeys leaves them alone, Schema reports them.

// m is a value the reader reads as typ.
func m(typ string) spec { return spec{t: expModeled, typ: typ} }

// oneOf is a value the reader reads as typ, documented to be one of values.
func oneOf(typ string, values []string) spec {
	return spec{t: expModeled, typ: typ, values: values}
}

func mTable(s schema) spec  { return spec{t: expModeled, sub: s, form: FormTable} }
func mTables(s schema) spec { return spec{t: expModeled, sub: s, form: FormTables} }

// mMap is a table of names the app chooses ([env], [processes]).
func mMap() spec { return spec{t: expModeled, form: FormMap} }

// mNamed is a table of named tables, each checked against s ([checks.<name>]).
func mNamed(s schema) spec { return spec{t: expModeled, sub: s, form: FormNamed} }

func old(s spec) spec { s.legacy = true; return s }

// Enumerated values. Rules check values against these lists, and the
// language server completes them, so there is one list of each.
var (
	// Handlers are the connection handlers Fly's docs list
	// (https://fly.io/docs/networking/services/#connection-handlers).
	Handlers = []string{"http", "tls", "pg_tls", "proxy_proto"}
	// UndocumentedHandlers exist in Fly's API but not in its docs.
	UndocumentedHandlers = []string{"edge_http"}
	// Protocols are what a [[services]] protocol may be.
	Protocols = []string{"tcp", "udp"}
	// AutoStopValues are auto_stop_machines's strings (fly-go's
	// MachineAutostop); true means "stop" and false "off".
	AutoStopValues = []string{"off", "stop", "suspend"}
	// CheckTypes are the types of a top-level [checks.<name>]
	// (flyctl's toplevelcheck.go: "must be 'http' or 'tcp'").
	CheckTypes = []string{"http", "tcp"}
	// DeployStrategies are the [deploy] strategies flyctl accepts
	// (validation.go, validateDeploySection).
	DeployStrategies = []string{"canary", "rolling", "immediate", "bluegreen"}
	// RestartPolicies are the [[restart]] policies flyctl accepts in
	// fly.toml (machines.go, parseRestartPolicy).
	RestartPolicies = []string{"always", "never", "on-failure"}
	// KillSignals are the signals Fly sends to stop a Machine, as its
	// documentation lists them (reference/configuration, "Runtime options").
	KillSignals = []string{"SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGSTOP"}
	// ConcurrencyTypes are what Fly Proxy counts against the limits.
	ConcurrencyTypes = []string{"connections", "requests"}
	// CPUKinds are the [[vm]] cpu_kind values (fly-go's MachineGuest).
	CPUKinds = []string{"shared", "performance"}
	// Compressions are [build] compression's values (flyctl's
	// internal/flag/validation/compression.go at ad0172f).
	Compressions = []string{"gzip", "zstd"}
	// PersistRootfs are fly-go's MachinePersistRootfs values
	// (machine_types.go at fly-go HEAD of the mirror).
	PersistRootfs = []string{"never", "restart", "always"}
	// CheckProtocols are the protocols an HTTP check speaks to the app.
	CheckProtocols = []string{"http", "https"}
	// ProxyProtoVersions are proxy_proto_options.version's values.
	ProxyProtoVersions = []string{"v1", "v2"}
)

// VMPreset is one Machine size preset: fly-go's MachinePresets
// (machine_types.go, fly-go at 22d6e51, 2026-08), which flyctl's
// computeToGuest applies through MachineGuest.SetSize.
type VMPreset struct {
	Kind     string // "shared" or "performance"
	CPUs     int
	MemoryMB int
}

// VMPresets are the sizes [[vm]] size accepts.
var VMPresets = map[string]VMPreset{
	"shared-cpu-1x": {"shared", 1, 256}, "shared-cpu-2x": {"shared", 2, 512}, "shared-cpu-4x": {"shared", 4, 1024},
	"shared-cpu-6x": {"shared", 6, 1536}, "shared-cpu-8x": {"shared", 8, 2048},
	"performance-1x": {"performance", 1, 2048}, "performance-2x": {"performance", 2, 4096}, "performance-4x": {"performance", 4, 8192},
	"performance-6x": {"performance", 6, 12288}, "performance-8x": {"performance", 8, 16384}, "performance-10x": {"performance", 10, 20480},
	"performance-12x": {"performance", 12, 24576}, "performance-14x": {"performance", 14, 28672}, "performance-16x": {"performance", 16, 32768},
	"a100-40gb": {"performance", 8, 32768}, "a100-80gb": {"performance", 8, 32768}, "l40s": {"performance", 8, 32768}, "a10": {"performance", 8, 32768},
}

// vmSizes is VMPresets's names in a stable order: shared, then
// performance by size, then GPUs.
var vmSizes = []string{
	"shared-cpu-1x", "shared-cpu-2x", "shared-cpu-4x", "shared-cpu-6x", "shared-cpu-8x",
	"performance-1x", "performance-2x", "performance-4x", "performance-6x", "performance-8x",
	"performance-10x", "performance-12x", "performance-14x", "performance-16x",
	"a100-40gb", "a100-80gb", "l40s", "a10",
}

var topKeys = schema{
	"app": m(tString), "primary_region": m(tString), "kill_signal": oneOf(tString, KillSignals),
	"kill_timeout": m(tDuration), "swap_size_mb": m(tInt), "console_command": m(tString),
	"host_dedication_id": str, "machine_config": str, "container": str,
	"experimental": mTable(experimentalKeys), "build": mTable(buildKeys), "deploy": mTable(deployKeys),
	"env": mMap(), "processes": mMap(), "mounts": mTables(mountKeys),
	"http_service": mTable(httpServiceKeys), "services": mTables(serviceKeys),
	"checks": mNamed(checkKeys), "files": mTables(fileKeys), "statics": mTables(staticKeys),
	"metrics": mTables(metricsKeys), "restart": mTables(restartKeys), "vm": mTables(vmKeys),
	"machine_checks": tablesOf(machineCheckKeys),
	// Old spellings patches.go merges into mounts, metrics and vm.
	"mount": old(mTables(mountKeys)), "metric": old(mTables(metricsKeys)),
	"compute": old(mTables(vmKeys)), "computes": old(mTables(vmKeys)),
}

var buildKeys = schema{
	"builder": m(tString), "args": mMap(), "buildpacks": m(tStrings), "image": m(tString),
	"settings": mMap(), "builtin": m(tString), "dockerfile": m(tString), "ignorefile": m(tString),
	"build-target": m(tString), "build_target": old(m(tString)),
	"compose": tableOf(schema{"file": str}), "compression": oneOf(tString, Compressions),
	"compression_level": m(tInt),
}

var deployKeys = schema{
	"strategy": oneOf(tString, DeployStrategies), "max_unavailable": m(tNumber), "wait_timeout": m(tDuration),
	"release_command": m(tString), "release_command_timeout": m(tDuration),
	"release_command_vm": mTable(vmKeys), "seed_command": str,
}

var experimentalKeys = schema{
	"cmd": m(tStrings), "entrypoint": m(tStrings), "exec": m(tStrings),
	"auto_rollback": boolean, "enable_consul": boolean, "enable_etcd": boolean,
	"machine_config": str,
	// flyctl warns that lazy_load_images is no longer supported
	// (deploy_build.go at ad0172f): still read, not to be offered.
	"lazy_load_images": old(boolean),
	"attached":         tableOf(schema{"secrets": tableOf(schema{"export": free})}),
	// patchExperimental moves these to kill_timeout and [metrics].
	"kill_timeout": old(m(tDuration)), "metrics_port": old(m(tInt)), "metrics_path": old(m(tString)),
	// Apps v1 keys that flyctl still meets in old files and ignores.
	"private_network": old(anyV), "allowed_public_ports": old(anyV),
}

var tlsOptionsKeys = schema{"alpn": m(tStrings), "versions": strs, "default_self_signed": boolean}

var httpOptionsKeys = schema{
	"compress":   boolean,
	"response":   tableOf(schema{"headers": free, "pristine": boolean}),
	"h2_backend": m(tBool), "idle_timeout": integer, "headers_read_timeout": integer,
	"replay_cache": tablesOf(schema{
		"path_prefix": str, "ttl_seconds": integer, "type": str, "name": str, "allow_bypass": boolean,
	}),
}

var concurrencyKeys = schema{"type": oneOf(tString, ConcurrencyTypes), "hard_limit": m(tInt), "soft_limit": m(tInt)}

var machineCheckKeys = schema{
	"command": strs, "image": str, "entrypoint": strs,
	"kill_signal": spec{t: expString, typ: tString, values: KillSignals}, "kill_timeout": anyV,
}

var httpServiceKeys = schema{
	"internal_port": m(tInt), "force_https": m(tBool), "auto_stop_machines": oneOf("string or boolean", AutoStopValues),
	"auto_start_machines": m(tBool), "min_machines_running": m(tInt), "processes": m(tStrings),
	"concurrency": mTable(concurrencyKeys), "tls_options": mTable(tlsOptionsKeys),
	"http_options": mTable(httpOptionsKeys), "checks": mTables(httpCheckKeys),
	"machine_checks": tablesOf(machineCheckKeys),
}

var serviceKeys = schema{
	"protocol": oneOf(tString, Protocols), "internal_port": m(tInt), "auto_stop_machines": oneOf("string or boolean", AutoStopValues),
	"auto_start_machines": m(tBool), "min_machines_running": m(tInt), "ports": mTables(portKeys),
	"concurrency": mTable(concurrencyKeys), "tcp_checks": mTables(tcpCheckKeys), "http_checks": mTables(httpCheckKeys),
	"machine_checks": tablesOf(machineCheckKeys), "processes": m(tStrings),
	// Apps v1 templates wrote script_checks = []; flyctl ignores it.
	"script_checks": old(anyV),
}

var portKeys = schema{
	"port": m(tInt), "start_port": m(tInt), "end_port": m(tInt),
	"handlers":    oneOf(tStrings, append(slices.Clip(Handlers), UndocumentedHandlers...)),
	"force_https": m(tBool), "tls_options": mTable(tlsOptionsKeys), "http_options": mTable(httpOptionsKeys),
	"proxy_proto_options": mTable(proxyProtoKeys),
}

var proxyProtoKeys = schema{"version": spec{t: expString, typ: tString, values: ProxyProtoVersions}}

var tcpCheckKeys = schema{
	"interval": m(tDuration), "timeout": m(tDuration), "grace_period": m(tDuration),
	// Apps v1 restarted a Machine after this many failures; ignored now.
	"restart_limit": old(anyV),
}

var httpCheckKeys = schema{
	"interval": m(tDuration), "timeout": m(tDuration), "grace_period": m(tDuration),
	"method": m(tString), "path": m(tString), "protocol": oneOf(tString, CheckProtocols),
	"tls_skip_verify": boolean, "tls_server_name": str,
	// A table, or the old [[...headers]] list of name/value tables.
	"headers":       spec{t: expAny, typ: tAny, form: FormMap},
	"restart_limit": old(anyV),
}

var checkKeys = schema{
	"port": m(tInt), "type": oneOf(tString, CheckTypes), "interval": m(tDuration), "timeout": m(tDuration),
	"grace_period": m(tDuration), "method": m(tString), "path": m(tString),
	"tls_skip_verify": boolean, "tls_server_name": str, "headers": spec{t: expAny, typ: tAny, form: FormMap},
	"processes": m(tStrings),
	// No rule reads a top-level check's protocol, so checkKeys checks it.
	"protocol": spec{t: expString, typ: tString, values: CheckProtocols},
}

var mountKeys = schema{
	"source": m(tString), "destination": m(tString), "initial_size": m("string or integer"),
	"snapshot_retention": m(tInt), "scheduled_snapshots": boolean,
	"auto_extend_size_threshold": m(tInt), "auto_extend_size_increment": m(tString),
	"auto_extend_size_limit": m(tString), "processes": m(tStrings),
}

var metricsKeys = schema{"port": m(tInt), "path": m(tString), "https": boolean, "processes": m(tStrings)}

var restartKeys = schema{"policy": oneOf(tString, RestartPolicies), "retries": m(tInt), "processes": m(tStrings)}

var vmKeys = schema{
	"size": oneOf(tString, vmSizes), "memory": m("string or integer"), "cpus": m(tInt),
	"cpu_kind": oneOf(tString, CPUKinds), "processes": m(tStrings), "memory_mb": m(tInt),
	"max_memory_mb": integer, "gpus": integer, "gpu_kind": str, "host_dedication_id": str,
	"persist_rootfs": spec{t: expString, typ: tString, values: PersistRootfs}, "kernel_args": strs,
}

var staticKeys = schema{"guest_path": str, "url_prefix": str, "tigris_bucket": str, "index_document": str}

var fileKeys = schema{
	"guest_path": m(tString), "local_path": m(tString), "secret_name": m(tString), "raw_value": m(tString),
	"processes": m(tStrings),
}

var processV1Keys = schema{"name": anyV, "command": anyV}

// suggest returns the known key name was probably meant to be, or "".
func suggest(name string, known schema) string {
	norm := normalizeKey(name)
	best, bestDist := "", 0
	for k := range known {
		if normalizeKey(k) == norm {
			return k
		}
		d := editdist.Distance(name, k)
		limit := 2
		if len(k) < 5 {
			limit = 1
		}
		if d <= limit && (best == "" || d < bestDist || d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	return best
}

// normalizeKey folds the spellings people mix up: case, '-' and '_'.
func normalizeKey(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '-':
			b[i] = '_'
		}
	}
	return string(b)
}
