package listen

import "testing"

func TestPlugPathAndHosts(t *testing.T) {
	r := &HTTPRoutes{Server: Redirect{Kind: Redirects}, ExcludePaths: []string{PlugPath("/health/")}, ExcludeHosts: []string{"localhost", "127.0.0.1"}}
	for path, want := range map[string]RedirectKind{
		"/health": NoRedirect, "//health?x=1": NoRedirect, "/health/x": Redirects, "/healthz": Redirects, "": RedirectUnknown,
	} {
		if got := r.For(path).Kind; got != want {
			t.Errorf("For(%q) = %v, want %v", path, got, want)
		}
	}
	for host, want := range map[string]bool{"localhost": true, "LOCALHOST:8080": true, "127.0.0.1:80": true, "[::1]": false, "example.com": false, "": false} {
		if got := r.ExcludesHost(host); got != want {
			t.Errorf("ExcludesHost(%q) = %v, want %v", host, got, want)
		}
	}
}
