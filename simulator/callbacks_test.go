package simulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	rcsmodels "github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/rcs"
	smsmodels "github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/sms"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// callbackSink is a client's callback endpoint: it refuses the first
// `refuse` POSTs with 503 and records the bodies it accepts.
type callbackSink struct {
	mu       sync.Mutex
	refuse   int
	calls    int
	accepted [][]byte
}

func (s *callbackSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.calls <= s.refuse {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		w.WriteHeader(http.StatusUnsupportedMediaType)
		return
	}
	s.accepted = append(s.accepted, b)
}

func (s *callbackSink) bodies() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.accepted...)
}

func waitAttempts(t *testing.T, ts *simtest.Server, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if got, err := ts.Sim.WaitForAttempts(ctx, "", n); err != nil {
		t.Fatalf("waiting for %d callback attempts: %v (have %+v)", n, err, got)
	}
}

// TestRefusingEndpointGetsEveryReportOnce drives the push path end to end:
// the endpoint refuses the first two POSTs; with a one-second retry policy
// every report still arrives, is accepted once, and the reports about one
// message arrive in order. The official SDK decodes the bodies unmodified.
func TestRefusingEndpointGetsEveryReportOnce(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{refuse: 2}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Second, MaxAttempts: 5}))

	// An RCS message to a phone without RCS (R=1), with SMS failover and
	// triggered-failover reports: two reports, RCS step then SMS.
	status, body := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{
		"sender":       "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999100001", "messageId": "fb-1"}},
		"content":      map[string]any{"type": "TEXT", "text": "Your order shipped"},
		"options":      map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Your order shipped (SMS)"}},
		"webhooks": map[string]any{"callbackData": "order-42", "delivery": map[string]any{
			"url": hook.URL, "receiveTriggeredFailoverReports": true}},
	}}})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, body)
	}

	ts.Sim.Advance(300 * time.Millisecond) // RCS fails: the step report goes out and is refused
	waitAttempts(t, ts, 1)
	ts.Sim.Advance(300 * time.Millisecond) // SMS delivered: queued behind the refused step report
	ts.Sim.Advance(time.Second)            // first retry: refused again
	waitAttempts(t, ts, 2)
	ts.Sim.Advance(time.Second) // second retry: accepted; then the SMS report follows
	waitAttempts(t, ts, 4)

	attempts := ts.Sim.WebhookAttempts("")
	var outcomes []string
	for _, a := range attempts {
		outcomes = append(outcomes, a.Outcome)
	}
	if diff := cmp.Diff([]string{"retry", "retry", "delivered", "delivered"}, outcomes); diff != "" {
		t.Fatalf("attempt outcomes (-want +got):\n%s", diff)
	}

	bodies := sink.bodies()
	if len(bodies) != 2 {
		t.Fatalf("accepted %d bodies, want 2 (each report once): %s", len(bodies), bodies)
	}
	type got struct {
		Channel, Status, Error, Sender, CallbackData, MessageID string
	}
	var reports []got
	for _, b := range bodies {
		var sdk rcsmodels.WebhookDeliveryReports
		if err := json.Unmarshal(b, &sdk); err != nil {
			t.Fatalf("SDK cannot decode %s: %v", b, err)
		}
		for _, r := range sdk.GetResults() {
			if r.SentAt == nil || r.DoneAt == nil || r.SentAt.T.Before(simtest.Start()) || r.DoneAt.T.Before(r.SentAt.T) {
				t.Errorf("timestamps not decoded by the SDK: %s", b)
			}
			reports = append(reports, got{r.GetChannel(), r.Status.GetName(), r.Error.GetName(), r.GetSender(), r.GetCallbackData(), r.GetMessageId()})
		}
	}
	want := []got{
		{"RCS", "PENDING_ENROUTE", "EC_UNKNOWN_USER", "DemoAgent", "order-42", "fb-1"},
		{"SMS", "DELIVERED_TO_HANDSET", "NO_ERROR", "DEMOSMS", "order-42", "fb-1"},
	}
	if diff := cmp.Diff(want, reports); diff != "" {
		t.Fatalf("reports as the SDK reads them (-want +got):\n%s", diff)
	}
}

