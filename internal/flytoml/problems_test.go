package flytoml

import (
	"errors"
	"strings"
	"testing"
)

// TestProblems checks each kind of problem: where it is and what it says.
func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src  string
		kind       ProblemKind
		path, span string
		message    string
		suggestion string
		code       string
	}{
		{"http_service string port", "[http_service]\ninternal_port = \"8080\"\n", ProblemType,
			"http_service.internal_port", "2:17-2:23",
			`internal_port in [http_service] must be an integer, not a string ("8080"); flyctl cannot decode it and rejects the whole fly.toml. Remove the quotes: internal_port = 8080.`, "", ""},
		{"start_port string", "[[services]]\n[[services.ports]]\nstart_port = \"100\"\n", ProblemType,
			"services[0].ports[0].start_port", "3:14-3:19",
			`start_port in [[services.ports]] must be an integer, not a string ("100"); flyctl cannot decode it and rejects the whole fly.toml. Remove the quotes: start_port = 100.`, "", ""},
		{"auto_stop yes", "[http_service]\nauto_stop_machines = \"yes\"\n", ProblemType,
			"http_service.auto_stop_machines", "2:22-2:27",
			`auto_stop_machines in [http_service] must be "off", "stop", "suspend", true or false, not a string ("yes"); flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"concurrency number", "[http_service]\nconcurrency = 20\n", ProblemType,
			"http_service.concurrency", "2:15-2:17",
			`concurrency in [http_service] must be a table such as { type = "requests", soft_limit = 20, hard_limit = 25 }, not an integer (20); flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"handlers string", "[[services]]\n[[services.ports]]\nhandlers = \"http\"\n", ProblemType,
			"services[0].ports[0].handlers", "3:12-3:18",
			`handlers in [[services.ports]] must be a list of strings, not a string ("http"); flyctl cannot decode it and rejects the whole fly.toml. Write a list: handlers = ["http"].`, "", ""},
		{"handlers with a number", "[[services]]\n[[services.ports]]\nhandlers = [\"tls\", 80]\n", ProblemType,
			"services[0].ports[0].handlers", "3:20-3:22",
			`handlers in [[services.ports]] must be a list of strings, not an integer (80); flyctl cannot decode it and rejects the whole fly.toml. Quote every element.`, "", ""},
		{"table for a string", "[build]\ndockerfile = { path = \"x\" }\n", ProblemType,
			"build.dockerfile", "2:14-2:28",
			`dockerfile in [build] must be a string, not a table; flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"number for a string", "app = 12\n", ProblemType, "app", "1:7-1:9",
			`app must be a string, not an integer (12); flyctl cannot decode it and rejects the whole fly.toml. Quote it: app = "12".`, "", ""},
		{"service processes string", "[[services]]\nprocesses = \"web\"\n", ProblemType,
			"services[0].processes", "2:13-2:18",
			`processes in [[services]] must be a list of strings, not a string ("web"); flyctl cannot decode it and rejects the whole fly.toml. Write a list: processes = ["web"].`, "", ""},
		{"force_https string", "[http_service]\nforce_https = \"true\"\n", ProblemType,
			"http_service.force_https", "2:15-2:21",
			`force_https in [http_service] must be a boolean (true or false), not a string ("true"); flyctl cannot decode it and rejects the whole fly.toml. Remove the quotes: force_https = true.`, "", ""},
		{"bad duration string", "[checks.a]\ninterval = \"10 seconds\"\n", ProblemType,
			"checks.a.interval", "2:12-2:24",
			`interval in [checks.a] must be a duration such as "10s" or "1m30s", not a string ("10 seconds"); flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"duration bool ignored", "[[services]]\n[[services.tcp_checks]]\ntimeout = true\n", ProblemType,
			"services[0].tcp_checks[0].timeout", "3:11-3:15",
			`timeout in [[services.tcp_checks]] must be a duration such as "10s", not a boolean (true); flyctl ignores it.`, "", ""},
		{"build arg number", "[build.args]\nGO = 1.22\n", ProblemType, "build.args.GO", "2:6-2:10",
			`GO in [build.args] must be a string, not a float (1.22); flyctl cannot decode it and rejects the whole fly.toml. Quote it: GO = "1.22".`, "", ""},
		{"env table", "[env]\nA = { b = 1 }\n", ProblemType, "env.A", "2:5-2:14",
			`A in [env] must be a string, not a table; flyctl would use Go's printed form of it.`, "", ""},
		{"process number", "[processes]\nweb = 1\n", ProblemType, "processes.web", "2:7-2:8",
			`web in [processes] must be a string, not an integer (1); flyctl cannot decode it and rejects the whole fly.toml. Quote it: web = "1".`, "", ""},
		{"restart as a table", "[restart]\npolicy = 'always'\n", ProblemType, "restart", "1:1-1:10",
			`restart must be an array of tables ([[restart]]), not a table; flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"bad old concurrency", "[[services]]\nconcurrency = '20'\n", ProblemType, "services[0].concurrency", "2:15-2:19",
			`concurrency in [[services]] must be a table such as { type = "requests", soft_limit = 20, hard_limit = 25 }, not a string ("20"); flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"port as string", "[[services]]\ninternal_port = '8080'\n", ProblemCoerced, "services[0].internal_port", "2:17-2:23",
			`internal_port in [[services]] is the string "8080"; flyctl converts it to the number 8080, but other tools may not. Remove the quotes: internal_port = 8080.`, "", CodePortAsString},
		{"port not a number", "[[services]]\ninternal_port = 'http'\n", ProblemType, "services[0].internal_port", "2:17-2:23",
			`internal_port in [[services]] must be an integer, not a string ("http"); flyctl cannot decode it and rejects the whole fly.toml.`, "", ""},
		{"http_service check nanoseconds", "[http_service]\n[[http_service.checks]]\ninterval = 10000\n", ProblemCoerced,
			"http_service.checks[0].interval", "3:12-3:17",
			`http_service.checks[0].interval = 10000 is read by flyctl as 10000 nanoseconds (10µs), because only check durations in [[services]] and [checks] take bare numbers as milliseconds. Write a duration string such as interval = "10s".`, "", CodeNanoseconds},
		{"force_http", "[http_service]\nforce_http = true\n", ProblemUnknownKey, "http_service.force_http", "2:1-2:11",
			`"force_http" is not a key flyctl knows in [http_service], so it has no effect. Did you mean "force_https"?`, "force_https", ""},
		{"internal-port", "[[services]]\ninternal-port = 8080\n", ProblemUnknownKey, "services[0].internal-port", "2:1-2:14",
			`"internal-port" is not a key flyctl knows in [[services]], so it has no effect. Did you mean "internal_port"?`, "internal_port", ""},
		{"http_service.check", "[http_service]\n[http_service.check]\npath = '/'\n", ProblemUnknownKey, "http_service.check", "2:15-2:20",
			`"check" is not a key flyctl knows in [http_service], so it has no effect. Did you mean "checks"?`, "checks", ""},
		{"unknown top-level", "primary-region = 'ams'\n", ProblemUnknownKey, "primary-region", "1:1-1:15",
			`"primary-region" is not a key flyctl knows at the top level, so it has no effect. Did you mean "primary_region"?`, "primary_region", ""},
		{"no suggestion", "[build]\ncontext = 'x'\n", ProblemUnknownKey, "build.context", "2:1-2:8",
			`"context" is not a key flyctl knows in [build], so it has no effect.`, "", ""},
		{"check port", "[[services]]\n[[services.tcp_checks]]\nport = 8080\n", ProblemUnknownKey, "services[0].tcp_checks[0].port", "3:1-3:5",
			`"port" is not a key flyctl knows in [[services.tcp_checks]], so it has no effect. Checks inside a service always probe the service's internal_port; use a top-level [checks.<name>] for another port.`, "", ""},
		{"nested unknown", "[http_service]\n[http_service.tls_options]\nalpn = ['h2']\nversion = ['TLSv1.3']\n", ProblemUnknownKey,
			"http_service.tls_options.version", "4:1-4:8",
			`"version" is not a key flyctl knows in [http_service.tls_options], so it has no effect. Did you mean "versions"?`, "versions", ""},
		{"BOM", "\xef\xbb\xbfapp = 'a'\n", ProblemRejected, "", "1:1-1:4",
			`fly.toml starts with a UTF-8 byte order mark, which flyctl's TOML reader rejects as an invalid character. Save the file as UTF-8 without a BOM.`, "", CodeBOM},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, tc.src)
			if len(c.Problems) != 1 {
				t.Fatalf("got %d problems, want 1: %+v", len(c.Problems), c.Problems)
			}
			p := c.Problems[0]
			if p.Kind != tc.kind || p.Path != tc.path || span(p.Range) != tc.span || p.Message != tc.message || p.Code != tc.code {
				t.Errorf("got  %d %q %s %q %q\nwant %d %q %s %q %q", p.Kind, p.Path, span(p.Range), p.Message, p.Code,
					tc.kind, tc.path, tc.span, tc.message, tc.code)
			}
			if tc.suggestion != "" && p.Suggestion != tc.suggestion {
				t.Errorf("suggestion %q, want %q", p.Suggestion, tc.suggestion)
			}
		})
	}
}

