package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The structs below are the consumers' view of each format, written from
// their documentation rather than shared with package report, so that a
// wrong tag or element name in the writer fails here.

type csReport struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     *int   `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

type juReport struct {
	XMLName xml.Name `xml:"testsuites"`
	Suites  []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			ClassName string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// jsonFindings is what -format json reports for args, the reference the
// other formats are checked against: rule, file, line and message.
func jsonFindings(t *testing.T, args ...string) []jsonFinding {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"-format", "json"}, args...), &stdout, &stderr); code != ExitFindings {
		t.Fatalf("-format json: exit %d; stderr:\n%s", code, stderr.String())
	}
	var rep struct {
		Diagnostics []jsonFinding `json:"diagnostics"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) == 0 {
		t.Fatal("the reference run found nothing; the checks below would prove nothing")
	}
	return rep.Diagnostics
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
}

func runFormat(t *testing.T, format string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"-format", format}, args...), &stdout, &stderr); code != ExitFindings {
		t.Fatalf("-format %s: exit %d; stderr:\n%s", format, code, stderr.String())
	}
	return stdout.Bytes()
}

// TestCIFormatsParseAsTheirConsumersRead runs each CI format over the
// examples and the Go apps, parses the report as its consumer would, and
// checks it carries every finding the JSON report does, in order.
func TestCIFormatsParseAsTheirConsumersRead(t *testing.T) {
	chdirRepoRoot(t)
	for _, tree := range []string{"testdata/examples", "testdata/go"} {
		want := jsonFindings(t, tree)
		t.Run(tree+"/checkstyle", func(t *testing.T) {
			var rep csReport
			if err := xml.Unmarshal(runFormat(t, "checkstyle", tree), &rep); err != nil {
				t.Fatalf("does not parse as XML: %v", err)
			}
			if rep.Version != "5.0" {
				t.Errorf("version %q, want 5.0", rep.Version)
			}
			var got []jsonFinding
			for _, f := range rep.Files {
				for _, e := range f.Errors {
					if e.Line == nil {
						t.Errorf("%s: <error> without the line the schema requires", f.Name)
						continue
					}
					if !slices.Contains([]string{"error", "warning", "info"}, e.Severity) {
						t.Errorf("%s: severity %q is not a Checkstyle level", f.Name, e.Severity)
					}
					rule, ok := strings.CutPrefix(e.Source, "flylint.")
					if !ok {
						t.Errorf("%s: source %q does not name flylint", f.Name, e.Source)
					}
					got = append(got, jsonFinding{Rule: rule, Severity: e.Severity, File: f.Name, Line: *e.Line, Column: e.Column, Message: e.Message})
				}
			}
			sameFindings(t, got, want, true)
		})
		t.Run(tree+"/junit", func(t *testing.T) {
			var rep juReport
			if err := xml.Unmarshal(runFormat(t, "junit", tree), &rep); err != nil {
				t.Fatalf("does not parse as XML: %v", err)
			}
			var got []jsonFinding
			for _, s := range rep.Suites {
				if s.Tests != len(s.Cases) || s.Failures != len(s.Cases) {
					t.Errorf("suite %s: tests=%d failures=%d for %d failing test cases", s.Name, s.Tests, s.Failures, len(s.Cases))
				}
				for _, c := range s.Cases {
					if c.Failure == nil {
						t.Errorf("suite %s: test case %s has no <failure>", s.Name, c.Name)
						continue
					}
					if !strings.HasPrefix(c.ClassName, s.Name) {
						t.Errorf("test case %s is in suite %s", c.ClassName, s.Name)
					}
					msg, ok := strings.CutPrefix(c.Failure.Message, c.ClassName+": ")
					if !ok {
						t.Errorf("failure message %q does not start with its place %s", c.Failure.Message, c.ClassName)
					}
					if !strings.Contains(c.Failure.Text, msg) {
						t.Errorf("failure text %q lacks the message", c.Failure.Text)
					}
					got = append(got, jsonFinding{Rule: c.Name, Severity: c.Failure.Type, File: s.Name, Message: msg})
				}
			}
			sameFindings(t, got, want, false)
		})
		t.Run(tree+"/gitlab", func(t *testing.T) {
			var issues []map[string]any
			if err := json.Unmarshal(runFormat(t, "gitlab", tree), &issues); err != nil {
				t.Fatalf("does not parse as a JSON array: %v", err)
			}
			seen := map[string]bool{}
			var got []jsonFinding
			for i, is := range issues {
				str := func(k string) string {
					s, ok := is[k].(string)
					if !ok || s == "" {
						t.Errorf("issue %d: %q is %v, want a non-empty string", i, k, is[k])
					}
					return s
				}
				fp := str("fingerprint")
				if seen[fp] {
					t.Errorf("issue %d: fingerprint %s is not unique; GitLab would drop the issue", i, fp)
				}
				seen[fp] = true
				sev := str("severity")
				if !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, sev) {
					t.Errorf("issue %d: severity %q is not one GitLab knows", i, sev)
				}
				loc, _ := is["location"].(map[string]any)
				path, _ := loc["path"].(string)
				lines, _ := loc["lines"].(map[string]any)
				begin, _ := lines["begin"].(float64)
				if path == "" || begin < 1 {
					t.Errorf("issue %d: location %v lacks path or lines.begin", i, is["location"])
				}
				if _, err := os.Stat(path); err != nil {
					t.Errorf("issue %d: location.path: %v", i, err)
				}
				got = append(got, jsonFinding{Rule: str("check_name"), Severity: sev, File: path, Line: int(begin), Message: str("description")})
			}
			// The mapping report.gitlabSeverity documents.
			toGitLab := map[string]string{"error": "major", "warning": "minor", "info": "info"}
			mapped := slices.Clone(want)
			for i := range mapped {
				mapped[i].Severity = toGitLab[mapped[i].Severity]
				if mapped[i].Line == 0 {
					mapped[i].Line = 1 // GitLab needs a line; the file's first stands for the whole
				}
			}
			sameFindings(t, got, mapped, true)
		})
		t.Run(tree+"/compact", func(t *testing.T) {
			out := string(runFormat(t, "compact", tree))
			line := regexp.MustCompile(`^(.+?):(\d+):(\d+): (error|warning|info): (.*) \[([a-z0-9-]+)\]$`)
			var got []jsonFinding
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				m := line.FindStringSubmatch(l)
				if m == nil {
					t.Errorf("line does not read as file:line:col: severity: message [rule]: %q", l)
					continue
				}
				ln, _ := strconv.Atoi(m[2])
				col, _ := strconv.Atoi(m[3])
				got = append(got, jsonFinding{Rule: m[6], Severity: m[4], File: m[1], Line: ln, Column: col, Message: m[5]})
			}
			sameFindings(t, got, want, true)
		})
	}
}

// sameFindings compares what a format carried with the JSON report;
// withLine says whether the format carries the line and column.
func sameFindings(t *testing.T, got, want []jsonFinding, withLine bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d findings, the JSON report has %d", len(got), len(want))
	}
	for i := range want {
		w := want[i]
		if !withLine {
			w.Line, w.Column = 0, 0
		} else if got[i].Column == 0 {
			w.Column = 0
		}
		if got[i] != w {
			t.Errorf("finding %d:\n got  %+v\n want %+v", i, got[i], w)
		}
	}
}
