package simulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	rcsmodels "github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/rcs"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func configure(t *testing.T, ts *simtest.Server, body map[string]any) wire.InboundConfig {
	t.Helper()
	status, out := lcPost(t, ts, "/resource-management/1/inbound-message-configurations", body)
	if status != http.StatusOK {
		t.Fatalf("configure: %d %s", status, out)
	}
	var cfg wire.InboundConfig
	if err := json.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func sendV1(t *testing.T, ts *simtest.Server, body map[string]any) string {
	t.Helper()
	status, out := lcPost(t, ts, "/ott/rcs/1/message", body)
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, out)
	}
	var resp wire.RCSv1Response
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	return resp.Messages[0].MessageID
}

func ottResults(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var batch struct {
		Results             []map[string]any `json:"results"`
		MessageCount        int              `json:"messageCount"`
		PendingMessageCount *int             `json:"pendingMessageCount"`
	}
	if err := json.Unmarshal(body, &batch); err != nil {
		t.Fatal(err)
	}
	if batch.MessageCount != len(batch.Results) || batch.PendingMessageCount == nil {
		t.Fatalf("batch counts wrong: %s", body)
	}
	return batch.Results
}

// TestRepliesInMOOTTMSISDN covers the CleverTap path: the sender forwards to
// one URL with MO_OTT_MSISDN; text, file, location and a suggestion tap each
// arrive paired with the message they answer.
func TestRepliesInMOOTTMSISDN(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	cfg := configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL, "format": "MO_OTT_MSISDN"}})
	if cfg.Forwarding.Format != "MO_OTT_MSISDN" || cfg.Resource != "DemoAgent" || cfg.ConfigurationKey == "" {
		t.Fatalf("stored config %+v", cfg)
	}
	id := sendV1(t, ts, map[string]any{"from": "DemoAgent", "to": "919999000001", "callbackData": "campaign-7",
		"content": map[string]any{"type": "TEXT", "text": "Pick one", "suggestions": []any{
			map[string]any{"type": "REPLY", "text": "Yes please", "postbackData": "opt-in"},
			map[string]any{"type": "REQUEST_LOCATION", "text": "Share location", "postbackData": "loc"},
		}}})
	lat, lng := 19.07, 72.87
	for _, in := range []simulator.InboundMessage{
		{From: "+919999000001", To: "DemoAgent", Text: "Hello there"},
		{From: "919999000001", To: "DemoAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{PostbackData: "opt-in"}},
		{From: "919999000001", To: "DemoAgent", Type: "LOCATION", Latitude: &lat, Longitude: &lng},
		{From: "919999000001", To: "DemoAgent", Type: "FILE", File: &simulator.InboundFile{URL: "https://example.test/receipt.pdf", ContentType: "application/pdf", Size: 1234}},
	} {
		if _, err := ts.Sim.Inbound("", in); err != nil {
			t.Fatalf("%+v: %v", in, err)
		}
	}
	_, err := ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000001", To: "DemoAgent", Type: "SUGGESTION",
		Suggestion: &simulator.SuggestionChoice{Text: "Not offered"}})
	if err == nil || !strings.Contains(err.Error(), `did not offer`) || !strings.Contains(err.Error(), `"Yes please"/"opt-in"`) {
		t.Fatalf("tap on an unknown suggestion: %v", err)
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 1)

	bodies := sink.bodies()
	if len(bodies) != 1 {
		t.Fatalf("%d POSTs, want the four replies in one", len(bodies))
	}
	results := ottResults(t, bodies[0])
	var messages []map[string]any
	for _, r := range results {
		if r["sender"] != "919999000001" || r["to"] != "DemoAgent" || r["integrationType"] != "RCS" ||
			r["pairedMessageId"] != id || r["callbackData"] != "campaign-7" || r["receivedAt"] != "2026-01-02T10:00:00.000+0000" {
			t.Errorf("envelope fields wrong: %v", r)
		}
		if _, ok := r["from"]; ok {
			t.Errorf("MO_OTT_MSISDN carries from by default, which RcsInboundMessage does not have: %v", r)
		}
		for _, k := range []string{"interactionType", "rcsCount", "conversation", "platform"} {
			if _, ok := r[k]; !ok {
				t.Errorf("MO_OTT_MSISDN lacks the required %s: %v", k, r)
			}
		}
		messages = append(messages, r["message"].(map[string]any))
	}
	want := []map[string]any{
		{"type": "TEXT", "text": "Hello there"},
		{"type": "SUGGESTION", "text": "Yes please", "postbackData": "opt-in"},
		{"type": "LOCATION", "latitude": 19.07, "longitude": 72.87},
		{"type": "FILE", "url": "https://example.test/receipt.pdf", "name": "receipt.pdf", "contentType": "application/pdf", "size": 1234.0},
	}
	if diff := cmp.Diff(want, messages); diff != "" {
		t.Fatalf("messages (-want +got):\n%s", diff)
	}
}

