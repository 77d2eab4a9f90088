package simulator

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// metrics are one server's Prometheus collectors, on a registry of its own:
// two simulators in one process must never add to each other's counts, so
// nothing here touches prometheus.DefaultRegisterer.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	accepts   *prometheus.CounterVec
	finals    *prometheus.CounterVec
	fallbacks prometheus.Counter
	attempts  *prometheus.CounterVec
	batches   *prometheus.CounterVec
}

func newMetrics(s *Server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiocxsim_http_requests_total",
			Help: "API requests by method, route template (unknown for paths the simulator does not know) and HTTP status.",
		}, []string{"method", "route", "status"}),
		accepts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiocxsim_messages_accepted_total",
			Help: "Messages accepted, by the API generation they came through (rcs/1, rcs/2, sms/2, sms/3).",
		}, []string{"api"}),
		finals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiocxsim_messages_final_total",
			Help: "Messages that reached their final status, by status group and name.",
		}, []string{"group", "status"}),
		fallbacks: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "jiocxsim_fallbacks_total",
			Help: "RCS messages that fell back to SMS.",
		}),
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiocxsim_callback_attempts_total",
			Help: "Callback POSTs by result: delivered (2xx), refused (another HTTP status), error (no answer).",
		}, []string{"result"}),
		batches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiocxsim_callback_outcomes_total",
			Help: "Callback batch outcomes after each attempt: delivered, retried (another attempt is scheduled), exhausted (kept as failed).",
		}, []string{"outcome"}),
	}
	gauge := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f)
	}
	counter := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, f)
	}
	m.reg.MustRegister(
		m.requests, m.accepts, m.finals, m.fallbacks, m.attempts, m.batches,
		gauge("jiocxsim_callback_queue_depth", "Callbacks queued or waiting for a retry.",
			func() float64 { return float64(s.dispatcher.Pending()) }),
		gauge("jiocxsim_callback_oldest_queued_seconds", "Age on the simulator's clock of the oldest callback not yet delivered or exhausted; 0 when none is queued.",
			func() float64 {
				at := s.dispatcher.OldestQueued()
				if at.IsZero() {
					return 0
				}
				return max(0, s.clock.Now().Sub(at).Seconds())
			}),
		gauge("jiocxsim_lifecycle_pending_messages", "Stored messages not final yet: each has a lifecycle step pending.",
			func() float64 { return float64(s.store.InFlight()) }),
		gauge("jiocxsim_lifecycle_steps_pending", "Lifecycle steps scheduled and not yet run (kept in the database when durable).",
			func() float64 { return float64(s.engine.Pending()) }),
		counter("jiocxsim_callback_attempts_log_dropped_total", "Callback attempts the attempt log forgot to stay within its cap.",
			func() float64 { a, _ := s.dispatcher.Dropped(); return float64(a) }),
		counter("jiocxsim_callback_failed_dropped_total", "Failed callbacks the failed list forgot to stay within its cap.",
			func() float64 { _, f := s.dispatcher.Dropped(); return float64(f) }),
		gauge("jiocxsim_store_messages", "Messages kept in the store.",
			func() float64 { return float64(s.store.Count()) }),
		gauge("jiocxsim_store_bytes", "Bytes of the database on disk (file and WAL); 0 in memory.",
			func() float64 { return float64(s.DataBytes()) }),
		gauge("jiocxsim_journal_entries", "Requests kept in the request journal.",
			func() float64 { return float64(s.journal.Len()) }),
		gauge("jiocxsim_event_subscribers", "Live event stream subscriptions.",
			func() float64 { return float64(s.bus.Subscribers()) }),
		counter("jiocxsim_callback_batches_resent_total", "Callback batches posted again after a restart because they were in flight (sent, no answer recorded) when the simulator stopped: possible duplicates.",
			func() float64 { return float64(s.dispatcher.ResentBatches()) }),
		counter("jiocxsim_callbacks_resent_total", "Callbacks in the batches of jiocxsim_callback_batches_resent_total: the most reports a client may have received twice.",
			func() float64 { return float64(s.dispatcher.ResentCallbacks()) }),
		counter("jiocxsim_store_evicted_total", "Messages the store forgot to stay within --max-messages.",
			func() float64 { return float64(s.store.Evicted()) }),
		counter("jiocxsim_journal_dropped_total", "Request journal entries dropped by its cap.",
			func() float64 { return float64(s.journal.Dropped()) }),
		counter("jiocxsim_events_dropped_total", "Events not delivered to a slow event stream subscriber.",
			func() float64 { return float64(s.bus.Dropped()) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

func (m *metrics) request(method, route string, status int) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
}

func (m *metrics) accepted(api string) { m.accepts.WithLabelValues(api).Inc() }

func (m *metrics) finished(st wire.Status) { m.finals.WithLabelValues(st.GroupName, st.Name).Inc() }

func (m *metrics) fallback() { m.fallbacks.Inc() }

func (m *metrics) attempt(a webhook.Attempt) {
	switch {
	case a.Outcome == "delivered":
		m.attempts.WithLabelValues("delivered").Inc()
	case a.Status != 0:
		m.attempts.WithLabelValues("refused").Inc()
	default:
		m.attempts.WithLabelValues("error").Inc()
	}
	switch a.Outcome {
	case "retry":
		m.batches.WithLabelValues("retried").Inc()
	case "delivered", "exhausted":
		m.batches.WithLabelValues(a.Outcome).Inc()
	}
}

// MetricsHandler serves the server's metrics in the Prometheus text format.
// The simulator mounts it at GET /metrics.
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{Registry: s.metrics.reg})
}
