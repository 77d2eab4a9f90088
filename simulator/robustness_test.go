package simulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

func TestSMSOverTwentyFivePartsIsRejected(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for id, n := range map[string]int{"fits": 25 * 153, "too-long": 25*153 + 1} {
		lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
			"destinations": []any{map[string]any{"to": "447700900001", "messageId": id}}, "content": map[string]any{"text": strings.Repeat("a", n)}}}})
	}
	ts.Sim.Advance(time.Second)
	if m, _ := ts.Sim.Message("", "fits"); m.Status.Name != "DELIVERED_TO_HANDSET" || m.Parts != 25 {
		t.Fatalf("25 parts: %s, %d parts", m.Status.Name, m.Parts)
	}
	if m, _ := ts.Sim.Message("", "too-long"); m.Status.Name != "REJECTED_MESSAGE_TOO_LONG" || m.Error.Name != "EC_MSG_TEXT_TOO_LONG" {
		t.Fatalf("26 parts: %s %s", m.Status.Name, m.Error.Name)
	}
}

// A base URL configured with a trailing slash makes clients call
// //sms/3/messages: it is the same endpoint, not a redirect.
func TestRepeatedSlashesAreTheSamePath(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	status, body := lcPost(t, ts, "//sms/3/messages", map[string]any{"messages": []any{map[string]any{
		"destinations": []any{map[string]any{"to": "447700900001"}}, "content": map[string]any{"text": "x"}}}})
	if status != http.StatusOK {
		t.Fatalf("//sms/3/messages: %d %s", status, body)
	}
	status, _ = lcPost(t, ts, "/sms/3/../3/messages", map[string]any{})
	if status != http.StatusNotFound {
		t.Fatalf("a dot-dot path: %d, want 404 (not a 301)", status)
	}
}

func TestHeadOnAShortLinkIsNotAClick(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
		"destinations": []any{map[string]any{"to": "447700900001", "messageId": "h"}}, "content": map[string]any{"text": "https://x.example"}}},
		"options": map[string]any{"tracking": map[string]any{}}})
	link := ts.Sim.Links("", "h")[0]
	req, _ := http.NewRequest(http.MethodHead, ts.URL+"/t/"+link.Code, nil)
	resp, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || ts.Sim.Links("", "h")[0].Clicks != 0 {
		t.Fatalf("HEAD: %d, clicks %d", resp.StatusCode, ts.Sim.Links("", "h")[0].Clicks)
	}
}

func TestUnusableNotifyURLIsKeptNotRetried(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/ott/rcs/1/message", map[string]any{"from": "A", "to": "919999000001", "messageId": "bad-url",
		"notifyUrl": "not a url", "content": map[string]any{"type": "TEXT", "text": "x"}})
	ts.Sim.Advance(time.Hour)
	m, _ := ts.Sim.Message("", "bad-url")
	failed := ts.Sim.FailedWebhooks("")
	if len(m.Warnings) != 1 || len(failed) != 1 || failed[0].Items[0].MessageID != "bad-url" || len(ts.Sim.WebhookAttempts("")) != 0 {
		t.Fatalf("warnings %q, failed %+v, attempts %d", m.Warnings, failed, len(ts.Sim.WebhookAttempts("")))
	}
}

func TestControlPlaneRefusesNonsense(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{
		"destinations": []any{map[string]any{"to": "447700900001", "messageId": "w"}}, "content": map[string]any{"text": "x"}}}})
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/_sim/wait?messageId=w&status=NOPE", ""},
		{http.MethodPut, "/_sim/settings?account=" + simtest.APIKey, `{"deliveryReportUrl":"ftp://x"}`},
		{http.MethodPut, "/_sim/settings?account=" + simtest.APIKey, `{"deliveryReportUrl":"not a url"}`},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s %s %s: %d, want 400", c.method, c.path, c.body, resp.StatusCode)
		}
	}
	_ = simulator.Condition{}
}
