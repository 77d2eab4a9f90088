package simulator_test

import (
	"io"
	"net/http"
	"testing"
	"time"

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
