package dockerfile

import (
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
)

const multiStage = `ARG GO_VERSION=1.22
ARG APP_PORT=8080
FROM golang:${GO_VERSION}-bookworm AS Base
ENV GOFLAGS=-trimpath PORT=3000
WORKDIR /src
EXPOSE 9000

FROM base AS build
ARG APP_PORT
ENV PORT=$APP_PORT ADDR=:${PORT}
WORKDIR app
RUN go build -o /bin/server ./cmd/server
CMD ["/bin/server"]

FROM build AS dev
ENTRYPOINT ["dlv", "exec"]

FROM debian:bookworm-slim
COPY --from=build /bin/server /server
CMD ["/server"]
`

func TestStagesAndBases(t *testing.T) {
	f := mustParse(t, multiStage)
	if len(f.Stages) != 4 {
		t.Fatalf("%d stages", len(f.Stages))
	}
	want := []struct{ name, base, parent string }{
		{"base", "golang:1.22-bookworm", ""},
		{"build", "base", "base"},
		{"dev", "build", "build"},
		{"", "debian:bookworm-slim", ""},
	}
	for i, w := range want {
		st := f.Stages[i]
		parent := ""
		if st.Parent != nil {
			parent = st.Parent.Name
		}
		if st.Name != w.name || st.Base != w.base || parent != w.parent {
			t.Errorf("stage %d = %q from %q (parent %q), want %q from %q (parent %q)", i, st.Name, st.Base, parent, w.name, w.base, w.parent)
		}
	}
	if c := f.Stages[3].Copies[0]; c.From != "build" || c.Dest != "/server" || len(c.Sources) != 1 || c.Sources[0] != "/bin/server" {
		t.Errorf("copy %+v", c)
	}
	if r := f.Stages[1].Runs[0]; r.Command.Args[0].Text != "go build -o /bin/server ./cmd/server" {
		t.Errorf("run %+v", r.Command)
	}
}

func TestImageInheritsThroughStages(t *testing.T) {
	f := mustParse(t, multiStage)
	img := mustImage(t, f, "build", nil)
	// PORT comes from the stage ARG, whose bare re-declaration takes the
	// meta-arg's value; ADDR sees the PORT from before the instruction.
	wantEnv := map[string]string{"GOFLAGS": "-trimpath", "PORT": "8080", "ADDR": ":3000"}
	if len(img.Env) != len(wantEnv) {
		t.Errorf("env %+v", img.Env)
	}
	for k, v := range wantEnv {
		if got := img.Env[k]; got.Value != v || got.Origin != "Dockerfile ENV" {
			t.Errorf("%s = %+v, want %q", k, got, v)
		}
	}
	if span(img.Env["PORT"].Range) != "10:5-10:19" || span(img.Env["GOFLAGS"].Range) != "4:5-4:22" {
		t.Errorf("ranges PORT %s GOFLAGS %s", span(img.Env["PORT"].Range), span(img.Env["GOFLAGS"].Range))
	}
	if len(img.Expose) != 1 || img.Expose[0].Port != 9000 || span(img.Expose[0].Range) != "6:8-6:12" {
		t.Errorf("expose %+v", img.Expose)
	}
	if img.Workdir != "/src/app" {
		t.Errorf("workdir %q", img.Workdir)
	}
	if img.Cmd == nil || img.Cmd.Command.Args[0].Text != "/bin/server" || img.Entrypoint != nil {
		t.Errorf("cmd %+v entrypoint %+v", img.Cmd, img.Entrypoint)
	}
}

func TestEntrypointResetsInheritedCmd(t *testing.T) {
	f := mustParse(t, multiStage)
	img := mustImage(t, f, "DEV", nil) // targets match case-insensitively
	if img.Stage.Name != "dev" {
		t.Fatalf("stage %q", img.Stage.Name)
	}
	if img.Entrypoint == nil || img.Entrypoint.Command.Args[0].Text != "dlv" {
		t.Errorf("entrypoint %+v", img.Entrypoint)
	}
	if img.Cmd != nil {
		t.Errorf("inherited CMD survived ENTRYPOINT: %+v", img.Cmd)
	}
	// A CMD in the same stage survives an ENTRYPOINT before or after it.
	for _, src := range []string{
		"FROM a AS p\nCMD x\nFROM p\nCMD y\nENTRYPOINT e\n",
		"FROM a AS p\nCMD x\nFROM p\nENTRYPOINT e\nCMD y\n",
	} {
		img := mustImage(t, mustParse(t, src), "", nil)
		if img.Cmd == nil || img.Cmd.Command.Args[0].Text != "y" {
			t.Errorf("%q: cmd %+v", src, img.Cmd)
		}
	}
	// Without ENTRYPOINT, CMD and ENTRYPOINT are inherited.
	img = mustImage(t, mustParse(t, "FROM a AS p\nENTRYPOINT [\"e\"]\nCMD x\nFROM p\nENV A=1\n"), "", nil)
	if img.Cmd == nil || img.Entrypoint == nil || img.Cmd.Command.Args[0].Text != "x" {
		t.Errorf("cmd %+v entrypoint %+v", img.Cmd, img.Entrypoint)
	}
}

