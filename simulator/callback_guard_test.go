package simulator_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// sendSMSTo sends one SMS v3 message whose delivery report goes to url.
func sendSMSTo(t *testing.T, ts *simtest.Server, id, url string) {
	t.Helper()
	status, body := lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{
		"destinations": []any{map[string]any{"to": "919999000001", "messageId": id}},
		"content":      map[string]any{"text": "x"},
		"webhooks":     map[string]any{"delivery": map[string]any{"url": url}},
	}}})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, body)
	}
}

// TestCallbackToOwnListenerIsRefused: a notifyUrl at the simulator's own
// /_sim/reset is not POSTed; the refusal is a failed callback with its
// reason and a warning on the message, and nothing is reset.
func TestCallbackToOwnListenerIsRefused(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Second, MaxAttempts: 3}))
	for _, host := range []string{ts.URL, strings.Replace(ts.URL, "127.0.0.1", "localhost", 1), strings.Replace(ts.URL, "127.0.0.1", "0.0.0.0", 1)} {
		sendSMSTo(t, ts, "self-"+host[len(host)-6:], host+"/_sim/reset")
	}
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 3)
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 3 {
		t.Fatalf("%d messages left: a self-callback reset the simulator", n)
	}
	for _, a := range ts.Sim.WebhookAttempts("") {
		if a.Outcome != "refused" || !strings.Contains(a.Error, "own listener") {
			t.Errorf("attempt %+v: want outcome refused naming the own listener", a)
		}
	}
	failed := ts.Sim.FailedWebhooks("")
	if len(failed) != 3 || !strings.Contains(failed[0].Reason, "own listener") {
		t.Fatalf("failed %+v", failed)
	}
	for _, m := range ts.Sim.Messages(simulator.MessageFilter{}) {
		if len(m.Warnings) == 0 || !strings.Contains(m.Warnings[len(m.Warnings)-1], "refused") {
			t.Errorf("%s: warnings %q", m.MessageID, m.Warnings)
		}
	}
}

// headerSink records the Authorization header and path of every POST and
// can answer with a redirect.
type headerSink struct {
	mu       sync.Mutex
	auth     []string
	paths    []string
	redirect string
}

func (h *headerSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.auth = append(h.auth, r.Header.Get("Authorization"))
	h.paths = append(h.paths, r.URL.Path)
	red := h.redirect
	h.mu.Unlock()
	if red != "" && r.URL.Path == "/redirect" {
		http.Redirect(w, r, red, http.StatusTemporaryRedirect)
		return
	}
	w.WriteHeader(200)
}

func TestCallbackUserinfoAndRedirects(t *testing.T) {
	t.Parallel()
	sink := &headerSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	withCreds := strings.Replace(hook.URL, "http://", "http://alice:pw@", 1)

	ts := simtest.NewServer(t, simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Hour, MaxAttempts: 2}))
	sendSMSTo(t, ts, "ui-1", withCreds+"/plain")
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 1)
	sink.mu.Lock()
	if len(sink.auth) != 1 || sink.auth[0] != "" {
		t.Errorf("userinfo sent as %q, want dropped", sink.auth)
	}
	sink.mu.Unlock()

	kept := simtest.NewServer(t, simulator.WithCallbackUserinfo())
	sendSMSTo(t, kept, "ui-2", withCreds+"/plain")
	kept.Sim.Advance(time.Second)
	waitAttempts(t, kept, 1)
	sink.mu.Lock()
	if len(sink.auth) != 2 || !strings.HasPrefix(sink.auth[1], "Basic ") {
		t.Errorf("WithCallbackUserinfo: Authorization %q", sink.auth)
	}
	// A redirect is not followed, even to the simulator itself.
	sink.redirect = ts.URL + "/_sim/reset"
	sink.mu.Unlock()
	sendSMSTo(t, ts, "redir", hook.URL+"/redirect")
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 2)
	a := ts.Sim.WebhookAttempts("")[1]
	if a.Status != http.StatusTemporaryRedirect || a.Outcome != "retry" {
		t.Errorf("redirect attempt %+v: want status 307, retry", a)
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 2 {
		t.Errorf("%d messages: the redirect was followed to /_sim/reset", n)
	}
}

// TestCallbackAllowPattern: a pattern lets a URL on the own listener through.
func TestCallbackAllowPattern(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCallbackAllow(`/hook$`), simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Hour, MaxAttempts: 2}))
	sendSMSTo(t, ts, "a-1", ts.URL+"/hook")
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 1)
	if a := ts.Sim.WebhookAttempts("")[0]; a.Outcome == "refused" || a.Status != http.StatusNotFound {
		t.Errorf("allowed own-listener callback: %+v, want a real POST answered 404", a)
	}
}
