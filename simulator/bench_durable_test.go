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

func BenchmarkDurableSendSMSv2Memory(b *testing.B) { benchDurable(b, false, false) }
func BenchmarkDurableSendSMSv2Data(b *testing.B)   { benchDurable(b, true, false) }
func BenchmarkDurableSendSMSv2DataBehind(b *testing.B) {
	benchDurable(b, true, false, simulator.WithDataWriteBehind())
}
func BenchmarkDurableSendSMSv2MemoryParallel(b *testing.B) { benchDurable(b, false, true) }
func BenchmarkDurableSendSMSv2DataParallel(b *testing.B)   { benchDurable(b, true, true) }

// benchDurable sends b.N messages, one client after another or from 8
// clients per CPU at once (where concurrent requests share commits).
func benchDurable(b *testing.B, durable, parallel bool, more ...simulator.Option) {
	opts := append([]simulator.Option{simulator.WithClock(fzFrozenClock{})}, more...)
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
	send := func() bool {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, benchRequest(benchSMSv2Path, benchSMSv2Body))
		if w.Code != http.StatusOK {
			b.Errorf("status %d: %s", w.Code, w.Body.Bytes())
			return false
		}
		return true
	}
	if parallel {
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() && send() {
			}
		})
	} else {
		for range b.N {
			if !send() {
				return
			}
		}
	}
	sim.SyncData() // the timed work includes committing every message
	b.StopTimer()
	if durable {
		b.ReportMetric(float64(sim.DataBytes())/float64(b.N), "dbBytes/msg")
	}
}
