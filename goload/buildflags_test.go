package goload

import (
	"slices"
	"testing"
)

func TestBuildFlagsNeverLetGoModChange(t *testing.T) {
	tests := []struct {
		env, flags []string
		want       []string
	}{
		{nil, nil, []string{"-mod=readonly"}},
		{[]string{"GOFLAGS=-mod=mod"}, nil, []string{"-mod=readonly"}},
		{nil, []string{"-mod=mod", "-tags=prod"}, []string{"-tags=prod", "-mod=readonly"}},
		{[]string{"GOFLAGS=-trimpath -mod=vendor"}, nil, nil},
		{nil, []string{"-mod=vendor"}, []string{"-mod=vendor"}},
		{[]string{"GOFLAGS=-mod=readonly"}, nil, nil},
	}
	for _, tt := range tests {
		t.Setenv("GOFLAGS", "")
		got := buildFlags(t.TempDir(), Options{Env: tt.env, BuildFlags: tt.flags})
		if !slices.Equal(got, tt.want) {
			t.Errorf("env %q flags %q: buildFlags = %q, want %q", tt.env, tt.flags, got, tt.want)
		}
	}
}
