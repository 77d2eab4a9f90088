package simulator_test

// The send benchmark with and without --data: the durable store must keep
// at least half the in-memory throughput (writes are batched behind).
//
//	go test -run='^$' -bench=Durable -benchtime=20000x ./simulator/

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
)

func BenchmarkDurableSendSMSv2Memory(b *testing.B) { benchDurable(b, false) }
func BenchmarkDurableSendSMSv2Data(b *testing.B)   { benchDurable(b, true) }

func benchDurable(b *testing.B, durable bool) {
	opts := []simulator.Option{simulator.WithClock(fzFrozenClock{})}
	if durable {
		opts = append(opts, simulator.WithDataDir(b.TempDir()))
	}
	sim, err := simulator.New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := sim.Close(ctx); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, benchRequest(benchSMSv2Path, benchSMSv2Body))
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body.Bytes())
		}
	}
	sim.SyncData() // the timed work includes committing every message
	b.StopTimer()
	if durable {
		b.ReportMetric(float64(sim.DataBytes())/float64(b.N), "dbBytes/msg")
	}
}