func TestLastStageAndRegistryBase(t *testing.T) {
	f := mustParse(t, multiStage)
	img := mustImage(t, f, "", nil)
	if img.Stage != f.Stages[3] || len(img.Env) != 0 || len(img.Expose) != 0 {
		t.Errorf("last stage image %+v", img)
	}
	if img.Cmd.Command.Args[0].Text != "/server" || span(img.Cmd.Command.Args[0].Range) != "20:7-20:14" {
		t.Errorf("cmd %+v", img.Cmd.Command)
	}
}

func TestUnknownTarget(t *testing.T) {
	f := mustParse(t, multiStage)
	_, err := f.Image("prod", nil)
	if err == nil || !strings.Contains(err.Error(), `"prod"`) || !strings.Contains(err.Error(), "base, build, dev") {
		t.Errorf("err = %v", err)
	}
	_, err = mustParse(t, "FROM a\n").Image("web", nil)
	if err == nil || !strings.Contains(err.Error(), "no names") {
		t.Errorf("err = %v", err)
	}
}

func TestBuildArgsOverrideDefaults(t *testing.T) {
	src := "ARG GO_VERSION=1.21\nARG STAGE=one\nFROM golang:${GO_VERSION} AS one\nENV WHO=one\nFROM alpine AS two\nENV WHO=two\nFROM ${STAGE}\nARG PORT=8080\nARG UNSET\nENV PORT=$PORT GV=${GO_VERSION:-none} U=${UNSET:-dflt}\nEXPOSE $PORT\n"
	f := mustParse(t, src)
	img := mustImage(t, f, "", nil)
	if f.Stages[0].Base != "golang:1.21" || img.Env["PORT"].Value != "8080" || img.Env["WHO"].Value != "one" {
		t.Errorf("defaults: base %q env %+v", f.Stages[0].Base, img.Env)
	}
	// A meta-arg is not visible in a stage unless re-declared there.
	if img.Env["GV"].Value != "none" || img.Env["U"].Value != "dflt" {
		t.Errorf("GV %q U %q", img.Env["GV"].Value, img.Env["U"].Value)
	}
	img = mustImage(t, f, "", map[string]string{"PORT": "9999", "STAGE": "two", "UNSET": "set"})
	if img.Env["PORT"].Value != "9999" || img.Env["WHO"].Value != "two" || img.Env["U"].Value != "set" {
		t.Errorf("build args: env %+v", img.Env)
	}
	if len(img.Expose) != 1 || img.Expose[0].Port != 9999 {
		t.Errorf("expose %+v", img.Expose)
	}
	// Build args do not change the parsed stages.
	if f.Stages[0].Base != "golang:1.21" || f.Stages[2].Parent != f.Stages[0] {
		t.Errorf("Image changed the file: %q %v", f.Stages[0].Base, f.Stages[2].Parent)
	}
}

func TestPlatformArgs(t *testing.T) {
	f := mustParse(t, "FROM --platform=$BUILDPLATFORM golang AS b\nARG TARGETOS TARGETARCH\nENV GOOS=$TARGETOS GOARCH=$TARGETARCH\n")
	img := mustImage(t, f, "", nil)
	if img.Env["GOOS"].Value != "linux" || img.Env["GOARCH"].Value != "amd64" {
		t.Errorf("env %+v", img.Env)
	}
}

