package flyaddr

import (
	"strconv"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want string // "text target kind scheme port" per ref, joined by " | "
	}{
		{"http://api.internal:8080", "http://api.internal:8080 api internal http 8080"},
		{"api.internal", "api.internal api internal  0"},
		{"http://ord.api.internal:8080/x", "http://ord.api.internal:8080 api internal http 8080"},
		{"top2.nearest.of.api.internal", "top2.nearest.of.api.internal api internal  0"},
		{"web.process.api.internal", "web.process.api.internal api internal  0"},
		{"148e21a8.vm.api.internal", "148e21a8.vm.api.internal api internal  0"},
		{"postgres://u:p@db.flycast:5432/x", "postgres://u:p@db.flycast:5432 db flycast postgres 5432"},
		{"https://Orders.Flycast/api", "https://Orders.Flycast orders flycast https 443"},
		{"http://api.internal.", "http://api.internal api internal http 80"},
		{"api.internal, api.internal.example.com", "api.internal api internal  0"},
		{"a.flycast b.internal:9", "a.flycast a flycast  0 | b.internal:9 b internal  9"},
		// Other networks' names, longer names and look-alikes.
		{"postgres://u:p@host.docker.internal:5432", ""},
		{"host.containers.internal", ""},
		{"http://metadata.google.internal", ""},
		{"https://billing.corp.internal", ""},
		{"https://api.internal.example.com", ""},
		{"api.internal-lb:80", ""},
		{"api.internal_x", ""},
		{"_apps.internal", ""},
		{"ops@corp.internal", ""},
		{"x.db.flycast", ""},
		// A format verb, not a name: superfly/bfaas@68b637f
		// machines/pool/mach.go builds "http://%s.flycast" with Sprintf.
		{"http://%s.flycast", ""},
		{"%v.internal:%d", ""},
		{"internal", ""},
		{"", ""},
		{"\xff\x00api.internal.", "api.internal api internal  0"},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range Find(tt.in) {
			if tt.in[r.Start:r.End] != r.Text {
				t.Errorf("Find(%q): offsets %d-%d do not hold %q", tt.in, r.Start, r.End, r.Text)
			}
			got = append(got, strings.Join([]string{r.Text, r.Target, r.Kind, r.Scheme, strconv.Itoa(r.Port)}, " "))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("Find(%q)\n got %q\nwant %q", tt.in, g, tt.want)
		}
	}
}

// Find runs on every configuration value and Go string of a repository;
// whatever they hold, it must not panic, and what it returns must be
// where it says.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"http://api.internal:8080", "_apps.internal", "\xff\x00api.internal.", "x@y.flycast", "a.internal:99999", "ord.x.internal-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Find(s) {
			if r.Start < 0 || r.End > len(s) || r.Start > r.End || s[r.Start:r.End] != r.Text {
				t.Fatalf("Find(%q) returned %+v, not a span of the input", s, r)
			}
			if r.Kind != "internal" && r.Kind != "flycast" {
				t.Fatalf("Find(%q): kind %q", s, r.Kind)
			}
		}
	})
}
