package rules

import (
	"fmt"
	"slices"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var VMSectionsOverlap = Register(&Rule{
	ID:       "vm-sections-overlap",
	Severity: diag.Warning,
	Title:    "Two [[vm]] sections size the same process group; flyctl uses only the first",
	Since:    "0.2.0",
	Why: "More than one `[[vm]]` section applies to a process group with the same precedence, so flyctl sizes that group's Machines from the first of them and silently ignores the rest.\n\n" +
		"For each process group flyctl keeps one `[[vm]]` (`ComputeForGroup`): a section whose `processes` names the group wins over one without `processes`, which applies to every group; " +
		"between two sections of the same kind the first in the file wins. The Machines then get a size, memory or CPU count other than the one you may be reading. " +
		"Merge the sections, or give each its own `processes`. (The \"2+ compute sections\" error flyctl has for this case cannot be reached, since the choice above is made first.)",
	ExampleFile: "fly.toml",
	Bad: `[[vm]]
  size = "shared-cpu-1x"

[[vm]]
  memory = "2gb"`,
	Good: `[[vm]]
  size = "shared-cpu-1x"
  memory = "2gb"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-vm-section",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/processgroups.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		reported := map[*flytoml.VM]bool{}
		for _, group := range cfg.GroupNames() {
			applies := vmsFor(cfg.VMs, group)
			if len(applies) < 2 {
				continue
			}
			first := applies[0]
			for _, v := range applies[1:] {
				if reported[v] {
					continue
				}
				reported[v] = true
				p.Report(diag.Diagnostic{
					Range: sectionAt(p, v.Section),
					Message: fmt.Sprintf("This [[%s]] sizes process group %q, but so does the [[%s]] on line %d, which comes first; flyctl uses only that one for %q and ignores this one. Merge the two, or give each its own processes.",
						v.Table, group, first.Table, first.Header.Start.Line, group),
					Related: []diag.Related{{Range: sectionAt(p, first.Section), Message: "the [[" + first.Table + "]] flyctl uses"}},
				})
			}
		}
	},
})

// vmsFor returns the [[vm]] sections of the highest precedence that apply
// to group, in file order: those whose processes name it if there are
// any, else those without processes. flyctl uses the first.
func vmsFor(vms []*flytoml.VM, group string) []*flytoml.VM {
	var named, all []*flytoml.VM
	for _, v := range vms {
		if v == nil || v.Processes.Set && !v.Processes.OK {
			continue
		}
		switch {
		case len(v.Processes.V) == 0:
			all = append(all, v)
		case slices.Contains(v.Processes.V, group):
			named = append(named, v)
		}
	}
	if len(named) > 0 {
		return named
	}
	return all
}
