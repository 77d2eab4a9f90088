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
	got, err := ParseTarget(ctx, "container:jiocxsim:1.2", Remote{APIKey: "k", ControlToken: "tok"}) // not probed: any key
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

	serve := func(opts ...simulator.Option) string {
		sim, err := simulator.New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(sim)
		t.Cleanup(func() { srv.Close(); _ = sim.Close(ctx) })
		return srv.URL
	}
	key := NewAPIKey()
	open := serve()
	got, err = ParseTarget(ctx, open, Remote{APIKey: key})
	if r, ok := got.(*Remote); err != nil || !ok || r.URL != open || r.APIKey != key || !r.control {
		t.Errorf("%s: %#v, %v (want a probed Remote with a control plane)", open, got, err)
	}

	// A simulator with a control token and known keys: the probe carries the
	// API key, so the harness's own account needs no token (C1); a wrong
	// token or an unknown key is an error that says which to fix.
	known := NewAPIKey()
	guarded := serve(simulator.WithControlToken("s3cret"), simulator.WithAccounts(simulator.Account{Name: "a", APIKeys: []string{known}}))
	for _, c := range []struct {
		name  string
		creds Remote
		want  string // "" means accepted with a control plane
	}{
		{"its key, no token", Remote{APIKey: known}, ""},
		{"its key and token", Remote{APIKey: known, ControlToken: "s3cret"}, ""},
		{"a wrong token", Remote{APIKey: known, ControlToken: "nope"}, "the --control-token given is not the simulator's"},
		{"an unknown key", Remote{APIKey: key}, "the --api-key given is not one the simulator accepts"},
		{"no key", Remote{}, "pass --api-key"},
	} {
		got, err := ParseTarget(ctx, guarded, c.creds)
		switch {
		case c.want == "":
			if r, ok := got.(*Remote); err != nil || !ok || !r.control {
				t.Errorf("%s: %#v, %v (want a probed Remote with a control plane)", c.name, got, err)
			}
		case err == nil:
			t.Errorf("%s: accepted, want an error saying %q", c.name, c.want)
		case !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "401: "):
			t.Errorf("%s: %v, want a 401 saying %q", c.name, err, c.want)
		}
	}
}

// TestIntegrationRefusesAContainerTarget: integration mode cannot start an
// image (the service must know the platform's address before it starts), so
// --integration with --target container:IMAGE says so instead of probing a
// URL named "container:...".
func TestIntegrationRefusesAContainerTarget(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := IntegrationMain("../examples/notifier/adapter.yaml", ContainerPrefix+"jiocxsim:latest", "", Options{}, "", &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "integration mode does not start containers") || !strings.Contains(errb.String(), "pass its URL") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("refused before the run, yet printed %q", out.String())
	}
}
