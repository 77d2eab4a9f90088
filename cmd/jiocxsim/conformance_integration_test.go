//go:build !noconformance

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConformanceIntegrationBadAdapter: a mistake in the adapter stops the
// run before anything starts, with exit 2 and the line of the mistake.
func TestConformanceIntegrationBadAdapter(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "adapter.yaml")
	if err := os.WriteFile(file, []byte("apiKey: k\nagent: A\nsend:\n  htp: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"conformance", "--integration", file}, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "adapter.yaml:4: send.htp: unknown field") {
		t.Fatalf("exit %d, stderr %q; want 2 naming line 4", code, errb.String())
	}
}
