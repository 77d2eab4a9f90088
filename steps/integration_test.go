package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// goIntegration is an in-process Go integration without a Prober: it posts
// one RCS v1 message per Send, and acknowledges every callback.
type goIntegration struct {
	platform string
	cfg      IntegrationConfig
}

func (g *goIntegration) Config() IntegrationConfig { return g.cfg }

func (g *goIntegration) Send(ctx context.Context, m Outgoing) error {
	b, _ := json.Marshal(map[string]any{"from": g.cfg.Agent, "to": m.Number, "content": map[string]any{"type": "TEXT", "text": m.Text}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, g.platform+"/ott/rcs/1/message", bytes.NewReader(b))
	req.Header.Set("Authorization", "App "+g.cfg.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("platform answered %d", resp.StatusCode)
	}
	return nil
}

// TestGoIntegrationWithoutProbes: a Go Integration runs in process; the
// requirements that need the service's own view are skipped with the probe
// they lack, never passed; the ones that do not, run.
func TestGoIntegrationWithoutProbes(t *testing.T) {
	t.Parallel()
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer hooks.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	g := &goIntegration{platform: "http://" + addr, cfg: IntegrationConfig{
		APIKey: NewAPIKey(), Agent: "DemoAgent", ReportURL: hooks.URL + "/dlr", InboundURL: hooks.URL + "/mo",
		Sample: Outgoing{Text: "hello"},
	}}
	var out bytes.Buffer
	res, err := Run(Options{Integration: g, PlatformListen: addr, Output: &out,
		Tags: "@GL-INT-1,@GL-INT-2,@GL-INT-6,@GL-INT-7,@GL-INT-9,@GL-INT-11"})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	res.WriteTable(&table)
	t.Log(table.String())
	want := map[string]string{"GL-INT-1": "PASS", "GL-INT-2": "SKIPPED", "GL-INT-6": "SKIPPED", "GL-INT-7": "SKIPPED", "GL-INT-9": "SKIPPED", "GL-INT-11": "SKIPPED"}
	for _, r := range res.Requirements {
		got := "PASS"
		switch {
		case r.Failed > 0:
			got = "FAIL"
		case r.Passed == 0:
			got = "SKIPPED"
		}
		if want[r.ID] != got {
			t.Errorf("%s: %s, want %s", r.ID, got, want[r.ID])
		}
		delete(want, r.ID)
	}
	if len(want) > 0 {
		t.Errorf("requirements not run: %v", want)
	}
	reasons := table.String()
	for _, s := range []string{"the adapter has no message.reports probe (probe.message.reports)", "configures no SMS fallback", "names no campaign whose messages offer a suggestion", "does not turn provider click tracking on"} {
		if !strings.Contains(reasons, s) {
			t.Errorf("skip reasons do not say %q:\n%s", s, reasons)
		}
	}
}

// TestIntegrationRunOfNothingFails: a tag filter that matches no scenario
// is not a green run.
func TestIntegrationRunOfNothingFails(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	g := &goIntegration{platform: "http://" + addr, cfg: IntegrationConfig{APIKey: NewAPIKey(), Agent: "A",
		ReportURL: "http://127.0.0.1:1/dlr", InboundURL: "http://127.0.0.1:1/mo", Sample: Outgoing{Text: "x"}}}
	var out bytes.Buffer
	res, err := Run(Options{Integration: g, PlatformListen: addr, Output: &out, Tags: "@no-such-tag"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status == 0 {
		t.Errorf("a run of no scenario has status 0:\n%s", out.String())
	}
}
