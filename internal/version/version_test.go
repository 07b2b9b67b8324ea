package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	for _, tc := range []struct {
		name          string
		bi            debug.BuildInfo
		short, String string
		released      bool
	}{
		{
			name:  "go install of a tag",
			bi:    debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.2.0"}},
			short: "0.2.0", String: "v0.2.0, built with go1.26.8", released: true,
		},
		{
			name: "clone with changes",
			bi: debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-06T23:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			short:  "0.0.0-devel+0123456789ab.dirty",
			String: "(devel) revision 0123456789ab (2026-12-06T23:00:00Z), modified, built with go1.26.8",
		},
		{
			name:  "test binary: no stamp, no version",
			bi:    debug.BuildInfo{GoVersion: "go1.26.8"},
			short: "0.0.0-devel", String: "(devel), built with go1.26.8",
		},
		{
			name: "clean clone (go 1.24+ stamps a pseudo-version)",
			bi: debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206232548-7c9dc80ca6cf"}, Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "7c9dc80ca6cfdefa0e71a72914b5ba7505dab575"}, {Key: "vcs.time", Value: "2026-12-06T23:25:48Z"}, {Key: "vcs.modified", Value: "false"}}},
			short:  "0.0.0-20261206232548-7c9dc80ca6cf",
			String: "v0.0.0-20261206232548-7c9dc80ca6cf revision 7c9dc80ca6cf (2026-12-06T23:25:48Z), built with go1.26.8",
		},
		{
			name:  "pseudo-version with +dirty (go 1.24+ builds from a dirty clone)",
			bi:    debug.BuildInfo{Main: debug.Module{Version: "v0.2.1-0.20261206230000-0123456789ab+dirty"}},
			short: "0.0.0-devel", String: "v0.2.1-0.20261206230000-0123456789ab+dirty",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := fromBuildInfo(&tc.bi)
			if got := i.Short(); got != tc.short {
				t.Errorf("Short() = %q, want %q", got, tc.short)
			}
			if got := i.String(); got != tc.String {
				t.Errorf("String() = %q, want %q", got, tc.String)
			}
			if got := i.Released(); got != tc.released {
				t.Errorf("Released() = %v, want %v", got, tc.released)
			}
		})
	}
}
