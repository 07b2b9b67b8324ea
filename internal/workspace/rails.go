package workspace

import (
	iofs "io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/rubysrc"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
)

// railsPrograms are the interpreter's names for the servers that run a
// Rails app's middleware stack (internal/listen/servers.go).
//
// Thruster (bin/thrust, Rails 8's CMD, modelled in thruster.go) is not
// among them: it answers on its own port and forwards to Rails. What it
// forwards (basecamp/thruster@3acd601 internal/proxy_handler.go
// setXForwarded, config.go): without TLS_DOMAIN, FORWARD_HEADERS
// defaults on and a client's X-Forwarded-Proto is kept, so a check
// sending https still reaches Rails as https, and one sending nothing
// arrives as http (httputil.ProxyRequest.SetXForwarded) and is
// redirected. With TLS_DOMAIN or FORWARD_HEADERS=false the client's
// header is replaced by the scheme Thruster saw, so no header helps.
// Rails 8 also generates config.assume_ssl = true, which stops the
// redirect altogether. Its listener carries no routes, so a check on
// Thruster's port is not judged.
var railsPrograms = map[string]bool{"rails server": true, "puma": true}

// RailsRedirectBy names Rails' redirect in messages.
const RailsRedirectBy = "Rails (config.force_ssl)"

// rackSchemeHeaders are the request headers besides X-Forwarded-Proto
// that make Rack call a request https (Rack::Request::Helpers#scheme,
// rack 2.2 and 3.x: X-Forwarded-Ssl: on, X-Forwarded-Scheme, and in
// rack 3 Forwarded: proto=). A check sending one is not judged.
var rackSchemeHeaders = []string{"x-forwarded-proto", "x-forwarded-ssl", "x-forwarded-scheme", "forwarded"}

// envName is what a Rails environment name must look like for flylint
// to join it into a path: nothing that could leave config/environments.
func envName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// maxInitializers bounds how many config/initializers files are read,
// and maxInitializerEntries how many entries of that tree are visited.
// A real app has a few dozen (rails 8.0 generates 4).
const (
	maxInitializers       = 256
	maxInitializerEntries = 4096
)

