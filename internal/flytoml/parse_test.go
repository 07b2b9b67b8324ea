package flytoml

import (
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"
)

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse("fly.toml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestFullFile(t *testing.T) {
	data, err := os.ReadFile("testdata/full.toml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("testdata/full.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	hs, svc := c.HTTPService, c.Services[0]
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"app key", span(c.App.Key), "1:1-1:4"},
		{"app value", span(c.App.Value), "1:7-1:19"},
		{"app", c.App.V, "orders-api"},
		{"file", c.App.Key.File, "testdata/full.toml"},
		{"kill_timeout in seconds", c.KillTimeout.V, 5 * time.Second},
		{"build header", span(c.Build.Header), "6:1-6:8"},
		{"build_target", c.Build.Target.V, "runtime"},
		{"build_target key", span(c.Build.Target.Key), "8:3-8:15"},
		{"build arg value", span(c.Build.Args[0].Value.Value), "10:18-10:24"},
		{"deploy wait_timeout", c.Deploy.WaitTimeout.V, 5 * time.Minute},
		{"env section", span(c.EnvSection.Header), "17:1-17:6"},
		{"env PORT key", span(c.Env[0].Key), "18:3-18:7"},
		{"env PORT value", span(c.Env[0].Value.Value), "18:10-18:14"},
		{"env PORT", c.Env[0].Value.V, "8080"},
		{"env PORT kind", c.Env[0].Value.Kind, KindInt},
		{"env DEBUG", c.Env[1].Value.V, "true"},
		{"env RATIO", c.Env[2].Value.V, "1.5"},
		{"processes header", span(c.ProcessesSec.Header), "22:1-22:12"},
		{"process web key", span(c.Processes[0].Key), "23:3-23:6"},
		{"process web command", c.Processes[0].Command.V, "bin/server -port 8080"},
		{"groups", c.GroupNames(), []string{"web", "worker"}},
		{"http_service header", span(hs.Header), "26:1-26:15"},
		{"internal_port key", span(hs.InternalPort.Key), "27:3-27:16"},
		{"internal_port value", span(hs.InternalPort.Value), "27:19-27:23"},
		{"auto_stop", hs.AutoStopMachines.V, "suspend"},
		{"processes elems", span(hs.Processes.Elems[0]), "30:16-30:21"},
		{"inline concurrency starts at its key", span(hs.Concurrency.Header), "31:3-31:14"},
		{"hard_limit value", span(hs.Concurrency.HardLimit.Value), "31:51-31:53"},
		{"concurrency value", span(hs.Concurrency.Type.Value), "31:26-31:36"},
		{"http check header", span(hs.Checks[0].Header), "32:3-32:26"},
		{"http check interval", hs.Checks[0].Interval.V, 15 * time.Second},
		{"http check path", hs.Checks[0].Path.V, "/healthz"},
		{"service header", span(svc.Header), "36:1-36:13"},
		{"service internal_port coerced", svc.InternalPort.V, 5000},
		{"service internal_port kind", svc.InternalPort.Kind, KindString},
		{"port header", span(svc.Ports[0].Header), "40:3-40:21"},
		{"port", svc.Ports[0].Port.V, 5000},
		{"tcp check in ms", svc.TCPChecks[0].Interval.V, 10 * time.Second},
		{"check name", c.Checks[0].Name, "alive"},
		{"check header", span(c.Checks[0].Header), "45:1-45:15"},
		{"check port", c.Checks[0].Port.V, 9090},
		{"experimental cmd", c.Experimental.Cmd.V, []string{"bin/server"}},
		{"experimental cmd kind", c.Experimental.Cmd.Kind, KindString},
		{"vm memory", c.VMs[0].Memory.V, "512"},
		{"vm cpus", c.VMs[0].CPUs.V, 2},
		{"mount", c.Mounts[0].Destination.V, "/data"},
		{"metrics", c.Metrics[0].Port.V, 9091},
		{"restart retries", c.Restart[0].MaxRetries.V, 3},
		{"statics", span(c.Statics[0].Header), "71:1-71:12"},
		{"statics guest_path", c.Statics[0].GuestPath.V, "/app/public"},
		{"statics url_prefix", c.Statics[0].URLPrefix.V, "/static"},
		{"statics url_prefix value", span(c.Statics[0].URLPrefix.Value), "73:16-73:25"},
		{"files", span(c.Files[0].Header), "75:1-75:10"},
		{"problems", len(c.Problems), 1},
		{"problem", c.Problems[0].Code, CodePortAsString},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.name, tc.got, tc.want)
		}
	}
}

