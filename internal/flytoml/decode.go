package flytoml

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// top reads the root table. Sections are read in file order so that lists
// (env, services, mounts) keep the order of the file.
func (d *decoder) top(root *table) {
	d.root = root
	c := d.cfg
	d.checkKeys(root, "", topKeys)
	c.App = d.str(root.get("app"), "app")
	c.PrimaryRegion = d.str(root.get("primary_region"), "primary_region")
	c.KillSignal = d.str(root.get("kill_signal"), "kill_signal")
	c.KillTimeout = d.duration(root.get("kill_timeout"), "kill_timeout", inSeconds)
	c.SwapSizeMB = d.integer(root.get("swap_size_mb"), "swap_size_mb")
	c.ConsoleCommand = d.str(root.get("console_command"), "console_command")

	for _, e := range root.entries {
		switch e.name {
		case "build":
			d.build(e)
		case "deploy":
			d.deploy(e)
		case "env":
			d.env(e)
		case "processes":
			d.processes(e)
		case "http_service":
			d.httpService(e)
		case "services":
			d.services(e)
		case "checks":
			d.checks(e)
		case "experimental":
			d.experimental(e)
		case "mounts", "mount":
			d.mounts(e)
		case "metrics", "metric":
			d.metrics(e)
		case "restart":
			d.restart(e)
		case "vm", "compute", "computes":
			d.vms(e)
		case "statics":
			for i, v := range d.tables(e, "statics", false) {
				p := indexPath("statics", i, e)
				t := v.tbl
				d.checkKeys(t, p, staticKeys)
				c.Statics = append(c.Statics, &Static{
					Section:       sectionOf(nil, v),
					GuestPath:     d.str(t.at(p, "guest_path")),
					URLPrefix:     d.str(t.at(p, "url_prefix")),
					TigrisBucket:  d.str(t.at(p, "tigris_bucket")),
					IndexDocument: d.str(t.at(p, "index_document")),
				})
			}
		case "files":
			for i, v := range d.tables(e, "files", false) {
				p := indexPath("files", i, e)
				d.checkKeys(v.tbl, p, fileKeys)
				c.Files = append(c.Files, &File{
					Section:    sectionOf(nil, v),
					GuestPath:  d.str(v.tbl.get("guest_path"), p+".guest_path"),
					LocalPath:  d.str(v.tbl.get("local_path"), p+".local_path"),
					SecretName: d.str(v.tbl.get("secret_name"), p+".secret_name"),
					RawValue:   d.str(v.tbl.get("raw_value"), p+".raw_value"),
					Processes:  d.strings(v.tbl.get("processes"), p+".processes", false),
				})
			}
		}
	}
	if c.Metrics == nil && d.experimentalMetrics != nil {
		c.Metrics = []*Metrics{d.experimentalMetrics}
	}
}

func (d *decoder) build(e *entry) {
	v := d.table(e, "build")
	if v == nil {
		return
	}
	t := v.tbl
	d.checkKeys(t, "build", buildKeys)
	b := &Build{Section: sectionOf(e, v)}
	b.Builder = d.str(t.at("build", "builder"))
	b.Buildpacks = d.strings(t.get("buildpacks"), "build.buildpacks", false)
	b.Image = d.str(t.at("build", "image"))
	b.Builtin = d.str(t.at("build", "builtin"))
	b.Dockerfile = d.str(t.at("build", "dockerfile"))
	b.Ignorefile = d.str(t.at("build", "ignorefile"))
	b.Compression = d.str(t.at("build", "compression"))
	b.CompressionLevel = d.integer(t.at("build", "compression_level"))
	b.Target = d.str(t.at("build", "build-target"))
	// patchBuild renames build_target to build-target, over any
	// build-target already there.
	if bt := t.get("build_target"); bt != nil {
		b.Target = d.str(bt, "build.build_target")
	}
	if a := t.get("args"); a != nil {
		if av := d.table(a, "build.args"); av != nil {
			// [build.args] decodes straight into a map of strings: no
			// number or boolean is converted, unlike [env].
			for _, ae := range av.tbl.entries {
				b.Args = append(b.Args, &EnvVar{Name: ae.name, Key: ae.key,
					Value: d.str(ae, "build.args."+ae.name)})
			}
		}
	}
	if s := t.get("settings"); s != nil {
		if sv := d.table(s, "build.settings"); sv != nil {
			sec := sectionOf(s, sv)
			b.Settings = &sec
		}
	}
	d.cfg.Build = b
}

