package simulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// countingSink counts the report results it receives and closes done when it
// has seen want of them.
type countingSink struct {
	got  atomic.Int64
	want int64
	done chan struct{}
}

func (s *countingSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Results []json.RawMessage `json:"results"`
	}
	b, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(b, &body)
	if s.got.Add(int64(len(body.Results))) == s.want {
		close(s.done)
	}
}

func bulkSMS(url string, from, n int) []byte {
	dests := make([]map[string]string, n)
	for i := range dests {
		dests[i] = map[string]string{"to": fmt.Sprintf("9199990000%02d", (from+i)%100)}
	}
	b, _ := json.Marshal(map[string]any{"messages": []any{map[string]any{
		"sender": "BENCH", "destinations": dests, "content": map[string]any{"text": "benchmark"},
		"webhooks": map[string]any{"delivery": map[string]any{"url": url}},
	}}})
	return b
}

// BenchmarkSendToDeliveredCallback measures the whole path on the real clock
// with zero delays: accept (bulks of 100 through /sms/3/messages), the
// lifecycle, and delivery of every report to a local sink. callbacks/s is
// the sustained rate of reports the sink received.
func BenchmarkSendToDeliveredCallback(b *testing.B) {
	sink := &countingSink{want: int64(b.N), done: make(chan struct{})}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	sim, err := simulator.New(simulator.WithClock(clock.Real{}), simulator.WithDelays(simulator.Delays{}))
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Close(b.Context())
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for sent := 0; sent < b.N; sent += 100 {
		n := min(100, b.N-sent)
		req := httptest.NewRequest(http.MethodPost, "/sms/3/messages", bytes.NewReader(bulkSMS(hook.URL, sent, n)))
		req.Header.Set("Authorization", "App "+simtest.APIKey)
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("send: %d %s", rec.Code, rec.Body)
		}
	}
	select {
	case <-sink.done:
	case <-time.After(2 * time.Minute):
		b.Fatalf("sink received %d of %d reports", sink.got.Load(), b.N)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "callbacks/s")
}

// BenchmarkStoredMessageBytes reports the heap held per accepted message once
// it has completed its life (an SMS with a short text, report kept for pull).
func BenchmarkStoredMessageBytes(b *testing.B) {
	const perRequest = 100
	ts := simtest.NewServer(b, simulator.WithDelays(simulator.Delays{}))
	body := bulkSMS("", 0, perRequest)
	body = bytes.Replace(body, []byte(`,"webhooks":{"delivery":{"url":""}}`), nil, 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	n := 0
	for n < b.N {
		req := httptest.NewRequest(http.MethodPost, "/sms/3/messages", bytes.NewReader(body))
		req.Header.Set("Authorization", "App "+simtest.APIKey)
		rec := httptest.NewRecorder()
		ts.Sim.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("send: %d %s", rec.Code, rec.Body)
		}
		n += perRequest
	}
	ts.Sim.Advance(time.Second)
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "B/message")
	runtime.KeepAlive(ts)
}
