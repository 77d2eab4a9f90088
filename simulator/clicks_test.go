package simulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

var shortLink = regexp.MustCompile(`http://127\.0\.0\.1:\d+/t/[0-9A-Za-z]{8}`)

func sendTracked(t *testing.T, ts *simtest.Server, path string, body map[string]any) {
	t.Helper()
	if status, out := lcPost(t, ts, path, body); status != 200 {
		t.Fatalf("%s: %d %s", path, status, out)
	}
}

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// TestClickTrackingDefaultDomain: a URL in an SMS becomes a short link the
// simulator serves; following it redirects to the original and posts the
// CLICKED notification to trackingUrl.
func TestClickTrackingDefaultDomain(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	sendTracked(t, ts, "/sms/3/messages", map[string]any{
		"messages": []any{map[string]any{"sender": "DEMOSMS", "destinations": []any{map[string]any{"to": "447700900001", "messageId": "trk-1"}},
			"content": map[string]any{"text": "Track your order: https://shop.example/orders/42."}, "webhooks": map[string]any{"callbackData": "cb-42"}}},
		"options": map[string]any{"tracking": map[string]any{"trackingUrl": hook.URL}},
	})
	m, _ := ts.Sim.Message("", "trk-1")
	link := shortLink.FindString(m.Text)
	if link == "" || !strings.HasSuffix(m.Text, ".") || strings.Contains(m.Text, "shop.example") {
		t.Fatalf("text as sent: %q", m.Text)
	}
	resp, err := noRedirect().Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://shop.example/orders/42" {
		t.Fatalf("following %s: %d to %q", link, resp.StatusCode, resp.Header.Get("Location"))
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 1)
	var n wire.ClickNotification
	if err := json.Unmarshal(sink.bodies()[0], &n); err != nil {
		t.Fatal(err)
	}
	want := wire.ClickNotification{NotificationType: "CLICKED", Recipient: "447700900001", URL: "https://shop.example/orders/42",
		SendDateTime: simtest.Start().UnixMilli(), MessageID: "trk-1", BulkID: m.BulkID, CallbackData: "cb-42",
		RecipientInfo:   &wire.RecipientInfo{DeviceType: "Phone", OS: "Android 14", DeviceName: "Pixel 8"},
		GeoLocationInfo: &wire.GeoLocationInfo{CountryName: "India", City: "Mumbai"}}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Fatalf("CLICKED notification (-want +got):\n%s", diff)
	}
	if l := ts.Sim.Links("", "trk-1"); len(l) != 1 || l[0].Clicks != 1 {
		t.Fatalf("links %+v", l)
	}
}

// TestTrackingOptions covers each option on each API that has them.
func TestTrackingOptions(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	ts.Sim.SetCustomDomain(simtest.APIKey, "go.brand.in", true)
	text := "Offer: https://shop.example/sale"
	sms3 := func(id string, tracking map[string]any) map[string]any {
		return map[string]any{"messages": []any{map[string]any{"sender": "S", "destinations": []any{map[string]any{"to": "447700900002", "messageId": id}},
			"content": map[string]any{"text": text}}}, "options": map[string]any{"tracking": tracking}}
	}
	sendTracked(t, ts, "/sms/3/messages", sms3("plain", map[string]any{"shortenUrl": false}))
	sendTracked(t, ts, "/sms/3/messages", sms3("noproto", map[string]any{"removeProtocol": true}))
	sendTracked(t, ts, "/sms/3/messages", sms3("custom", map[string]any{"customDomain": "go.brand.in"}))
	sendTracked(t, ts, "/sms/3/messages", sms3("noclicks", map[string]any{"trackClicks": false, "trackingUrl": "http://127.0.0.1:1/never"}))
	sendTracked(t, ts, "/sms/2/text/advanced", map[string]any{"messages": []any{map[string]any{"from": "S", "destinations": []any{map[string]any{"to": "447700900003", "messageId": "v2"}}, "text": text}},
		"urlOptions": map[string]any{"shortenUrl": true}})
	sendTracked(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "A", "destinations": []any{map[string]any{"to": "447700900004", "messageId": "rcs"}},
		"content": map[string]any{"type": "TEXT", "text": text}}}, "options": map[string]any{"tracking": map[string]any{}}})

	texts := map[string]string{}
	for _, id := range []string{"plain", "noproto", "custom", "noclicks", "v2", "rcs"} {
		m, _ := ts.Sim.Message("", id)
		texts[id] = regexp.MustCompile(`/[0-9A-Za-z]{8}$`).ReplaceAllString(regexp.MustCompile(`127\.0\.0\.1:\d+`).ReplaceAllString(m.Text, "HOST"), "/CODE")
	}
	want := map[string]string{
		"plain":    text,
		"noproto":  "Offer: HOST/t/CODE",
		"custom":   "Offer: https://go.brand.in/CODE",
		"noclicks": "Offer: http://HOST/t/CODE",
		"v2":       "Offer: http://HOST/t/CODE",
		"rcs":      "Offer: http://HOST/t/CODE",
	}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Fatalf("texts as sent (-want +got):\n%s", diff)
	}
	// trackClicks=false: the link redirects, and nothing is posted.
	l := ts.Sim.Links("", "noclicks")[0]
	if _, err := ts.Sim.Click(l.Code, nil, nil); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(time.Second)
	if a := ts.Sim.WebhookAttempts(""); len(a) != 0 {
		t.Fatalf("a click without trackClicks posted %+v", a)
	}
}

// TestUnverifiedCustomDomainFailsTheMessage and the double-wrap warning.
func TestUnverifiedCustomDomainAndDoubleWrap(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	ts.Sim.SetCustomDomain(simtest.APIKey, "unverified.in", false)
	for id, tr := range map[string]map[string]any{
		"unverified": {"customDomain": "unverified.in"},
		"unknown":    {"customDomain": "never-registered.in"},
	} {
		sendTracked(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
			"destinations": []any{map[string]any{"to": "447700900005", "messageId": id}}, "content": map[string]any{"text": "https://x.example"}}},
			"options": map[string]any{"tracking": tr}})
	}
	sendTracked(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
		"destinations": []any{map[string]any{"to": "447700900006", "messageId": "wrapped"}},
		"content":      map[string]any{"text": "Open https://wzrk.co/r/abc123 now"}}},
		"options": map[string]any{"tracking": map[string]any{}}})
	ts.Sim.Advance(time.Second)
	for _, id := range []string{"unverified", "unknown"} {
		m, _ := ts.Sim.Message("", id)
		if m.Status.Name != "UNDELIVERABLE_REJECTED_PLATFORM" || len(m.Warnings) == 0 || len(m.Reports) != 1 {
			t.Errorf("%s: %s, warnings %q, %d reports", id, m.Status.Name, m.Warnings, len(m.Reports))
		}
	}
	m, _ := ts.Sim.Message("", "wrapped")
	if m.Status.Name != "DELIVERED_TO_HANDSET" || len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "inflates click metrics") {
		t.Fatalf("double wrap: %s, warnings %q", m.Status.Name, m.Warnings)
	}
}
