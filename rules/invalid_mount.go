package rules

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

var InvalidMount = Register(&Rule{
	ID:       "invalid-mount",
	Severity: diag.Error,
	Title:    "A [[mounts]] entry is incomplete or invalid",
	Since:    "0.1.0",
	Why: "A `[[mounts]]` entry lacks `source` or `destination`, mounts over `/`, has an `initial_size` flyctl cannot read or smaller than 1 GB, a `snapshot_retention` or `auto_extend_size_*` value flyctl rejects, or is the second mount for one process group.\n\n" +
		"A mount needs the volume name (`source`) and the directory to mount it on (`destination`, never `/`, where the root file system is). " +
		"`initial_size` is a number of GB or a size such as `\"10gb\"`; flyctl rejects anything under 1 GB. " +
		"flyctl also requires `snapshot_retention` between 1 and 60 days and, for automatic volume extension, `auto_extend_size_threshold` between 50 and 99, `auto_extend_size_increment` between 1 GB and 100 GB and `auto_extend_size_limit` between 1 GB and 500 GB, with a threshold only together with an increment (`validateMounts` in flyctl's `internal/appconfig/validation.go`). " +
		"A Machine can mount only one volume, so flyctl rejects a process group with more than one `[[mounts]]`: give each its own `processes`, or use one volume.",
	ExampleFile: "fly.toml",
	Bad: `[[mounts]]
  source = "data"
  destination = "/"
  initial_size = "500mb"`,
	Good: `[[mounts]]
  source = "data"
  destination = "/data"
  initial_size = "1gb"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-mounts-section",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl", "volumes"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		firstFor := map[string]*flytoml.Mount{}
		for _, m := range cfg.Mounts {
			if m == nil {
				continue
			}
			checkMount(p, m)
			for _, g := range sectionGroups(cfg, m.Processes) {
				first, dup := firstFor[g]
				if !dup {
					firstFor[g] = m
					continue
				}
				p.Report(diag.Diagnostic{Range: sectionAt(p, m.Section),
					Related: []diag.Related{{Range: sectionAt(p, first.Section), Message: "the first mount for this group"}},
					Message: fmt.Sprintf("Process group %q gets a second [[mounts]] here (the first is on line %d), and a Machine can mount only one volume, so flyctl rejects it. "+
						"Give each mount its own processes = [...], or keep one.", g, first.Header.Start.Line)})
				break
			}
		}
	},
})

func checkMount(p *Pass, m *flytoml.Mount) {
	switch src := m.Source; {
	case !src.Set:
		p.Reportf(sectionAt(p, m.Section), `This [[mounts]] has no source, the name of the volume to mount, so no volume can be attached. Add source = "<volume name>".`)
	case src.OK && strings.TrimSpace(src.V) == "":
		p.Reportf(src.Value, `This [[mounts]] source is empty; it must name the volume to mount. Write source = "<volume name>".`)
	}
	switch dst := m.Destination; {
	case !dst.Set:
		p.Reportf(sectionAt(p, m.Section), `This [[mounts]] has no destination, the directory to mount the volume on. Add destination = "/data" (or wherever the app keeps its files).`)
	case dst.OK && strings.TrimSpace(dst.V) == "":
		p.Reportf(dst.Value, `This [[mounts]] destination is empty; it must be the directory to mount the volume on, such as "/data".`)
	case dst.OK && strings.Trim(dst.V, "/") == "":
		p.Reportf(dst.Value, `A volume cannot be mounted on "/", where the Machine's root file system is. Mount it on a directory such as "/data" and keep the app's files there.`)
	}
	if sz := m.InitialSize; sz.Set && sz.OK && sz.V != "" {
		gb, err := volumeSizeGB(sz.V)
		switch {
		case err != nil:
			p.Reportf(sz.Value, "initial_size %q is not a size flyctl can read (%v), so it rejects the file. Write a number of GB (initial_size = 10) or a size such as \"10gb\".", sz.V, err)
		case gb < 1:
			p.Reportf(sz.Value, "initial_size %q is under 1 GB, the smallest volume flyctl creates, so it rejects the file. Use at least \"1gb\" (a bare number is GB).", sz.V)
		}
	}
	if r := m.SnapshotRetention; r.Set && r.OK && (r.V < 1 || r.V > 60) {
		p.Reportf(r.Value, "snapshot_retention = %d is not between 1 and 60 days, the range flyctl accepts, so it rejects the file. Keep snapshots for 1 to 60 days.", r.V)
	}
	checkAutoExtend(p, m)
}

// checkAutoExtend repeats flyctl's validateMounts rules for volume auto
// extension: threshold 50-99 (percent used), increment 1-100 GB and limit
// 1-500 GB, and no threshold without an increment. A value that flyctl
// already rejects for being unreadable or under 1 GB is reported once.
func checkAutoExtend(p *Pass, m *flytoml.Mount) {
	size := func(f flytoml.Field[string], key string, most int64) (gb int64, reported bool) {
		if !f.Set || !f.OK || f.V == "" {
			return 0, false
		}
		gb, err := volumeSizeGB(f.V)
		switch {
		case err != nil:
			p.Reportf(f.Value, "%s %q is not a size flyctl can read (%v), so it rejects the file. Write a size such as \"10gb\".", key, f.V, err)
			return 0, true
		case gb < 1 || gb > most:
			p.Reportf(f.Value, "%s %q is not between 1 GB and %d GB, the range flyctl accepts, so it rejects the file. Use a size in that range.", key, f.V, most)
			return gb, true
		}
		return gb, false
	}
	inc, incBad := size(m.AutoExtendSizeIncrement, "auto_extend_size_increment", 100)
	lim, _ := size(m.AutoExtendSizeLimit, "auto_extend_size_limit", 500)
	thr := m.AutoExtendSizeThreshold
	on := thr.Set && thr.OK && thr.V != 0
	if !on && inc == 0 && lim == 0 {
		return
	}
	if thr.Set && thr.OK && (thr.V < 50 || thr.V > 99) {
		p.Reportf(thr.Value, "auto_extend_size_threshold = %d is not between 50 and 99 (percent of the volume used), the range flyctl accepts, so it rejects the file. Use a value such as 80.", thr.V)
	} else if !thr.Set {
		p.Reportf(sectionAt(p, m.Section), "This [[mounts]] sets auto_extend_size_increment or auto_extend_size_limit but no auto_extend_size_threshold, and flyctl requires a threshold between 50 and 99 once auto extension is configured, so it rejects the file. Add auto_extend_size_threshold = 80, or remove the auto_extend_size_* keys.")
	}
	if inc == 0 && !incBad {
		p.Reportf(sectionAt(p, m.Section), "This [[mounts]] configures auto extension without auto_extend_size_increment, and flyctl requires all of auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit or none, so it rejects the file. Add auto_extend_size_increment = \"1gb\" and auto_extend_size_limit, or remove auto_extend_size_threshold.")
	}
}

// volumeSizeGB reads initial_size the way flyctl does: a plain integer is
// GB; anything else is a decimal size with an optional k/m/g/t/p unit
// (with optional "b" or "ib"), in bytes, truncated to whole GB
// (10^9 bytes).
func volumeSizeGB(s string) (int64, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return int64(n), nil
	}
	// The number is everything up to the last digit, dot or space; a
	// space right there separates number and unit.
	sep := strings.LastIndexAny(s, "0123456789. ")
	if sep < 0 {
		return 0, errors.New("no number")
	}
	num, unit := s[:sep+1], s[sep+1:]
	if s[sep] == ' ' {
		num = s[:sep]
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a number", num)
	}
	mult := 1.0
	unit = strings.ToLower(unit)
	if unit != "" && unit != "b" {
		scale := map[byte]float64{'k': 1e3, 'm': 1e6, 'g': 1e9, 't': 1e12, 'p': 1e15}[unit[0]]
		rest := unit[1:]
		knownSuffix := rest == "" || rest == "b" || rest == "ib"
		if scale == 0 || len(unit) > 3 || !knownSuffix {
			return 0, fmt.Errorf("unknown unit %q", unit)
		}
		mult = scale
	}
	bytes := f * mult
	if bytes >= math.MaxInt64 {
		return math.MaxInt64 / 1_000_000_000, nil
	}
	return int64(bytes) / 1_000_000_000, nil
}
