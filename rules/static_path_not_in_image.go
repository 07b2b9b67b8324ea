package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var StaticPathNotInImage = Register(&Rule{
	ID:       "static-path-not-in-image",
	Severity: diag.Warning,
	Title:    "A [[statics]] guest_path is a directory a FROM scratch image does not have",
	Since:    "0.2.0",
	Why: "A `[[statics]]` `guest_path` names a directory that the image, built `FROM scratch`, cannot hold: no `COPY` or `ADD` of the final stage's build puts anything there.\n\n" +
		"Fly's configuration reference says `guest_path` is \"the directory in your Docker image to serve files from\", and that Fly Proxy sends a request under `url_prefix` to the statics file server inside the Machine only \"if the requested file exists in your `guest_path`\". " +
		"An image built `FROM scratch` starts empty, so its files are exactly what the Dockerfile's `COPY` and `ADD` put there; when none of them writes at or under `guest_path`, the mapping can never serve a file and every request under `url_prefix` goes on to the app. " +
		"The common cause is a multi-stage build that copies only the binary into the last stage and leaves the assets in the build stage. " +
		"Copy the assets to `guest_path` in the final stage (`COPY --from=build /src/public /app/public`), or point `guest_path` at the directory the Dockerfile does copy them to.\n\n" +
		"The rule speaks only when the evidence is complete: the build must start `FROM scratch` (an image from a registry has files flylint cannot see), have no `RUN` anywhere in the final stage's chain (a `RUN` can write anywhere), and copy nowhere flylint cannot resolve (a destination with a variable). " +
		"A `[[mounts]]` destination or a `[[files]]` entry at or under `guest_path` also counts as files being there. " +
		"A relative `guest_path` is not checked: flyctl treats it as a directory on the deploying machine and uploads it to a Tigris bucket (flyctl's `StaticIsCandidateForTigrisPush`), and a mapping with `tigris_bucket` serves from that bucket, not the image. " +
		"If the app itself writes the files into `guest_path` when it starts, the mapping works: suppress the finding on that line.",
	ExampleFile: "Dockerfile",
	Bad: `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM scratch
COPY --from=build /out/server /server
CMD ["/server"]
# fly.toml: [[statics]] guest_path = "/app/public", url_prefix = "/static"`,
	Good: `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM scratch
COPY --from=build /out/server /server
COPY --from=build /src/public /app/public
CMD ["/server"]
# fly.toml: [[statics]] guest_path = "/app/public", url_prefix = "/static"`,
	URLs: []string{
		// superfly/docs reference/configuration.html.markerb at 5c22c8c
		// (2026-08-07), "Serving statics from a Fly Machine": "The
		// guest_path is the directory in your Docker image to serve files
		// from"; "If the requested file exists in your guest_path, the
		// request is routed to a static file server running inside your
		// machine."
		"https://fly.io/docs/reference/configuration/#the-statics-sections",
		// flyctl internal/command/deploy/statics/deployer.go at ad0172f
		// (2026-08-21): a guest_path not starting with "/" and without
		// tigris_bucket is uploaded from the local disk to Tigris.
		"https://github.com/superfly/flyctl/blob/master/internal/command/deploy/statics/deployer.go",
		// Docker docs, "Base images": "The reserved, minimal scratch image
		// serves as a starting point"; nothing is in it but what the build adds.
		"https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch",
	},
	Tags: []string{"statics", "dockerfile"},
	Check: func(p *Pass) {
		cfg, img := p.App.Config, p.App.Image
		if cfg == nil || img == nil || len(cfg.Statics) == 0 || len(img.Chain) == 0 {
			return
		}
		// An image flylint cannot see all of says nothing about a path.
		if img.Root != "scratch" || len(img.Problems) > 0 {
			return
		}
		writes, known := scratchWrites(img)
		if !known {
			return
		}
		fly := flyWrites(cfg)
		for _, s := range cfg.Statics {
			if s == nil || !s.GuestPath.OK || !path.IsAbs(s.GuestPath.V) {
				continue
			}
			if fromTigrisBucket(s) {
				continue
			}
			gp := path.Clean(s.GuestPath.V)
			if pathsMeet(gp, writes) || pathsMeet(gp, fly) {
				continue
			}
			prefix := ""
			if s.URLPrefix.OK {
				prefix = fmt.Sprintf(" under %q", s.URLPrefix.V)
			}
			p.Report(diag.Diagnostic{Range: s.GuestPath.Value,
				Related: []diag.Related{{Range: img.Chain[0].From, Message: "this FROM is scratch for this build: the image starts from an empty filesystem"}},
				Message: fmt.Sprintf("guest_path %q is not in the image: it is built FROM scratch, so it holds only what COPY and ADD put there, and %s. "+
					"Fly Proxy sends a request to the statics server only when the file exists in guest_path, so this mapping serves nothing and requests%s reach the app. "+
					"COPY the assets to %s in the final stage, or set guest_path to the directory they are copied to.",
					s.GuestPath.V, describeWrites(gp, writes), prefix, gp)})
		}
	},
})

// scratchWrites returns the absolute paths the COPY and ADD instructions
// of img's chain write to. known is false when the image may hold files
// flylint cannot place: a RUN (it can write anywhere) or a destination
// with a variable.
func scratchWrites(img *dockerfile.Image) (writes []string, known bool) {
	for _, st := range img.Chain {
		if len(st.Runs) > 0 {
			return nil, false
		}
		for _, c := range st.Copies {
			dest := c.Dest
			if !path.IsAbs(dest) {
				if c.Workdir == "" {
					return nil, false
				}
				dest = path.Join(c.Workdir, dest)
			}
			if strings.Contains(dest, "$") {
				return nil, false
			}
			writes = append(writes, path.Clean(dest))
		}
	}
	return writes, true
}

// flyWrites are the paths Fly itself puts files at when the Machine
// starts: volume mounts and [[files]].
func flyWrites(cfg *flytoml.Config) []string {
	var out []string
	for _, m := range cfg.Mounts {
		if m != nil && m.Destination.OK && path.IsAbs(m.Destination.V) {
			out = append(out, path.Clean(m.Destination.V))
		}
	}
	for _, f := range cfg.Files {
		if f != nil && f.GuestPath.OK && path.IsAbs(f.GuestPath.V) {
			out = append(out, path.Clean(f.GuestPath.V))
		}
	}
	return out
}

// pathsMeet reports whether anything written lands at or under dir, or
// is a directory dir may lie in (a copied directory may hold it).
func pathsMeet(dir string, writes []string) bool {
	for _, w := range writes {
		if w == dir || pathUnder(w, dir) || pathUnder(dir, w) {
			return true
		}
	}
	return false
}

func pathUnder(p, dir string) bool {
	return dir == "/" || strings.HasPrefix(p, dir+"/")
}

// describeWrites says where the image does have files, so the fix can
// pick the right directory.
func describeWrites(dir string, writes []string) string {
	if len(writes) == 0 {
		return "the Dockerfile copies nothing into it"
	}
	const show = 3
	more := ""
	if len(writes) > show {
		more = fmt.Sprintf(" and %d more", len(writes)-show)
	}
	return fmt.Sprintf("nothing is copied at or under %s (the image has files only at %s%s)", dir, strings.Join(writes[:min(len(writes), show)], ", "), more)
}
