package simulator_test

import (
	"net/http"
	"testing"
	"time"

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