// TestSMSv3ReportDecodesWithSDK checks the v3 SMS report body against the
// SDK's sms.DeliveryReports model, and the pull endpoint's answer too.
func TestSMSv3ReportDecodesWithSDK(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	for _, m := range []map[string]any{
		{"sender": "DEMOSMS", "destinations": []any{map[string]any{"to": "919999000001", "messageId": "push-1"}},
			"content":  map[string]any{"text": "pushed"},
			"options":  map[string]any{"platform": map[string]any{"entityId": "ent", "applicationId": "app"}, "campaignReferenceId": "camp"},
			"webhooks": map[string]any{"callbackData": "cb", "delivery": map[string]any{"url": hook.URL}}},
		{"sender": "DEMOSMS", "destinations": []any{map[string]any{"to": "919999000002", "messageId": "pull-1"}},
			"content": map[string]any{"text": "pulled"}},
	} {
		if status, body := lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{m}}); status != 200 {
			t.Fatalf("send: %d %s", status, body)
		}
	}
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 1)

	var pushed smsmodels.DeliveryReports
	if err := json.Unmarshal(sink.bodies()[0], &pushed); err != nil {
		t.Fatal(err)
	}
	r := pushed.GetResults()[0]
	type view struct {
		MessageID, To, Sender, Status, Error, CallbackData, Entity, App, Campaign string
		Count                                                                     int32
	}
	gotPush := view{r.GetMessageId(), r.GetTo(), r.GetSender(), r.Status.GetName(), r.Error.GetName(), r.GetCallbackData(),
		r.Platform.GetEntityId(), r.Platform.GetApplicationId(), r.GetCampaignReferenceId(), r.GetMessageCount()}
	wantPush := view{"push-1", "919999000001", "DEMOSMS", "DELIVERED_TO_HANDSET", "NO_ERROR", "cb", "ent", "app", "camp", 1}
	if diff := cmp.Diff(wantPush, gotPush); diff != "" {
		t.Fatalf("pushed v3 report (-want +got):\n%s", diff)
	}

	_, body := lcGet(t, ts, "/sms/3/reports")
	var pulled smsmodels.DeliveryReports
	if err := json.Unmarshal(body, &pulled); err != nil {
		t.Fatal(err)
	}
	if n := len(pulled.GetResults()); n != 1 || pulled.GetResults()[0].GetMessageId() != "pull-1" {
		t.Fatalf("pull returned %s, want only pull-1 (pushed reports are not kept for pull)", body)
	}
}

// TestAdvanceRunsRetriesAtTheirInstants: one Advance over an hour against an
// endpoint that always refuses makes every attempt whose turn comes within
// the hour, each at its own instant on Infobip's 1 + n^2 minute cycle.
func TestAdvanceRunsRetriesAtTheirInstants(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{refuse: 1000}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
		"destinations": []any{map[string]any{"to": "447700900001"}}, "content": map[string]any{"text": "x"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": hook.URL}}}}})
	ts.Sim.Advance(time.Hour)
	var at []time.Duration
	for _, a := range ts.Sim.WebhookAttempts("") {
		at = append(at, a.At.Sub(simtest.Start()))
	}
	ms := 300 * time.Millisecond
	want := []time.Duration{ms, 2*time.Minute + ms, 7*time.Minute + ms, 17*time.Minute + ms, 34*time.Minute + ms}
	if diff := cmp.Diff(want, at); diff != "" {
		t.Fatalf("attempt times (-want +got):\n%s", diff)
	}
}

// TestResetDropsQueuedCallbacks: after a reset nothing of the old run is
// delivered to a URL the next test may reuse.
func TestResetDropsQueuedCallbacks(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{refuse: 1}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
		"destinations": []any{map[string]any{"to": "447700900001"}}, "content": map[string]any{"text": "x"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": hook.URL}}}}})
	ts.Sim.Advance(time.Second) // refused; a retry is due in two minutes
	ts.Sim.Reset("")
	ts.Sim.Advance(time.Hour)
	if n := len(sink.bodies()); n != 0 {
		t.Fatalf("%d stale reports delivered after Reset", n)
	}
}
