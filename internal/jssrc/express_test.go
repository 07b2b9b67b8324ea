package jssrc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

// redirectOf renders what a listener's routes do with a plain GET of path.
func redirectOf(l listen.Listener, path string) string {
	if l.Routes == nil {
		return "none"
	}
	r := l.Routes.For(path)
	switch r.Kind {
	case listen.NoRedirect:
		return "no"
	case listen.RedirectUnknown:
		return "unknown"
	}
	return fmt.Sprintf("%s avoided=%v methods=%v @%s", r.Cond, r.AvoidedBy, r.Methods, pos(r.Range))
}

func TestExpressSSLify(t *testing.T) {
	deps := map[string]bool{"express": true, "express-sslify": true}
	prod := listen.Env{"NODE_ENV": {Name: "NODE_ENV", Value: "production"}}
	cases := []struct {
		name, src string
		env       listen.Env
		deps      map[string]bool
		path      string
		want      string
	}{
		{"proto header", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.get("/health", (req, res) => res.send("ok"));
app.listen(3000);
`, nil, deps, "/health", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:4:5"},
		{"esm, no options: req.secure", `import express from "express";
import enforce from "express-sslify";
const app = express();
app.use(express.json());
app.use(enforce.HTTPS());
app.listen(3000);
`, nil, deps, "/up", "scheme avoided=[] methods=[GET HEAD] @app.js:5:5"},
		{"named import, azure", `import express from "express";
import { HTTPS } from "express-sslify";
const app = express();
app.use(HTTPS({ trustAzureHeader: true }));
app.listen(3000);
`, nil, deps, "/", "scheme avoided=[x-arr-ssl] methods=[GET HEAD] @app.js:4:5"},
		{"route before", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.get("/Health/", (req, res) => res.send("ok"));
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/health?x=1", "no"},
		{"route before, other path", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.get("/health", (req, res) => res.send("ok"));
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:5:5"},
		{"router mounted before, other path", `const express = require("express");
const enforce = require("express-sslify");
const auth = require("./auth");
const app = express();
app.use("/Auth/", auth);
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/authx", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:6:5"},
		{"router mounted before, its path", `const express = require("express");
const enforce = require("express-sslify");
const auth = require("./auth");
const app = express();
app.use("/Auth/", auth);
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/auth/up", "unknown"},
		{"static before", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(express.static("public"));
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"trust proxy", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.set("trust proxy", true);
app.use(enforce.HTTPS());
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"trust proxy after, in a function", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(enforce.HTTPS());
function behindProxy() { app.enable("trust proxy"); }
app.set("view engine", "ejs");
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"setting named by a variable", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
const setting = process.env.SETTING;
app.use(enforce.HTTPS());
app.set(setting, true);
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"other settings", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(enforce.HTTPS());
app.set("view engine", "ejs");
app.disable("x-powered-by");
app.listen(3000);
`, nil, deps, "/up", "scheme avoided=[] methods=[GET HEAD] @app.js:4:5"},
		{"production, known", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
if (process.env.NODE_ENV === "production") {
  app.use(enforce.HTTPS({ trustProtoHeader: true }));
}
app.listen(3000);
`, prod, deps, "/up", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:5:7"},
		{"production, unset", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
if (process.env.NODE_ENV === "production") {
  app.use(enforce.HTTPS({ trustProtoHeader: true }));
}
app.listen(3000);
`, nil, deps, "/up", "none"},
		{"not development, unset", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
if (process.env.NODE_ENV !== "development") app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "none"},
		{"not development, known", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
if (process.env.NODE_ENV !== "development") app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, prod, deps, "/up", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:4:49"},
		{"other condition", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
if (process.env.FORCE_SSL) app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, prod, deps, "/up", "none"},
		{"inside a function", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
function secure() { app.use(enforce.HTTPS({ trustProtoHeader: true })); }
app.listen(3000);
`, nil, deps, "/up", "none"},
		{"local call before", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
function routes() { app.get("/up", (req, res) => res.send("ok")); }
routes();
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"app passed before", `const express = require("express");
const enforce = require("express-sslify");
const register = require("./routes");
const app = express();
register(app);
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"app passed in a declaration before", `const express = require("express");
const enforce = require("express-sslify");
const register = require("./routes");
const app = express();
const api = register(app);
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "unknown"},
		{"not a dependency", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, map[string]bool{"express": true}, "/up", "none"},
		{"another app listens", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
const other = express();
app.use(enforce.HTTPS({ trustProtoHeader: true }));
other.listen(3000);
`, nil, deps, "/up", "none"},
		{"http.createServer(app)", `const http = require("http");
const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use(enforce.HTTPS({ trustProtoHeader: true }));
const server = http.createServer(app);
server.listen(3000);
`, nil, deps, "/up", "x-forwarded-proto avoided=[x-forwarded-proto] methods=[GET HEAD] @app.js:5:5"},
		{"mount path", `const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.use("/api", enforce.HTTPS({ trustProtoHeader: true }));
app.listen(3000);
`, nil, deps, "/up", "none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Analyze("app.js", Options{Env: c.env, Deps: c.deps, Root: "testdata/app", ReadFile: func(rel string) ([]byte, error) {
				if rel == "app.js" {
					return []byte(c.src), nil
				}
				return nil, os.ErrNotExist
			}})
			if len(res.Listeners) != 1 {
				t.Fatalf("listeners: %v, errors %v", res.Listeners, res.Errors)
			}
			if got := redirectOf(res.Listeners[0], c.path); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestExpressPathMatch(t *testing.T) {
	for _, c := range []struct {
		route, path string
		want        bool
	}{{"/health", "/health", true}, {"/health", "/HEALTH/", true}, {"/", "/", true}, {"/health", "/healthz", false}, {"/a/b", "/a", false}} {
		if got := expressPathMatch(c.route, c.path); got != c.want {
			t.Errorf("%s vs %s: %v", c.route, c.path, got)
		}
	}
	if plainRoutePath("/health/:id") || plainRoutePath("/a*") || !plainRoutePath("/up.json") || strings.Contains("", "x") {
		t.Error("plainRoutePath")
	}
}
