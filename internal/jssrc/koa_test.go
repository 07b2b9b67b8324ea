package jssrc

import (
	"os"
	"testing"
)

func TestKoaSSLify(t *testing.T) {
	deps := map[string]bool{"koa": true, "koa-sslify": true}
	cases := []struct {
		name, src string
		deps      map[string]bool
		want      string
	}{
		{"default resolver", `const Koa = require("koa");
const sslify = require("koa-sslify").default;
const app = new Koa();
app.use(sslify());
app.listen(3000);
`, deps, "scheme avoided=[] methods=[GET HEAD] @app.js:4:5"},
		{"x-forwarded-proto resolver, esm", `import Koa from "koa";
import sslify, { xForwardedProtoResolver } from "koa-sslify";
const app = new Koa();
app.on("error", (err) => console.error(err));
app.use(sslify({ resolver: xForwardedProtoResolver, temporary: true }));
app.listen(3000);
`, deps, "x-forwarded-proto avoided=[] methods=[GET HEAD] @app.js:5:5"},
		{"redirect methods", `const Koa = require("koa");
const { default: sslify, xForwardedProtoResolver: resolver } = require("koa-sslify");
const app = new Koa();
app.use(sslify({ resolver, redirectMethods: ["GET", "post"] }));
app.listen(3000);
`, deps, "x-forwarded-proto avoided=[] methods=[GET ] @app.js:4:5"},
		{"azure resolver", `const Koa = require("koa");
const { default: sslify, azureResolver } = require("koa-sslify");
const app = new Koa();
app.use(sslify({ resolver: azureResolver }));
app.listen(3000);
`, deps, "unknown"},
		{"middleware before", `const Koa = require("koa");
const sslify = require("koa-sslify").default;
const serve = require("koa-static");
const app = new Koa();
app.use(serve("public"));
app.use(sslify());
app.listen(3000);
`, deps, "unknown"},
		{"proxy set after", `const Koa = require("koa");
const sslify = require("koa-sslify").default;
const app = new Koa();
app.use(sslify());
app.proxy = true;
app.listen(3000);
`, deps, "unknown"},
		{"options to Koa", `const Koa = require("koa");
const sslify = require("koa-sslify").default;
const app = new Koa({ proxy: true });
app.use(sslify());
app.listen(3000);
`, deps, "none"},
		{"not a dependency", `const Koa = require("koa");
const sslify = require("koa-sslify").default;
const app = new Koa();
app.use(sslify());
app.listen(3000);
`, map[string]bool{"koa": true}, "none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Analyze("app.js", Options{Deps: c.deps, Root: "testdata/app", ReadFile: func(rel string) ([]byte, error) {
				if rel == "app.js" {
					return []byte(c.src), nil
				}
				return nil, os.ErrNotExist
			}})
			if len(res.Listeners) != 1 {
				t.Fatalf("listeners: %v, errors %v", res.Listeners, res.Errors)
			}
			if got := redirectOf(res.Listeners[0], "/up"); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
