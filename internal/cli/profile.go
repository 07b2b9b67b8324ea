package cli

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"runtime/pprof"

	"github.com/flylint-dev/flylint/internal/outfile"
)

// profiler writes the -cpuprofile and -memprofile files, for finding
// where a slow run spends its time (go tool pprof FILE).
//
// Both are written at the end of the run, the CPU profile from memory
// (a few hundred KB for a long run): only then are the files the run
// read known, and a profile path that names one of them must be refused
// before anything is written to it.
type profiler struct {
	cpuPath, memPath string
	cpu              *bytes.Buffer
}

func startProfiles(cpuPath, memPath string) (*profiler, error) {
	p := &profiler{cpuPath: cpuPath, memPath: memPath}
	if cpuPath == "" {
		return p, nil
	}
	p.cpu = new(bytes.Buffer)
	if err := pprof.StartCPUProfile(p.cpu); err != nil {
		return nil, usagef("-cpuprofile %s: %v", cpuPath, err)
	}
	return p, nil
}

// stop finishes both profiles and writes them where in allows. The heap
// profile is taken at the end of the run, after a GC, so it shows what
// the run kept, and its allocation counts show what it churned through.
func (p *profiler) stop(in *inputs) error {
	var errs []error
	write := func(flagName, path string, data []byte) {
		if !in.complete {
			errs = append(errs, usagef("%s %s: not written: the run stopped before the files it reads were known, so flylint cannot tell whether %s is one of them", flagName, path, path))
			return
		}
		if err := in.check(flagName, path); err != nil {
			errs = append(errs, err)
			return
		}
		if err := outfile.Write(path, data, outfile.Output); err != nil {
			errs = append(errs, fmt.Errorf("%s %w", flagName, err))
		}
	}
	if p.cpu != nil {
		pprof.StopCPUProfile()
		write("-cpuprofile", p.cpuPath, p.cpu.Bytes())
		p.cpu = nil
	}
	if p.memPath != "" {
		runtime.GC()
		var buf bytes.Buffer
		if err := pprof.Lookup("allocs").WriteTo(&buf, 0); err != nil {
			errs = append(errs, fmt.Errorf("-memprofile %s: %w", p.memPath, err))
		} else {
			write("-memprofile", p.memPath, buf.Bytes())
		}
		p.memPath = ""
	}
	return errors.Join(errs...)
}
