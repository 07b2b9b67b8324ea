package exconfig

import "testing"

// FuzzLoad: any file reads or fails with an error, never a panic, within
// the nesting limits.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{configExs, prodExs, runtimeExs, "~w(a (b) c)", `"#{"#{a}"}"`, "fn -> 1 end", "?\\n", ":\"a#{b}\"", "a.b.(c)[d]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _, _ = Load(func(rel string) ([]byte, string, bool) {
			switch rel {
			case "config/config.exs":
				return []byte(src), rel, true
			case "config/prod.exs", "config/runtime.exs":
				return []byte(src), rel, true
			}
			return nil, "", false
		}, Env{MixEnv: "prod"})
	})
}
