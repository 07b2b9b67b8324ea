package flytomlschema

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"[http_service]\n  internal_port = 8080\n  auto_stop_machines = \"suspend\"\n",
	"[[services]]\n  protocol = \"tcp\"\n[[services.ports]]\n  handlers = [\"tls\", \"http\"]\n[services.concurrency]\n  type = \"requests\"\n",
	"http_service = { concurrency = { type = \"requests\" }, tls_options = { alpn = [\"h2\"] } }\n",
	"http_service.concurrency.type = \"req",
	"[[serv",
	"[checks.alive]\ntype = 'http'\nheaders = { X = \"y\" }\n",
	"x = \"\"\"\n[[services]]\n\"\"\"\n[deploy]\nstrategy = '''a\nb'''\n",
	"handlers = [\n\"tls\", # c\n[http_service]\n",
	"a.\"b\".'c' = [[1, [2]], {x = {y = \"\\\"\"}}]\r\n[\"q\".r]\n",
	"[env]\n\"A B\" = 1\n\xff\xfe\x00[[",
}

// FuzzHover: Hover never panics, and a hover it returns covers the offset
// inside the buffer.
func FuzzHover(f *testing.F) {
	for _, s := range fuzzSeeds {
		for _, off := range []int{0, len(s) / 2, len(s)} {
			f.Add([]byte(s), off)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, off int) {
		md, a, b, ok := Hover(src, off)
		if !ok {
			return
		}
		if a < 0 || b > len(src) || a > b || off < a || off > b {
			t.Fatalf("range [%d,%d) for offset %d in %d bytes", a, b, off, len(src))
		}
		if md == "" {
			t.Fatal("empty Markdown")
		}
	})
}

// FuzzComplete: Complete never panics, every candidate replaces a range
// around the offset, and what it inserts is valid UTF-8.
func FuzzComplete(f *testing.F) {
	for _, s := range fuzzSeeds {
		for _, off := range []int{0, len(s) / 2, len(s)} {
			f.Add([]byte(s), off)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, off int) {
		for _, c := range Complete(src, off) {
			if c.ReplaceStart < 0 || c.ReplaceEnd > len(src) || c.ReplaceStart > c.ReplaceEnd || off < c.ReplaceStart || off > c.ReplaceEnd {
				t.Fatalf("%s replaces [%d,%d) for offset %d in %d bytes", c.Label, c.ReplaceStart, c.ReplaceEnd, off, len(src))
			}
			if c.Label == "" || c.InsertText == "" || !utf8.ValidString(c.InsertText) {
				t.Fatalf("candidate %+v", c)
			}
		}
	})
}
