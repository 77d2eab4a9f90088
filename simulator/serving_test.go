package simulator_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestRunShutdownCountsWhatIsLeft: on shutdown long-polls answer at once and
// one log line says exactly how many callbacks and lifecycle steps were left.
func TestRunShutdownCountsWhatIsLeft(t *testing.T) {
	t.Parallel()
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer refuse.Close()
	logs := &syncBuf{}
	sim, err := simulator.New(
		simulator.WithLogger(slog.New(slog.NewTextHandler(logs, nil))),
		simulator.WithCounterIDs(),
		simulator.WithDelays(simulator.Delays{RCS: time.Millisecond, SMS: time.Millisecond, Slow: time.Millisecond, Seen: time.Millisecond}),
		simulator.WithRetryPolicy(simulator.RetryPolicy{Base: time.Hour, MaxAttempts: 3}),
	)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan simulator.ShutdownReport)
	go func() {
		rep, err := sim.Run(ctx, ln, 500*time.Millisecond)
		if err != nil {
			t.Error(err)
		}
		done <- rep
	}()
	post := func(body string) {
		req, _ := http.NewRequest("POST", base+"/sms/3/messages", strings.NewReader(body))
		req.Header.Set("Authorization", "App "+simtest.APIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("send: %d", resp.StatusCode)
		}
	}
	// Three reports to a refusing URL (each waits an hour for its retry) and
	// one SMS that never arrives within its validity (S=3): one step to come.
	for i := 0; i < 3; i++ {
		post(fmt.Sprintf(`{"messages":[{"destinations":[{"to":"91999900000%d"}],"content":{"text":"x"},"webhooks":{"delivery":{"url":%q}}}]}`, i, refuse.URL))
	}
	post(`{"messages":[{"destinations":[{"to":"919999030000","messageId":"slow"}],"content":{"text":"x"}}]}`)
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	// The three share one URL's queue: the first is refused and waits an
	// hour for its retry, the two behind it wait with it.
	if _, err := sim.WaitForAttempts(wctx, "", 1); err != nil {
		t.Fatalf("%v; log:\n%s", err, logs.String())
	}
	// A long-poll that would wait a minute.
	polled := make(chan int, 1)
	go func() {
		resp, err := http.Get(base + "/_sim/wait?messageId=slow&final=true&timeout=60s")
		if err != nil {
			polled <- 0
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		polled <- resp.StatusCode
	}()
	time.Sleep(50 * time.Millisecond) // let the poll start
	if n := len(sim.Messages(simulator.MessageFilter{Status: "DELIVERED"})); n != 3 {
		t.Fatalf("%d messages delivered, want 3 before shutting down", n)
	}
	cancel()
	rep := <-done
	if st := <-polled; st != http.StatusServiceUnavailable {
		t.Errorf("long-poll on shutdown: %d, want 503", st)
	}
	if rep.Callbacks != 3 || rep.LifecycleSteps != 1 {
		t.Errorf("report %+v, want 3 callbacks and 1 lifecycle step left", rep)
	}
	if !strings.Contains(logs.String(), "left undone") || !strings.Contains(logs.String(), "callbacks=3 lifecycleSteps=1") {
		t.Errorf("log does not say what was left undone:\n%s", logs.String())
	}
}

// TestConnectionFloodKeepsReadyz: with every normal slot held by a client
// that never finishes its body, /readyz still answers through the spare lane.
func TestConnectionFloodKeepsReadyz(t *testing.T) {
	t.Parallel()
	sim, err := simulator.New(simulator.WithMaxConnections(4))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _, _ = sim.Run(ctx, ln, 100*time.Millisecond) }()
	var hostile []net.Conn
	defer func() {
		for _, c := range hostile {
			c.Close()
		}
	}()
	for i := 0; i < 4; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST /sms/3/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{\"mes\r\n")
		hostile = append(hostile, c)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + ln.Addr().String() + "/readyz")
	if err != nil {
		t.Fatalf("/readyz under a flood: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/readyz: %d", resp.StatusCode)
	}
}
