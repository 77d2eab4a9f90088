//go:build !noconformance

package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator"
)

// TestConformanceExitCodes: the command never passes on nothing.
func TestConformanceExitCodes(t *testing.T) {
	t.Parallel()
	noControl, err := simulator.New(simulator.WithoutControl())
	if err != nil {
		t.Fatal(err)
	}
	nc := httptest.NewServer(noControl)
	t.Cleanup(nc.Close)
	guarded, err := simulator.New(simulator.WithControlToken("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	g := httptest.NewServer(guarded)
	t.Cleanup(g.Close)

	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"no scenario matches", []string{"--tags", "@nonexistent"}, 1, []string{"No scenarios"}, []string{"no scenario matches the tags"}},
		{"only skips", []string{"--target", nc.URL, "--tags", "@control && @GL-SUB-1"}, 1, []string{"skipped)"}, []string{"were skipped"}},
		{"only skips allowed", []string{"--target", nc.URL, "--tags", "@control && @GL-SUB-1", "--allow-skips"}, 0, []string{"skipped)"}, nil},
		// The control plane is scoped to the caller's credential (C1): the
		// harness configures its own accounts without the token...
		{"its own accounts need no token", []string{"--target", g.URL, "--tags", "@GL-SUB-1 && ~@clock"}, 0, []string{"passed)"}, nil},
		// ...but a wrong token is refused, never ignored.
		{"a wrong token", []string{"--target", g.URL, "--control-token", "nope", "--tags", "@GL-SUB-1"}, 1, nil, []string{"401", "the --control-token given is not the simulator's"}},
		{"with the token", []string{"--target", g.URL, "--control-token", "s3cret", "--tags", "@GL-SUB-1 && ~@clock"}, 0, []string{"passed)"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			junit := filepath.Join(t.TempDir(), "r.xml")
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"conformance", "--junit", junit}, c.args...), &out, &errb)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, c.code, out.String(), errb.String())
			}
			for _, w := range c.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range c.stderr {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errb.String())
				}
			}
			if c.code == 0 {
				if b, err := os.ReadFile(junit); err != nil || !bytes.Contains(b, []byte("<testsuites")) {
					t.Errorf("no JUnit report: %v", err)
				}
			}
		})
	}
}
