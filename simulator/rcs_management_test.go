package simulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

func mgmtDo(t *testing.T, ts *simtest.Server, method, path, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader = http.NoBody
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// sendTemplate sends one PROVIDER_TEMPLATE through /rcs/2/messages.
func sendTemplate(t *testing.T, ts *simtest.Server, id, sender, to, template string, params map[string]string, failover bool) {
	t.Helper()
	var ps []any
	for k, v := range params {
		ps = append(ps, map[string]any{"name": k, "value": v})
	}
	msg := map[string]any{"sender": sender, "destinations": []any{map[string]any{"to": to, "messageId": id}},
		"content": map[string]any{"type": "PROVIDER_TEMPLATE", "templateId": template, "parameters": ps}}
	if failover {
		msg["options"] = map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "By SMS"}}
	}
	if status, body := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{msg}}); status != http.StatusOK {
		t.Fatalf("send %s: %d %s", id, status, body)
	}
}

type outcomeRow struct{ ID, Channel, Status, Error string }

func outcomes(t *testing.T, ts *simtest.Server, ids ...string) []outcomeRow {
	t.Helper()
	var out []outcomeRow
	for _, id := range ids {
		m, ok := ts.Sim.Message("", id)
		if !ok {
			t.Fatalf("no message %s", id)
		}
		out = append(out, outcomeRow{id, m.FinalChannel, m.Status.Name, m.Error.Name})
	}
	return out
}

