package simulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

func TestInjectedTooManyRequestsInEachEnvelope(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for _, path := range []string{"/sms/3/messages", "/sms/2/text/advanced"} {
		if err := ts.Sim.InjectFault(simulator.Fault{Path: path, Status: 429, Count: 1}); err != nil {
			t.Fatal(err)
		}
	}
	msg := map[string]any{"messages": []any{map[string]any{"destinations": []any{map[string]any{"to": "919999000001"}}, "content": map[string]any{"text": "x"}, "text": "x"}}}
	status, body := lcPost(t, ts, "/sms/3/messages", msg)
	if status != http.StatusTooManyRequests || !strings.Contains(string(body), `"errorCode":"E429"`) {
		t.Fatalf("modern: %d %s", status, body)
	}
	status, body = lcPost(t, ts, "/sms/2/text/advanced", msg)
	if status != http.StatusTooManyRequests || !strings.Contains(string(body), `"messageId":"TOO_MANY_REQUESTS"`) {
		t.Fatalf("legacy: %d %s", status, body)
	}
	// The integration's retry succeeds.
	if status, body = lcPost(t, ts, "/sms/3/messages", msg); status != http.StatusOK {
		t.Fatalf("retry: %d %s", status, body)
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 1 {
		t.Fatalf("%d messages stored, want only the retried one", n)
	}
}

func TestPublishedThrottle(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	codes := map[int]int{}
	for i := 0; i < 121; i++ {
		status, _ := lcGet(t, ts, "/sms/3/logs")
		codes[status]++
	}
	if codes[200] != 120 || codes[429] != 1 {
		t.Fatalf("121 log reads in a minute: %v, want 120 x 200 and 1 x 429", codes)
	}
	ts.Sim.Advance(time.Minute)
	if status, _ := lcGet(t, ts, "/sms/3/logs"); status != 200 {
		t.Fatalf("after the window: %d", status)
	}
}
