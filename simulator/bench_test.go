package simulator_test

// Benchmarks of the send path: routing, authentication, schema validation,
// decoding, storing and the response, through sim.ServeHTTP with a recorder
// (no network). The simulator runs on a frozen clock that drops lifecycle
// timers, so only the request path is measured.
//
//	go test -run='^$' -bench=. -benchtime=2s ./simulator/

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// benchResetEvery empties the store every so many requests, so that memory
// stays flat however large b.N grows.
const benchResetEvery = 1000

var (
	// benchRCSv1Body is a TEXT with two suggestions and an SMS failover.
	benchRCSv1Body = []byte(`{"from":"JioCXAgent","to":"919876543210",` +
		`"content":{"type":"TEXT","text":"Your order #42 has shipped and arrives on Friday.","suggestions":[` +
		`{"type":"REPLY","text":"Thanks","postbackData":"thanks"},` +
		`{"type":"OPEN_URL","text":"Track","postbackData":"track","url":"https://shop.example.com/track/42"}]},` +
		`"smsFailover":{"from":"JIOCXS","text":"Your order #42 has shipped: https://shop.example.com/track/42",` +
		`"regional":{"indiaDlt":{"principalEntityId":"1101456789012345678","contentTemplateId":"1107161234567890123"}}},` +
		`"callbackData":"order-42"}`)
	// benchSMSv2Body is one message to one destination.
	benchSMSv2Body = []byte(`{"messages":[{"from":"JIOCXS","destinations":[{"to":"919876543210"}],` +
		`"text":"Your OTP is 123456. Do not share it with anyone."}]}`)
)

const (
	benchRCSv1Path = "/ott/rcs/1/message"
	benchSMSv2Path = "/sms/2/text/advanced"
)

func BenchmarkSendRCSv1(b *testing.B)         { benchSerial(b, benchRCSv1Path, benchRCSv1Body) }
func BenchmarkSendRCSv1Parallel(b *testing.B) { benchParallel(b, benchRCSv1Path, benchRCSv1Body) }
func BenchmarkSendSMSv2(b *testing.B)         { benchSerial(b, benchSMSv2Path, benchSMSv2Body) }
func BenchmarkSendSMSv2Parallel(b *testing.B) { benchParallel(b, benchSMSv2Path, benchSMSv2Body) }

// BenchmarkSendRCSv1Logged is the send with the request log on, as serve
// runs by default (--log-level info): one JSON line per request, written to
// io.Discard, on top of the journal and the metrics.
func BenchmarkSendRCSv1Logged(b *testing.B) {
	benchSerial(b, benchRCSv1Path, benchRCSv1Body,
		simulator.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))))
}

// TestBenchBodiesAccepted keeps the benchmark bodies valid: a benchmark of a
// 400 would measure the wrong path.
func TestBenchBodiesAccepted(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		path string
		body []byte
	}{{benchRCSv1Path, benchRCSv1Body}, {benchSMSv2Path, benchSMSv2Body}} {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			sim := benchNewSim(t)
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, benchRequest(tt.path, tt.body))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body.Bytes())
			}
			msgs := sim.Messages(simulator.MessageFilter{})
			if len(msgs) != 1 || msgs[0].Status.Name == "" || msgs[0].Destination != "919876543210" {
				t.Fatalf("stored %+v, want one message to 919876543210", msgs)
			}
			if tt.path == benchRCSv1Path && (msgs[0].Failover == nil || msgs[0].Failover.DLT == nil) {
				t.Errorf("RCS benchmark message stored without its failover: %+v", msgs[0].Failover)
			}
		})
	}
}

// BenchmarkSendRCSv1NoJournal is the send without the control plane, so
// without the request journal: the difference to BenchmarkSendRCSv1 is the
// journal's cost per request.
func BenchmarkSendRCSv1NoJournal(b *testing.B) {
	benchSerial(b, benchRCSv1Path, benchRCSv1Body, simulator.WithoutControl())
}

// benchRefusedBody breaks two rules of the RCS v1 schema: the journal
// keeps the violations of the 400.
var benchRefusedBody = []byte(`{"from":"JioCXAgent","to":"919876543210","content":{"type":"TEXT"},"validityPeriod":-1}`)

// BenchmarkRefusedRCSv1 is a refused send: validation, the error envelope
// and its journal entry.
func BenchmarkRefusedRCSv1(b *testing.B) {
	benchSerialStatus(b, benchRCSv1Path, benchRefusedBody, http.StatusBadRequest)
}

func benchNewSim(tb testing.TB, opts ...simulator.Option) *simulator.Server {
	tb.Helper()
	sim, err := simulator.New(append([]simulator.Option{simulator.WithClock(fzFrozenClock{})}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		// Not tb.Context(): it is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := sim.Close(ctx); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return sim
}

func benchRequest(path string, body []byte) *http.Request {
	r, err := http.NewRequest(http.MethodPost, "http://127.0.0.1"+path, bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	r.Header.Set("Authorization", "App "+simtest.APIKey)
	r.Header.Set("Content-Type", "application/json")
	return r
}

func benchSerial(b *testing.B, path string, body []byte, opts ...simulator.Option) {
	benchSerialStatus(b, path, body, http.StatusOK, opts...)
}

func benchSerialStatus(b *testing.B, path string, body []byte, status int, opts ...simulator.Option) {
	sim := benchNewSim(b, opts...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i > 0 && i%benchResetEvery == 0 {
			b.StopTimer()
			sim.Reset("")
			b.StartTimer()
		}
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, benchRequest(path, body))
		if w.Code != status {
			b.Fatalf("status %d: %s", w.Code, w.Body.Bytes())
		}
	}
}

// benchParallel resets the store inside the timed loop: Reset("") only drops
// the store's slices and maps, and stopping the timer is not possible per
// goroutine.
func benchParallel(b *testing.B, path string, body []byte) {
	sim := benchNewSim(b)
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if n.Add(1)%benchResetEvery == 0 {
				sim.Reset("")
			}
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, benchRequest(path, body))
			if w.Code != http.StatusOK {
				b.Errorf("status %d: %s", w.Code, w.Body.Bytes())
				return
			}
		}
	})
}
