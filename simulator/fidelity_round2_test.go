package simulator_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestZeroValidityMeansTheMaximum: the spec sets no minimum on any validity
// field, so 0 is accepted and, like an absent period, means 48 hours; a
// sending speed limit of 0 sets no limit.
func TestZeroValidityMeansTheMaximum(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for _, c := range []struct {
		path string
		body map[string]any
		id   string
	}{
		{"/ott/rcs/1/message", map[string]any{"from": "DemoAgent", "to": "919999000001", "messageId": "v1", "validityPeriod": 0,
			"content": map[string]any{"type": "TEXT", "text": "Hi"}}, "v1"},
		{"/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent", "destinations": []any{map[string]any{"to": "919999000001", "messageId": "v2"}},
			"content": map[string]any{"type": "TEXT", "text": "Hi"}, "options": map[string]any{"validityPeriod": map[string]any{"amount": 0}}}},
			"options": map[string]any{"schedule": map[string]any{"sendingSpeedLimit": map[string]any{"amount": 0}}}}, "v2"},
		{"/sms/2/text/advanced", map[string]any{"messages": []any{map[string]any{"destinations": []any{map[string]any{"to": "919999000001", "messageId": "s2"}}, "text": "Hi", "validityPeriod": 0}}}, "s2"},
		{"/sms/3/messages", map[string]any{"messages": []any{map[string]any{"destinations": []any{map[string]any{"to": "919999000001", "messageId": "s3"}},
			"content": map[string]any{"text": "Hi"}, "options": map[string]any{"validityPeriod": map[string]any{"amount": 0}}}}}, "s3"},
	} {
		status, body := lcPost(t, ts, c.path, c.body)
		if status != http.StatusOK {
			t.Errorf("%s: %d %s", c.path, status, body)
			continue
		}
		m, ok := ts.Sim.Message("", c.id)
		if !ok {
			t.Errorf("%s: message %s not stored", c.path, c.id)
			continue
		}
		if time.Duration(m.Validity) != 48*time.Hour {
			t.Errorf("%s: validity %v, want 48h", c.path, time.Duration(m.Validity))
		}
	}
}

// TestQueryParametersAsDocumented: limit above the documented 1000 is
// refused (clamped where no maximum is documented), generalStatus takes the
// documented values only, the inbound configuration listing needs channel,
// and that endpoint needs the numbers:manage scope.
func TestQueryParametersAsDocumented(t *testing.T) {
	t.Parallel()
	const smsOnly = "22222222222222222222222222222222-22222222-2222-4222-8222-222222222222"
	ts := simtest.NewServer(t, simulator.WithAccounts(
		simulator.Account{Name: "full", APIKeys: []string{simtest.APIKey}},
		simulator.Account{Name: "sms-only", APIKeys: []string{smsOnly}, Scopes: []string{"sms:manage"}}))
	for _, c := range []struct {
		path string
		auth string
		want int
	}{
		{"/rcs/2/reports?limit=1000", "", 200},
		{"/rcs/2/reports?limit=1001", "", 400},
		{"/sms/3/logs?limit=1001", "", 400},
		{"/rcs/2/logs?limit=5000", "", 400},
		{"/sms/1/logs?limit=5000", "", 200},
		{"/sms/1/inbox/reports?limit=5000", "", 200},
		{"/sms/3/logs?generalStatus=DELIVERED", "", 200},
		{"/sms/3/logs?generalStatus=delivered", "", 200},
		{"/sms/3/logs?generalStatus=SENT", "", 400},
		{"/resource-management/1/inbound-message-configurations?channel=RCS", "", 200},
		{"/resource-management/1/inbound-message-configurations", "", 400},
		{"/resource-management/1/inbound-message-configurations?channel=CARRIER_PIGEON", "", 400},
		{"/resource-management/1/inbound-message-configurations?channel=RCS", "App " + smsOnly, 403},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+c.path, nil)
		auth := c.auth
		if auth == "" {
			auth = "App " + simtest.APIKey
		}
		req.Header.Set("Authorization", auth)
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET %s: %d, want %d: %s", c.path, resp.StatusCode, c.want, b)
		}
	}
}

// xmlSink records each POST's content type and body.
type xmlSink struct {
	mu    sync.Mutex
	types []string
	got   [][]byte
}

func (x *xmlSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.types = append(x.types, r.Header.Get("Content-Type"))
	x.got = append(x.got, b)
}

// TestXMLReportsWhenAsked: webhooks.contentType (RCS v2) and
// notifyContentType (SMS v2) application/xml get the XML report bodies the
// documents show, under their root elements.
func TestXMLReportsWhenAsked(t *testing.T) {
	t.Parallel()
	sink := &xmlSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999000001", "messageId": "rcs-xml"}}, "content": map[string]any{"type": "TEXT", "text": "Hi"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": hook.URL + "/rcs"}, "contentType": "application/xml", "callbackData": "a&b"}}}})
	lcPost(t, ts, "/sms/2/text/advanced", map[string]any{"messages": []any{map[string]any{"from": "DEMOSMS",
		"destinations": []any{map[string]any{"to": "447700900001", "messageId": "sms-xml"}}, "text": "Hi",
		"notifyUrl": hook.URL + "/sms", "notifyContentType": "application/xml"}}})
	ts.Sim.Advance(time.Minute)
	waitAttempts(t, ts, 2)
	sink.mu.Lock()
	defer sink.mu.Unlock()
	type result struct {
		MessageID    string `xml:"messageId"`
		CallbackData string `xml:"callbackData"`
		Status       struct {
			Name string `xml:"name"`
		} `xml:"status"`
		Error struct {
			Description string `xml:"description"`
		} `xml:"error"`
	}
	got := map[string]string{}
	for i, b := range sink.got {
		if sink.types[i] != "application/xml" {
			t.Errorf("content type %q, want application/xml: %s", sink.types[i], b)
		}
		var doc struct {
			XMLName xml.Name
			Results []result `xml:"results>result"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Results) != 1 {
			t.Fatalf("not an XML report (%v): %s", err, b)
		}
		r := doc.Results[0]
		got[r.MessageID] = doc.XMLName.Local + " " + r.Status.Name + " " + r.Error.Description + " " + r.CallbackData
	}
	want := map[string]string{
		"rcs-xml": "RcsWebhookDeliveryReports DELIVERED_TO_HANDSET No error a&b",
		"sms-xml": "DeliveryReports DELIVERED_TO_HANDSET No Error ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("XML reports (-want +got):\n%s", diff)
	}
}

// TestAuthorizationSchemeIsCaseInsensitive (RFC 7235): app, APP and App work.
func TestAuthorizationSchemeIsCaseInsensitive(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for _, scheme := range []string{"App", "app", "APP", "aPp"} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/rcs/2/reports", nil)
		req.Header.Set("Authorization", scheme+" "+simtest.APIKey)
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", scheme, resp.StatusCode)
		}
	}
}
