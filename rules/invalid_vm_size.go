package rules

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/docker/go-units"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/source"
)

// memoryPerCPU is the memory a Machine may have per CPU, in MB, by CPU
// kind (Fly's "Machine sizing" guide; fly-go's MIN_/MAX_MEMORY_MB_PER_*).
var memoryPerCPU = map[string][2]int{"shared": {256, 2048}, "performance": {2048, 8192}}

var InvalidVMSize = Register(&Rule{
	ID:       "invalid-vm-size",
	Severity: diag.Error,
	Title:    "A [[vm]] size or memory is one Fly does not offer",
	Since:    "0.2.0",
	Why: "A `[[vm]]` section asks for a Machine size that does not exist, or for memory a Machine of that size cannot have, so `fly deploy` fails when it builds the Machine configuration.\n\n" +
		"`size` must be one of Fly's presets (`shared-cpu-1x` … `shared-cpu-8x`, `performance-1x` … `performance-16x`, or a GPU size). " +
		"`memory` (a number of megabytes, or a size such as `\"1gb\"`) must be a multiple of 256 MB, between 256 MB and 2 GB per shared CPU, or between 2 GB and 8 GB per performance CPU. " +
		"`memory_mb` is fly-go's spelling of the same setting and silently wins over `memory` when both are written; when the two disagree that is a warning (`fly launch` writes both, equal).",
	ExampleFile: "fly.toml",
	Bad: `[[vm]]
  size = "shared-cpu-1x"
  memory = "4gb"`,
	Good: `[[vm]]
  size = "shared-cpu-2x"
  memory = "4gb"`,
	URLs: []string{
		"https://fly.io/docs/machines/guides-examples/machine-sizing/",
		"https://fly.io/docs/reference/configuration/#the-vm-section",
		"https://github.com/superfly/fly-go/blob/main/machine_types.go",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, v := range p.App.Config.VMs {
			if v != nil {
				checkVM(p, v)
			}
		}
	},
})

func checkVM(p *Pass, v *flytoml.VM) {
	preset := flytoml.VMPresets["shared-cpu-1x"] // fly.DefaultVMSize
	if v.Size.OK {
		sp, ok := flytoml.VMPresets[v.Size.V]
		if !ok {
			d := diag.Diagnostic{Range: v.Size.Value, Message: fmt.Sprintf(
				"size = %q is not a Machine size Fly offers, so fly deploy fails (%q is an invalid machine size). Use one of %s.",
				v.Size.V, v.Size.V, strings.Join(vmSizeNames(), ", "))}
			if to := nearestName(v.Size.V, vmSizeNames()); to != "" {
				d.Message = fmt.Sprintf("size = %q is not a Machine size Fly offers, so fly deploy fails (%q is an invalid machine size); did you mean %q?", v.Size.V, v.Size.V, to)
				d.Fixes = replaceStringFix(p, v.Size.Value, to, fmt.Sprintf("Write %q", to))
			}
			p.Report(d)
			return
		}
		preset = sp
	}
	kind, cpus := preset.Kind, preset.CPUs
	if v.CPUKind.OK {
		kind = v.CPUKind.V
	}
	if v.CPUs.OK {
		cpus = v.CPUs.V
	}

	mb, at, what := 0, source.Range{}, ""
	if v.Memory.OK {
		n, err := parseMemoryMB(v.Memory.V)
		switch {
		case err != nil:
			p.Reportf(v.Memory.Value, "memory = %q is not a size flyctl can read (%v), so fly deploy fails. Write a number of megabytes (1024) or a size such as \"1gb\".", v.Memory.V, err)
			return
		case n == 0:
			p.Reportf(v.Memory.Value, "memory = %q is zero, and flyctl refuses it (\"memory cannot be zero\"). Set the memory the Machine needs, e.g. memory = \"512mb\", or remove the key.", v.Memory.V)
			return
		}
		mb, at, what = n, v.Memory.Value, fmt.Sprintf("memory = %q", v.Memory.V)
		if v.Memory.Kind != flytoml.KindString {
			what = "memory = " + v.Memory.V
		}
	}
	if v.MemoryMB.OK {
		// fly launch writes both (memory = '1gb', memory_mb = 1024); only
		// a disagreement hides a setting.
		if v.Memory.OK && mb != v.MemoryMB.V {
			p.Report(diag.Diagnostic{Range: v.Memory.Key, Severity: diag.Warning, Message: fmt.Sprintf(
				"This [[vm]] sets both memory and memory_mb; flyctl applies memory_mb (%d MB) over memory (%q), so memory is ignored. Keep one of the two.",
				v.MemoryMB.V, v.Memory.V)})
		}
		mb, at, what = v.MemoryMB.V, v.MemoryMB.Value, fmt.Sprintf("memory_mb = %d", v.MemoryMB.V)
	}
	limits, known := memoryPerCPU[kind]
	if mb == 0 || !known || cpus <= 0 {
		return
	}
	lo, hi := limits[0]*cpus, limits[1]*cpus
	machine := fmt.Sprintf("%d %s CPU%s", cpus, kind, nounPlural(cpus, ""))
	switch {
	case mb%256 != 0:
		p.Reportf(at, "%s is %d MB, not a multiple of 256 MB, which Fly requires of a Machine's memory. Round it to %d MB or %d MB.", what, mb, mb/256*256, (mb/256+1)*256)
	case mb < lo:
		p.Reportf(at, "%s is %d MB, below the %d MB a Machine with %s needs (%d MB per CPU), so Fly refuses it. Raise the memory or use fewer CPUs.", what, mb, lo, machine, limits[0])
	case mb > hi:
		p.Reportf(at, "%s is %d MB, above the %d MB a Machine with %s can have (%d MB per CPU), so Fly refuses it. Lower the memory or use a larger size (%s).", what, mb, hi, machine, limits[1], largerSizeFor(kind, mb))
	}
}

// parseMemoryMB reads memory as flyctl does (helpers.ParseSize with
// units.RAMInBytes): a bare number is megabytes, anything else a size
// with binary units.
func parseMemoryMB(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	b, err := units.RAMInBytes(s)
	if err != nil {
		return 0, err
	}
	return int(b / units.MiB), nil
}

// vmSizeNames lists the presets as Fly's docs do: shared, then
// performance, then GPU sizes, each by CPU count.
func vmSizeNames() []string {
	group := func(n string) int {
		switch {
		case strings.HasPrefix(n, "shared-"):
			return 0
		case strings.HasPrefix(n, "performance-"):
			return 1
		}
		return 2
	}
	names := slices.Collect(maps.Keys(flytoml.VMPresets))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(group(a)-group(b), flytoml.VMPresets[a].CPUs-flytoml.VMPresets[b].CPUs, strings.Compare(a, b))
	})
	return names
}

// largerSizeFor names the smallest preset of kind whose CPUs may hold mb.
func largerSizeFor(kind string, mb int) string {
	limits := memoryPerCPU[kind]
	for _, n := range vmSizeNames() {
		sp := flytoml.VMPresets[n]
		if sp.Kind == kind && strings.HasSuffix(n, "x") && limits[1]*sp.CPUs >= mb && limits[0]*sp.CPUs <= mb {
			return n
		}
	}
	return "more CPUs"
}