func (d *decoder) deploy(e *entry) {
	v := d.table(e, "deploy")
	if v == nil {
		return
	}
	t := v.tbl
	d.checkKeys(t, "deploy", deployKeys)
	d.cfg.Deploy = &Deploy{
		Section:        sectionOf(e, v),
		Strategy:       d.str(t.at("deploy", "strategy")),
		ReleaseCommand: d.str(t.at("deploy", "release_command")),
		MaxUnavailable: d.float(t.at("deploy", "max_unavailable")),
		WaitTimeout:    d.duration(t.get("wait_timeout"), "deploy.wait_timeout", inNanos),
	}
	d.duration(t.get("release_command_timeout"), "deploy.release_command_timeout", inNanos)
	if vm := t.get("release_command_vm"); vm != nil {
		if vv := d.table(vm, "deploy.release_command_vm"); vv != nil {
			d.vm(vm, vv, "deploy.release_command_vm")
		}
	}
}

// env reads [env], or the old [[env]] list whose tables flyctl merges.
// Values that are not strings become their printed text, as flyctl's
// patchEnv does (PORT = 8080 is "8080").
func (d *decoder) env(e *entry) {
	var tables []*value
	switch e.val.kind {
	case KindTable:
		tables = []*value{e.val}
	case KindArray:
		tables = d.tables(e, "env", false)
	default:
		d.typeProblem(e, "env", "a table ([env])", rejected, "")
		return
	}
	index := map[string]int{} // name → position in d.cfg.Env
	for i, v := range tables {
		if i == 0 {
			s := sectionOf(e, v)
			d.cfg.EnvSection = &s
		}
		for _, ve := range v.tbl.entries {
			ev := &EnvVar{Name: ve.name, Key: ve.key, Value: d.text(ve, "env."+ve.name)}
			if j, ok := index[ev.Name]; ok {
				// A later [[env]] table overrides an earlier one's value.
				d.cfg.Env[j] = nil
			}
			index[ev.Name] = len(d.cfg.Env)
			d.cfg.Env = append(d.cfg.Env, ev)
		}
	}
	d.cfg.Env = slices.DeleteFunc(d.cfg.Env, func(ev *EnvVar) bool { return ev == nil })
}

// processes reads [processes], or the Apps v1 [[processes]] list of
// name/command tables. An empty top-level list (processes = []) is what old
// flyctl versions wrote for "no processes"; flyctl drops it.
func (d *decoder) processes(e *entry) {
	switch e.val.kind {
	case KindTable:
		s := sectionOf(e, e.val)
		d.cfg.ProcessesSec = &s
		for _, pe := range e.val.tbl.entries {
			d.cfg.Processes = append(d.cfg.Processes, &Process{Name: pe.name, Key: pe.key,
				Command: d.str(pe, "processes."+pe.name)})
		}
	case KindArray:
		for i, el := range e.val.elems {
			// patchProcesses skips elements that are not tables.
			if el.kind != KindTable {
				continue
			}
			path := indexPath("processes", i, e)
			d.checkKeys(el.tbl, path, processV1Keys)
			name := el.tbl.get("name")
			if name == nil {
				continue
			}
			if d.cfg.ProcessesSec == nil {
				s := sectionOf(nil, el)
				d.cfg.ProcessesSec = &s
			}
			n, _ := scalarText(name.val)
			p := &Process{Name: n, Key: name.val.rng}
			if cmd := el.tbl.get("command"); cmd != nil {
				p.Command = d.text(cmd, path+".command")
			}
			d.cfg.Processes = append(d.cfg.Processes, p)
		}
	default:
		d.typeProblem(e, "processes", "a table ([processes])", rejected, "")
	}
}

