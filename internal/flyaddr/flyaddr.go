// Package flyaddr finds the names of Fly apps on the private network,
// <app>.internal and <app>.flycast, in configuration values and program
// strings, and only those: other networks use the same suffixes
// (host.docker.internal, metadata.google.internal, a company's
// billing.corp.internal), and a linter that took them for Fly apps would
// raise false alarms on every rule that follows a reference.
package flyaddr

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/lazyre"
)

// Ref is one reference to a Fly app found in a string.
type Ref struct {
	Start, End int    // byte offsets of Text in the searched string
	Text       string // the address as written: scheme, user info, host, port
	Target     string // the app's name, lower case
	Kind       string // "internal" or "flycast"
	Scheme     string // "http", "postgres", … lower case, or ""
	Port       int    // the explicit port, else http/ws 80, https/wss 443, else 0
}

// address matches <app>.internal and <app>.flycast, with an optional
// scheme, user info, sub-name labels and port. The app is the label right
// before the suffix, so <region>.<app>.internal names <app> too.
var address = lazyre.New(`(?i)(?:\b([a-z][a-z0-9+.-]*)://)?(?:[^\s/@]*@)?(?:[a-z0-9-]+\.)*?([a-z0-9][a-z0-9-]*)\.(internal|flycast)\b(?::(\d{1,5}))?`)

// subName matches the labels Fly's internal DNS puts in front of
// <app>.internal: a region (ord.<app>.internal), a Machine
// (<id>.vm.<app>.internal), a process group (web.process.<app>.internal),
// the nearest instances (top2.nearest.of.<app>.internal) and the TXT
// names vms and regions.
var subName = lazyre.New(`^(?:[a-z]{3}|global|vms|regions|top[0-9]+\.nearest\.of|[a-z0-9-]+\.vm|[a-z0-9_-]+\.process)$`)

var defaultPort = map[string]int{"http": 80, "https": 443, "ws": 80, "wss": 443}

// Find returns the references to Fly apps in s, in order.
func Find(s string) []Ref {
	if !Mentions(s) {
		return nil
	}
	var out []Ref
	for _, m := range address().FindAllStringSubmatchIndex(s, -1) {
		r := Ref{
			Start:  m[0],
			End:    m[1],
			Text:   s[m[0]:m[1]],
			Target: strings.ToLower(s[m[4]:m[5]]),
			Kind:   strings.ToLower(s[m[6]:m[7]]),
		}
		if m[2] >= 0 {
			r.Scheme = strings.ToLower(s[m[2]:m[3]])
		}
		if m[8] >= 0 {
			r.Port, _ = strconv.Atoi(s[m[8]:m[9]])
		} else {
			r.Port = defaultPort[r.Scheme]
		}
		if isFlyApp(s, r) {
			out = append(out, r)
		}
	}
	return out
}

// isFlyApp tells a Fly app's name from the look-alikes around it in s.
func isFlyApp(s string, r Ref) bool {
	host, hasScheme, user, hasUser := split(r.Text)
	// "ops@corp.internal" with no scheme is an e-mail address; a URL's
	// user info carries a password ("user:pass@db.internal").
	if hasUser && !hasScheme && !strings.Contains(user, ":") {
		return false
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	switch prefix := strings.Join(labels[:len(labels)-2], "."); {
	case prefix == "":
	case r.Kind == "flycast":
		return false // Flycast names have no sub-names
	case !subName().MatchString(prefix):
		return false
	}
	return !continues(s, r)
}

// continues reports whether the match is only part of a longer host name:
// followed by another label (api.internal.example.com, api.internal-lb)
// or preceded by one the pattern could not take (_apps.internal, a DNS
// service name, not an app).
func continues(s string, r Ref) bool {
	if r.End < len(s) && !HasPort(r.Text) {
		c := s[r.End]
		if c == '-' || c == '_' || (c == '.' && r.End+1 < len(s) && isHostByte(s[r.End+1])) {
			return true
		}
	}
	if r.Start > 0 && !strings.Contains(r.Text, "://") {
		switch s[r.Start-1] {
		case '_', '.', '-':
			return true
		case '%':
			// "http://%s.flycast": a fmt verb (or a %-escape) stands
			// where the name goes; the letter after % is no app.
			return true
		}
	}
	return false
}

// split takes a reference's text apart: the host without scheme, user
// info or port, lower case, and the user info.
func split(t string) (host string, hasScheme bool, user string, hasUser bool) {
	if i := strings.Index(t, "://"); i >= 0 {
		t, hasScheme = t[i+3:], true
	}
	if i := strings.LastIndexByte(t, '@'); i >= 0 {
		user, t, hasUser = t[:i], t[i+1:], true
	}
	if i := strings.IndexByte(t, ':'); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(t), hasScheme, user, hasUser
}

// HasPort reports whether an address ends with an explicit :port.
func HasPort(t string) bool {
	i := strings.LastIndexByte(t, ':')
	if i < 0 || i == len(t)-1 {
		return false
	}
	_, err := strconv.Atoi(t[i+1:])
	return err == nil
}

func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Mentions reports, cheaply and without allocating, whether s could hold
// a reference: almost every value and string literal names no private
// address, and callers skip the rest of their work for those.
func Mentions(s string) bool {
	return containsFold(s, ".internal") || containsFold(s, ".flycast")
}

// containsFold is strings.Contains ignoring ASCII case, without
// allocating a lower-case copy of s.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
