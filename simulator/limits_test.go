package simulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestV1FieldLimits: the v1 fields the document leaves unbounded get the
// later generations' limits, refused in the v1 envelope naming the field.
func TestV1FieldLimits(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for _, c := range []struct{ field, value string }{
		{"callbackData", strings.Repeat("x", 4001)},
		{"messageId", strings.Repeat("x", 201)},
		{"notifyUrl", "http://example.com/" + strings.Repeat("x", 2048)},
	} {
		body := map[string]any{"from": "DemoAgent", "to": "919999000001", "content": map[string]any{"type": "TEXT", "text": "x"}, c.field: c.value}
		b, _ := json.Marshal(body)
		r := hDo(t, ts, http.MethodPost, "/ott/rcs/1/message", "App "+simtest.APIKey, "application/json", string(b))
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), c.field) || !strings.Contains(string(r.body), "requestError") {
			t.Errorf("%s of %d: %d %s", c.field, len(c.value), r.status, r.body)
		}
	}
	// smsFailover.text has no documented limit: the default cap applies.
	body, _ := json.Marshal(map[string]any{"from": "DemoAgent", "to": "919999000001", "content": map[string]any{"type": "TEXT", "text": "x"},
		"smsFailover": map[string]any{"from": "DEMOSMS", "text": strings.Repeat("y", 20000)}})
	if r := hDo(t, ts, http.MethodPost, "/ott/rcs/1/message", "App "+simtest.APIKey, "application/json", string(body)); r.status != 400 || !strings.Contains(string(r.body), "smsFailover.text") {
		t.Errorf("smsFailover.text of 20000: %d %s", r.status, r.body)
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("%d messages stored from refused requests", n)
	}
}

// TestUnknownPathsAreBounded: a huge unknown path is kept truncated, and
// beyond the distinct paths listed the calls are counted as dropped.
func TestUnknownPathsAreBounded(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	hDo(t, ts, http.MethodGet, "/x"+strings.Repeat("a", 60000), "", "", "")
	calls := ts.Sim.UnknownCalls()
	if len(calls) != 1 || len(calls[0].Path) > 300 {
		t.Fatalf("unknown calls %d, path length %d", len(calls), len(calls[0].Path))
	}
	for i := 0; i < 1005; i++ {
		hDo(t, ts, http.MethodGet, "/u/"+strings.Repeat("b", i%7)+string(rune('a'+i%26))+"/"+strings.Repeat("c", i/26), "", "", "")
	}
	if d := ts.Sim.DroppedCounts(); d.UnknownPaths != 6 || len(ts.Sim.UnknownCalls()) != 1000 {
		t.Errorf("dropped %+v, listed %d", d, len(ts.Sim.UnknownCalls()))
	}
	r := cDo(t, ts, http.MethodGet, "/_sim/limits", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `"unknownPaths":6`) {
		t.Errorf("/_sim/limits: %d %s", r.status, r.body)
	}
}

// TestEvictionKeepsMessagesInTheirLifecycle: beyond WithMaxMessages only
// finished messages are forgotten; one still waiting for its outcome stays
// and its report still happens.
func TestEvictionKeepsMessagesInTheirLifecycle(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithMaxMessages(10), simulator.WithCounterIDs())
	send := func(to string, n int) {
		for i := 0; i < n; i++ {
			body := `{"messages":[{"sender":"InfoSMS","destinations":[{"to":"` + to + `"}],"content":{"text":"x"}}]}`
			if r := hPost(t, ts, "/sms/3/messages", body); r.status != 200 {
				t.Fatalf("send: %d %s", r.status, r.body)
			}
		}
	}
	send("919999040000", 15) // S=4 slow: DELIVERED_TO_OPERATOR for 2 s, then delivered
	ts.Sim.Advance(300 * time.Millisecond)
	send("919999000001", 15) // delivered at once (after 300 ms)
	ts.Sim.Advance(300 * time.Millisecond)
	send("919999000001", 5) // triggers eviction of finished ones only
	slow := ts.Sim.Messages(simulator.MessageFilter{Destination: "919999040000"})
	if len(slow) != 15 {
		t.Fatalf("%d of 15 messages still in their lifecycle kept", len(slow))
	}
	if ev := ts.Sim.DroppedCounts().EvictedMessages; ev == 0 {
		t.Error("nothing evicted: finished messages should have gone")
	}
	ts.Sim.Advance(3 * time.Second)
	for _, m := range ts.Sim.Messages(simulator.MessageFilter{Destination: "919999040000"}) {
		if m.Status.Name != "DELIVERED_TO_HANDSET" {
			t.Errorf("%s: %s, want the slow message to finish", m.MessageID, m.Status.Name)
		}
	}
}
