package workspace

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// baseImage is what an official image runs when a Dockerfile built on
// it sets no CMD or ENTRYPOINT of its own.
type baseImage struct {
	cmd []string
	// dirs are directories the image ships, so a COPY to one without a
	// trailing slash puts the file inside it.
	dirs []string
}

// baseImages are the official images whose default process flylint
// knows, each read from the image's Dockerfile at the version given:
//
//   - nginx: nginxinc/docker-nginx@b430bec mainline/debian/Dockerfile
//     (nginx 1.27.4; the alpine variants are the same): ENTRYPOINT
//     ["/docker-entrypoint.sh"], EXPOSE 80, CMD ["nginx", "-g", "daemon
//     off;"]. The nginx.org package's /etc/nginx/nginx.conf includes
//     /etc/nginx/conf.d/*.conf in its http block, and conf.d/default.conf
//     holds one server with "listen 80;"; the entrypoint's
//     10-listen-on-ipv6-by-default.sh adds "listen [::]:80;" to it while
//     it is the packaged file.
//   - httpd: docker-library/httpd@9b63b37 2.4/Dockerfile (httpd 2.4.68):
//     EXPOSE 80, CMD ["httpd-foreground"]; its conf/httpd.conf says
//     "Listen 80".
//   - caddy: caddyserver/caddy-docker@62d1326 2.11/alpine/Dockerfile
//     (Caddy 2.11.2): EXPOSE 80 443 443/udp 2019, CMD ["caddy", "run",
//     "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]; the
//     Caddyfile it ships (caddyserver/dist@33ae08f config/Caddyfile)
//     serves ":80".
var baseImages = map[string]baseImage{
	"nginx": {cmd: []string{"nginx", "-g", "daemon off;"}, dirs: []string{"/etc/nginx", "/etc/nginx/conf.d"}},
	"httpd": {cmd: []string{"httpd-foreground"}, dirs: []string{"/usr/local/apache2/conf"}},
	"caddy": {cmd: []string{"caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"}, dirs: []string{"/etc/caddy"}},
}

// officialName returns the Docker Hub official image a FROM names
// ("nginx" for "nginx:1.27-alpine", "docker.io/library/nginx@sha256:…"),
// or "" for any other image.
func officialName(ref string) string {
	r := strings.ToLower(strings.TrimSpace(ref))
	if i := strings.IndexByte(r, '@'); i >= 0 {
		r = r[:i]
	}
	if i := strings.LastIndexByte(r, ':'); i > strings.LastIndexByte(r, '/') {
		r = r[:i]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		r = strings.TrimPrefix(r, p)
	}
	r = strings.TrimPrefix(r, "library/")
	if strings.Contains(r, "/") {
		return ""
	}
	return r
}

// base returns the official image the app's image is built on and what
// it knows of it.
func (b *appBuilder) base() (string, baseImage, bool) {
	img := b.app.Image
	if img == nil || len(img.Chain) == 0 {
		return "", baseImage{}, false
	}
	name := officialName(img.Chain[0].Base)
	bi, ok := baseImages[name]
	return name, bi, ok
}

// baseCommand is the official base image's CMD, standing at the FROM
// that names the image, for an image whose Dockerfile sets neither CMD
// nor ENTRYPOINT.
func (b *appBuilder) baseCommand() (listen.Command, bool) {
	name, bi, ok := b.base()
	img := b.app.Image
	if !ok || img.Cmd != nil || img.Entrypoint != nil {
		return listen.Command{}, false
	}
	r := img.Chain[0].From
	c := listen.Command{Origin: "the " + name + " image's default CMD"}
	for _, a := range bi.cmd {
		c.Args = append(c.Args, listen.Arg{Text: a, Range: r})
	}
	return c, true
}

func (bi baseImage) dirSet() map[string]bool {
	out := map[string]bool{}
	for _, d := range bi.dirs {
		out[d] = true
	}
	return out
}
