package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var BuildTimeEnvAtRuntime = Register(&Rule{
	ID:       "build-time-env-at-runtime",
	Severity: diag.Warning,
	Title:    "A variable the JavaScript build inlines is set only at run time",
	Since:    "0.1.0",
	Why: "`[env]` sets a `NEXT_PUBLIC_*`, `VITE_*`, `PUBLIC_*` (Astro) or `REACT_APP_*` variable, and the Dockerfile (or a Node buildpack: Heroku's runs the `build` script, Paketo's the scripts in `BP_NODE_RUN_SCRIPTS`) runs the build that inlines such variables into the JavaScript bundle (`next build`, `vite build`, `astro build`, `react-scripts build`) without it: `[env]` reaches the Machine when it starts, long after the image was built, so the browser code has `undefined` (or whatever the build saw) in its place.\n\n" +
		"Next.js replaces `process.env.NEXT_PUBLIC_*` with the values it finds during `next build`; Vite (and Astro, React Router and Remix builds on it) replaces `import.meta.env.VITE_*` (Astro: `PUBLIC_*`) during `vite build`; Create React App embeds `REACT_APP_*` during `react-scripts build`. " +
		"Fly's `[env]` and `fly secrets` are run-time only; a build sees a value only through `[build.args]` with a matching `ARG` in the Dockerfile's build stage, before the build step (or `fly deploy --build-arg`, or a build secret for values that must not stay in the image).\n\n" +
		"To fix it, add the variable to `[build.args]` and declare `ARG NAME` in the stage that runs the build, before the `RUN` (a buildpack build needs only `[build.args]`, which flyctl gives it as its environment). " +
		"A variable given by `ARG`/`ENV` before the build step, set in the `RUN` or its package.json script, written in a `.env`/`.env.production` file, or with a build secret mounted on the step is not reported; neither is one when a Vite or Astro config sets `envPrefix`. " +
		"SvelteKit's `PUBLIC_*` variables are not reported: `$env/dynamic/public` reads them when the server starts, and `$env/static/public` fails the build when one is missing.",
	ExampleFile: "fly.toml",
	Bad: `# Dockerfile: RUN npm run build   ("build": "next build")
[env]
  NEXT_PUBLIC_API_URL = "https://api.example.com"`,
	Good: `# Dockerfile: ARG NEXT_PUBLIC_API_URL
#             RUN npm run build
[build.args]
  NEXT_PUBLIC_API_URL = "https://api.example.com"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-build-section",
		"https://fly.io/docs/apps/build-secrets/",
		"https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser",
		"https://vite.dev/guide/env-and-mode",
		"https://docs.astro.build/en/guides/environment-variables/",
		"https://create-react-app.dev/docs/adding-custom-environment-variables/",
		"https://docs.docker.com/reference/dockerfile/#scope",
	},
	Tags: []string{"env", "build"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || len(p.App.Inlined) == 0 {
			return
		}
		buildArgs := map[string]bool{}
		if cfg.Build != nil {
			for _, a := range cfg.Build.Args {
				if a != nil {
					buildArgs[a.Name] = true
				}
			}
		}
		for _, e := range cfg.Env {
			if e == nil {
				continue
			}
			step := unseenBy(p.App.Inlined, e.Name)
			if step == nil {
				continue
			}
			d := diag.Diagnostic{Range: e.Key, Related: []diag.Related{{Range: step.Step,
				Message: fmt.Sprintf("the build step that runs %s, which inlines %s* variables", step.Command, step.Prefix)}}}
			if step.Buildpack {
				d.Related[0].Message = fmt.Sprintf("the buildpack, which runs %s while it builds the image and inlines %s* variables", step.Command, step.Prefix)
				d.Message = fmt.Sprintf("[env] %[1]s is set only when the Machine starts, but the buildpack runs `%[2]s` while it builds the image, and %[3]s inlines %[4]s* variables into the JavaScript bundle then, without %[1]s, so the browser code sees undefined. Pass it at build time: add %[1]s to [build.args], which flyctl gives the buildpack build as its environment.", e.Name, step.Command, step.Framework, step.Prefix)
			} else if buildArgs[e.Name] && !step.Declared(e.Name) {
				d.Message = fmt.Sprintf("[env] %[1]s and [build.args] %[1]s are set, but the Dockerfile stage that runs `%[2]s` declares no `ARG %[1]s` before it, so docker does not pass the build arg to the build and %[3]s inlines %[1]s as undefined into the JavaScript bundle; the [env] value arrives only when the Machine starts, too late for code that was built. Add `ARG %[1]s` to that stage, before the RUN that builds.", e.Name, step.Command, step.Framework)
			} else {
				d.Message = fmt.Sprintf("[env] %[1]s is set only when the Machine starts, but %[2]s inlines %[3]s* variables into the JavaScript bundle at `%[4]s` while the image is built, and that build is not given %[1]s, so the browser code sees undefined. Pass it at build time: add %[1]s to [build.args] and `ARG %[1]s` to the Dockerfile stage that builds, before the RUN (use a build secret if the value must not stay in the image).", e.Name, step.Framework, step.Prefix, step.Command)
			}
			p.Report(d)
		}
	},
})

// unseenBy returns the first build that inlines name, when no build that
// inlines it is given it; nil otherwise.
func unseenBy(builds []*workspace.InlinedEnv, name string) *workspace.InlinedEnv {
	var first *workspace.InlinedEnv
	for _, b := range builds {
		if !strings.HasPrefix(name, b.Prefix) || len(name) == len(b.Prefix) {
			continue
		}
		if b.Given(name) {
			return nil
		}
		if first == nil {
			first = b
		}
	}
	return first
}