// TestMORCSJSONDecodesWithSDK checks the default RCS renderer against the
// official SDK's inbound model.
func TestMORCSJSONDecodesWithSDK(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL}})
	id := sendV1(t, ts, map[string]any{"from": "DemoAgent", "to": "919999000002", "content": map[string]any{"type": "TEXT", "text": "Hi"}})
	if _, err := ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000002", To: "DemoAgent", Text: "Hi back"}); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 1)
	var sdk rcsmodels.InboundMessages
	if err := json.Unmarshal(sink.bodies()[0], &sdk); err != nil {
		t.Fatal(err)
	}
	r := sdk.GetResults()[0]
	got := []string{r.GetSender(), r.GetTo(), r.GetIntegrationType(), r.GetPairedMessageId(), r.ReceivedAt.T.Format(time.RFC3339)}
	if diff := cmp.Diff([]string{"919999000002", "DemoAgent", "RCS", id, "2026-01-02T10:00:00Z"}, got); diff != "" {
		t.Fatalf("SDK view (-want +got):\n%s\n%s", diff, sink.bodies()[0])
	}
	if r.Message.InboundTextContent == nil || r.Message.InboundTextContent.GetText() != "Hi back" {
		t.Fatalf("SDK message content %+v", r.Message)
	}
}

// TestStopBlocksAndStartRestores runs the subscriber-management cycle: after
// STOP, RCS from that sender report 7003 and fall back where a failover was
// given; after START the user is reachable again.
func TestStopBlocksAndStartRestores(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	user := "919999000003"
	send := func(id string, failover bool) {
		body := map[string]any{"from": "DemoAgent", "to": user, "messageId": id, "content": map[string]any{"type": "TEXT", "text": "Offer"}}
		if failover {
			body["smsFailover"] = map[string]any{"from": "DEMO", "text": "Offer by SMS"}
		}
		sendV1(t, ts, body)
		ts.Sim.Advance(time.Second)
	}
	send("before", false)
	rec, err := ts.Sim.Inbound("", simulator.InboundMessage{From: user, To: "DemoAgent", Text: "stop"})
	if err != nil || len(rec.Effects) != 1 {
		t.Fatalf("STOP: %+v %v", rec, err)
	}
	if b := ts.Sim.Blocks(""); len(b) != 1 || b[0].User != user || b[0].Sender != "DemoAgent" {
		t.Fatalf("blocks %+v", b)
	}
	send("blocked-no-failover", false)
	send("blocked-failover", true)
	if _, err := ts.Sim.Inbound("", simulator.InboundMessage{From: user, To: "DemoAgent", Text: "START"}); err != nil {
		t.Fatal(err)
	}
	send("after", false)

	type row struct {
		ID, Channel, Status, Error string
	}
	var got []row
	for _, id := range []string{"before", "blocked-no-failover", "blocked-failover", "after"} {
		m, _ := ts.Sim.Message("", id)
		got = append(got, row{id, m.FinalChannel, m.Status.Name, m.Error.Name})
	}
	want := []row{
		{"before", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"blocked-no-failover", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_BLOCKED_USER"},
		{"blocked-failover", "SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"after", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// Another sender is not blocked by a STOP to DemoAgent.
	sendV1(t, ts, map[string]any{"from": "OtherAgent", "to": user, "messageId": "other", "content": map[string]any{"type": "TEXT", "text": "x"}})
	ts.Sim.Inbound("", simulator.InboundMessage{From: user, To: "DemoAgent", Text: "STOP"})
	sendV1(t, ts, map[string]any{"from": "OtherAgent", "to": user, "messageId": "other-2", "content": map[string]any{"type": "TEXT", "text": "x"}})
	ts.Sim.Advance(time.Second)
	if m, _ := ts.Sim.Message("", "other-2"); m.Status.Name != "DELIVERED_TO_HANDSET" {
		t.Fatalf("other sender's message: %s", m.Status.Name)
	}
}

// TestAutomaticReplier: R=5 numbers are delivered, seen (seen report to
// webhooks.seen.url) and answer YES, paired with the message.
func TestAutomaticReplier(t *testing.T) {
	t.Parallel()
	seen := &callbackSink{}
	seenHook := httptest.NewServer(seen)
	defer seenHook.Close()
	mo := &callbackSink{}
	moHook := httptest.NewServer(mo)
	defer moHook.Close()
	ts := simtest.NewServer(t)
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": moHook.URL, "format": "MO_OTT_MSISDN"}})
	status, body := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{
		"sender": "DemoAgent", "destinations": []any{map[string]any{"to": "919999500001", "messageId": "r5"}},
		"content":  map[string]any{"type": "TEXT", "text": "Confirm?"},
		"webhooks": map[string]any{"callbackData": "cb5", "seen": map[string]any{"url": seenHook.URL}},
	}}})
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	ts.Sim.Advance(5 * time.Second)
	waitAttempts(t, ts, 2)
	var seenBody wire.Reports[wire.SeenReport]
	if err := json.Unmarshal(seen.bodies()[0], &seenBody); err != nil {
		t.Fatal(err)
	}
	if r := seenBody.Results[0]; r.MessageID != "r5" || r.From != "919999500001" || r.To != "DemoAgent" || !r.SeenAt.After(r.SentAt.Time) {
		t.Fatalf("seen report %+v", r)
	}
	reply := ottResults(t, mo.bodies()[0])[0]
	if reply["pairedMessageId"] != "r5" || reply["callbackData"] != "cb5" || reply["message"].(map[string]any)["text"] != "YES" {
		t.Fatalf("automatic reply %v", reply)
	}
}

