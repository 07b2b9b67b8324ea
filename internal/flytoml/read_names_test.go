package flytoml

import "testing"

func TestNamesAsWritten(t *testing.T) {
	for path, want := range map[string]string{
		"vm[0]":                    "[[vm]]",
		"services[0].ports[1]":     "[[services.ports]]",
		"services[0].concurrency":  "[services.concurrency]",
		"http_service.concurrency": "[http_service.concurrency]",
		"checks.web":               "[checks.web]",
		"build":                    "[build]",
	} {
		if got := sectionAsWritten(path); got != want {
			t.Errorf("sectionAsWritten(%q) = %q, want %q", path, got, want)
		}
	}
	for path, want := range map[string]string{
		"kill_signal":                        "kill_signal",
		"services[0].ports[0].port":          "port in [[services.ports]]",
		"http_service.internal_port":         "internal_port in [http_service]",
		"services[2].concurrency.hard_limit": "hard_limit in [services.concurrency]",
		"mounts[0]":                          "mounts[0]",
	} {
		if got := keyAsWritten(path); got != want {
			t.Errorf("keyAsWritten(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestMisplacedTopLevelKey(t *testing.T) {
	for _, tc := range []struct {
		name, toml string
		want       string // the problem's code at line 4, or "" for a plain unknown key
		moveTo     int
	}{
		{"after [[vm]]", "app = \"a\"\n[[vm]]\n  size = \"shared-cpu-1x\"\nkill_signal = \"SIGTERM\"\n", CodeMisplacedTopLevel, 2},
		{"after [http_service]", "app = \"a\"\n\n[http_service]\nprimary_region = \"ams\"\n", CodeMisplacedTopLevel, 3},
		{"also set at the top", "kill_signal = \"SIGINT\"\n[[vm]]\n  size = \"shared-cpu-1x\"\nkill_signal = \"SIGTERM\"\n", "", 0},
		{"not a top-level key", "app = \"a\"\n[[vm]]\n  size = \"shared-cpu-1x\"\nfrobnicate = 1\n", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse("fly.toml", []byte(tc.toml))
			if err != nil {
				t.Fatal(err)
			}
			var got *Problem
			for i, p := range cfg.Problems {
				if p.Kind == ProblemUnknownKey && p.Range.Start.Line == 4 {
					got = &cfg.Problems[i]
				}
			}
			if got == nil {
				t.Fatalf("no unknown-key problem at line 4: %+v", cfg.Problems)
			}
			if got.Code != tc.want || got.MoveTo.Line != tc.moveTo {
				t.Errorf("code %q, move to line %d; want %q, %d (%s)", got.Code, got.MoveTo.Line, tc.want, tc.moveTo, got.Message)
			}
		})
	}
}
