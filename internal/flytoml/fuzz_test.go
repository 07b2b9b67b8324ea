package flytoml

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/flylint-dev/flylint/internal/source"
)

var fuzzSeeds = []string{
	"",
	"app = 'x'\n",
	"\xef\xbb\xbfapp = \"x\"\r\n[env]\r\nPORT = 8080\r\n",
	"[http_service]\ninternal_port = \"8080\"\nconcurrency = 20\n[[http_service.checks]]\ninterval = 10000\n",
	"[[services]]\ninternal_port = \"8080\"\nprotocol = \"tcp\"\n[[services.ports]]\nport = \"80\"\nhandlers = \"http\"\nstart_port = \"1\"\n[[services.tcp_checks]]\ninterval = 10000\nrestart_limit = 0\n",
	"[services]\ninternal_port = 8080\n[services.concurrency]\nhard_limit = 25\n",
	"processes = []\n[[processes]]\nname = 'web'\ncommand = 'x'\n",
	"[[env]]\nA = 1\n[[env]]\nB = true\n",
	"[experimental]\ncmd = ['a', 'b']\nexec = 'x y'\nprivate_network = true\n",
	"http_service.internal_port = 8080\nhttp_service.concurrency = {type=\"requests\", hard_limit=25}\n",
	"a = [ [1, 2], [ {x = 1}, \"s\" ], ]\nb = { c = { d = [] } }\n",
	"[checks.x]\nport = 1\n[checks.x.headers]\nA = 'b'\n",
	"a = 1\na = 2\n",
	"[a]\n[a]\n",
	"x = \"\x00\"\n",
	"x = '\xff'\n",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("testdata/full.toml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fly.toml", data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T, want *SyntaxError", err)
			}
			checkRange(t, data, se.Range)
			if se.Message == "" {
				t.Fatal("empty syntax error message")
			}
		} else {
			walkRanges(reflect.ValueOf(cfg), func(r source.Range) { checkRange(t, data, r) })
			for _, p := range cfg.Problems {
				if p.Message == "" || p.Kind == 0 {
					t.Fatalf("problem without kind or message: %+v", p)
				}
				checkRange(t, data, p.Range)
			}
		}
		// Parse must accept exactly what flyctl's TOML reader accepts
		// (a BOM aside, which flylint reads past on purpose).
		if len(data) < 1<<14 && !bytes.HasPrefix(data, bom) {
			var m map[string]any
			terr := toml.Unmarshal(data, &m)
			if (terr == nil) != (err == nil) {
				t.Fatalf("Parse error %v, go-toml error %v", err, terr)
			}
		}
	})
}

func checkRange(t *testing.T, data []byte, r source.Range) {
	t.Helper()
	if !r.IsValid() {
		return // a zero range of an absent field
	}
	if r.Start.Line < 1 || r.Start.Col < 1 || r.Start.Offset < 0 || r.End.Offset > len(data) || r.Start.Offset > r.End.Offset {
		t.Fatalf("range %+v outside a %d-byte file", r, len(data))
	}
}

// walkRanges calls f on every source.Range reachable from v.
func walkRanges(v reflect.Value, f func(source.Range)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkRanges(v.Elem(), f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkRanges(v.Index(i), f)
		}
	case reflect.Struct:
		if r, ok := v.Interface().(source.Range); ok {
			f(r)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkRanges(v.Field(i), f)
			}
		}
	}
}