// TestInboundSMSPushAndInbox: MO_JSON_2 to a configured URL, else the inbox
// pull endpoint returns each message once with a pending count.
func TestInboundSMSPushAndInbox(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	configure(t, ts, map[string]any{"channel": "SMS", "number": "919800000001", "keyword": "QUIZ",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL}})
	acct := simtest.APIKey
	if _, err := ts.Sim.Inbound(acct, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000001", Text: "quiz Paris"}); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"one", "two", "three"} {
		if _, err := ts.Sim.Inbound(acct, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000002", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 1)
	pushed := ottResults(t, sink.bodies()[0])[0]
	wantPush := map[string]any{"messageId": "mo-1", "from": "919999000009", "to": "919800000001", "text": "quiz Paris",
		"cleanText": "Paris", "keyword": "QUIZ", "receivedAt": "2026-01-02T10:00:00.000+0000", "smsCount": 1.0,
		"price": map[string]any{"pricePerMessage": 0.0, "currency": "INR"}}
	if diff := cmp.Diff(wantPush, pushed); diff != "" {
		t.Fatalf("MO_JSON_2 (-want +got):\n%s", diff)
	}
	var page wire.InboundBatch[wire.MOJSON2]
	_, body := lcGet(t, ts, "/sms/1/inbox/reports?limit=2")
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Results) != 2 || page.MessageCount != 2 || page.PendingMessageCount != 1 || page.Results[0].Text != "one" {
		t.Fatalf("first inbox page %s", body)
	}
	_, body = lcGet(t, ts, "/sms/1/inbox/reports")
	json.Unmarshal(body, &page)
	if len(page.Results) != 1 || page.PendingMessageCount != 0 || page.Results[0].Text != "three" {
		t.Fatalf("second inbox page %s", body)
	}
}

// TestDLRAndMOShareAURL: one URL for both (as CleverTap configures it); each
// keeps its own shape, and a failing endpoint gets both again.
func TestDLRAndMOShareAURL(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{refuse: 1}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Second, MaxAttempts: 3}))
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL, "format": "MO_OTT_MSISDN"}})
	sendV1(t, ts, map[string]any{"from": "DemoAgent", "to": "919999000004", "notifyUrl": hook.URL, "content": map[string]any{"type": "TEXT", "text": "x"}})
	ts.Sim.Advance(time.Second) // DLR: refused
	waitAttempts(t, ts, 1)
	ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000004", To: "DemoAgent", Text: "ok"})
	ts.Sim.Advance(time.Second) // retry of the DLR, then the MO behind it
	waitAttempts(t, ts, 3)
	bodies := sink.bodies()
	if len(bodies) != 2 {
		t.Fatalf("%d bodies accepted", len(bodies))
	}
	var dlr wire.Reports[wire.RCSReport]
	json.Unmarshal(bodies[0], &dlr)
	if len(dlr.Results) != 1 || dlr.Results[0].Status.Name != "DELIVERED_TO_HANDSET" {
		t.Fatalf("first body is not the DLR: %s", bodies[0])
	}
	if mo := ottResults(t, bodies[1]); mo[0]["message"].(map[string]any)["text"] != "ok" {
		t.Fatalf("second body is not the MO: %s", bodies[1])
	}
}