func TestExposeForms(t *testing.T) {
	src := "FROM a\nARG P=7000\nENV PORT=8080\nEXPOSE 8080 8081/tcp 53/udp 8000-8010/tcp $PORT ${P} $NOPE 5000/UDP\n"
	f := mustParse(t, src)
	want := []struct {
		text        string
		port, end   int
		proto       listen.Proto
		span, under string
	}{
		{"8080", 8080, 8080, listen.TCP, "4:8-4:12", "8080"},
		{"8081/tcp", 8081, 8081, listen.TCP, "4:13-4:21", "8081/tcp"},
		{"53/udp", 53, 53, listen.UDP, "4:22-4:28", "53/udp"},
		{"8000-8010/tcp", 8000, 8010, listen.TCP, "4:29-4:42", "8000-8010/tcp"},
		{"$PORT", 8080, 8080, listen.TCP, "4:43-4:48", "$PORT"},
		{"${P}", 7000, 7000, listen.TCP, "4:49-4:53", "${P}"},
		{"$NOPE", 0, 0, listen.TCP, "4:54-4:59", "$NOPE"},
		{"5000/UDP", 5000, 5000, listen.UDP, "4:60-4:68", "5000/UDP"},
	}
	got := mustImage(t, f, "", nil).Expose
	if len(got) != len(want) {
		t.Fatalf("expose %d entries", len(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Port != w.port || g.EndPort != w.end || g.Proto != w.proto || span(g.Range) != w.span || textAt(src, g.Range) != w.under {
			t.Errorf("expose %d = %+v at %s, want %+v", i, *g, span(g.Range), w)
		}
	}
	if len(f.Problems) != 0 {
		t.Errorf("problems %+v", f.Problems)
	}
	f = mustParse(t, "FROM a\nEXPOSE http\n")
	if len(f.Problems) != 1 || span(f.Problems[0].Range) != "2:8-2:12" || !strings.Contains(f.Problems[0].Message, "not a port") {
		t.Errorf("problems %+v", f.Problems)
	}
}

func TestEnvExpansionAndLegacyForm(t *testing.T) {
	f := mustParse(t, "FROM a\nENV A=1\nENV A=2 B=$A C=\"x y\" D='$A'\nENV E ${A}-and more\nENV F=\\$A\n")
	env := mustImage(t, f, "", nil).Env
	want := map[string]string{"A": "2", "B": "1", "C": "x y", "D": "$A", "E": "2-and more", "F": "$A"}
	for k, v := range want {
		if env[k].Value != v {
			t.Errorf("%s = %q, want %q", k, env[k].Value, v)
		}
	}
}

func TestProblems(t *testing.T) {
	f := mustParse(t, "ARG NONE\nFROM a AS x\nRUN a \\\n\n  b\nFROM b AS x\nFROM X\nFROM ${NONE}\n")
	var msgs []string
	for _, p := range f.Problems {
		msgs = append(msgs, span(p.Range)+" "+p.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"4:1-4:1 Empty line", "6:1-6:12 Stage name \"x\"", "7:1-7:7 FROM X does not name stage", "8:1-8:13 FROM ${NONE} names no image"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	img := mustImage(t, f, "", nil)
	if len(img.Problems) != 1 || !strings.Contains(img.Problems[0].Message, "names no image") {
		t.Errorf("image problems %+v", img.Problems)
	}
	img = mustImage(t, f, "", map[string]string{"NONE": "x"})
	if len(img.Problems) != 0 || len(img.Chain) != 2 || img.Chain[0] != f.Stages[1] {
		t.Errorf("with build arg: %+v", img)
	}
}

// Root is the first base of the chain this build follows, so a build arg
// that picks another stage or image changes it.
func TestImageRoot(t *testing.T) {
	f := mustParse(t, "ARG BASE=scratch\nFROM golang AS build\nFROM ${BASE} AS run\nFROM run\nCOPY --from=build /out /app\n")
	cases := []struct {
		args map[string]string
		want string
	}{
		{nil, "scratch"},
		{map[string]string{"BASE": "alpine"}, "alpine"},
		{map[string]string{"BASE": "build"}, "golang"},
	}
	for _, c := range cases {
		if img := mustImage(t, f, "", c.args); img.Root != c.want {
			t.Errorf("args %v: Root = %q, want %q", c.args, img.Root, c.want)
		}
	}
	f = mustParse(t, "FROM ${UNSET:-x}${OTHER}\n")
	if img := mustImage(t, f, "", nil); img.Root == "scratch" {
		t.Errorf("an unknown FROM gave Root %q", img.Root)
	}
}
