package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store/sqlite"
)

// noSync hides the backend's Sync: POSTs then go out without waiting for
// their in-flight mark to be committed.
type noSync struct{ store.Pending }

// BenchmarkDeliver measures callbacks from Enqueue to a local sink's 200 on
// the real clock, one callback per Enqueue on 64 lanes (reports of many
// conversations), in memory and with the SQLite backend, with and without
// the commit of each in-flight mark before its POST.
func BenchmarkDeliver(b *testing.B) {
	for _, mode := range []string{"memory", "sqlite", "sqlite-nosync"} {
		b.Run(mode, func(b *testing.B) {
			var got atomic.Int64
			done := make(chan struct{})
			want := int64(b.N)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var body struct{ Results []json.RawMessage }
				raw, _ := io.ReadAll(r.Body)
				_ = json.Unmarshal(raw, &body)
				if got.Add(int64(len(body.Results))) == want {
					close(done)
				}
			}))
			defer srv.Close()
			opt := Options{Clock: clock.Real{}, Lanes: 64}
			if mode != "memory" {
				db, err := sqlite.Open(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				opt.Pending = db
				if mode == "sqlite-nosync" {
					opt.Pending = noSync{db}
				}
			}
			d := New(opt)
			defer d.Close(context.Background())
			result := json.RawMessage(`{"messageId":"m","status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET","description":"Message delivered to handset"},"to":"919812345678","sentAt":"2026-01-02T03:04:05.000+0000","doneAt":"2026-01-02T03:04:06.000+0000","smsCount":1}`)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				it := Item{Account: "acc", URL: srv.URL, Kind: "delivery", MessageID: "m", Result: result, Ref: uint64(i + 1), LaneKey: fmt.Sprint(i % 1000)}
				if err := d.Enqueue(it); err != nil {
					b.Fatal(err)
				}
			}
			select {
			case <-done:
			case <-time.After(2 * time.Minute):
				b.Fatalf("sink received %d of %d", got.Load(), b.N)
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "callbacks/s")
		})
	}
}
