package simulator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// rdSend sends one RCS text that falls back to SMS, its report to hook.
func rdSend(t *testing.T, ts *simtest.Server, hook, id string) {
	t.Helper()
	status, body := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{
		"sender":       "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999100001", "messageId": id}},
		"content":      map[string]any{"type": "TEXT", "text": "Your order shipped"},
		"options":      map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Your order shipped (SMS)"}},
		"webhooks":     map[string]any{"delivery": map[string]any{"url": hook}},
	}}})
	if status != http.StatusOK {
		t.Fatalf("send %s: %d %s", id, status, body)
	}
}

// TestAttemptBodiesAndPerBatchRedeliver: the attempt log on the control
// plane carries each POSTed body; one failed batch is redelivered by its id
// while the other stays failed; an unknown id is a 404; without an id every
// failed batch goes again, as before.
func TestAttemptBodiesAndPerBatchRedeliver(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{refuse: 2}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Second, MaxAttempts: 1}))
	ctx := context.Background()
	c := client.New(ts.URL, client.WithAPIKey(simtest.APIKey))

	rdSend(t, ts, hook.URL, "rd-1")
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 1)
	rdSend(t, ts, hook.URL, "rd-2")
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 2)

	failed := ts.Sim.FailedWebhooks(simtest.APIKey)
	if len(failed) != 2 || failed[0].ID == "" || failed[0].ID == failed[1].ID || failed[0].Items[0].MessageID != "rd-1" {
		t.Fatalf("failed batches: %+v", failed)
	}
	n, err := c.RedeliverFailed(ctx, failed[0].ID)
	if err != nil || n != 1 {
		t.Fatalf("redeliver %s: %d %v", failed[0].ID, n, err)
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 3)
	if left := ts.Sim.FailedWebhooks(simtest.APIKey); len(left) != 1 || left[0].ID != failed[1].ID {
		t.Fatalf("after redelivering %s: %+v", failed[0].ID, left)
	}

	attempts, err := c.Attempts(ctx, 3, time.Second)
	if err != nil || len(attempts) != 3 {
		t.Fatalf("attempts: %d %v", len(attempts), err)
	}
	got := attempts[2]
	sink.mu.Lock()
	sent := string(sink.accepted[0])
	sink.mu.Unlock()
	if got.Outcome != "delivered" || got.Body != sent || got.BodyTruncated || !strings.Contains(got.Body, `"messageId":"rd-1"`) {
		t.Fatalf("delivered attempt %+v; the endpoint got %s", got, sent)
	}
	if a := attempts[0]; a.Outcome != "exhausted" || !strings.Contains(a.Body, `"messageId":"rd-1"`) {
		t.Fatalf("the refused POST's body is kept too: %+v", a)
	}

	for _, r := range []hReply{
		hDo(t, ts, http.MethodPost, "/_sim/webhooks/redeliver?id=fb-404", "App "+simtest.APIKey, "", ""),
		hDo(t, ts, http.MethodPost, "/_sim/webhooks/redeliver", "App "+simtest.APIKey, "application/json", `{"id":"fb-404"}`),
	} {
		if r.status != http.StatusNotFound || !strings.Contains(string(r.body), "fb-404") {
			t.Fatalf("unknown id: %d %s", r.status, r.body)
		}
	}
	if r := hDo(t, ts, http.MethodPost, "/_sim/webhooks/redeliver", "App "+simtest.APIKey, "application/json", `{"id":`); r.status != http.StatusBadRequest {
		t.Fatalf("bad body: %d %s", r.status, r.body)
	}
	if n, err := c.RedeliverFailed(ctx, ""); err != nil || n != 1 {
		t.Fatalf("redeliver all: %d %v", n, err)
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 4)
	if left := ts.Sim.FailedWebhooks(simtest.APIKey); len(left) != 0 {
		t.Fatalf("after redelivering all: %+v", left)
	}
}
