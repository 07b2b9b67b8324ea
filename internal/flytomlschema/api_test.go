package flytomlschema

import (
	"strings"
	"testing"
)

// cursor splits a test buffer at its "|" marker.
func cursor(t *testing.T, in string) ([]byte, int) {
	t.Helper()
	off := strings.Index(in, "|")
	if off < 0 || strings.Count(in, "|") != 1 {
		t.Fatalf("%q: mark the cursor with one |", in)
	}
	return []byte(in[:off] + in[off+1:]), off
}

// span writes a byte range as the text it covers, so an expected range
// reads as what the editor replaces.
func span(src []byte, a, b int) string {
	if a < 0 || b > len(src) || a > b {
		return "<bad range>"
	}
	return "«" + string(src[a:b]) + "»"
}

func TestComplete(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		// want lists each candidate as label=>insert; replaced is the text
		// every candidate replaces.
		want     string
		replaced string
		kind     CandidateKind
	}{
		{"key being typed in [http_service]", "[http_service]\n  inter|\n",
			`auto_start_machines=>"auto_start_machines = " auto_stop_machines=>"auto_stop_machines = " concurrency=>"concurrency." force_https=>"force_https = " http_options=>"http_options." internal_port=>"internal_port = " min_machines_running=>"min_machines_running = " processes=>"processes = " tls_options=>"tls_options."`,
			"«inter»", Key},
		{"keys already set are left out", "[http_service]\n  internal_port = 8080\n  |\n  force_https = true\n",
			`auto_start_machines=>"auto_start_machines = " auto_stop_machines=>"auto_stop_machines = " concurrency=>"concurrency." http_options=>"http_options." min_machines_running=>"min_machines_running = " processes=>"processes = " tls_options=>"tls_options."`,
			"«»", Key},
		{"each [[services]] entry is its own table", "[[services]]\n  protocol = \"tcp\"\n[[services]]\n  proto|\n",
			`auto_start_machines=>"auto_start_machines = " auto_stop_machines=>"auto_stop_machines = " concurrency=>"concurrency." internal_port=>"internal_port = " min_machines_running=>"min_machines_running = " processes=>"processes = " protocol=>"protocol = "`,
			"«proto»", Key},
		{"the = already there is not inserted again", "[[vm]]\n  mem| = 512\n",
			`cpu_kind=>"cpu_kind" cpus=>"cpus" gpu_kind=>"gpu_kind" gpus=>"gpus" host_dedication_id=>"host_dedication_id" kernel_args=>"kernel_args" max_memory_mb=>"max_memory_mb" memory=>"memory" memory_mb=>"memory_mb" persist_rootfs=>"persist_rootfs" processes=>"processes" size=>"size"`,
			"«mem»", Key},
		{"empty buffer: top-level keys, tables as dotted keys, no arrays of tables", "|",
			`app=>"app = " build=>"build." checks=>"checks." console_command=>"console_command = " container=>"container = " deploy=>"deploy." env=>"env." experimental=>"experimental." host_dedication_id=>"host_dedication_id = " http_service=>"http_service." kill_signal=>"kill_signal = " kill_timeout=>"kill_timeout = " machine_config=>"machine_config = " primary_region=>"primary_region = " processes=>"processes." swap_size_mb=>"swap_size_mb = "`,
			"«»", Key},
		{"last line of the buffer", "[[restart]]\n|",
			`policy=>"policy = " processes=>"processes = " retries=>"retries = "`, "«»", Key},
		{"CRLF line ends", "[[restart]]\r\n  policy = \"always\"\r\n  re|\r\n",
			`processes=>"processes = " retries=>"retries = "`, "«re»", Key},
		{"dotted key", "[http_service]\nconcurrency.|\n",
			`hard_limit=>"hard_limit = " soft_limit=>"soft_limit = " type=>"type = "`, "«»", Key},
		{"inline table under a header", "[[services]]\nports = [{ port = 80, | }]\n",
			`end_port=>"end_port = " force_https=>"force_https = " handlers=>"handlers = " http_options=>"http_options." proxy_proto_options=>"proxy_proto_options." start_port=>"start_port = " tls_options=>"tls_options."`, "«»", Key},
		{"each inline table in a list is its own table", "[[services]]\nports = [{ port = 80 }, { | }]\n",
			`end_port=>"end_port = " force_https=>"force_https = " handlers=>"handlers = " http_options=>"http_options." port=>"port = " proxy_proto_options=>"proxy_proto_options." start_port=>"start_port = " tls_options=>"tls_options."`, "«»", Key},
		{"inline table", "http_service = { internal_port = 8080, |}\n",
			`auto_start_machines=>"auto_start_machines = " auto_stop_machines=>"auto_stop_machines = " concurrency=>"concurrency." force_https=>"force_https = " http_options=>"http_options." min_machines_running=>"min_machines_running = " processes=>"processes = " tls_options=>"tls_options."`,
			"«»", Key},
		{"named check", "[checks.alive]\n  ty|\n",
			`grace_period=>"grace_period = " headers=>"headers." interval=>"interval = " method=>"method = " path=>"path = " port=>"port = " processes=>"processes = " protocol=>"protocol = " timeout=>"timeout = " tls_server_name=>"tls_server_name = " tls_skip_verify=>"tls_skip_verify = " type=>"type = "`,
			"«ty»", Key},
		{"[services.concurrency] after [[services]]", "[[services]]\n[services.concurrency]\n  |",
			`hard_limit=>"hard_limit = " soft_limit=>"soft_limit = " type=>"type = "`, "«»", Key},

		{"auto_stop_machines, nothing typed", "[http_service]\nauto_stop_machines = |\n",
			`"off"=>"\"off\"" "stop"=>"\"stop\"" "suspend"=>"\"suspend\"" true=>"true" false=>"false"`, "«»", Value},
		{"auto_stop_machines, inside quotes", "[http_service]\nauto_stop_machines = \"su|\"\n",
			`"off"=>"\"off\"" "stop"=>"\"stop\"" "suspend"=>"\"suspend\"" true=>"true" false=>"false"`, `«"su"»`, Value},
		{"auto_stop_machines, unclosed quote", "[http_service]\nauto_stop_machines = \"su|\n",
			`"off"=>"\"off\"" "stop"=>"\"stop\"" "suspend"=>"\"suspend\"" true=>"true" false=>"false"`, `«"su»`, Value},
		{"unclosed quote, text after the cursor", "[http_service]\nauto_stop_machines = \"su| # x\n",
			`"off"=>"\"off\"" "stop"=>"\"stop\"" "suspend"=>"\"suspend\"" true=>"true" false=>"false"`, `«"su»`, Value},
		{"auto_stop_machines, bare word", "[http_service]\nauto_stop_machines = st|\n",
			`"off"=>"\"off\"" "stop"=>"\"stop\"" "suspend"=>"\"suspend\"" true=>"true" false=>"false"`, `«st»`, Value},
		{"handlers inside the list", "[[services]]\n[[services.ports]]\nhandlers = [\"tls\", |]\n",
			`"http"=>"\"http\"" "tls"=>"\"tls\"" "pg_tls"=>"\"pg_tls\"" "proxy_proto"=>"\"proxy_proto\"" "edge_http"=>"\"edge_http\""`, "«»", Value},
		{"handlers on a second line of the list", "[[services]]\n[[services.ports]]\nhandlers = [\n  \"tls\",\n  \"h|\"\n]\n",
			`"http"=>"\"http\"" "tls"=>"\"tls\"" "pg_tls"=>"\"pg_tls\"" "proxy_proto"=>"\"proxy_proto\"" "edge_http"=>"\"edge_http\""`, `«"h"»`, Value},
		{"handlers right after the bracket", "[[services.ports]]\nhandlers = [|]\n",
			`"http"=>"\"http\"" "tls"=>"\"tls\"" "pg_tls"=>"\"pg_tls\"" "proxy_proto"=>"\"proxy_proto\"" "edge_http"=>"\"edge_http\""`, "«»", Value},
		{"no value right after a value in a list", "[[services.ports]]\nhandlers = [\"tls\"|]\n", "", "", 0},
		{"handlers before the list is opened", "[[services]]\n[[services.ports]]\nhandlers = |\n",
			`"http"=>"[\"http\"]" "tls"=>"[\"tls\"]" "pg_tls"=>"[\"pg_tls\"]" "proxy_proto"=>"[\"proxy_proto\"]" "edge_http"=>"[\"edge_http\"]"`, "«»", Value},
		{"protocol", "[[services]]\n  protocol = |", `"tcp"=>"\"tcp\"" "udp"=>"\"udp\""`, "«»", Value},
		{"check type", "[checks.alive]\n  type = \"|\"", `"http"=>"\"http\"" "tcp"=>"\"tcp\""`, `«""»`, Value},
		{"deploy strategy", "[deploy]\nstrategy = '|'",
			`"canary"=>"\"canary\"" "rolling"=>"\"rolling\"" "immediate"=>"\"immediate\"" "bluegreen"=>"\"bluegreen\""`, `«''»`, Value},
		{"restart policy", "[[restart]]\npolicy = |",
			`"always"=>"\"always\"" "never"=>"\"never\"" "on-failure"=>"\"on-failure\""`, "«»", Value},
		{"dotted key value", "http_service.concurrency.type = |\n", `"connections"=>"\"connections\"" "requests"=>"\"requests\""`, "«»", Value},
		{"value in nested inline tables", "http_service = { concurrency = { type = \"|\" } }\n",
			`"connections"=>"\"connections\"" "requests"=>"\"requests\""`, `«""»`, Value},
		{"boolean", "[http_service]\nforce_https = |", `true=>"true" false=>"false"`, "«»", Value},

		{"[[ headers under services.", "[[services.|]]\n",
			`services.http_checks=>"services.http_checks" services.machine_checks=>"services.machine_checks" services.ports=>"services.ports" services.ports.http_options.replay_cache=>"services.ports.http_options.replay_cache" services.tcp_checks=>"services.tcp_checks"`,
			"«services.»", Table},
		{"[ header, unclosed", "[http_servi|\n",
			`build=>"build]" build.args=>"build.args]" build.compose=>"build.compose]" build.settings=>"build.settings]" checks.<name>=>"checks." deploy=>"deploy]" deploy.release_command_vm=>"deploy.release_command_vm]" env=>"env]" experimental=>"experimental]" experimental.attached=>"experimental.attached]" experimental.attached.secrets=>"experimental.attached.secrets]" experimental.attached.secrets.export=>"experimental.attached.secrets.export]" http_service=>"http_service]" http_service.checks.headers=>"http_service.checks.headers]" http_service.concurrency=>"http_service.concurrency]" http_service.http_options=>"http_service.http_options]" http_service.http_options.response=>"http_service.http_options.response]" http_service.http_options.response.headers=>"http_service.http_options.response.headers]" http_service.tls_options=>"http_service.tls_options]" processes=>"processes]" services.concurrency=>"services.concurrency]" services.http_checks.headers=>"services.http_checks.headers]" services.ports.http_options=>"services.ports.http_options]" services.ports.http_options.response=>"services.ports.http_options.response]" services.ports.http_options.response.headers=>"services.ports.http_options.response.headers]" services.ports.proxy_proto_options=>"services.ports.proxy_proto_options]" services.ports.tls_options=>"services.ports.tls_options]"`,
			"«http_servi»", Table},

		{"no completion in [env]: the names are the app's", "[env]\nPO|\n", "", "", 0},
		{"no completion in a comment", "# comment |\n", "", "", 0},
		{"no completion after a value", "[http_service]\ninternal_port = 8080 |\n", "", "", 0},
		{"no values for a free string", "app = |", "", "", 0},
		{"no keys in an unknown table", "[nope]\n|", "", "", 0},
		{"an unclosed list does not swallow the next section", "[[services]]\n[[services.ports]]\nhandlers = [\"tls\",\n[http_service]\n  inter|\n",
			`auto_start_machines=>"auto_start_machines = " auto_stop_machines=>"auto_stop_machines = " concurrency=>"concurrency." force_https=>"force_https = " http_options=>"http_options." internal_port=>"internal_port = " min_machines_running=>"min_machines_running = " processes=>"processes = " tls_options=>"tls_options."`,
			"«inter»", Key},
		{"a multi-line string is not read as keys", "[http_service]\nx = \"\"\"\n[[services]]\n|\n\"\"\"\n", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, off := cursor(t, tc.in)
			cs := Complete(src, off)
			var got []string
			for _, c := range cs {
				got = append(got, c.Label+"=>"+quoteGo(c.InsertText))
				if r := span(src, c.ReplaceStart, c.ReplaceEnd); r != tc.replaced {
					t.Errorf("%s replaces %s, want %s", c.Label, r, tc.replaced)
				}
				if c.Kind != tc.kind {
					t.Errorf("%s is a %v, want %v", c.Label, c.Kind, tc.kind)
				}
				if c.Doc == "" || c.Detail == "" {
					t.Errorf("%s: Doc %q, Detail %q", c.Label, c.Doc, c.Detail)
				}
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func quoteGo(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// TestCompleteDetail checks the detail and documentation of one key and
// one value, which every candidate builds the same way.
func TestCompleteDetail(t *testing.T) {
	src, off := cursor(t, "[deploy]\nwait|")
	var got *Candidate
	for _, c := range Complete(src, off) {
		if c.Label == "wait_timeout" {
			got = &c
		}
	}
	if got == nil {
		t.Fatal("no wait_timeout")
	}
	if want := `duration, default "5m" (flyctl's DefaultWaitTimeout)`; got.Detail != want {
		t.Errorf("Detail %q, want %q", got.Detail, want)
	}
	if !strings.HasPrefix(got.Doc, "How long flyctl waits") || !strings.HasSuffix(got.Doc, "(https://fly.io/docs/reference/configuration/#the-deploy-section)") {
		t.Errorf("Doc %q", got.Doc)
	}

	src, off = cursor(t, "[http_service]\nauto_stop_machines = |")
	cs := Complete(src, off)
	if len(cs) != 5 || cs[2].Detail != "http_service.auto_stop_machines (string or boolean)" ||
		!strings.HasPrefix(cs[2].Doc, "Suspend idle Machines") || cs[3].Doc != "The same as `\"stop\"`: Stop idle Machines; they boot again from the image when started." {
		t.Errorf("%+v", cs)
	}
}

func TestHover(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		covers   string // the text of the range, "" for no hover
		first    string // the Markdown's first line
		contains string
	}{
		{"key", "[http_service]\n  inter|nal_port = 8080\n", "«internal_port»",
			"**`http_service.internal_port`** (integer)", "Default: none: required for the service to reach the app."},
		{"cursor just after the key", "[http_service]\n  internal_port| = 8080\n", "«internal_port»",
			"**`http_service.internal_port`** (integer)", "#the-http_service-section"},
		{"[[services.ports]] header", "[[services.p|orts]]\n", "«ports»",
			"**`services.ports`** (array of tables)", "(https://fly.io/docs/reference/configuration/#services-ports)"},
		{"first segment of a header", "[[ser|vices.ports]]\n", "«services»",
			"**`services`** (array of tables)", "#the-services-sections"},
		{"header with a comment", "[http_servic|e] # x\n", "«http_service»",
			"**`http_service`** (table)", "terminates TLS"},
		{"[checks] segment of a named check", "[che|cks.alive]\n", "«checks»",
			"**`checks`** (table of named tables)", "#the-checks-section"},
		{"key of a named check", "[checks.alive]\nty|pe = \"http\"", "«type»",
			"**`checks.<name>.type`** (string)", "Values: `\"http\"`, `\"tcp\"`."},
		{"dotted key segment", "http_service.concur|rency.type = \"requests\"\n", "«concurrency»",
			"**`http_service.concurrency`** (table)", "#http_service-concurrency"},
		{"inline table key", "http_service = { concurrency = { ty|pe = \"requests\" } }\n", "«type»",
			"**`http_service.concurrency.type`** (string)", "Default: `\"connections\"`."},
		{"enum value", "[http_service]\nauto_stop_machines = \"sus|pend\"\n", `«"suspend"»`,
			"**`\"suspend\"`** in `http_service.auto_stop_machines`", "Suspend idle Machines"},
		{"boolean for auto_stop_machines", "[http_service]\nauto_stop_machines = tr|ue\n", "«true»",
			"**`true`** in `http_service.auto_stop_machines`", "The same as `\"stop\"`"},
		{"handler in a list", "[[services]]\n[[services.ports]]\nhandlers = [\"tls\", \"ht|tp\"]\n", `«"http"»`,
			"**`\"http\"`** in `services.ports.handlers`", "#services-ports-handlers"},
		{"vm size from the presets", "[[vm]]\nsize = \"shared-cpu-2x|\"\n", `«"shared-cpu-2x"»`,
			"**`\"shared-cpu-2x\"`** in `vm.size`", "2 shared CPUs, 512 MB of memory by default."},
		{"shared section documented once", "[[services]]\n[[services.ports]]\ntls_options = { al|pn = [\"h2\"] }", "«alpn»",
			"**`services.ports.tls_options.alpn`** (list of strings)", "ALPN protocols"},
		{"old spelling", "[[compute]]\nsi|ze = \"a10\"", "«size»",
			"**`compute.size`** (string)", "fly-go refuses other names"},
		{"old section name", "[[comp|ute]]\n", "«compute»",
			"**`compute`** (array of tables), old spelling", "Write `[[vm]]`."},

		{"[env] header", "[en|v]\nPORT = \"8080\"\n", "«env»",
			"**`env`** (table of names to values)", "#the-env-variables-section"},
		{"not an enumerated value", "[http_service]\nauto_stop_machines = \"nope|\"\n", "", "", ""},
		{"a value with no enum", "app = \"we|b\"", "", "", ""},
		{"unknown key", "[http_service]\nbogus| = 1\n", "", "", ""},
		{"unknown section", "[bog|us]\n", "", "", ""},
		{"check name", "[checks.al|ive]\n", "", "", ""},
		{"env name", "[env]\nP|ORT = 1\n", "", "", ""},
		{"comment", "# com|ment\n", "", "", ""},
		{"comment after a value", "app = \"web\" # internal|_port\n", "", "", ""},
		{"whitespace", "[http_service]\n | internal_port = 1\n", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, off := cursor(t, tc.in)
			md, a, b, ok := Hover(src, off)
			if tc.covers == "" {
				if ok {
					t.Fatalf("hover %s: %q, want none", span(src, a, b), md)
				}
				return
			}
			if !ok {
				t.Fatalf("no hover, want %s", tc.covers)
			}
			if got := span(src, a, b); got != tc.covers {
				t.Errorf("covers %s, want %s", got, tc.covers)
			}
			first, _, _ := strings.Cut(md, "\n")
			if first != tc.first {
				t.Errorf("first line %q, want %q", first, tc.first)
			}
			if !strings.Contains(md, tc.contains) {
				t.Errorf("%q does not contain %q", md, tc.contains)
			}
		})
	}
}

func TestBadOffsets(t *testing.T) {
	src := []byte("app = \"x\"\n")
	for _, off := range []int{-1, len(src) + 1} {
		if _, _, _, ok := Hover(src, off); ok {
			t.Errorf("Hover at %d", off)
		}
		if cs := Complete(src, off); cs != nil {
			t.Errorf("Complete at %d: %v", off, cs)
		}
	}
	big := make([]byte, maxSrc+1)
	copy(big, "[http_service]\ninternal_port = 1\n")
	if _, _, _, ok := Hover(big, 16); ok {
		t.Error("Hover read a buffer over maxSrc")
	}
}
