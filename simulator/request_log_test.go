package simulator_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator"
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
// account, and the message id of an accepted send or the first violation
// of a refused one; control-plane calls only at debug.
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
		{"method": "POST", "path": "/ott/rcs/1/message", "status": 200.0, "account": key[:8] + "…", "messageId": "log-1"},
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
	if strings.Contains(logs.b.String(), key) {
		t.Errorf("the log carries the whole API key")
	}
}