func (d *decoder) concurrency(e *entry, path string, oldString bool) *Concurrency {
	if e == nil {
		return nil
	}
	if e.val.kind == KindString && oldString {
		// patchServices reads the old "soft,hard" form.
		soft, hard, ok := strings.Cut(e.val.text, ",")
		sn, err1 := strconv.Atoi(soft)
		hn, err2 := strconv.Atoi(hard)
		if !ok || err1 != nil || err2 != nil {
			d.typeProblem(e, path, `a table such as { type = "requests", soft_limit = 20, hard_limit = 25 }`, rejected, "")
			return nil
		}
		c := &Concurrency{Section: Section{Header: e.key}}
		c.Type = Field[string]{V: "requests", Set: true, OK: true, Kind: KindString, Key: e.key, Value: e.val.rng}
		c.SoftLimit = Field[int]{V: sn, Set: true, OK: true, Kind: KindString, Key: e.key, Value: e.val.rng}
		c.HardLimit = Field[int]{V: hn, Set: true, OK: true, Kind: KindString, Key: e.key, Value: e.val.rng}
		return c
	}
	if e.val.kind != KindTable {
		d.typeProblem(e, path, `a table such as { type = "requests", soft_limit = 20, hard_limit = 25 }`, rejected, "")
		return nil
	}
	t := e.val.tbl
	d.checkKeys(t, path, concurrencyKeys)
	return &Concurrency{
		Section:   sectionOf(e, e.val),
		Type:      d.str(t.at(path, "type")),
		HardLimit: d.integer(t.at(path, "hard_limit")),
		SoftLimit: d.integer(t.at(path, "soft_limit")),
	}
}

// tlsOptions reads tls_options.
func (d *decoder) tlsOptions(e *entry, path string) *TLSOptions {
	v := d.table(e, path)
	if v == nil {
		return nil
	}
	d.checkKeys(v.tbl, path, tlsOptionsKeys)
	return &TLSOptions{
		Section: sectionOf(e, v),
		ALPN:    d.strings(v.tbl.get("alpn"), path+".alpn", false),
	}
}

// httpOptions reads http_options.
func (d *decoder) httpOptions(e *entry, path string) *HTTPOptions {
	v := d.table(e, path)
	if v == nil {
		return nil
	}
	d.checkKeys(v.tbl, path, httpOptionsKeys)
	return &HTTPOptions{
		Section:   sectionOf(e, v),
		H2Backend: d.boolean(v.tbl.get("h2_backend"), path+".h2_backend"),
	}
}

// options reads proxy_proto_options.
func (d *decoder) options(e *entry, path string, known schema) *Section {
	v := d.table(e, path)
	if v == nil {
		return nil
	}
	d.checkKeys(v.tbl, path, known)
	s := sectionOf(e, v)
	return &s
}

func (d *decoder) httpService(e *entry) {
	v := d.table(e, "http_service")
	if v == nil {
		return
	}
	t := v.tbl
	const p = "http_service"
	d.checkKeys(t, p, httpServiceKeys)
	hs := &HTTPService{
		Section: sectionOf(e, v),
		// No patch touches [http_service]: a string port is an error here,
		// unlike in [[services]].
		InternalPort:       d.integer(t.at(p, "internal_port")),
		ForceHTTPS:         d.boolean(t.at(p, "force_https")),
		AutoStopMachines:   d.autostop(t.at(p, "auto_stop_machines")),
		AutoStartMachines:  d.boolean(t.at(p, "auto_start_machines")),
		MinMachinesRunning: d.integer(t.at(p, "min_machines_running")),
		Processes:          d.strings(t.get("processes"), p+".processes", false),
		Concurrency:        d.concurrency(t.get("concurrency"), p+".concurrency", false),
	}
	if o := t.get("tls_options"); o != nil {
		hs.TLSOptions = d.tlsOptions(o, p+".tls_options")
	}
	if o := t.get("http_options"); o != nil {
		hs.HTTPOptions = d.httpOptions(o, p+".http_options")
	}
	if ce := t.get("checks"); ce != nil {
		for i, cv := range d.tables(ce, p+".checks", false) {
			// Not patched either, so a bare number is nanoseconds.
			hs.Checks = append(hs.Checks, d.serviceCheck(cv, indexPath(p+".checks", i, ce), "http", inNanos))
		}
	}
	d.cfg.HTTPService = hs
}

