package simulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestMessagesAPIBodiesGolden pins the Messages API's bodies field for field:
// the send answer, a delivered RCS report, a failover's two reports, a seen
// report, the pulled reports, and MO_MESSAGES_API_JSON for RCS and SMS.
// Counter ids and the fake clock make them stable; -update rewrites them.
func TestMessagesAPIBodiesGolden(t *testing.T) {
	t.Parallel()
	sink := &pathSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	u := func(p string) string { return hook.URL + p }
	platform := map[string]any{"platform": map[string]any{"entityId": "ent", "applicationId": "app"}, "campaignReferenceId": "camp"}

	lcPost(t, ts, "/resource-management/1/inbound-message-configurations", map[string]any{"channel": "RCS", "resource": "ReplyAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": u("/mo-rcs"), "format": "MO_MESSAGES_API_JSON"}})
	lcPost(t, ts, "/resource-management/1/inbound-message-configurations", map[string]any{"channel": "SMS", "number": "919800000001",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": u("/mo-sms"), "format": "MO_MESSAGES_API_JSON"}})

	status, send := lcPost(t, ts, "/messages-api/1/messages", map[string]any{"messages": []any{
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "Hi"}, map[string]any{
			"destinations": []any{map[string]any{"to": "919999000001", "messageId": "ma-rcs"}}, "options": platform,
			"webhooks": map[string]any{"callbackData": "cb", "delivery": map[string]any{"url": u("/dlr-rcs")}}}),
		maMessage("RCS", "", map[string]any{"type": "IMAGE", "url": "https://cdn.example/a.png"}, map[string]any{
			"destinations": byChannel("ma-failover", "919999100002"), "options": platform,
			"failover": []any{map[string]any{"channel": "SMS", "sender": "DEMOSMS", "content": map[string]any{"body": map[string]any{"type": "TEXT", "text": "See https://cdn.example/a.png"}}}},
			"webhooks": map[string]any{"callbackData": "cb", "delivery": map[string]any{"url": u("/dlr-failover"), "receiveTriggeredFailoverReports": true}}}),
		// R=5: delivered, seen, then the user answers YES.
		map[string]any{"channel": "RCS", "sender": "ReplyAgent", "destinations": []any{map[string]any{"to": "919999500003", "messageId": "ma-replies"}},
			"content":  map[string]any{"body": map[string]any{"type": "TEXT", "text": "Agree?"}, "buttons": []any{map[string]any{"type": "REPLY", "text": "YES"}}},
			"webhooks": map[string]any{"callbackData": "journey", "seen": map[string]any{"url": u("/seen")}, "delivery": map[string]any{"url": u("/dlr-replies")}}},
		maMessage("SMS", "", map[string]any{"type": "TEXT", "text": "Pull me"}, map[string]any{
			"destinations": []any{map[string]any{"to": "919999000004", "messageId": "ma-pull"}}, "options": platform}),
	}, "options": map[string]any{"schedule": map[string]any{"bulkId": "ma-bulk"}}})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, send)
	}
	hCheckGolden(t, "messagesapi/send", send)

	ts.Sim.Advance(time.Second)
	if _, err := ts.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919999000005", To: "919800000001", Text: "Hello"}); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(5 * time.Second)

	// Reports queued for one URL may share a POST, so each path's results
	// are compared together, however they were batched.
	want := map[string]int{"/dlr-rcs": 1, "/dlr-failover": 2, "/dlr-replies": 1, "/seen": 1, "/mo-rcs": 1, "/mo-sms": 1}
	results := func() map[string][]json.RawMessage {
		out := map[string][]json.RawMessage{}
		for path := range want {
			for _, b := range sink.bodies(path) {
				var batch struct{ Results []json.RawMessage }
				if err := json.Unmarshal(b, &batch); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				out[path] = append(out[path], batch.Results...)
			}
		}
		return out
	}
	for attempts := 1; ; attempts++ {
		waitAttempts(t, ts, attempts)
		got, done := results(), true
		for path, n := range want {
			done = done && len(got[path]) >= n
		}
		if done {
			break
		}
	}
	for path, rs := range results() {
		if len(rs) != want[path] {
			t.Errorf("%s received %d results, want %d", path, len(rs), want[path])
		}
		b, err := json.Marshal(map[string]any{"results": rs})
		if err != nil {
			t.Fatal(err)
		}
		hCheckGolden(t, "messagesapi"+path, b)
	}
	status, pulled := lcGet(t, ts, "/messages-api/1/reports")
	if status != http.StatusOK {
		t.Fatalf("reports: %d %s", status, pulled)
	}
	hCheckGolden(t, "messagesapi/pull-reports", pulled)
}
