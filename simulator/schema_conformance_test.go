package simulator_test

// These tests check the simulator's bodies against Infobip's OpenAPI
// documents themselves (copied into internal/oaschema/testdata), with a JSON
// Schema validator: every webhook body it posts, every inbound and event body
// it can emit, and the answers of its endpoints. Golden files pin what the
// simulator sends; these say whether that is what the platform documents.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/internal/oaschema"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

func putSettings(t *testing.T, ts *simtest.Server, body map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPut, ts.URL+"/_sim/settings", bytes.NewReader(b))
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT /_sim/settings: %d", resp.StatusCode)
	}
}

func mustDoc(t *testing.T, name string) *oaschema.Doc {
	t.Helper()
	d, err := oaschema.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkWebhook validates body against a documented webhook's schema.
func checkWebhook(t *testing.T, doc, hook string, body []byte) {
	t.Helper()
	s, err := mustDoc(t, doc).Webhook(hook)
	if err != nil {
		t.Fatal(err)
	}
	if err := oaschema.Validate(s, body); err != nil {
		t.Errorf("%s webhook %s: %v", doc, hook, err)
	}
}

// checkComponent validates body against a named component schema.
func checkComponent(t *testing.T, doc, component string, body []byte) {
	t.Helper()
	s, err := mustDoc(t, doc).Component(component)
	if err != nil {
		t.Fatal(err)
	}
	if err := oaschema.Validate(s, body); err != nil {
		t.Errorf("%s %s: %v", doc, component, err)
	}
}

// checkResponse validates an endpoint's answer against the operation's
// documented response for that status.
func checkResponse(t *testing.T, doc, method, path string, status int, body []byte) {
	t.Helper()
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	s, err := mustDoc(t, doc).Response(method, path, status)
	if err != nil {
		t.Fatal(err)
	}
	if err := oaschema.Validate(s, body); err != nil {
		t.Errorf("%s %s %s → %d: %v", doc, method, path, status, err)
	}
}

// TestGoldenCallbacksMatchSchemas validates every pinned webhook body (the
// goldens TestCallbackBodiesGolden compares the simulator's posts with)
// against the webhook the documents define for it.
func TestGoldenCallbacksMatchSchemas(t *testing.T) {
	t.Parallel()
	hooks := map[string][2]string{
		"mo-ott.json":      {"rcs", "receive-inbound-rcs-messages"},
		"mo-rcs-json.json": {"rcs", "receive-inbound-rcs-messages"},
		"mo-json-2.json":   {"sms", "receive-inbound-sms-messages"},
		"rcs1.json":        {"rcs", "receive-outbound-rcs-message-delivery-reports"},
		"rcs2-1.json":      {"rcs", "receive-outbound-rcs-message-delivery-reports"},
		"rcs2-2.json":      {"rcs", "receive-outbound-rcs-message-delivery-reports"},
		"seen.json":        {"rcs", "receive-rcs-seen-reports"},
		"sms2.json":        {"sms", "receive-outbound-sms-message-reports"},
		"sms3.json":        {"sms", "receive-outbound-sms-message-reports-v3"},
		"click.json":       {"sms", "receive-sms-tracking-notification"},
		"capability.json":  {"rcs", "receive-capability-check-result"},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "callback", "*.json"))
	if len(files) != len(hooks) {
		t.Errorf("%d callback goldens, %d mapped to a webhook: map the new ones", len(files), len(hooks))
	}
	for _, f := range files {
		h, ok := hooks[filepath.Base(f)]
		if !ok {
			t.Errorf("%s is not mapped to a documented webhook", f)
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkWebhook(t, h[0], h[1], b)
	}
}

// TestGoldenAnswersMatchSchemas validates the pinned answers of the send,
// preview and pull endpoints against their documented 200 responses.
func TestGoldenAnswersMatchSchemas(t *testing.T) {
	t.Parallel()
	ops := []struct{ prefix, doc, method, path string }{
		{"rcs1_bulk", "rcs", "POST", "/ott/rcs/1/message/bulk"},
		{"rcs1_", "rcs", "POST", "/ott/rcs/1/message"},
		{"rcs2_", "rcs", "POST", "/rcs/2/messages"},
		{"sms2_", "sms", "POST", "/sms/2/text/advanced"},
		{"sms3_", "sms", "POST", "/sms/3/messages"},
		{"preview_", "sms", "POST", "/sms/1/preview"},
		{"pull-rcs-logs", "rcs", "GET", "/rcs/2/logs"},
		{"pull-rcs-reports", "rcs", "GET", "/rcs/2/reports"},
		{"pull-sms1-logs", "sms", "GET", "/sms/1/logs"},
		{"pull-sms3-logs", "sms", "GET", "/sms/3/logs"},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	for _, f := range files {
		name := filepath.Base(f)
		matched := false
		for _, op := range ops {
			if !strings.HasPrefix(name, op.prefix) {
				continue
			}
			matched = true
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if name == "rcs1_bulk_array.json" {
				// The documented bulk answer is an object; the array is the
				// opt-in legacy shape (WithBulkResponseArray), checked per item.
				var items []json.RawMessage
				if err := json.Unmarshal(b, &items); err != nil || len(items) == 0 {
					t.Fatalf("%s: %v", name, err)
				}
				for _, it := range items {
					checkComponent(t, "rcs", "RcsApiResponse", it)
				}
				break
			}
			checkResponse(t, op.doc, op.method, op.path, http.StatusOK, b)
			break
		}
		if !matched {
			t.Errorf("%s is not mapped to a documented operation", name)
		}
	}
}

// TestInboundBodiesMatchSchemas emits every RCS user action the simulator
// can inject (text, file, location, suggestion tap, STOP, a tap as an event,
// typing, a conversation start), in each RCS format and with each event
// setting, and validates each POST against the webhook it follows.
func TestInboundBodiesMatchSchemas(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"MO_OTT_MSISDN", "MO_RCS_JSON"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			sink := &pathSink{}
			hook := httptest.NewServer(sink)
			defer hook.Close()
			ts := simtest.NewServer(t)
			configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
				"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL + "/mo", "format": format}})
			configure(t, ts, map[string]any{"channel": "RCS", "resource": "EventAgent",
				"platform":   map[string]any{"entityId": "ent-1", "applicationId": "app-1"},
				"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL + "/mo-events", "format": format}})
			putSettings(t, ts, map[string]any{"inboundEvents": map[string]any{
				"suggestionsAsEvents": false, "typingIndicators": true, "conversationStarted": true, "url": hook.URL + "/events"}})
			offer := map[string]any{"type": "TEXT", "text": "Pick", "suggestions": []any{
				map[string]any{"type": "REPLY", "text": "Yes", "postbackData": "yes"}}}
			sendV1(t, ts, map[string]any{"from": "DemoAgent", "to": "919999000001", "content": offer})
			lat, lng := 19.07, 72.87
			for _, in := range []simulator.InboundMessage{
				{From: "919999000001", To: "DemoAgent", Text: "Hello"},
				{From: "919999000001", To: "DemoAgent", Type: "FILE", File: &simulator.InboundFile{URL: "https://example.test/a.pdf", ContentType: "application/pdf", Size: 10}},
				{From: "919999000001", To: "DemoAgent", Type: "LOCATION", Latitude: &lat, Longitude: &lng},
				{From: "919999000001", To: "DemoAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{PostbackData: "yes"}},
				{From: "919999000001", To: "DemoAgent", Text: "STOP"},
				{From: "919999000001", To: "DemoAgent", Type: "TYPING_INDICATOR"},
				{From: "919999000002", To: "DemoAgent", Text: "I write first"},
			} {
				if _, err := ts.Sim.Inbound(simtest.APIKey, in); err != nil {
					t.Fatalf("%+v: %v", in, err)
				}
			}
			// The second sender's account takes taps as events.
			putSettings(t, ts, map[string]any{"inboundEvents": map[string]any{
				"suggestionsAsEvents": true, "typingIndicators": true, "conversationStarted": true}})
			sendV1(t, ts, map[string]any{"from": "EventAgent", "to": "919999000003", "content": offer})
			for _, in := range []simulator.InboundMessage{
				{From: "919999000003", To: "EventAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{Text: "Yes"}},
				{From: "919999000003", To: "EventAgent", Type: "TYPING_INDICATOR"},
			} {
				if _, err := ts.Sim.Inbound(simtest.APIKey, in); err != nil {
					t.Fatalf("%+v: %v", in, err)
				}
			}
			ts.Sim.Advance(0)
			waitAttempts(t, ts, 4)

			for path, hook := range map[string][2]string{
				"/mo":        {"receive-inbound-rcs-messages", "6 messages"},
				"/events":    {"", ""},
				"/mo-events": {"", ""},
			} {
				bodies := sink.bodies(path)
				if len(bodies) == 0 {
					t.Errorf("nothing posted to %s", path)
				}
				for _, b := range bodies {
					switch {
					case hook[0] != "":
						checkWebhook(t, "rcs", hook[0], b)
					case strings.Contains(string(b), `"TYPING_INDICATOR"`):
						checkWebhook(t, "rcs", "receive-rcs-typing-indicator-events", b)
					case strings.Contains(string(b), `"CONVERSATION_STARTED"`):
						checkWebhook(t, "rcs", "receive-rcs-conversation-started-events", b)
					case strings.Contains(string(b), `"EVENT"`):
						checkWebhook(t, "rcs", "inbound-events-receive-inbound-rcs-events", b)
					default:
						t.Errorf("%s got a body of no known webhook: %s", path, b)
					}
				}
			}
			all := ""
			for _, p := range []string{"/mo", "/events", "/mo-events"} {
				for _, b := range sink.bodies(p) {
					all += string(b)
				}
			}
			for _, want := range []string{`"type":"TEXT"`, `"type":"FILE"`, `"type":"LOCATION"`, `"interactionType":"EVENT"`,
				`"text":"STOP"`, `"TYPING_INDICATOR"`, `"CONVERSATION_STARTED"`, `"type":"P2A"`, `"type":"A2P"`} {
				if !strings.Contains(all, want) {
					t.Errorf("no emitted body has %s", want)
				}
			}
		})
	}
}

// TestAnswersMatchSchemas calls each endpoint, accepted and refused, and
// validates the answer against the operation's documented response.
func TestAnswersMatchSchemas(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	do := func(method, path, auth, body string) (int, []byte) {
		t.Helper()
		var rd *bytes.Reader
		if body != "" {
			rd = bytes.NewReader([]byte(body))
		} else {
			rd = bytes.NewReader(nil)
		}
		req, _ := http.NewRequest(method, ts.URL+path, rd)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		return resp.StatusCode, buf.Bytes()
	}
	key := "App " + simtest.APIKey
	// An inbound SMS without forwarding waits in the inbox, so its pull answer has a result.
	if _, err := ts.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000001", Text: "Hello"}); err != nil {
		t.Fatal(err)
	}
	v1 := `{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT","text":"Hi"}}`
	v2 := `{"messages":[{"sender":"DemoAgent","destinations":[{"to":"919999000001"}],"content":{"type":"TEXT","text":"Hi"}}]}`
	sms2 := `{"messages":[{"from":"InfoSMS","destinations":[{"to":"41793026727"}],"text":"Hi"}]}`
	sms3 := `{"messages":[{"sender":"InfoSMS","destinations":[{"to":"41793026727"}],"content":{"text":"Hi"}}]}`
	cases := []struct {
		doc, method, path, auth, body string
		status                        int
	}{
		{"rcs", "POST", "/ott/rcs/1/message", key, v1, 200},
		{"rcs", "POST", "/ott/rcs/1/message", key, `{"from":"DemoAgent"}`, 400},
		{"rcs", "POST", "/ott/rcs/1/message", "", v1, 401},
		{"rcs", "POST", "/ott/rcs/1/message/bulk", key, `{"messages":[` + v1 + `]}`, 200},
		{"rcs", "POST", "/ott/rcs/1/message/bulk", key, `{"messages":[{"from":"DemoAgent"}]}`, 400},
		{"rcs", "POST", "/rcs/2/messages", key, v2, 200},
		{"rcs", "POST", "/rcs/2/messages", key, `{"messages":[{"sender":"DemoAgent"}]}`, 400},
		{"rcs", "POST", "/rcs/2/messages", "", v2, 401},
		{"rcs", "POST", "/rcs/1/events", key, `{"events":[{"sender":"DemoAgent","destinations":[{"to":"919999000001"}],"content":{"type":"TYPING_INDICATOR"}}]}`, 200},
		{"rcs", "POST", "/rcs/1/events", key, `{"events":[{"sender":"DemoAgent"}]}`, 400},
		{"rcs", "POST", "/rcs/2/capability-check/query", key, `{"sender":"DemoAgent","phoneNumbers":["919999000001"]}`, 200},
		{"rcs", "POST", "/rcs/2/capability-check/query", key, `{"sender":"DemoAgent"}`, 400},
		{"rcs", "POST", "/rcs/2/capability-check/notify", key, `{"sender":"DemoAgent","phoneNumbers":["919999000001"],"notifyUrl":"https://example.test/cap"}`, 200},
		{"rcs", "GET", "/rcs/2/reports", key, "", 200},
		{"rcs", "GET", "/rcs/2/logs", key, "", 200},
		{"sms", "POST", "/sms/2/text/advanced", key, sms2, 200},
		{"sms", "POST", "/sms/2/text/advanced", key, `{"messages":[{"text":"Hi"}]}`, 400},
		{"sms", "POST", "/sms/2/text/advanced", "", sms2, 401},
		{"sms", "POST", "/sms/3/messages", key, sms3, 200},
		{"sms", "POST", "/sms/3/messages", key, `{"messages":[{"content":{"text":"Hi"}}]}`, 400},
		{"sms", "POST", "/sms/1/preview", key, `{"text":"Hi"}`, 200},
		{"sms", "POST", "/sms/1/preview", key, `{}`, 400},
		{"sms", "GET", "/sms/1/reports", key, "", 200},
		{"sms", "GET", "/sms/3/reports", key, "", 200},
		{"sms", "GET", "/sms/1/logs", key, "", 200},
		{"sms", "GET", "/sms/3/logs", key, "", 200},
		{"sms", "GET", "/sms/1/inbox/reports", key, "", 200},
		{"account", "POST", "/auth/1/session", "", `{"username":"ops","password":"secret"}`, 200},
		{"resources", "POST", "/resource-management/1/inbound-message-configurations", key,
			`{"channel":"RCS","resource":"DemoAgent","forwarding":{"type":"HTTP_FORWARD","url":"https://example.test/mo","format":"MO_OTT_MSISDN"}}`, 200},
		{"resources", "POST", "/resource-management/1/inbound-message-configurations", key, `{"channel":"RCS"}`, 400},
		{"resources", "GET", "/resource-management/1/inbound-message-configurations?channel=RCS", key, "", 200},
	}
	for _, c := range cases {
		status, body := do(c.method, c.path, c.auth, c.body)
		if status != c.status {
			t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, status, c.status, body)
			continue
		}
		path := c.path
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		checkResponse(t, c.doc, c.method, path, status, body)
	}
}

// TestReportOutcomesMatchSchemas posts the delivery reports of every
// number-plan outcome (RCS and SMS digits, failover with triggered reports,
// intermediate reports, expiry) for each API generation and validates each
// POST against its documented webhook.
func TestReportOutcomesMatchSchemas(t *testing.T) {
	t.Parallel()
	sink := &pathSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	u := func(p string) string { return hook.URL + p }
	n := 0
	for r := 0; r <= 6; r++ {
		for sd := 0; sd <= 5; sd++ {
			n++
			to := fmt.Sprintf("919999%d%d%04d", r, sd, n)
			lcPost(t, ts, "/ott/rcs/1/message", map[string]any{"from": "DemoAgent", "to": to, "notifyUrl": u("/rcs1"),
				"content": map[string]any{"type": "TEXT", "text": "Hi"}, "smsFailover": map[string]any{"from": "DEMOSMS", "text": "Hi"}, "validityPeriod": 1})
			lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
				"destinations": []any{map[string]any{"to": to}}, "content": map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT",
					"content": map[string]any{"title": "T"}},
				"options":  map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Hi"}, "validityPeriod": map[string]any{"amount": 1}},
				"webhooks": map[string]any{"delivery": map[string]any{"url": u("/rcs2"), "intermediateReport": true, "receiveTriggeredFailoverReports": true}, "seen": map[string]any{"url": u("/seen")}}}}})
			lcPost(t, ts, "/sms/2/text/advanced", map[string]any{"messages": []any{map[string]any{"from": "DEMOSMS",
				"destinations": []any{map[string]any{"to": to}}, "text": "Hi", "notifyUrl": u("/sms2"), "intermediateReport": true, "validityPeriod": 1}}})
			lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "DEMOSMS",
				"destinations": []any{map[string]any{"to": to}}, "content": map[string]any{"text": "Hi"},
				"options":  map[string]any{"validityPeriod": map[string]any{"amount": 1}},
				"webhooks": map[string]any{"delivery": map[string]any{"url": u("/sms3"), "intermediateReport": true}}}}})
		}
	}
	for i := 0; i < 10; i++ {
		ts.Sim.Advance(time.Minute)
	}
	ts.Sim.Advance(48 * time.Hour)
	waitAttempts(t, ts, 4)
	for path, hook := range map[string][2]string{
		"/rcs1": {"rcs", "receive-outbound-rcs-message-delivery-reports"},
		"/rcs2": {"rcs", "receive-outbound-rcs-message-delivery-reports"},
		"/seen": {"rcs", "receive-rcs-seen-reports"},
		"/sms2": {"sms", "receive-outbound-sms-message-reports"},
		"/sms3": {"sms", "receive-outbound-sms-message-reports-v3"},
	} {
		bodies := sink.bodies(path)
		if len(bodies) == 0 {
			t.Errorf("no report posted to %s", path)
		}
		results := 0
		for _, b := range bodies {
			checkWebhook(t, hook[0], hook[1], b)
			var v struct{ Results []json.RawMessage }
			_ = json.Unmarshal(b, &v)
			results += len(v.Results)
		}
		t.Logf("%s: %d POSTs, %d results validated", path, len(bodies), results)
	}
}