// services reads [[services]], or one [services] table (patchServices
// makes a list of it). flyctl drops services with no keys at all.
func (d *decoder) services(e *entry) {
	for i, v := range d.tables(e, "services", true) {
		if len(v.tbl.entries) == 0 {
			continue
		}
		d.cfg.Services = append(d.cfg.Services, d.service(v, indexPath("services", i, e)))
	}
}

func (d *decoder) service(v *value, p string) *Service {
	t := v.tbl
	d.checkKeys(t, p, serviceKeys)
	s := &Service{
		Section:            sectionOf(nil, v),
		Protocol:           d.str(t.at(p, "protocol")),
		InternalPort:       d.port(t.at(p, "internal_port")),
		Processes:          d.strings(t.get("processes"), p+".processes", false),
		AutoStopMachines:   d.autostop(t.at(p, "auto_stop_machines")),
		AutoStartMachines:  d.boolean(t.at(p, "auto_start_machines")),
		MinMachinesRunning: d.integer(t.at(p, "min_machines_running")),
		Concurrency:        d.concurrency(t.get("concurrency"), p+".concurrency", true),
	}
	if pe := t.get("ports"); pe != nil {
		for i, pv := range d.tables(pe, p+".ports", true) {
			s.Ports = append(s.Ports, d.servicePort(pv, indexPath(p+".ports", i, pe)))
		}
	}
	if ce := t.get("tcp_checks"); ce != nil {
		for i, cv := range d.tables(ce, p+".tcp_checks", true) {
			s.TCPChecks = append(s.TCPChecks, d.serviceCheck(cv, indexPath(p+".tcp_checks", i, ce), "tcp", inMillis))
		}
	}
	if ce := t.get("http_checks"); ce != nil {
		for i, cv := range d.tables(ce, p+".http_checks", true) {
			s.HTTPChecks = append(s.HTTPChecks, d.serviceCheck(cv, indexPath(p+".http_checks", i, ce), "http", inMillis))
		}
	}
	return s
}

func (d *decoder) servicePort(v *value, p string) *ServicePort {
	t := v.tbl
	d.checkKeys(t, p, portKeys)
	sp := &ServicePort{
		Section:    sectionOf(nil, v),
		Port:       d.port(t.at(p, "port")),
		StartPort:  d.integer(t.at(p, "start_port")),
		EndPort:    d.integer(t.at(p, "end_port")),
		Handlers:   d.strings(t.get("handlers"), p+".handlers", false),
		ForceHTTPS: d.boolean(t.at(p, "force_https")),
	}
	if o := t.get("tls_options"); o != nil {
		sp.TLSOptions = d.tlsOptions(o, p+".tls_options")
	}
	if o := t.get("http_options"); o != nil {
		sp.HTTPOptions = d.httpOptions(o, p+".http_options")
	}
	if o := t.get("proxy_proto_options"); o != nil {
		sp.ProxyProtoOptions = d.options(o, p+".proxy_proto_options", schema{"version": str})
	}
	return sp
}

