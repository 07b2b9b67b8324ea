package flytomlschema

import (
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/flytoml"
)

// walkSchema calls f with the schema path of every key flytoml's decoder
// accepts.
func walkSchema(f func(path string, k *flytoml.Key)) {
	var walk func(keys []*flytoml.Key, prefix string)
	walk = func(keys []*flytoml.Key, prefix string) {
		for _, k := range keys {
			p := join(prefix, k.Name)
			f(p, k)
			walk(k.Keys, p)
		}
	}
	walk(flytoml.Schema(), "")
}

// TestDocsCoverSchema: every key the decoder accepts has words, every
// enumerated value has words, and no entry documents a key or value that
// does not exist, so docs.go cannot drift from flytoml.
func TestDocsCoverSchema(t *testing.T) {
	used := map[string]bool{}
	usedAny := map[string]bool{}
	usedValue := map[string]bool{}
	n := 0
	walkSchema(func(p string, k *flytoml.Key) {
		n++
		e, ok := entryFor(p)
		switch {
		case !ok:
			t.Errorf("%s: no documentation", p)
			return
		case strings.TrimSpace(e.doc) == "":
			t.Errorf("%s: empty documentation", p)
		}
		// Which entry answered.
		if _, ok := docs()[p]; ok {
			used[p] = true
		} else {
			found := false
			for _, sh := range shared {
				if rest, ok := strings.CutPrefix(p, sh.from); ok && (rest == "" || rest[0] == '.') {
					if _, ok := docs()[sh.to+rest]; ok {
						used[sh.to+rest] = true
						found = true
						break
					}
				}
			}
			if !found {
				usedAny[p[strings.LastIndexByte(p, '.')+1:]] = true
			}
		}
		for _, v := range k.Values {
			if valueDoc(p, v) == "" {
				t.Errorf("%s: value %q has no documentation", p, v)
			}
		}
		if e.values != nil {
			for v := range e.values {
				usedValue[p+"="+v] = true
				if !slices.Contains(k.Values, v) {
					t.Errorf("%s: documents value %q, which flytoml does not list", p, v)
				}
			}
		}
		if !strings.HasPrefix(link(p), refURL) {
			t.Errorf("%s: link %q", p, link(p))
		}
	})
	for p := range docs() {
		if !used[p] {
			t.Errorf("docs()[%q] documents no key of flytoml.Schema", p)
		}
	}
	for name := range anyLevel() {
		if !usedAny[name] {
			t.Errorf("anyLevel()[%q] documents no key", name)
		}
	}
	for _, sh := range shared {
		if !resolve(strings.Split(sh.from, ".")).ok || !resolve(strings.Split(sh.to, ".")).ok {
			t.Errorf("shared %s -> %s names a table that does not exist", sh.from, sh.to)
		}
	}
	if n < 250 {
		t.Errorf("walked only %d keys", n)
	}
}