func TestTypeProblemLeavesFieldUnread(t *testing.T) {
	c := mustParse(t, "[http_service]\ninternal_port = \"8080\"\n")
	f := c.HTTPService.InternalPort
	if !f.Set || f.OK || f.V != 0 || f.Kind != KindString {
		t.Errorf("field %+v, want Set, not OK, zero, string", f)
	}
}

// TestSyntaxErrors checks that the error points at the offending text.
func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, span, message string
	}{
		{"duplicate key", "app = 'a'\napp = 'b'\n", "2:1-2:4", `key "app" is already defined at line 1; TOML does not allow defining a key twice`},
		{"duplicate table", "[env]\nA = '1'\n\n[env]\nB = '2'\n", "4:2-4:5", `table "env" is already defined at line 1; TOML does not allow defining a key twice`},
		{"duplicate in table", "[http_service]\ninternal_port = 1\n  internal_port = 2\n", "3:3-3:16", `key "internal_port" is already defined at line 2; TOML does not allow defining a key twice`},
		{"duplicate inline", "a = { b = 1, b = 2 }\n", "1:14-1:15", `key "b" is already defined at line 1; TOML does not allow defining a key twice`},
		{"header after dotted key", "http_service.internal_port = 1\n[http_service]\n", "2:2-2:14", `table "http_service" is already defined at line 1; TOML does not allow defining a key twice`},
		{"table over array of tables", "[[services]]\n[services]\n", "2:2-2:10", `array of tables "services" is already defined at line 1; TOML does not allow defining a key twice`},
		{"header into a value", "checks = 1\n[checks.a]\n", "2:2-2:8", `key "checks" is already defined at line 1 as a value, not a table; TOML does not allow adding to it`},
		{"dotted into header table", "[a.b]\n[a]\nb.c = 1\n", "3:1-3:2", `table "b" is already defined at line 1; TOML does not allow defining a key twice`},
		{"unterminated string", "app = \"abc\n", "1:11-2:1", "basic strings cannot have new lines"},
		{"missing value", "[env]\nPORT =\n", "2:7-3:1", "unexpected character U+000A at start of value"},
		{"missing equals", "app 'x'\n", "1:5-1:6", "expected '=' after key"},
		{"bad header", "[http_service\n", "1:14-2:1", "expected ']' to close table name"},
		{"end of input", "a = [1,", "1:7-1:8", "array is incomplete"},
		{"integer overflow", "a = 99999999999999999999\n", "1:5-1:25", "integer 99999999999999999999 does not fit in 64 bits"},
		{"NUL byte", "app = \"a\x00\"\n", "1:9-1:10", "basic strings cannot have control characters"},
		{"invalid UTF-8", "app = \"\xff\"\n", "1:8-1:9", "invalid UTF-8 character in basic string"},
		// go-toml names the key's first byte as a character (U+00D1 for
		// the Cyrillic і); the message names the real one.
		{"lookalike key", "[http_service]\n\xd1\x96nternal_port = 1\n", "2:1-2:2", "invalid character at start of key: U+0456 'і', which is not an ASCII letter, digit, - or _ (a key with other characters must be quoted)"},
		{"invalid UTF-8 key", "\xffa = 1\n", "1:1-1:2", "invalid character at start of key: a byte that is not UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("fly.toml", []byte(tc.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if span(se.Range) != tc.span || se.Message != tc.message {
				t.Errorf("got %s %q, want %s %q", span(se.Range), se.Message, tc.span, tc.message)
			}
			if !strings.HasPrefix(se.Error(), "fly.toml:") {
				t.Errorf("Error() = %q", se.Error())
			}
		})
	}
}
