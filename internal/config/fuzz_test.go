package config

import (
	"errors"
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add(Starter())
	f.Add([]byte("fail-on = \"error\"\n[severity]\nexpose-mismatch = \"info\"\n"))
	f.Add([]byte("apps = { web = { flycast = true } }\n[apps.api]\n"))
	f.Add([]byte("enable = [1, [\"x\"], { a = 1 }]\n"))
	f.Add([]byte("[[apps]]\n[apps.x]\napps.y = 1\n"))
	f.Add([]byte("\uFEFFexclude = [\"**/a\", \"[\"]\r\n"))
	f.Add([]byte("a = [\n# c\n[1, # d\n{x = 2, # e\n}],\n]\n"))
	f.Add([]byte("x = \"\x00\xff\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load("f.toml", data, known)
		if (c == nil) == (err == nil) {
			t.Fatalf("Load = %v, %v: want exactly one", c, err)
		}
		var list ErrorList
		if err != nil && (!errors.As(err, &list) || len(list) == 0) {
			t.Fatalf("err %T %v", err, err)
		}
		for _, e := range list {
			r := e.Range
			if r.File != "f.toml" || !r.Start.IsValid() || r.Start.Offset > r.End.Offset || r.End.Offset > len(data) {
				t.Fatalf("bad range %+v for %q", r, e.Message)
			}
		}
	})
}
