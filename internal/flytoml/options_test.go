package flytoml

import (
	"reflect"
	"testing"
)

// TestProtocolOptions reads h2_backend and alpn in the three ways they
// are written: a [x.http_options] header, an inline table, and a dotted
// key, with the positions a rule points at.
func TestProtocolOptions(t *testing.T) {
	const src = `[http_service]
  internal_port = 50051
  [http_service.http_options]
    h2_backend = true
  [http_service.tls_options]
    alpn = ["h2"]

[[services]]
  internal_port = 9000
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]
    http_options = { h2_backend = false }
    tls_options.alpn = ["http/1.1", "h2"]
`
	c := mustParse(t, src)
	if len(c.Problems) != 0 {
		t.Fatalf("problems: %+v", c.Problems)
	}
	hs, port := c.HTTPService, c.Services[0].Ports[0]
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"http_options header", span(hs.HTTPOptions.Header), "3:3-3:30"},
		{"h2_backend", hs.HTTPOptions.H2Backend.V, true},
		{"h2_backend set", hs.HTTPOptions.H2Backend.Set, true},
		{"h2_backend value", span(hs.HTTPOptions.H2Backend.Value), "4:18-4:22"},
		{"tls_options header", span(hs.TLSOptions.Header), "5:3-5:29"},
		{"alpn", hs.TLSOptions.ALPN.V, []string{"h2"}},
		{"alpn elem", span(hs.TLSOptions.ALPN.Elems[0]), "6:13-6:17"},
		{"inline h2_backend", port.HTTPOptions.H2Backend.V, false},
		{"inline h2_backend set", port.HTTPOptions.H2Backend.Set, true},
		{"inline h2_backend value", span(port.HTTPOptions.H2Backend.Value), "13:35-13:40"},
		{"dotted alpn", port.TLSOptions.ALPN.V, []string{"http/1.1", "h2"}},
		{"dotted alpn value", span(port.TLSOptions.ALPN.Value), "14:24-14:42"},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestProtocolOptionsBadTypes: a wrong type is one problem, reported
// once, and leaves the field unread.
func TestProtocolOptionsBadTypes(t *testing.T) {
	c := mustParse(t, "[http_service]\n[http_service.http_options]\nh2_backend = \"yes\"\n[http_service.tls_options]\nalpn = \"h2\"\n")
	if len(c.Problems) != 2 {
		t.Fatalf("got %d problems, want 2: %+v", len(c.Problems), c.Problems)
	}
	if p := c.Problems[0]; p.Path != "http_service.http_options.h2_backend" {
		t.Errorf("problem 0 path = %q", p.Path)
	}
	if p := c.Problems[1]; p.Path != "http_service.tls_options.alpn" {
		t.Errorf("problem 1 path = %q", p.Path)
	}
	o := c.HTTPService.HTTPOptions
	if !o.H2Backend.Set || o.H2Backend.OK || c.HTTPService.TLSOptions.ALPN.OK {
		t.Errorf("h2_backend = %+v, alpn = %+v", o.H2Backend, c.HTTPService.TLSOptions.ALPN)
	}
}
