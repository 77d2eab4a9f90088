package steps

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestConformance runs the whole go-live checklist against simulators in
// this process (one per scenario, each on its own fake clock), concurrently
// and in random order. JIOCXSIM_CONFORMANCE_SEED replays an order.
func TestConformance(t *testing.T) {
	seed := time.Now().UnixNano()
	if v := os.Getenv("JIOCXSIM_CONFORMANCE_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("JIOCXSIM_CONFORMANCE_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("scenario order seed: %d (JIOCXSIM_CONFORMANCE_SEED=%d replays it)", seed, seed)
	var out bytes.Buffer
	res, err := Run(Options{Target: InProcess{}, Concurrency: 4, Seed: seed, TestingT: t, Format: "progress", Output: &out})
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 0 {
		t.Errorf("godog exit status %d", res.Status)
	}
	for _, r := range res.Requirements {
		if r.Failed > 0 || r.Passed == 0 {
			t.Errorf("%s: %d passed, %d failed, %d skipped", r.ID, r.Passed, r.Failed, r.Skipped)
		}
	}
}