func (d *decoder) serviceCheck(v *value, p, kind string, u durationUnit) *ServiceCheck {
	t := v.tbl
	known := httpCheckKeys
	if kind == "tcp" {
		known = tcpCheckKeys
	}
	d.checkKeys(t, p, known)
	c := &ServiceCheck{
		Section:     sectionOf(nil, v),
		Kind:        kind,
		Interval:    d.duration(t.get("interval"), p+".interval", u),
		Timeout:     d.duration(t.get("timeout"), p+".timeout", u),
		GracePeriod: d.duration(t.get("grace_period"), p+".grace_period", u),
	}
	if kind == "http" {
		c.Method = d.str(t.at(p, "method"))
		c.Path = d.str(t.at(p, "path"))
		c.Protocol = d.str(t.at(p, "protocol"))
		c.Headers = checkHeaders(t.get("headers"))
	}
	return c
}

// checks reads [checks.<name>] tables, or the list form [[checks]] with a
// name key that patchTopLevelChecks accepts.
func (d *decoder) checks(e *entry) {
	switch e.val.kind {
	case KindTable:
		for _, ce := range e.val.tbl.entries {
			p := "checks." + ce.name
			if cv := d.table(ce, p); cv != nil {
				d.cfg.Checks = append(d.cfg.Checks, d.check(ce.name, sectionOf(ce, cv), cv.tbl, p, checkKeys))
			}
		}
	case KindArray:
		withName := schema{"name": m(tString)}
		for k, s := range checkKeys {
			withName[k] = s
		}
		for i, cv := range d.tables(e, "checks", false) {
			p := indexPath("checks", i, e)
			name := cv.tbl.get("name")
			if name == nil || name.val.kind != KindString {
				d.report(Problem{Kind: ProblemType, Path: p, Range: cv.rng,
					Message: fmt.Sprintf("%s has no name string; in the [[checks]] list form every check needs name = \"...\", and %s. Prefer [checks.<name>] tables.", p, rejected)})
				continue
			}
			d.cfg.Checks = append(d.cfg.Checks, d.check(name.val.text, sectionOf(nil, cv), cv.tbl, p, withName))
		}
	default:
		d.typeProblem(e, "checks", "a table of named checks ([checks.<name>])", rejected, "")
	}
}

func (d *decoder) check(name string, sec Section, t *table, p string, known schema) *Check {
	d.checkKeys(t, p, known)
	return &Check{
		Section:     sec,
		Name:        name,
		Type:        d.str(t.at(p, "type")),
		Port:        d.integer(t.at(p, "port")),
		Interval:    d.duration(t.get("interval"), p+".interval", inMillis),
		Timeout:     d.duration(t.get("timeout"), p+".timeout", inMillis),
		GracePeriod: d.duration(t.get("grace_period"), p+".grace_period", inMillis),
		Method:      d.str(t.at(p, "method")),
		Path:        d.str(t.at(p, "path")),
		Headers:     checkHeaders(t.get("headers")),
		Processes:   d.strings(t.get("processes"), p+".processes", false),
	}
}

// checkHeaders reads a check's headers table. flyctl decodes it as a
// map of strings and sends exactly those headers with the Machines API
// check (superfly/flyctl@c08be17 internal/appconfig/service.go:
// ServiceHTTPCheck.HTTPHeaders `toml:"headers"`, copied by
// toMachineCheck); anything else leaves the headers unknown rather than
// reported here.
func checkHeaders(e *entry) Headers {
	if e == nil {
		return Headers{Known: true}
	}
	if e.val == nil || e.val.kind != KindTable {
		return Headers{}
	}
	h := Headers{Known: true, Values: map[string]string{}}
	for _, he := range e.val.tbl.entries {
		if he.val == nil || he.val.kind != KindString {
			return Headers{}
		}
		h.Values[strings.ToLower(he.name)] = he.val.text
	}
	return h
}