// TestSectionPositions checks where each way of writing a table puts its
// key, value and section ranges.
func TestSectionPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		get       func(*Config) any
		want      any
	}{
		{"statics keys", "[[statics]]\n  tigris_bucket = \"assets\"\n  url_prefix = \"/\"\n  index_document = \"index.html\"\n",
			func(c *Config) any {
				s := c.Statics[0]
				return s.TigrisBucket.V + " " + span(s.TigrisBucket.Value) + " " + s.IndexDocument.V + " " + span(s.IndexDocument.Value) + " " + span(s.URLPrefix.Key)
			}, "assets 2:19-2:27 index.html 4:20-4:32 3:3-3:13"},
		{"dotted key value", "http_service.internal_port = 8080\n",
			func(c *Config) any { return span(c.HTTPService.InternalPort.Value) }, "1:30-1:34"},
		{"dotted key is the last segment", "http_service.internal_port = 8080\n",
			func(c *Config) any { return span(c.HTTPService.InternalPort.Key) }, "1:14-1:27"},
		{"dotted table starts at its key", "http_service.internal_port = 8080\n",
			func(c *Config) any { return span(c.HTTPService.Header) }, "1:1-1:13"},
		{"inline table value", "http_service = { internal_port = 8080, force_https = true }\n",
			func(c *Config) any { return span(c.HTTPService.ForceHTTPS.Value) }, "1:54-1:58"},
		{"inline table section", "http_service = { internal_port = 8080 }\n",
			func(c *Config) any { return span(c.HTTPService.Header) }, "1:1-1:13"},
		{"nested header", "[http_service]\ninternal_port = 1\n[http_service.concurrency]\n  hard_limit = 25\n",
			func(c *Config) any {
				return span(c.HTTPService.Concurrency.Header) + " " + span(c.HTTPService.Concurrency.HardLimit.Value)
			}, "3:1-3:27 4:16-4:18"},
		{"spaces inside header brackets", "[ http_service ]\n",
			func(c *Config) any { return span(c.HTTPService.Header) }, "1:1-1:17"},
		{"array table with spaces", "[[ services ]]\ninternal_port = 1\n[[ services.ports ]]\nport = 80\n",
			func(c *Config) any { return span(c.Services[0].Ports[0].Header) }, "3:1-3:21"},
		{"services.ports without [[services]]", "[[services.ports]]\n  port = 443\n",
			func(c *Config) any { return span(c.Services[0].Header) + " " + span(c.Services[0].Ports[0].Port.Value) }, "1:1-1:19 2:10-2:13"},
		{"http_service checks", "[http_service]\ninternal_port = 1\n[[http_service.checks]]\ngrace_period = \"5s\"\n",
			func(c *Config) any { return span(c.HTTPService.Checks[0].GracePeriod.Value) }, "4:16-4:20"},
		{"tcp and http checks", "[[services]]\ninternal_port = 1\n[[services.tcp_checks]]\ntimeout = \"2s\"\n[[services.http_checks]]\npath = \"/\"\n",
			func(c *Config) any {
				s := c.Services[0]
				return span(s.TCPChecks[0].Timeout.Value) + " " + span(s.HTTPChecks[0].Header) + " " + s.HTTPChecks[0].Kind
			}, "4:11-4:15 5:1-5:25 http"},
		{"check headers, names lower-cased", "[http_service]\ninternal_port = 1\n[[http_service.checks]]\n[http_service.checks.headers]\nX-Forwarded-Proto = \"https\"\n",
			func(c *Config) any {
				h := c.HTTPService.Checks[0].Headers
				return fmt.Sprint(h.Known, " ", h.Values["x-forwarded-proto"])
			}, "true https"},
		{"check without headers sends none", "[checks.a]\ntype = \"http\"\nport = 1\n",
			func(c *Config) any { return fmt.Sprint(c.Checks[0].Headers.Known, len(c.Checks[0].Headers.Values)) }, "true 0"},
		{"check headers not strings are unknown", "[checks.a]\ntype = \"http\"\nport = 1\nheaders = { X-Forwarded-Proto = 1 }\n",
			func(c *Config) any { return c.Checks[0].Headers.Known }, false},
		{"service http_checks headers", "[[services]]\ninternal_port = 1\n[[services.http_checks]]\nheaders = { A = \"b\" }\n",
			func(c *Config) any { return c.Services[0].HTTPChecks[0].Headers.Values["a"] }, "b"},
		{"checks table", "[checks]\n[checks.db]\ntype = \"tcp\"\n",
			func(c *Config) any { return span(c.Checks[0].Header) + " " + span(c.Checks[0].Type.Value) }, "2:1-2:12 3:8-3:13"},
		{"build args and settings", "[build]\n[build.args]\nA = \"b\"\n[build.settings]\nx = 1\n",
			func(c *Config) any { return span(c.Build.Args[0].Key) + " " + span(c.Build.Settings.Header) }, "3:1-3:2 4:1-4:17"},
		{"experimental exec array", "[experimental]\nexec = [\"a\",  \"b\"]\n",
			func(c *Config) any { return span(c.Experimental.Exec.Value) + " " + span(c.Experimental.Exec.Elems[1]) }, "2:8-2:19 2:15-2:18"},
		{"multi-line array", "[experimental]\ncmd = [\n  \"a\", # first\n  \"b\",\n]\n",
			func(c *Config) any { return span(c.Experimental.Cmd.Value) + " " + span(c.Experimental.Cmd.Elems[1]) }, "2:7-5:2 4:3-4:6"},
		{"vm", "[[vm]]\nsize = \"shared-cpu-1x\"\n",
			func(c *Config) any { return span(c.VMs[0].Size.Value) }, "2:8-2:23"},
		{"mounts single table", "[mounts]\nsource = \"d\"\ndestination = \"/d\"\n",
			func(c *Config) any { return span(c.Mounts[0].Header) + " " + span(c.Mounts[0].Destination.Value) }, "1:1-1:9 3:15-3:19"},
		{"mounts array", "[[mounts]]\nsource = \"a\"\n[[mounts]]\nsource = \"b\"\n",
			func(c *Config) any { return span(c.Mounts[1].Source.Value) }, "4:10-4:13"},
		{"metrics single table", "[metrics]\nport = 9091\n",
			func(c *Config) any { return span(c.Metrics[0].Port.Value) }, "2:8-2:12"},
		{"restart", "[[restart]]\npolicy = \"never\"\n",
			func(c *Config) any { return span(c.Restart[0].Policy.Value) }, "2:10-2:17"},
		{"deploy", "[deploy]\nstrategy = 'canary'\n",
			func(c *Config) any { return span(c.Deploy.Strategy.Value) }, "2:12-2:20"},
		{"inline array of tables", "services = [ { internal_port = 1 }, { internal_port = 2 } ]\n",
			func(c *Config) any { return span(c.Services[1].Header) + " " + span(c.Services[1].InternalPort.Value) }, "1:37-1:58 1:55-1:56"},
		{"ports inline", "[[services]]\nports = [{ port = 80, handlers = [\"http\"] }]\n",
			func(c *Config) any { return span(c.Services[0].Ports[0].Handlers.Elems[0]) }, "2:35-2:41"},
		{"CRLF", "app = \"a\"\r\n[env]\r\nPORT = \"8080\"\r\n",
			func(c *Config) any { return span(c.Env[0].Value.Value) + " " + span(c.EnvSection.Header) }, "3:8-3:14 2:1-2:6"},
		{"BOM keeps file offsets", "\xef\xbb\xbfapp = \"a\"\n",
			func(c *Config) any { return span(c.App.Key) + " " + c.App.V }, "1:4-1:7 a"},
		{"multi-line string", "[processes]\nweb = \"\"\"\nbin/web\"\"\"\n",
			func(c *Config) any { return span(c.Processes[0].Command.Value) + " " + c.Processes[0].Command.V }, "2:7-3:11 bin/web"},
		{"quoted key", "[env]\n\"MY VAR\" = 'x'\n",
			func(c *Config) any { return span(c.Env[0].Key) + " " + c.Env[0].Name }, "2:1-2:9 MY VAR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, tc.src)
			if got := tc.get(c); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}
