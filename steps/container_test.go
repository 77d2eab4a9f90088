package steps

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/internal/imagetest"
	"github.com/jiocxsim/jiocxsim/simulator"
)

// TestConformanceAgainstContainer runs the whole checklist, control plane
// and fake clock included, against the image started through
// simulator/container, exactly as `jiocxsim conformance --target
// container:IMAGE` does.
func TestConformanceAgainstContainer(t *testing.T) {
	img := imagetest.Image(t)
	target, err := ParseTarget(context.Background(), ContainerPrefix+img, Remote{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res, err := Run(Options{Target: target, Concurrency: 1, Seed: time.Now().UnixNano(), TestingT: t, Format: "progress", Output: &out})
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
	// Open accounts: only the scenarios that need a strict key list may skip;
	// nothing for want of a control plane or a fake clock.
	for _, s := range res.Skipped {
		if !strings.HasPrefix(s.Reason, "needs a target that accepts only known keys") {
			t.Errorf("%q skipped against the container: %s", s.Scenario, s.Reason)
		}
	}
	if c := target.(*Container); c.ctr != nil {
		t.Error("Run did not terminate the container")
	}
}

func TestParseTarget(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if got, err := ParseTarget(ctx, "", Remote{}); err != nil || got.Name() != (InProcess{}).Name() {
		t.Errorf(`"": %v, %v`, got, err)
	}
	got, err := ParseTarget(ctx, "container:jiocxsim:1.2", Remote{APIKey: "k", ControlToken: "tok"})
	if c, ok := got.(*Container); err != nil || !ok || c.Image != "jiocxsim:1.2" || c.APIKey != "k" || c.ControlToken != "tok" {
		t.Errorf("container:jiocxsim:1.2: %#v, %v", got, err)
	}
	for _, bad := range []struct {
		spec  string
		creds Remote
	}{
		{"container:", Remote{}},
		{"container:img", Remote{RealAccount: true}},
		{"container:img", Remote{Username: "u", Password: "p"}},
		{"http://127.0.0.1:1", Remote{}},
	} {
		if got, err := ParseTarget(ctx, bad.spec, bad.creds); err == nil {
			t.Errorf("%q %+v: %v, want an error", bad.spec, bad.creds, got)
		}
	}

	sim, err := simulator.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer func() { srv.Close(); _ = sim.Close(ctx) }()
	got, err = ParseTarget(ctx, srv.URL, Remote{APIKey: "k"})
	if r, ok := got.(*Remote); err != nil || !ok || r.URL != srv.URL || r.APIKey != "k" || !r.control {
		t.Errorf("%s: %#v, %v (want a probed Remote with a control plane)", srv.URL, got, err)
	}
}