func (d *decoder) experimental(e *entry) {
	v := d.table(e, "experimental")
	if v == nil {
		return
	}
	t := v.tbl
	const p = "experimental"
	d.checkKeys(t, p, experimentalKeys)
	d.cfg.Experimental = &Experimental{
		Section:    sectionOf(e, v),
		Cmd:        d.strings(t.get("cmd"), p+".cmd", true),
		Entrypoint: d.strings(t.get("entrypoint"), p+".entrypoint", true),
		Exec:       d.strings(t.get("exec"), p+".exec", true),
	}
	// patchExperimental moves kill_timeout up unless the top level has one,
	// and metrics_port/metrics_path to [metrics] unless that exists.
	if kt := t.get("kill_timeout"); kt != nil {
		f := d.duration(kt, p+".kill_timeout", inSeconds)
		if !d.cfg.KillTimeout.Set {
			d.cfg.KillTimeout = f
		}
	}
	port, path := t.get("metrics_port"), t.get("metrics_path")
	if port != nil || path != nil {
		m := &Metrics{Section: sectionOf(e, v),
			Port: d.integer(port, p+".metrics_port"),
			Path: d.str(path, p+".metrics_path")}
		d.experimentalMetrics = m
	}
}

func (d *decoder) mounts(e *entry) {
	for i, v := range d.tables(e, e.name, true) {
		p := indexPath(e.name, i, e)
		t := v.tbl
		d.checkKeys(t, p, mountKeys)
		d.cfg.Mounts = append(d.cfg.Mounts, &Mount{
			Section:     sectionOf(e, v),
			Source:      d.str(t.at(p, "source")),
			Destination: d.str(t.at(p, "destination")),
			// patchMounts prints a number as text (initial_size = 10).
			InitialSize:             d.text(t.at(p, "initial_size")),
			SnapshotRetention:       d.integer(t.at(p, "snapshot_retention")),
			AutoExtendSizeThreshold: d.integer(t.at(p, "auto_extend_size_threshold")),
			AutoExtendSizeIncrement: d.str(t.at(p, "auto_extend_size_increment")),
			AutoExtendSizeLimit:     d.str(t.at(p, "auto_extend_size_limit")),
			Processes:               d.strings(t.get("processes"), p+".processes", false),
		})
	}
}

func (d *decoder) metrics(e *entry) {
	for i, v := range d.tables(e, e.name, true) {
		p := indexPath(e.name, i, e)
		t := v.tbl
		d.checkKeys(t, p, metricsKeys)
		d.cfg.Metrics = append(d.cfg.Metrics, &Metrics{
			Section:   sectionOf(e, v),
			Port:      d.integer(t.at(p, "port")),
			Path:      d.str(t.at(p, "path")),
			Processes: d.strings(t.get("processes"), p+".processes", false),
		})
	}
}

func (d *decoder) restart(e *entry) {
	for i, v := range d.tables(e, "restart", false) {
		p := indexPath("restart", i, e)
		t := v.tbl
		d.checkKeys(t, p, restartKeys)
		d.cfg.Restart = append(d.cfg.Restart, &Restart{
			Section:    sectionOf(nil, v),
			Policy:     d.str(t.at(p, "policy")),
			MaxRetries: d.integer(t.at(p, "retries")),
			Processes:  d.strings(t.get("processes"), p+".processes", false),
		})
	}
}

func (d *decoder) vms(e *entry) {
	for i, v := range d.tables(e, e.name, true) {
		d.cfg.VMs = append(d.cfg.VMs, d.vm(e, v, indexPath(e.name, i, e)))
	}
}

func (d *decoder) vm(e *entry, v *value, p string) *VM {
	t := v.tbl
	d.checkKeys(t, p, vmKeys)
	return &VM{
		Section: sectionOf(e, v),
		Table:   e.name,
		Size:    d.str(t.at(p, "size")),
		// patchCompute prints a number as text (memory = 512).
		Memory:    d.text(t.at(p, "memory")),
		MemoryMB:  d.integer(t.at(p, "memory_mb")),
		CPUs:      d.integer(t.at(p, "cpus")),
		CPUKind:   d.str(t.at(p, "cpu_kind")),
		Processes: d.strings(t.get("processes"), p+".processes", false),
	}
}
