package dockerfile

import "testing"

func TestExecFormPositions(t *testing.T) {
	src := "FROM alpine\nCMD [\"gunicorn\", \"-b\",  \"0.0.0.0:8080\", \"app:app\"]\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{
		{"gunicorn", "2:7-2:15", "gunicorn"},
		{"-b", "2:19-2:21", "-b"},
		{"0.0.0.0:8080", "2:26-2:38", "0.0.0.0:8080"},
		{"app:app", "2:42-2:49", "app:app"},
	})
	if got := f.Stages[0].Cmd.Command.Origin; got != "Dockerfile CMD" {
		t.Errorf("Origin = %q", got)
	}
	if got := span(f.Stages[0].Cmd.Range); got != "2:1-2:51" {
		t.Errorf("instruction range %s", got)
	}
}

func TestExecFormEscapesKeepRawRange(t *testing.T) {
	// The text is the decoded string; the range covers the JSON spelling.
	src := "FROM alpine\nENTRYPOINT [\"echo\", \"a\\\"b\", \"\\u0041\"]\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Entrypoint, false, []argWant{
		{"echo", "2:14-2:18", "echo"},
		{"a\"b", "2:22-2:26", "a\\\"b"},
		{"A", "2:30-2:36", "\\u0041"},
	})
	if got := f.Stages[0].Entrypoint.Command.Origin; got != "Dockerfile ENTRYPOINT" {
		t.Errorf("Origin = %q", got)
	}
}

func TestExecFormContinuationLines(t *testing.T) {
	src := "FROM alpine\n" +
		"CMD [\"uvicorn\", \\\n" +
		"     # the app module\n" +
		"\t\"main:app\", \\\n" +
		"     \"--host\", \"0.0.0.0\"]\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{
		{"uvicorn", "2:7-2:14", "uvicorn"},
		{"main:app", "4:3-4:11", "main:app"},
		{"--host", "5:7-5:13", "--host"},
		{"0.0.0.0", "5:17-5:24", "0.0.0.0"},
	})
	if got := span(f.Stages[0].Cmd.Range); got != "2:1-5:26" {
		t.Errorf("instruction range %s", got)
	}
}

func TestExecFormCRLFAndFlagsAndLowercase(t *testing.T) {
	src := "FROM alpine\r\n  cmd   [ \"a\" ,\"b\" ]  \r\nRUN --mount=type=cache,target=/root/.cache [\"go\", \"build\"]\r\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{
		{"a", "2:12-2:13", "a"},
		{"b", "2:17-2:18", "b"},
	})
	checkArgs(t, src, f.Stages[0].Runs[0], false, []argWant{
		{"go", "3:46-3:48", "go"},
		{"build", "3:52-3:57", "build"},
	})
}

func TestShellFormPositions(t *testing.T) {
	src := "FROM alpine\nCMD   python -m http.server 8000   \n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, true, []argWant{
		{"python -m http.server 8000", "2:7-2:33", "python -m http.server 8000"},
	})
}

func TestShellFormContinuation(t *testing.T) {
	// The script is what /bin/sh -c gets: the escape and newline go, the
	// comment line goes, the next line's indentation stays.
	src := "FROM alpine\n" +
		"ENTRYPOINT exec gunicorn \\\n" +
		"# workers\n" +
		"    --bind :$PORT \\\t \n" +
		"    app:app\n"
	f := mustParse(t, src)
	script := "exec gunicorn     --bind :$PORT     app:app"
	checkArgs(t, src, f.Stages[0].Entrypoint, true, []argWant{
		{script, "2:12-5:12", "exec gunicorn \\\n# workers\n    --bind :$PORT \\\t \n    app:app"},
	})
}

func TestShellFormCRLFContinuation(t *testing.T) {
	src := "FROM alpine\r\nCMD node server.js \\\r\n  --port 3000\r\n"
	f := mustParse(t, src)
	checkArgs(t, src, f.Stages[0].Cmd, true, []argWant{
		{"node server.js   --port 3000", "2:5-3:14", "node server.js \\\r\n  --port 3000"},
	})
}

func TestEscapeDirectiveBacktick(t *testing.T) {
	src := "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCMD [\"a\", `\n  \"C:\\\\x\"]\nRUN echo \\ `\n  done\n"
	f := mustParse(t, src)
	if f.Escape != '`' {
		t.Fatalf("Escape = %q", f.Escape)
	}
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{
		{"a", "3:7-3:8", "a"},
		{"C:\\x", "4:4-4:9", "C:\\\\x"},
	})
	checkArgs(t, src, f.Stages[0].Runs[0], true, []argWant{
		{"echo \\   done", "5:5-6:7", "echo \\ `\n  done"},
	})
}

func TestBOMAndTabs(t *testing.T) {
	src := "\xEF\xBB\xBFFROM alpine\n\tCMD\t[\"x\"]\n"
	f := mustParse(t, src)
	if got := span(f.Stages[0].From); got != "1:4-1:15" {
		t.Errorf("FROM at %s", got)
	}
	checkArgs(t, src, f.Stages[0].Cmd, false, []argWant{{"x", "2:8-2:9", "x"}})
}

func TestHeredocRun(t *testing.T) {
	src := "FROM golang\nRUN <<EOF\ngo build -o /app ./cmd/web\nEOF\nCOPY <<EOT /etc/x\nhi\nEOT\nCMD [\"/app\"]\n"
	f := mustParse(t, src)
	st := f.Stages[0]
	if len(st.Runs) != 1 || len(st.Runs[0].Heredocs) != 1 {
		t.Fatalf("runs %+v", st.Runs)
	}
	h := st.Runs[0].Heredocs[0]
	if h.Name != "EOF" || h.Content != "go build -o /app ./cmd/web\n" {
		t.Errorf("heredoc %+v", h)
	}
	if got := span(h.Range); got != "3:1-4:1" {
		t.Errorf("heredoc body at %s", got)
	}
	if got := span(st.Runs[0].Range); got != "2:1-4:4" {
		t.Errorf("RUN at %s", got)
	}
	if len(st.Copies) != 1 || st.Copies[0].Dest != "/etc/x" {
		t.Errorf("copies %+v", st.Copies)
	}
	checkArgs(t, src, st.Cmd, false, []argWant{{"/app", "8:7-8:11", "/app"}})
}

func TestEnvArgRanges(t *testing.T) {
	src := "ARG BASE=alpine\nFROM $BASE\nARG PORT=8080 DEBUG\nENV HOST=\"0.0.0.0\" \\\n    PORT=$PORT\nENV LEGACY some value\n"
	f := mustParse(t, src)
	if got := span(f.MetaArgs[0].Range); got != "1:5-1:16" {
		t.Errorf("meta arg at %s", got)
	}
	st := f.Stages[0]
	if len(st.Args) != 2 || span(st.Args[0].Range) != "3:5-3:14" || span(st.Args[1].Range) != "3:15-3:20" {
		t.Errorf("args %+v", st.Args)
	}
	want := []struct{ name, value, span string }{
		{"HOST", "0.0.0.0", "4:5-4:19"},
		{"PORT", "8080", "5:5-5:15"},
		{"LEGACY", "some value", "6:5-6:22"},
	}
	if len(st.Env) != len(want) {
		t.Fatalf("env %+v", st.Env)
	}
	for i, w := range want {
		e := st.Env[i]
		if e.Name != w.name || e.Value != w.value || span(e.Range) != w.span {
			t.Errorf("env %d = %s=%q at %s, want %s=%q at %s", i, e.Name, e.Value, span(e.Range), w.name, w.value, w.span)
		}
	}
}
