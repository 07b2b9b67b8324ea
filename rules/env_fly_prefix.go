package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

var EnvFlyPrefix = Register(&Rule{
	ID:       "env-fly-prefix",
	Severity: diag.Warning,
	Title:    "An [env] variable uses a name Fly reserves",
	Since:    "0.1.0",
	Why: "An `[env]` name starts with `FLY_`, or sets `PRIMARY_REGION` while `primary_region` is set: Fly's runtime sets these names itself, so the value in fly.toml is not the one the app sees, or clashes with it.\n\n" +
		"Fly's docs say `[env]` names cannot begin with `FLY_`, because Fly sets `FLY_APP_NAME`, `FLY_REGION`, `FLY_PRIVATE_IP`, `FLY_PROCESS_GROUP` and others in every Machine (flyctl always overwrites `FLY_PROCESS_GROUP`). " +
		"`primary_region` sets `PRIMARY_REGION` and overrides an `[env]` value of it. Rename your variable (names are case-sensitive, so `fly_x` is yours), or use `primary_region` alone.",
	ExampleFile: "fly.toml",
	Bad: `primary_region = "ams"

[env]
  FLY_REGION_OVERRIDE = "ams"
  PRIMARY_REGION = "iad"`,
	Good: `primary_region = "iad"

[env]
  APP_REGION_OVERRIDE = "ams"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-env-variables-section",
		"https://fly.io/docs/machines/runtime-environment/",
	},
	Tags: []string{"env"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		for _, e := range cfg.Env {
			if e == nil {
				continue
			}
			switch {
			case strings.HasPrefix(e.Name, "FLY_"):
				p.Reportf(e.Key, "[env] %s starts with FLY_, a prefix Fly reserves for the variables it sets in every Machine, so this value may be overwritten or clash with Fly's. Rename the variable without the FLY_ prefix.", e.Name)
			case e.Name == "PRIMARY_REGION" && cfg.PrimaryRegion.OK && cfg.PrimaryRegion.V != "":
				d := diag.Diagnostic{Range: e.Key,
					Related: []diag.Related{{Range: cfg.PrimaryRegion.Value, Message: "primary_region, which sets PRIMARY_REGION"}},
					Message: fmt.Sprintf("[env] PRIMARY_REGION is overridden by primary_region = %q, which sets PRIMARY_REGION in every Machine, so this value is never seen. Remove it from [env] and set primary_region instead.", cfg.PrimaryRegion.V)}
				if e.Value.OK && e.Value.V == cfg.PrimaryRegion.V {
					d.Message = fmt.Sprintf("[env] PRIMARY_REGION repeats primary_region = %q, which already sets PRIMARY_REGION in every Machine and overrides [env]. Remove it from [env], so that changing primary_region cannot leave a stale copy here.", cfg.PrimaryRegion.V)
				}
				p.Report(d)
			}
		}
	},
})