// addRailsRoutes gives the listeners of a Rails server the HTTPS
// redirect that config.force_ssl makes ActionDispatch::SSL do: every
// request that is not request.ssl? gets a 301/307 to https:// unless
// ssl_options turns redirects off or excludes the path
// (actionpack/lib/action_dispatch/middleware/ssl.rb, Rails 7.1-8.0), and
// Rack counts a request as SSL when X-Forwarded-Proto is https.
//
// It reads only what decides that with certainty: the environment file
// Rails loads (config/environments/<Rails.env>.rb, after
// config/application.rb, so its assignment wins), and checks that
// config/application.rb and config/initializers mention none of these
// settings. Anything unclear leaves the listeners without routes.
func (b *appBuilder) addRailsRoutes(g *Group) {
	var idx []int
	for i, l := range g.Listeners {
		if railsPrograms[l.Program] && l.Proto == listen.TCP {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 || b.app.Image == nil || b.app.Dockerfile == nil || b.buildContext() == "" {
		return
	}
	r := b.railsRoutes(g)
	if r == nil {
		return
	}
	for _, i := range idx {
		g.Listeners[i].Routes = r
	}
}

func (b *appBuilder) railsRoutes(g *Group) *listen.HTTPRoutes {
	// An environment or a directory chosen on the command line
	// (rails server -e staging, RAILS_ENV=x in a script, cd) is not
	// followed.
	for _, a := range g.Command.Args {
		t := a.Text
		if strings.Contains(t, "RAILS_ENV") || strings.Contains(t, "RACK_ENV") || strings.HasPrefix(t, "-e") ||
			strings.HasPrefix(t, "--environment") || strings.Contains(t, "cd ") || t == "cd" || strings.HasPrefix(t, "--dir") {
			return nil
		}
	}
	env, ok := serverEnv(b.app.Env, true)
	if !ok || !envName(env) {
		return nil
	}
	root := b.app.Image.Workdir
	if !strings.HasPrefix(root, "/") {
		return nil
	}
	fsys := newImageFS(b, b.buildContext(), nil, []string{path.Join(root, "config")})
	envFile, disp, present, ok := fsys.readThrough(path.Join(root, "config/environments", env+".rb"))
	if !ok || !present {
		return nil // absent: force_ssl keeps its default, false
	}
	cfg, err := rubysrc.ReadSSL(envFile)
	if err != nil || !cfg.ForceSSL.Set || !cfg.ForceSSL.Value || cfg.AssumeSSL.Set && cfg.AssumeSSL.Value || cfg.Redirect == rubysrc.RedirectOff {
		return nil
	}
	// config/application.rb and every initializer may set the same
	// settings; initializers run after the environment file.
	app, _, present, ok := fsys.readThrough(path.Join(root, "config/application.rb"))
	if !ok || !present || mentions(app) {
		return nil
	}
	inits, ok := fsys.filesUnder(path.Join(root, "config/initializers"))
	if !ok {
		return nil
	}
	for _, p := range inits {
		data, _, present, ok := fsys.readThrough(p)
		if !ok || !present || mentions(data) {
			return nil
		}
	}
	lines := source.NewLines(envFile)
	red := listen.Redirect{Kind: listen.Redirects, Cond: listen.CondForwardedProto,
		Range: lines.Range(disp, cfg.ForceSSL.Off, cfg.ForceSSL.End), AvoidedBy: rackSchemeHeaders,
		Fix: "Add X-Forwarded-Proto = \"https\" to the check's headers table, as flyctl does in the checks it generates for Rails apps, " +
			"or set config.assume_ssl = true in the environment file (Rails 8 generates it), which makes Rails treat every request as HTTPS."}
	if cfg.Redirect == rubysrc.RedirectOpaque {
		red.Kind = listen.RedirectUnknown
	}
	return &listen.HTTPRoutes{By: RailsRedirectBy, Server: red}
}

// mentions reports whether a Ruby file may set Rails' SSL settings; a
// file that cannot be read may.
func mentions(data []byte) bool {
	toks, err := rubysrc.Tokenize(data)
	if err != nil {
		return true
	}
	_, ok := rubysrc.MentionsSSL(toks)
	return ok
}

// maxStageHops bounds the COPY --from hops through follows.
const maxStageHops = 4

// through follows an image path that a COPY --from=<stage> put in place
// to that stage's files: it returns the imageFS of the stage that holds
// p from the build context, and p's path there. ok is false when
// something flylint does not follow (a RUN, an image, a glob) may have
// written p. Generated Rails Dockerfiles copy the app into a build stage
// and then COPY --from=build /rails /rails.
func (fs *imageFS) through(p string, hops int) (*imageFS, string, bool) {
	p = path.Clean(p)
	covers := func(dir, p string) bool { return dir == p || strings.HasPrefix(p, dir+"/") }
	var last *opaqueWrite
	for i := range fs.opaque {
		if o := &fs.opaque[i]; covers(o.image, p) && (last == nil || o.seq > last.seq) {
			last = o
		}
	}
	if last == nil {
		return fs, p, true
	}
	for _, m := range fs.maps {
		if m.seq > last.seq && (covers(m.image, p) || covers(p, m.image)) {
			return nil, "", false
		}
	}
	for _, o := range fs.opaque {
		if o.seq > last.seq && covers(p, o.image) {
			return nil, "", false
		}
	}
	for _, t := range fs.tainted {
		if covers(t, p) || covers(p, t) {
			return nil, "", false
		}
	}
	for _, r := range fs.rms {
		if r.seq > last.seq && (covers(r.pattern, p) || covers(p, r.pattern) || strings.ContainsAny(r.pattern, "*?[")) {
			return nil, "", false
		}
	}
	if last.from == "" || hops >= maxStageHops || fs.b.app.Dockerfile == nil {
		return nil, "", false
	}
	name := strings.ToLower(last.from)
	sub, seen := fs.stages[name]
	if !seen {
		if img, err := fs.b.app.Dockerfile.Image(name, fs.b.buildArgs); err == nil {
			sub = newImageFSOf(fs.b, img, fs.ctx, nil, fs.watched)
		}
		if fs.stages == nil {
			fs.stages = map[string]*imageFS{}
		}
		fs.stages[name] = sub
	}
	if sub == nil {
		return nil, "", false
	}
	return sub.through(last.src+strings.TrimPrefix(p, last.image), hops+1)
}

// readThrough reads the image file at p, following COPY --from. present
// is false for a file the image is known not to have.
func (fs *imageFS) readThrough(p string) (data []byte, display string, present, ok bool) {
	sub, sp, ok := fs.through(p, 0)
	if !ok {
		return nil, "", false, false
	}
	rel, known := sub.lookup(sp)
	if !known {
		return nil, "", false, false
	}
	if rel == "" {
		return nil, "", false, true
	}
	data, display, ok = sub.read(rel)
	return data, display, true, ok
}

// filesUnder lists the .rb files anywhere under the image directory dir
// (Rails loads config/initializers/**/*.rb), as image paths of the final
// image. ok is false when the directory's content is not known: only a
// directory that one COPY of a build-context directory fills is.
func (fs *imageFS) filesUnder(dir string) ([]string, bool) {
	sub, sdir, ok := fs.through(dir, 0)
	if !ok || sub.isTainted(sdir, 0) {
		return nil, false
	}
	var from *mapping
	for i := range sub.maps {
		m := &sub.maps[i]
		switch {
		case m.dir && (m.image == sdir || strings.HasPrefix(sdir, m.image+"/")):
			if from == nil || m.seq > from.seq {
				from = m
			}
		case strings.HasPrefix(m.image, sdir+"/"):
			return nil, false // another COPY adds files: not followed
		}
	}
	if from == nil {
		return nil, true // nothing copied there
	}
	ctxDir := filepath.Join(sub.ctx, filepath.FromSlash(path.Join(from.ctx, strings.TrimPrefix(strings.TrimPrefix(sdir, from.image), "/"))))
	if !safefile.Within(sub.ctx, ctxDir) {
		return nil, false
	}
	// A directory on the way may be a link out of the tree: walk the
	// directory it really is, and only inside the linted tree.
	if _, err := os.Lstat(ctxDir); os.IsNotExist(err) {
		return nil, true
	}
	real, ok := sub.b.rd.dir(filepath.Clean(ctxDir))
	if !ok || !sub.b.rd.within(real, sub.b.target.Root) {
		return nil, false
	}
	ctxDir = real
	var out []string
	complete := true
	seen := 0
	err := filepath.WalkDir(ctxDir, func(p string, d iofs.DirEntry, err error) error {
		if seen++; seen > maxInitializerEntries {
			complete = false
			return filepath.SkipAll
		}
		if err != nil {
			complete = false
			return filepath.SkipAll
		}
		if d.Type()&os.ModeSymlink != 0 {
			complete = false // a link could point anywhere: not followed
			return filepath.SkipAll
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".rb") {
			if len(out) == maxInitializers {
				complete = false
				return filepath.SkipAll
			}
			rel, err := filepath.Rel(ctxDir, p)
			if err != nil {
				complete = false
				return filepath.SkipAll
			}
			out = append(out, path.Join(dir, filepath.ToSlash(rel)))
		}
		return nil
	})
	return out, err == nil && complete
}