// TestProviderTemplateScrubbing: a PROVIDER_TEMPLATE is delivered only when
// its template is registered, approved and given exactly its parameters.
func TestProviderTemplateScrubbing(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	sendTemplate(t, ts, "ok", "DemoAgent", "919999000001", "welcome_1", map[string]string{"name": "Asha"}, false)
	sendTemplate(t, ts, "unknown", "DemoAgent", "919999000001", "no_such", nil, false)
	sendTemplate(t, ts, "pending", "DemoAgent", "919999000001", "festive_offer", map[string]string{"name": "A", "discount": "5%"}, false)
	sendTemplate(t, ts, "rejected", "DemoAgent", "919999000001", "old_offer", nil, false)
	sendTemplate(t, ts, "partial", "DemoAgent", "919999000001", "jio_only", nil, false)
	sendTemplate(t, ts, "missing-param", "DemoAgent", "919999000001", "welcome_1", nil, false)
	sendTemplate(t, ts, "extra-param", "DemoAgent", "919999000001", "welcome_1", map[string]string{"name": "A", "city": "Pune"}, false)
	sendTemplate(t, ts, "unknown-failover", "DemoAgent", "919999000001", "no_such", nil, true)
	ts.Sim.Advance(time.Minute)
	want := []outcomeRow{
		{"ok", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"unknown", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INTERNAL_BAD_MAPPING"},
		{"pending", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_TEMPLATE"},
		{"rejected", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_TEMPLATE"},
		{"partial", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"missing-param", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INTERNAL_BAD_MAPPING"},
		{"extra-param", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INTERNAL_BAD_MAPPING"},
		{"unknown-failover", "SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
	}
	if diff := cmp.Diff(want, outcomes(t, ts, "ok", "unknown", "pending", "rejected", "partial", "missing-param", "extra-param", "unknown-failover")); diff != "" {
		t.Fatalf("outcomes (-want +got):\n%s", diff)
	}
}

// TestTemplateEndpoints runs a template's life through the documented
// endpoints, validating each answer against the RCS document: created
// PENDING, approved after the review delay, usable, edited (pending again),
// registered with one more provider, deleted.
func TestTemplateEndpoints(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	base := "/rcs/1/senders/DemoAgent/templates"
	check := func(method, path, body string, want int) []byte {
		t.Helper()
		status, out := mgmtDo(t, ts, method, path, body)
		if status != want {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, status, want, out)
		}
		checkResponse(t, "rcs", method, path, status, out)
		return out
	}
	statusOf := func(b []byte) string {
		var v struct{ Status string }
		_ = json.Unmarshal(b, &v)
		return v.Status
	}
	create := `{"templateName":"otp_1","providers":["JIO"],"content":{"type":"TEXT","text":"Your code is {{code}}"}}`
	if got := statusOf(check("POST", base, create, 200)); got != "PENDING" {
		t.Fatalf("created %s, want PENDING", got)
	}
	check("POST", base, create, 400)                                                                             // duplicate name
	check("POST", base, `{"templateName":"bad name!","providers":[],"content":{"type":"TEXT","text":"x"}}`, 400) // name pattern
	check("POST", base, `{"templateName":"x","providers":["NOPE"],"content":{"type":"TEXT","text":"x"}}`, 400)   // unknown provider
	sendTemplate(t, ts, "before-approval", "DemoAgent", "919999000001", "otp_1", map[string]string{"code": "1234"}, false)
	ts.Sim.Advance(time.Minute)
	if got := statusOf(check("GET", base+"/otp_1", "", 200)); got != "APPROVED" {
		t.Fatalf("after the review %s, want APPROVED", got)
	}
	sendTemplate(t, ts, "after-approval", "DemoAgent", "919999000001", "otp_1", map[string]string{"code": "1234"}, false)
	ts.Sim.Advance(time.Second)
	check("GET", base+"/otp_1/status", "", 200)
	var list []struct{ Name, Status string }
	_ = json.Unmarshal(check("GET", base+"?status=APPROVED", "", 200), &list)
	found := false
	for _, it := range list {
		found = found || it.Name == "otp_1"
		if it.Status != "APPROVED" {
			t.Errorf("status filter let %+v through", it)
		}
	}
	if !found {
		t.Errorf("otp_1 not listed: %+v", list)
	}
	check("GET", base+"?status=NOPE", "", 400)
	if got := statusOf(check("PATCH", base+"/otp_1/register", `{"providers":["INDIA_VI"]}`, 200)); got != "APPROVED_IN_PROGRESS" {
		t.Errorf("after registering with one more provider %s, want APPROVED_IN_PROGRESS", got)
	}
	check("PATCH", base+"/otp_1/register", `{"providers":["INDIA_VI"]}`, 400)
	if got := statusOf(check("PUT", base+"/otp_1", `{"type":"TEXT","text":"Code {{code}} for {{app}}"}`, 200)); got != "PENDING" {
		t.Errorf("after an edit %s, want PENDING", got)
	}
	check("GET", "/rcs/1/templates/template-providers?countryCode=IN", "", 200)
	if status, out := mgmtDo(t, ts, "DELETE", base+"/otp_1", ""); status != http.StatusOK || len(out) != 0 {
		t.Fatalf("DELETE: %d %q, want 200 without a body", status, out)
	}
	check("GET", base+"/otp_1", "", 404)
	check("DELETE", base+"/welcome_1", "", 404) // a seeded template is not the account's to delete
	want := []outcomeRow{
		{"before-approval", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_TEMPLATE"},
		{"after-approval", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
	}
	if diff := cmp.Diff(want, outcomes(t, ts, "before-approval", "after-approval")); diff != "" {
		t.Fatalf("outcomes (-want +got):\n%s", diff)
	}
}

// TestSenderTestingPhase: a sender in testing delivers to its test numbers
// only; other numbers fail with 7005 and fall back where a failover was
// given; once launched everyone receives. The sender endpoints answer as
// documented.
func TestSenderTestingPhase(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	put := func(body string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPut, ts.URL+"/_sim/senders", bytes.NewReader([]byte(body)))
		req.Header.Set("Authorization", "App "+simtest.APIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("PUT /_sim/senders: %d", resp.StatusCode)
		}
	}
	send := func(id, to string, failover bool) {
		body := map[string]any{"from": "BetaAgent", "to": to, "messageId": id, "content": map[string]any{"type": "TEXT", "text": "Hi"}}
		if failover {
			body["smsFailover"] = map[string]any{"from": "DEMOSMS", "text": "Hi by SMS"}
		}
		sendV1(t, ts, body)
	}
	send("launched-by-default", "919999000002", false)
	ts.Sim.Advance(time.Minute) // the RCS leg is checked when it goes out
	put(`{"sender":"BetaAgent","phase":"testing","testNumbers":["+919999000001"]}`)
	status, out := mgmtDo(t, ts, "POST", "/rcs/1/senders/BetaAgent/test-numbers", `{"testNumber":"919999000003"}`)
	if status != http.StatusAccepted {
		t.Fatalf("add test number: %d %s", status, out)
	}
	checkResponse(t, "rcs", "POST", "/rcs/1/senders/BetaAgent/test-numbers", status, out)
	send("tester", "919999000001", false)
	send("api-tester", "919999000003", false)
	send("stranger", "919999000002", false)
	send("stranger-failover", "919999000002", true)
	for _, p := range []string{"/rcs/1/senders", "/rcs/1/senders/BetaAgent/launch-status", "/rcs/1/senders/BetaAgent/test-numbers", "/rcs/1/senders/BetaAgent/test-numbers/919999000003"} {
		status, out := mgmtDo(t, ts, "GET", p, "")
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, status, out)
		}
		checkResponse(t, "rcs", "GET", p, status, out)
	}
	_, ls := mgmtDo(t, ts, "GET", "/rcs/1/senders/BetaAgent/launch-status", "")
	var launch struct {
		SenderStatus string `json:"senderStatus"`
	}
	_ = json.Unmarshal(ls, &launch)
	if launch.SenderStatus != "READY_FOR_TESTING" {
		t.Errorf("launch status %s, want READY_FOR_TESTING", ls)
	}
	ts.Sim.Advance(time.Minute)
	put(`{"sender":"BetaAgent","phase":"launched"}`)
	send("after-launch", "919999000002", false)
	ts.Sim.Advance(time.Minute)
	want := []outcomeRow{
		{"launched-by-default", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"tester", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"api-tester", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"stranger", "RCS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_FORBIDDEN_ACCESS"},
		{"stranger-failover", "SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		{"after-launch", "RCS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
	}
	if diff := cmp.Diff(want, outcomes(t, ts, "launched-by-default", "tester", "api-tester", "stranger", "stranger-failover", "after-launch")); diff != "" {
		t.Fatalf("outcomes (-want +got):\n%s", diff)
	}
}
