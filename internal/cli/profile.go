package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiler writes the -cpuprofile and -memprofile files, for finding
// where a slow run spends its time (go tool pprof FILE).
type profiler struct {
	cpu     *os.File
	memPath string
}

func startProfiles(cpuPath, memPath string) (*profiler, error) {
	p := &profiler{memPath: memPath}
	if cpuPath == "" {
		return p, nil
	}
	f, err := os.Create(cpuPath)
	if err != nil {
		return nil, usagef("-cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, usagef("-cpuprofile: %v", err)
	}
	p.cpu = f
	return p, nil
}

// stop finishes both profiles. The heap profile is taken at the end of
// the run, after a GC, so it shows what the run kept, and its
// allocation counts show what it churned through.
func (p *profiler) stop() error {
	var errs []error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		if err := p.cpu.Close(); err != nil {
			errs = append(errs, fmt.Errorf("-cpuprofile: %w", err))
		}
		p.cpu = nil
	}
	if p.memPath != "" {
		f, err := os.Create(p.memPath)
		if err != nil {
			errs = append(errs, fmt.Errorf("-memprofile: %w", err))
		} else {
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				errs = append(errs, fmt.Errorf("-memprofile: %w", err))
			}
			if err := f.Close(); err != nil {
				errs = append(errs, fmt.Errorf("-memprofile: %w", err))
			}
		}
		p.memPath = ""
	}
	return errors.Join(errs...)
}
