package flytoml

import (
	"reflect"
	"testing"
	"time"
)

// TestNormalisation checks that old and sloppy spellings read as flyctl
// reads them, with no problem unless flyctl coerces.
func TestNormalisation(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		get       func(*Config) any
		want      any
		problems  int
	}{
		{"build_target", "[build]\nbuild_target = 'prod'\n", func(c *Config) any { return c.Build.Target.V }, "prod", 0},
		{"build-target", "[build]\nbuild-target = 'prod'\n", func(c *Config) any { return c.Build.Target.V }, "prod", 0},
		{"build_target wins over build-target", "[build]\nbuild_target = 'a'\nbuild-target = 'b'\n",
			func(c *Config) any { return c.Build.Target.V }, "a", 0},
		{"[[env]] merged", "[[env]]\nFOO = 'bar'\nTWO = 2\n[[env]]\nTRUE = true\nFOO = 'baz'\n",
			func(c *Config) any {
				var out []string
				for _, e := range c.Env {
					out = append(out, e.Name+"="+e.Value.V)
				}
				return out
			}, []string{"TWO=2", "TRUE=true", "FOO=baz"}, 0},
		{"env numbers as flyctl prints them", "[env]\nA = 0x10\nB = 1_000\nC = 1e21\nD = 2.50\nE = false\n",
			func(c *Config) any {
				var out []string
				for _, e := range c.Env {
					out = append(out, e.Value.V)
				}
				return out
			}, []string{"16", "1000", "1e+21", "2.5", "false"}, 0},
		{"[services] as one table", "[services]\ninternal_port = 8080\nprotocol = 'tcp'\n",
			func(c *Config) any { return len(c.Services) }, 1, 0},
		{"[[services]] without keys is dropped", "[[services]]\n[[services]]\ninternal_port = 1\n",
			func(c *Config) any { return len(c.Services) }, 1, 0},
		{"string internal_port coerced", "[[services]]\ninternal_port = \"8080\"\n",
			func(c *Config) any { return c.Services[0].InternalPort }, Field[int]{V: 8080, Set: true, OK: true, Kind: KindString,
				Key: rangeAt(t, "[[services]]\ninternal_port = \"8080\"\n", 13, 26), Value: rangeAt(t, "[[services]]\ninternal_port = \"8080\"\n", 29, 35)}, 1},
		{"string port coerced", "[[services]]\n[[services.ports]]\nport = '443'\n",
			func(c *Config) any { return c.Services[0].Ports[0].Port.V }, 443, 1},
		{"float port truncated", "[[services]]\n[[services.ports]]\nport = 80.0\n",
			func(c *Config) any { return c.Services[0].Ports[0].Port.V }, 80, 0},
		{"bare check durations are milliseconds", "[[services]]\n[[services.tcp_checks]]\ninterval = 10000\ntimeout = 2000\ngrace_period = 1.5e3\n",
			func(c *Config) any {
				ch := c.Services[0].TCPChecks[0]
				return []time.Duration{ch.Interval.V, ch.Timeout.V, ch.GracePeriod.V}
			}, []time.Duration{10 * time.Second, 2 * time.Second, 1500 * time.Millisecond}, 0},
		{"duration strings", "[checks.a]\ninterval = '1m30s'\ntimeout = '10s'\ngrace_period = ''\n",
			func(c *Config) any {
				ch := c.Checks[0]
				return []any{ch.Interval.V, ch.Timeout.V, ch.GracePeriod.V, ch.GracePeriod.OK}
			}, []any{90 * time.Second, 10 * time.Second, time.Duration(0), true}, 0},
		{"top-level checks are milliseconds too", "[checks.a]\ninterval = 15000\n",
			func(c *Config) any { return c.Checks[0].Interval.V }, 15 * time.Second, 0},
		{"[[checks]] list with names", "[[checks]]\nname = 'a'\nport = 1\n",
			func(c *Config) any { return c.Checks[0].Name + " " + span(c.Checks[0].Header) }, "a 1:1-1:11", 0},
		{"kill_timeout int is seconds", "kill_timeout = 30\n", func(c *Config) any { return c.KillTimeout.V }, 30 * time.Second, 0},
		{"kill_timeout string", "kill_timeout = '2m'\n", func(c *Config) any { return c.KillTimeout.V }, 2 * time.Minute, 0},
		{"[experimental] kill_timeout moves up", "[experimental]\nkill_timeout = 3\n",
			func(c *Config) any { return c.KillTimeout.V }, 3 * time.Second, 0},
		{"top-level kill_timeout wins", "kill_timeout = 9\n[experimental]\nkill_timeout = 3\n",
			func(c *Config) any { return c.KillTimeout.V }, 9 * time.Second, 0},
		{"[experimental] metrics_port becomes [metrics]", "[experimental]\nmetrics_port = 9000\nmetrics_path = '/m'\n",
			func(c *Config) any { return []any{c.Metrics[0].Port.V, c.Metrics[0].Path.V} }, []any{9000, "/m"}, 0},
		{"[metrics] wins over metrics_port", "[experimental]\nmetrics_port = 9000\n[metrics]\nport = 1\n",
			func(c *Config) any { return []any{len(c.Metrics), c.Metrics[0].Port.V} }, []any{1, 1}, 0},
		{"auto_stop true", "[http_service]\nauto_stop_machines = true\n", func(c *Config) any { return c.HTTPService.AutoStopMachines.V }, "stop", 0},
		{"auto_stop false", "[http_service]\nauto_stop_machines = false\n", func(c *Config) any { return c.HTTPService.AutoStopMachines.V }, "off", 0},
		{"auto_stop suspend", "[[services]]\nauto_stop_machines = 'suspend'\n", func(c *Config) any { return c.Services[0].AutoStopMachines.V }, "suspend", 0},
		{"processes = [] ignored", "processes = []\napp = 'a'\n",
			func(c *Config) any { return []any{len(c.Processes), c.GroupNames(), c.DefaultGroup()} }, []any{0, []string{"app"}, "app"}, 0},
		{"v1 [[processes]]", "[[processes]]\nname = 'web'\ncommand = './web'\n[[processes]]\nname = 'worker'\n",
			func(c *Config) any {
				return []any{c.GroupNames(), c.Processes[0].Command.V, span(c.Processes[0].Key), c.Processes[1].Command.Set}
			}, []any{[]string{"web", "worker"}, "./web", "2:8-2:13", false}, 0},
		{"empty [[processes]] dropped", "[[processes]]\n", func(c *Config) any { return len(c.Processes) }, 0, 0},
		{"experimental cmd string", "[experimental]\ncmd = 'bin/a --x'\n",
			func(c *Config) any { return c.Experimental.Cmd.V }, []string{"bin/a --x"}, 0},
		{"experimental entrypoint list", "[experimental]\nentrypoint = ['sh', '-c']\n",
			func(c *Config) any { return c.Experimental.Entrypoint.V }, []string{"sh", "-c"}, 0},
		{"experimental v1 keys", "[experimental]\nprivate_network = true\nallowed_public_ports = []\nauto_rollback = true\nenable_consul = true\n",
			func(c *Config) any { return c.Experimental != nil }, true, 0},
		{"service processes list", "[[services]]\nprocesses = ['web', 'worker']\n",
			func(c *Config) any { return c.GroupsFor(c.Services[0].Processes) }, []string{"web", "worker"}, 0},
		{"default group with processes", "[processes]\nworker = 'w'\nweb = 'x'\n[[services]]\ninternal_port = 1\n",
			func(c *Config) any { return c.GroupsFor(c.Services[0].Processes) }, []string{"web"}, 0},
		{"old concurrency string", "[[services]]\nconcurrency = '12,23'\n",
			func(c *Config) any {
				cc := c.Services[0].Concurrency
				return []any{cc.Type.V, cc.SoftLimit.V, cc.HardLimit.V}
			}, []any{"requests", 12, 23}, 0},
		{"vm memory number", "[[vm]]\nmemory = 1024\n", func(c *Config) any { return c.VMs[0].Memory.V }, "1024", 0},
		{"[vm] single table", "[vm]\nmemory = '1gb'\n", func(c *Config) any { return c.VMs[0].Memory.V }, "1gb", 0},
		{"[[compute]] old name", "[[compute]]\nsize = 'a'\n", func(c *Config) any { return c.VMs[0].Size.V }, "a", 0},
		{"[mount] singular", "[mount]\nsource = 'data'\ninitial_size = 200\n",
			func(c *Config) any { return []string{c.Mounts[0].Source.V, c.Mounts[0].InitialSize.V} }, []string{"data", "200"}, 0},
		{"tcp check restart_limit", "[[services]]\n[[services.tcp_checks]]\nrestart_limit = 0\n",
			func(c *Config) any { return len(c.Services[0].TCPChecks) }, 1, 0},
		{"script_checks", "[[services]]\nscript_checks = []\n", func(c *Config) any { return len(c.Services) }, 1, 0},
		{"old headers list", "[[services]]\n[[services.http_checks]]\n[[services.http_checks.headers]]\nname = 'a'\nvalue = 'b'\n",
			func(c *Config) any { return len(c.Services[0].HTTPChecks) }, 1, 0},
		{"max_unavailable int", "[deploy]\nmax_unavailable = 1\n", func(c *Config) any { return c.Deploy.MaxUnavailable.V }, 1.0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, tc.src)
			if got := tc.get(c); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
			if len(c.Problems) != tc.problems {
				t.Errorf("got %d problems, want %d: %+v", len(c.Problems), tc.problems, c.Problems)
			}
		})
	}
}
