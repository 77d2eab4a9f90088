package simulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "request" {
			out = append(out, m)
		}
	}
	return out
}

// TestRequestLog: one info line per API request with method, path, status,
// account (its non-secret id, never the key), and the message id of an
// accepted send or the first violation of a refused one; control-plane
// calls only at debug.
func TestRequestLog(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	sim, err := simulator.New(simulator.WithLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	key := sim.SampleAPIKey()
	post := func(path, body, auth string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	post("/ott/rcs/1/message", `{"from":"DemoAgent","to":"919999000001","messageId":"log-1","content":{"type":"TEXT","text":"Hi"}}`, "App "+key)
	post("/ott/rcs/1/message", `{"from":"DemoAgent","to":"919999000001","content":{"type":"TEXT"}}`, "App "+key)
	post("/ott/rcs/1/message", `{}`, "")
	post("/_sim/reset", `{}`, "")

	got := logs.lines()
	if len(got) != 3 {
		t.Fatalf("%d request lines, want 3 (the control call is debug):\n%v", len(got), got)
	}
	want := []map[string]any{
		{"method": "POST", "path": "/ott/rcs/1/message", "status": 200.0, "account": simulator.AccountID(key), "messageId": "log-1"},
		{"status": 400.0, "problem": "content.text: must not be null"},
		{"status": 401.0},
	}
	for i, w := range want {
		for k, v := range w {
			if got[i][k] != v {
				t.Errorf("line %d: %s = %v, want %v\n%v", i, k, got[i][k], v, got[i])
			}
		}
	}
	if p, _ := got[2]["problem"].(string); !strings.HasPrefix(p, "refused credentials") {
		t.Errorf("a refused key's line says %q", p)
	}
	if strings.Contains(logs.b.String(), key[:12]) {
		t.Errorf("the log carries the API key")
	}
}

// TestOneObserverFeedsLogJournalAndMetrics: with the log at debug, every
// observer of a request sees the same outcome from the one wrapper, and a
// streaming control endpoint still flushes through it.
func TestOneObserverFeedsLogJournalAndMetrics(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	sim, err := simulator.New(simulator.WithLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	key := sim.SampleAPIKey()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, _, err := client.New(srv.URL, client.WithAPIKey(key)).Stream(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	do := func(method, path, body string) int {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "App "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	send := `{"from":"DemoAgent","to":"919999000001","messageId":"obs-1","content":{"type":"TEXT","text":"Hi"}}`
	if st := do(http.MethodPost, "/ott/rcs/1/message", send); st != http.StatusOK {
		t.Fatalf("send: %d", st)
	}
	if st := do(http.MethodGet, "/sms/9/nowhere", ""); st != http.StatusNotFound {
		t.Fatalf("unknown path: %d", st)
	}
	select {
	case e := <-events:
		if e.Type != wire.EventMessageAccepted || e.MessageID != "obs-1" {
			t.Errorf("first streamed event %+v", e)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the event stream flushed nothing through the request observer")
	}

	id := simulator.AccountID(key)
	j := sim.Requests(simulator.RequestFilter{})
	if len(j.Requests) != 2 {
		t.Fatalf("journal holds %d requests, want 2: %+v", len(j.Requests), j.Requests)
	}
	unknown, sent := j.Requests[0], j.Requests[1]
	if sent.Status != 200 || sent.Account != id || sent.RequestBody != send || !slices.Equal(sent.MessageIDs, []string{"obs-1"}) ||
		!strings.Contains(sent.ResponseBody, `"messageId":"obs-1"`) {
		t.Errorf("journaled send %+v", sent)
	}
	// The journal finds the account of a path no route serves from its
	// credentials; the log line names only what a route authenticated.
	if unknown.Status != 404 || unknown.Account != id {
		t.Errorf("journaled unknown path %+v", unknown)
	}

	byPath := map[string]map[string]any{}
	for _, l := range logs.lines() {
		p, _ := l["path"].(string)
		byPath[p] = l
	}
	if l := byPath["/ott/rcs/1/message"]; l["status"] != 200.0 || l["account"] != id || l["messageId"] != "obs-1" {
		t.Errorf("send's log line %v", l)
	}
	if l := byPath["/sms/9/nowhere"]; l["status"] != 404.0 || l["problem"] != "unknown path" || l["account"] != nil {
		t.Errorf("unknown path's log line %v", l)
	}
	if l := byPath["/_sim/events/stream"]; l != nil {
		t.Errorf("the stream logged a line before it ended: %v", l)
	}

	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`jiocxsim_http_requests_total{method="POST",route="/ott/rcs/1/message",status="200"} 1`,
		`jiocxsim_http_requests_total{method="GET",route="unknown",status="404"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(string(body), `route="/_sim`) {
		t.Error("metrics count control-plane requests")
	}
}
