package flytoml

import "github.com/flylint/flylint/internal/editdist"

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
}

type schema map[string]spec

var (
	modeled = spec{t: expModeled}
	anyV    = spec{t: expAny}
	str     = spec{t: expString}
	integer = spec{t: expInt}
	boolean = spec{t: expBool}
	strs    = spec{t: expStrings}
	free    = spec{t: expMap}
)

func tableOf(s schema) spec  { return spec{t: expTable, sub: s} }
func tablesOf(s schema) spec { return spec{t: expTables, sub: s} }

var topKeys = schema{
	"app": modeled, "primary_region": modeled, "kill_signal": modeled, "kill_timeout": modeled,
	"swap_size_mb": modeled, "console_command": modeled, "host_dedication_id": str,
	"machine_config": str, "container": str,
	"experimental": modeled, "build": modeled, "deploy": modeled, "env": modeled,
	"processes": modeled, "mounts": modeled, "http_service": modeled, "services": modeled,
	"checks": modeled, "files": modeled, "statics": modeled, "metrics": modeled,
	"restart": modeled, "vm": modeled, "machine_checks": tablesOf(machineCheckKeys),
	// Old spellings patches.go merges into mounts, metrics and vm.
	"mount": modeled, "metric": modeled, "compute": modeled, "computes": modeled,
}

var buildKeys = schema{
	"builder": modeled, "args": modeled, "buildpacks": modeled, "image": modeled,
	"settings": modeled, "builtin": modeled, "dockerfile": modeled, "ignorefile": modeled,
	"build-target": modeled, "build_target": modeled,
	"compose": tableOf(schema{"file": str}), "compression": modeled, "compression_level": modeled,
}

var deployKeys = schema{
	"strategy": modeled, "max_unavailable": modeled, "wait_timeout": modeled,
	"release_command": modeled, "release_command_timeout": modeled,
	"release_command_vm": modeled, "seed_command": str,
}

var experimentalKeys = schema{
	"cmd": modeled, "entrypoint": modeled, "exec": modeled,
	"auto_rollback": boolean, "enable_consul": boolean, "enable_etcd": boolean,
	"lazy_load_images": boolean, "machine_config": str,
	"attached": tableOf(schema{"secrets": tableOf(schema{"export": free})}),
	// patchExperimental moves these to kill_timeout and [metrics].
	"kill_timeout": modeled, "metrics_port": modeled, "metrics_path": modeled,
	// Apps v1 keys that flyctl still meets in old files and ignores.
	"private_network": anyV, "allowed_public_ports": anyV,
}

var tlsOptionsKeys = schema{"alpn": modeled, "versions": strs, "default_self_signed": boolean}

var httpOptionsKeys = schema{
	"compress":   boolean,
	"response":   tableOf(schema{"headers": free, "pristine": boolean}),
	"h2_backend": modeled, "idle_timeout": integer, "headers_read_timeout": integer,
	"replay_cache": tablesOf(schema{
		"path_prefix": str, "ttl_seconds": integer, "type": str, "name": str, "allow_bypass": boolean,
	}),
}

var concurrencyKeys = schema{"type": modeled, "hard_limit": modeled, "soft_limit": modeled}

var machineCheckKeys = schema{
	"command": strs, "image": str, "entrypoint": strs, "kill_signal": str, "kill_timeout": anyV,
}

var httpServiceKeys = schema{
	"internal_port": modeled, "force_https": modeled, "auto_stop_machines": modeled,
	"auto_start_machines": modeled, "min_machines_running": modeled, "processes": modeled,
	"concurrency": modeled, "tls_options": modeled, "http_options": modeled, "checks": modeled,
	"machine_checks": tablesOf(machineCheckKeys),
}

var serviceKeys = schema{
	"protocol": modeled, "internal_port": modeled, "auto_stop_machines": modeled,
	"auto_start_machines": modeled, "min_machines_running": modeled, "ports": modeled,
	"concurrency": modeled, "tcp_checks": modeled, "http_checks": modeled,
	"machine_checks": tablesOf(machineCheckKeys), "processes": modeled,
	// Apps v1 templates wrote script_checks = []; flyctl ignores it.
	"script_checks": anyV,
}

var portKeys = schema{
	"port": modeled, "start_port": modeled, "end_port": modeled, "handlers": modeled,
	"force_https": modeled, "tls_options": modeled, "http_options": modeled,
	"proxy_proto_options": modeled,
}

var tcpCheckKeys = schema{
	"interval": modeled, "timeout": modeled, "grace_period": modeled,
	// Apps v1 restarted a Machine after this many failures; ignored now.
	"restart_limit": anyV,
}

var httpCheckKeys = schema{
	"interval": modeled, "timeout": modeled, "grace_period": modeled,
	"method": modeled, "path": modeled, "protocol": modeled,
	"tls_skip_verify": boolean, "tls_server_name": str,
	// A table, or the old [[...headers]] list of name/value tables.
	"headers":       anyV,
	"restart_limit": anyV,
}

var checkKeys = schema{
	"port": modeled, "type": modeled, "interval": modeled, "timeout": modeled,
	"grace_period": modeled, "method": modeled, "path": modeled, "protocol": modeled,
	"tls_skip_verify": boolean, "tls_server_name": str, "headers": anyV, "processes": modeled,
}

var mountKeys = schema{
	"source": modeled, "destination": modeled, "initial_size": modeled,
	"snapshot_retention": modeled, "scheduled_snapshots": boolean,
	"auto_extend_size_threshold": modeled, "auto_extend_size_increment": modeled,
	"auto_extend_size_limit": modeled, "processes": modeled,
}

var metricsKeys = schema{"port": modeled, "path": modeled, "https": boolean, "processes": modeled}

var restartKeys = schema{"policy": modeled, "retries": modeled, "processes": modeled}

var vmKeys = schema{
	"size": modeled, "memory": modeled, "cpus": modeled, "cpu_kind": modeled,
	"processes": modeled, "memory_mb": modeled, "max_memory_mb": integer, "gpus": integer,
	"gpu_kind": str, "host_dedication_id": str, "persist_rootfs": str, "kernel_args": strs,
}

var staticKeys = schema{"guest_path": str, "url_prefix": str, "tigris_bucket": str, "index_document": str}

var fileKeys = schema{
	"guest_path": modeled, "local_path": modeled, "secret_name": modeled, "raw_value": modeled, "processes": modeled,
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
