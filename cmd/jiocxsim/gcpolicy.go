package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// defaultGCPercent is serve's GOGC when neither --gc-percent nor GOGC says
// otherwise: Go's own default. 200 was tried: a million messages through v1
// bulk took the same time (39.5 s) and 30% more memory (5.7 GiB peak RSS
// against 4.4 GiB), because the live heap of a busy simulator is mostly
// stored messages, and a higher GOGC lets the heap grow to three times them
// instead of two (README, "Performance").
const defaultGCPercent = 100

// gcPolicy is what serve asks of Go's garbage collector.
type gcPolicy struct {
	percent     int    // --gc-percent: GOGC; negative turns the collector off
	memoryLimit string // --memory-limit: soft limit like 1536MiB or 2GiB; "" none
	percentSet  bool   // given on the command line (an environment twin is a default, below GOGC)
	limitSet    bool
	fs          *pflag.FlagSet
	// cgroupLimit reads the memory limit of the container serve runs in
	// (nil: cgroupMemoryLimit); false when there is none.
	cgroupLimit func() (int64, bool)
}

// cgroupShare is the part of a container's memory limit serve takes as its
// soft limit when none is given: Go does not see the container's limit, and
// a heap that grows into it is killed instead of collected harder. The rest
// is room for what the collector does not count (stacks, the runtime's own).
const cgroupShare = 0.9

// cgroupMemoryLimit reads the limit of the cgroup (v2, then v1) serve runs
// in; "max" or a v1 limit near the top of int64 means none.
func cgroupMemoryLimit() (int64, bool) {
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(path); err == nil {
			return parseCgroupLimit(string(b))
		}
	}
	return 0, false
}

// parseCgroupLimit reads memory.max or memory.limit_in_bytes.
func parseCgroupLimit(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n >= math.MaxInt64/2 {
		return 0, false
	}
	return n, true
}

// register adds --gc-percent and --memory-limit to fs.
func (p *gcPolicy) register(fs *pflag.FlagSet) {
	p.fs = fs
	fs.IntVar(&p.percent, "gc-percent", defaultGCPercent, "Go's GOGC for serve: collect when the heap has grown this many percent (-1: never); GOGC, when set, is the default instead")
	fs.StringVar(&p.memoryLimit, "memory-limit", "", fmt.Sprintf("soft memory limit, e.g. 1536MiB or 2GiB: the collector works harder near it; 0: none (default: GOMEMLIMIT, else %.0f%% of the container's memory limit, else none)", cgroupShare*100))
}

// applyParsed applies the policy once fs is parsed.
func (p gcPolicy) applyParsed(getenv func(string) string) (string, error) {
	p.percentSet, p.limitSet = p.fs.Changed("gc-percent"), p.fs.Changed("memory-limit")
	return p.apply(getenv)
}

// apply sets the policy and describes it. Go's own GOGC and GOMEMLIMIT are
// honoured: the runtime read them at start, and serve changes a setting only
// when its flag was given or the variable is unset.
func (p gcPolicy) apply(getenv func(string) string) (string, error) {
	var limit int64 = math.MaxInt64
	fromCgroup := false
	if p.limitSet || getenv("GOMEMLIMIT") == "" {
		switch p.memoryLimit {
		case "":
			read := p.cgroupLimit
			if read == nil {
				read = cgroupMemoryLimit
			}
			if n, ok := read(); ok {
				limit, fromCgroup = int64(float64(n)*cgroupShare), true
			}
		default:
			n, err := parseBytes(p.memoryLimit)
			if err != nil {
				return "", fmt.Errorf("--memory-limit: %w", err)
			}
			if n > 0 { // any zero size (0, 0MiB) means none: a zero limit would collect nonstop
				limit = n
			}
		}
		debug.SetMemoryLimit(limit)
	} else {
		limit = debug.SetMemoryLimit(-1)
	}
	percent := p.percent
	if p.percentSet || getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	} else {
		percent = debug.SetGCPercent(-1)
		debug.SetGCPercent(percent)
	}
	desc := "gc-percent=" + strconv.Itoa(percent)
	if percent < 0 {
		desc = "gc-percent=off"
	}
	if limit != math.MaxInt64 {
		desc += " memory-limit=" + strconv.FormatInt(limit>>20, 10) + "MiB"
		if fromCgroup {
			desc += fmt.Sprintf(" (%.0f%% of the container's)", cgroupShare*100)
		}
	}
	return desc, nil
}

// parseBytes reads a size as GOMEMLIMIT writes it: a number with an optional
// B, KiB, MiB, GiB or TiB suffix (KB, MB, GB, TB are taken as the same
// powers of two).
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"TB", 1 << 40}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size such as 1536MiB or 2GiB", s)
	}
	return n * mult, nil
}
