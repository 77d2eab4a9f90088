package simulator_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// pathSink records accepted bodies per request path.
type pathSink struct {
	mu  sync.Mutex
	got map[string][][]byte
}

func (p *pathSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.got == nil {
		p.got = map[string][][]byte{}
	}
	p.got[r.URL.Path] = append(p.got[r.URL.Path], b)
}

func (p *pathSink) bodies(path string) [][]byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.got[path]
}

// TestCallbackBodiesGolden pins every body the simulator posts or serves
// besides send answers, field for field: the delivery reports of each API
// generation, a failover's two reports, seen reports, each inbound format,
// a click, a capability result, and the pull and log answers. Counter ids
// and the fake clock make them stable; -update rewrites them.
func TestCallbackBodiesGolden(t *testing.T) {
	t.Parallel()
	sink := &pathSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithTrackingBaseURL("http://sim.test/t"))
	u := func(p string) string { return hook.URL + p }

	// Delivery reports of each generation.
	lcPost(t, ts, "/sms/2/text/advanced", map[string]any{"bulkId": "bulk-v2", "messages": []any{map[string]any{"from": "DEMOSMS",
		"destinations": []any{map[string]any{"to": "919999000001", "messageId": "sms2"}}, "text": "Hi",
		"notifyUrl": u("/sms2"), "callbackData": "cb", "entityId": "ent", "applicationId": "app", "campaignReferenceId": "camp"}}})
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "DEMOSMS",
		"destinations": []any{map[string]any{"to": "447700900001", "messageId": "sms3"}}, "content": map[string]any{"text": "Hi"},
		"options":  map[string]any{"platform": map[string]any{"entityId": "ent", "applicationId": "app"}, "campaignReferenceId": "camp"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": u("/sms3")}, "callbackData": "cb"}}}})
	lcPost(t, ts, "/ott/rcs/1/message", map[string]any{"from": "DemoAgent", "to": "919999000002", "messageId": "rcs1",
		"content": map[string]any{"type": "TEXT", "text": "Hi"}, "notifyUrl": u("/rcs1"), "callbackData": "cb"})
	lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999100003", "messageId": "rcs2-fallback"}},
		"content":      map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT", "content": map[string]any{"title": "Sale"}},
		"options":      map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Sale by SMS"}},
		"webhooks": map[string]any{"callbackData": "cb", "delivery": map[string]any{"url": u("/rcs2"), "receiveTriggeredFailoverReports": true},
			"seen": map[string]any{"url": u("/seen")}}}}})
	// A reply-by-itself number (R=5) for the seen report and MO_RCS_JSON.
	lcPost(t, ts, "/resource-management/1/inbound-message-configurations", map[string]any{"channel": "RCS", "resource": "ReplyAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": u("/mo-rcs-json")}})
	lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "ReplyAgent",
		"destinations": []any{map[string]any{"to": "919999500004", "messageId": "rcs2-replies"}},
		"content":      map[string]any{"type": "TEXT", "text": "Agree?"}, "webhooks": map[string]any{"seen": map[string]any{"url": u("/seen")}}}}})
	// MO_OTT_MSISDN with a tap, MO_JSON_2.
	lcPost(t, ts, "/resource-management/1/inbound-message-configurations", map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": u("/mo-ott"), "format": "MO_OTT_MSISDN"}})
	lcPost(t, ts, "/ott/rcs/1/message", map[string]any{"from": "DemoAgent", "to": "919999000005", "messageId": "rcs1-tap", "callbackData": "journey",
		"content": map[string]any{"type": "TEXT", "text": "Pick", "suggestions": []any{map[string]any{"type": "REPLY", "text": "Yes", "postbackData": "yes"}}}})
	lcPost(t, ts, "/resource-management/1/inbound-message-configurations", map[string]any{"channel": "SMS", "number": "919800000001",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": u("/mo-json-2")}})
	// A tracked link and a capability check.
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "DEMOSMS",
		"destinations": []any{map[string]any{"to": "447700900006", "messageId": "tracked"}}, "content": map[string]any{"text": "See https://shop.example/x"}}},
		"options": map[string]any{"tracking": map[string]any{"trackingUrl": u("/click")}}})
	lcPost(t, ts, "/rcs/2/capability-check/notify", map[string]any{"sender": "DemoAgent", "phoneNumbers": []any{"919999300007"}, "notifyUrl": u("/capability")})
	// Pull-only messages.
	lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999000008", "messageId": "rcs-pull"}}, "content": map[string]any{"type": "TEXT", "text": "Hi"}}}})

	ts.Sim.Advance(time.Second)
	if _, err := ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000005", To: "DemoAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{PostbackData: "yes"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000001", Text: "Hello"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Sim.Click(ts.Sim.Links("", "tracked")[0].Code, nil, nil); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(5 * time.Second)

	for path, n := range map[string]int{"/sms2": 1, "/sms3": 1, "/rcs1": 1, "/rcs2": 2, "/seen": 1, "/mo-rcs-json": 1, "/mo-ott": 1, "/mo-json-2": 1, "/click": 1, "/capability": 1} {
		bodies := sink.bodies(path)
		if len(bodies) != n {
			t.Errorf("%s received %d bodies, want %d", path, len(bodies), n)
			continue
		}
		for i, b := range bodies {
			name := "callback" + path
			if n > 1 {
				name += "-" + string(rune('1'+i))
			}
			hCheckGolden(t, name, b)
		}
	}
	for _, path := range []string{"/rcs/2/reports", "/rcs/2/logs?messageId=rcs-pull", "/sms/3/logs?messageId=sms3", "/sms/1/logs?messageId=sms2"} {
		status, body := lcGet(t, ts, path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		hCheckGolden(t, "pull"+map[string]string{"/rcs/2/reports": "-rcs-reports", "/rcs/2/logs?messageId=rcs-pull": "-rcs-logs",
			"/sms/3/logs?messageId=sms3": "-sms3-logs", "/sms/1/logs?messageId=sms2": "-sms1-logs"}[path], body)
	}
}
