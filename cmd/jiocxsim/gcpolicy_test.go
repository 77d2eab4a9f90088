package main

import (
	"io"
	"math"
	"runtime/debug"
	"strconv"
	"testing"
)

func TestParseBytes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1536MiB", 1536 << 20, true},
		{"2GiB", 2 << 30, true},
		{"2GB", 2 << 30, true},
		{"512KiB", 512 << 10, true},
		{"1048576", 1 << 20, true},
		{"100B", 100, true},
		{" 3 GiB ", 3 << 30, true},
		{"", 0, false},
		{"lots", 0, false},
		{"-1GiB", 0, false},
		{"1.5GiB", 0, false},
		{"99999999999TiB", 0, false},
	} {
		got, err := parseBytes(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseCgroupLimit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"2147483648\n", 2 << 30, true},
		{"max\n", 0, false},
		{"9223372036854771712\n", 0, false}, // cgroup v1's "no limit"
		{"", 0, false},
	} {
		got, ok := parseCgroupLimit(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseCgroupLimit(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestGCPolicy changes the process's collector settings, so it is not
// parallel and restores them.
func TestGCPolicy(t *testing.T) {
	oldPercent := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) })
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

	for _, tt := range []struct {
		name      string
		args      []string
		env       map[string]string
		cgroup    int64 // the container's memory limit; 0: none
		want      string
		wantLimit int64
	}{
		{"defaults", nil, nil, 0, "gc-percent=100", math.MaxInt64},
		{"flags", []string{"--gc-percent=300", "--memory-limit=1GiB"}, nil, 0, "gc-percent=300 memory-limit=1024MiB", 1 << 30},
		{"GOGC and GOMEMLIMIT are honoured", nil, map[string]string{"GOGC": "150", "GOMEMLIMIT": "512MiB"}, 0, "gc-percent=150 memory-limit=512MiB", 512 << 20},
		{"flags beat GOGC", []string{"--gc-percent=-1"}, map[string]string{"GOGC": "150"}, 0, "gc-percent=off", math.MaxInt64},
		{"no limit", []string{"--memory-limit=0"}, nil, 0, "gc-percent=100", math.MaxInt64},
		{"a container's limit", nil, nil, 2 << 30, "gc-percent=100 memory-limit=1843MiB (90% of the container's)", 1932735283},
		{"--memory-limit beats the container's", []string{"--memory-limit=1GiB"}, nil, 2 << 30, "gc-percent=100 memory-limit=1024MiB", 1 << 30},
		{"--memory-limit=0 ignores the container's", []string{"--memory-limit=0"}, nil, 2 << 30, "gc-percent=100", math.MaxInt64},
		{"--memory-limit=0MiB is none too", []string{"--memory-limit=0MiB"}, nil, 0, "gc-percent=100", math.MaxInt64},
		{"GOMEMLIMIT beats the container's", nil, map[string]string{"GOMEMLIMIT": "512MiB"}, 2 << 30, "gc-percent=100 memory-limit=512MiB", 512 << 20},
	} {
		// What the runtime would have read from GOGC/GOMEMLIMIT at start.
		percent, limit := 100, int64(math.MaxInt64)
		if v, ok := tt.env["GOGC"]; ok {
			percent, _ = strconv.Atoi(v)
		}
		if v, ok := tt.env["GOMEMLIMIT"]; ok {
			limit, _ = parseBytes(v)
		}
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		fs := newFlagSet("serve", io.Discard)
		p := gcPolicy{cgroupLimit: func() (int64, bool) { return tt.cgroup, tt.cgroup > 0 }}
		p.register(fs)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		got, err := p.applyParsed(env(tt.env))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("%s: policy %q, want %q", tt.name, got, tt.want)
		}
		if limit := debug.SetMemoryLimit(-1); limit != tt.wantLimit {
			t.Errorf("%s: memory limit %d, want %d", tt.name, limit, tt.wantLimit)
		}
	}
	fs := newFlagSet("serve", io.Discard)
	var p gcPolicy
	p.register(fs)
	_ = fs.Parse([]string{"--memory-limit=lots"})
	if _, err := p.applyParsed(env(nil)); err == nil {
		t.Error("--memory-limit=lots was accepted")
	}
}
