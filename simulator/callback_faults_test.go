package simulator_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// sendRCS sends one RCS text to a number that delivers (R=0), with a report URL.
func sendRCS(t *testing.T, ts *simtest.Server, id, to, url string) {
	t.Helper()
	status, body := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{
		"sender": "DemoAgent", "destinations": []any{map[string]any{"to": to, "messageId": id}},
		"content":  map[string]any{"type": "TEXT", "text": "hi"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": url}},
	}}})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, body)
	}
}

// reportIDs reads the messageIds of every report body the sink accepted, in arrival order.
func reportIDs(t *testing.T, sink *callbackSink) []string {
	t.Helper()
	var ids []string
	for _, b := range sink.bodies() {
		var body struct {
			Results []struct {
				MessageID string `json:"messageId"`
			} `json:"results"`
		}
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatalf("report body %s: %v", b, err)
		}
		for _, r := range body.Results {
			ids = append(ids, r.MessageID)
		}
	}
	return ids
}

func TestCallbackFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		fault simulator.CallbackFault
		sends int
		// advance is how far the clock moves after the sends.
		advance time.Duration
		want    []string
	}{
		{"none", simulator.CallbackFault{}, 2, 5 * time.Second, []string{"m1", "m2"}},
		{"duplicate", simulator.CallbackFault{Kind: simulator.CallbackDuplicate}, 1, 5 * time.Second, []string{"m1", "m1"}},
		{"delay not yet due", simulator.CallbackFault{Kind: simulator.CallbackDelay, Delay: "1h"}, 2, 5 * time.Second, []string{"m2"}},
		{"delay due", simulator.CallbackFault{Kind: simulator.CallbackDelay, Delay: "1h"}, 2, 2 * time.Hour, []string{"m2", "m1"}},
		{"reorder", simulator.CallbackFault{Kind: simulator.CallbackReorder, Count: 3}, 3, 10 * time.Second, []string{"m3", "m2", "m1"}},
		{"drop", simulator.CallbackFault{Kind: simulator.CallbackDrop}, 2, 5 * time.Second, []string{"m2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sink := &callbackSink{}
			hook := httptest.NewServer(sink)
			defer hook.Close()
			ts := simtest.NewServer(t)
			if tc.fault.Kind != "" {
				if err := ts.Sim.InjectCallbackFault(tc.fault); err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i <= tc.sends; i++ {
				// Each message in its own instant, so the order of the reports is the order of the sends.
				sendRCS(t, ts, fmt.Sprintf("m%d", i), fmt.Sprintf("91999900000%d", i), hook.URL)
				if _, err := ts.Sim.Advance(time.Second); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := ts.Sim.Advance(tc.advance); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, reportIDs(t, sink)); diff != "" {
				t.Errorf("reports received, in order (-want +got):\n%s", diff)
			}
			if tc.fault.Kind == simulator.CallbackDrop {
				m, _ := ts.Sim.Message("", "m1")
				if len(m.Reports) == 0 || !m.Reports[len(m.Reports)-1].Delivered {
					t.Errorf("a dropped report is logged as acknowledged: %+v", m.Reports)
				}
			}
			_, applied := ts.Sim.CallbackFaults("")
			if tc.fault.Kind != "" && len(applied) == 0 {
				t.Errorf("no applied fault recorded")
			}
		})
	}
}

// TestCallbackFaultProbabilityIsSeeded: the same seed and traffic affect the same reports.
func TestCallbackFaultProbabilityIsSeeded(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) []string {
		sink := &callbackSink{}
		hook := httptest.NewServer(sink)
		defer hook.Close()
		ts := simtest.NewServer(t, simulator.WithSeed(seed))
		if err := ts.Sim.InjectCallbackFault(simulator.CallbackFault{Kind: simulator.CallbackDrop, Count: 100, Probability: 0.5}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 10; i++ {
			sendRCS(t, ts, fmt.Sprintf("p%d", i), fmt.Sprintf("9199990000%02d", i), hook.URL)
			_, _ = ts.Sim.Advance(time.Second)
		}
		_, _ = ts.Sim.Advance(5 * time.Second)
		return reportIDs(t, sink)
	}
	a, b := run(7), run(7)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different reports dropped (-first +second):\n%s", diff)
	}
	if len(a) == 0 || len(a) == 10 {
		t.Errorf("probability 0.5 kept %d of 10 reports", len(a))
	}
}

func TestCallbackFaultControlPlane(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for _, tc := range []struct{ body, wantErr string }{
		{`{"kind":"twice"}`, "kind must be duplicate, delay, reorder or drop"},
		{`{"kind":"delay"}`, "a delay fault needs delay"},
		{`{"kind":"reorder","count":1}`, "at least 2"},
		{`{"kind":"duplicate","callbacks":"clicks"}`, "callbacks must be"},
		{`{"kind":"duplicate","probability":2}`, "probability must be"},
	} {
		status, body := ctlPut(t, ts, "/_sim/callbacks/faults", tc.body)
		if status != http.StatusBadRequest || !json.Valid(body) || !strings.Contains(string(body), tc.wantErr) {
			t.Errorf("%s: %d %s, want 400 naming %q", tc.body, status, body, tc.wantErr)
		}
	}
	status, body := ctlPut(t, ts, "/_sim/callbacks/faults", `{"kind":"duplicate","count":2}`)
	if status != http.StatusOK || !strings.Contains(string(body), `"kind":"duplicate"`) {
		t.Fatalf("arming: %d %s", status, body)
	}
	ts.Sim.Reset("")
	if armed, _ := ts.Sim.CallbackFaults(""); len(armed) != 0 {
		t.Errorf("Reset left faults armed: %+v", armed)
	}
}

func ctlPut(t *testing.T, ts *simtest.Server, path, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}
