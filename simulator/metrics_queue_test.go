package simulator_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestMetricsOldestQueuedCallback: a report its endpoint keeps refusing
// ages on the simulator's clock, and the gauge says how far behind the
// endpoint is; nothing was re-sent without a restart.
func TestMetricsOldestQueuedCallback(t *testing.T) {
	t.Parallel()
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer refusing.Close()
	ts := simtest.NewServer(t, simulator.WithDelays(simulator.Delays{}))
	gauge := func(name string) float64 {
		t.Helper()
		r := cDo(t, ts, http.MethodGet, "/metrics", nil)
		p := expfmt.NewTextParser(model.UTF8Validation)
		fams, err := p.TextToMetricFamilies(strings.NewReader(string(r.body)))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		f, ok := fams[name]
		if !ok || len(f.GetMetric()) != 1 {
			t.Fatalf("%s missing from /metrics", name)
		}
		m := f.GetMetric()[0]
		return m.GetGauge().GetValue() + m.GetCounter().GetValue()
	}
	if g := gauge("jiocxsim_callback_oldest_queued_seconds"); g != 0 {
		t.Fatalf("oldest queued %v with nothing queued", g)
	}
	send := `{"messages":[{"destinations":[{"to":"919812345678"}],"content":{"text":"hello"},"webhooks":{"delivery":{"url":"` + refusing.URL + `"}}}]}`
	if r := hPost(t, ts, "/sms/3/messages", send); r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	if _, err := ts.Sim.Advance(time.Second); err != nil { // the report is pushed and refused
		t.Fatal(err)
	}
	if _, err := ts.Sim.Advance(time.Minute); err != nil { // its retry is due at +2m
		t.Fatal(err)
	}
	if g := gauge("jiocxsim_callback_oldest_queued_seconds"); g < 60 || g > 61 {
		t.Errorf("oldest queued %vs, want between 60 and 61", g)
	}
	if g := gauge("jiocxsim_callback_batches_resent_total"); g != 0 {
		t.Errorf("resent %v without a restart", g)
	}
}
