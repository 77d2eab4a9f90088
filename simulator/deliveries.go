package simulator

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
)

// ReportRetention is how long reports wait for the pull endpoints: Infobip
// keeps them for 48 hours.
const ReportRetention = 48 * time.Hour

// Routes of a report.
const (
	routePush = "push"
	routePull = "pull"
)

// AccountSettings are per-account settings of the simulated platform.
type AccountSettings struct {
	// DeliveryReportURL receives the delivery reports of messages that name no
	// URL of their own (Infobip's Subscription settings).
	DeliveryReportURL string `json:"deliveryReportUrl,omitempty"`
	// SeenReportURL receives seen reports of messages without webhooks.seen.url.
	SeenReportURL string `json:"seenReportUrl,omitempty"`
	// InboundEvents chooses which RCS inbound events the account receives
	// (see inbound_events.go); nil: none, as before events existed.
	InboundEvents *InboundEventSettings `json:"inboundEvents,omitempty"`
}

type settingsStore struct {
	mu  sync.RWMutex
	def AccountSettings // for accounts that set nothing
	m   map[string]AccountSettings
}

func (s *settingsStore) get(account string) AccountSettings {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if v, ok := s.m[account]; ok {
		return v
	}
	return s.def
}

func (s *settingsStore) set(account string, v AccountSettings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]AccountSettings{}
	}
	s.m[account] = v
}

func (s *settingsStore) reset(account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if account == "" {
		s.m = nil
		return
	}
	delete(s.m, account)
}

// Settings returns an account's settings.
func (s *Server) Settings(account string) AccountSettings {
	account = s.acct(account)
	return s.settings.get(account)
}

// SetSettings replaces an account's settings.
func (s *Server) SetSettings(account string, v AccountSettings) { s.settings.set(s.acct(account), v) }

// route sends a lifecycle report where it belongs: the message's own URL,
// else the account's default, else the pull endpoint. notify=false keeps a
// delivery report from being pushed (it stays available to pull).
func (s *Server) route(r lifecycle.Report) {
	m := r.Message
	logEntry := store.ReportLog{Step: string(r.Step), Channel: r.Channel, Status: s.store.Status(r.Status), Error: s.store.Error(r.Error), At: s.clock.Now()}
	var url string
	var body any
	var kind string
	if r.Step == lifecycle.StepSeen {
		kind = "seen"
		url = m.SeenURL
		if url == "" {
			url = s.settings.get(m.Account).SeenReportURL
		}
		if url == "" {
			logEntry.Route = "none"
			s.logReport(m.Seq, logEntry)
			return
		}
		body = report.SeenBody(r)
	} else {
		url = m.NotifyURL
		if url == "" {
			url = s.settings.get(m.Account).DeliveryReportURL
		}
		if !m.Notify {
			url = ""
		}
	}
	if url == "" {
		logEntry.Route = routePull
		s.logReport(m.Seq, logEntry)
		held := report.Hold(r, logEntry.Status, logEntry.Error)
		s.pull.Put(pull.Entry{Family: string(report.FamilyOf(m)), At: s.clock.Now(), Body: held, Keys: held})
		return
	}
	logEntry.Route, logEntry.URL = routePush, url
	idx := s.logReport(m.Seq, logEntry)
	if kind == "" {
		// Named and rendered only now: a pulled report is held unrendered.
		kind, body = "delivery-"+string(report.FamilyOf(m)), report.Webhook(r)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		s.log.Error("render report", "err", err)
		return
	}
	item := webhook.Item{
		Account: m.Account, URL: url, Kind: kind, Shape: webhook.Results,
		MessageID: m.MessageID, Result: raw, Ref: m.Seq, Tag: idx, LaneKey: m.Destination,
	}
	if m.XMLReports && kind != "seen" {
		item.XMLRoot = xmlReportRoot(m)
	}
	if !schema.IsHTTPURL(url) {
		// Retrying cannot help a URL that is not one: keep the report listed.
		s.dispatcher.Park([]webhook.Item{item}, url+" is not an absolute http(s) URL", s.clock.Now())
		return
	}
	if err := s.handOff(item); err != nil {
		s.log.Warn("report not queued: server closing", "messageId", m.MessageID)
	}
}

// logReport appends a report log entry to the message and returns its index.
func (s *Server) logReport(seq uint64, e store.ReportLog) int {
	idx := -1
	s.store.Update(seq, func(m *store.Message) {
		m.Reports = append(m.Reports, e)
		idx = len(m.Reports) - 1
	})
	return idx
}

// delivered marks the reports of a batch a URL accepted.
func (s *Server) delivered(items []webhook.Item) {
	now := s.clock.Now()
	for _, it := range items {
		if it.Ref == 0 {
			continue
		}
		if strings.HasPrefix(it.Kind, "inbound") {
			s.inboundLog.markDelivered(it.Ref)
			continue
		}
		s.store.Update(it.Ref, func(m *store.Message) {
			if it.Tag >= 0 && it.Tag < len(m.Reports) {
				m.Reports[it.Tag].Delivered = true
				m.Reports[it.Tag].DeliveredAt = now
			}
		})
	}
}

// WebhookAttempts lists every callback POST made for an account (all when
// empty), oldest first.
func (s *Server) WebhookAttempts(account string) []webhook.Attempt {
	account = s.acct(account)
	return s.dispatcher.Attempts(account)
}

// FailedWebhooks lists the callback batches that used up their attempts.
func (s *Server) FailedWebhooks(account string) []webhook.Failed {
	account = s.acct(account)
	return s.dispatcher.Failed(account)
}

// RedeliverFailed queues the failed batches of an account (all when empty)
// again and returns how many callbacks were queued.
func (s *Server) RedeliverFailed(account string) (int, error) {
	account = s.acct(account)
	return s.dispatcher.Redeliver(account)
}

// attemptSignal lets waiters block until the next callback attempt.
type attemptSignal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (a *attemptSignal) wait() <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ch == nil {
		a.ch = make(chan struct{})
	}
	return a.ch
}

func (a *attemptSignal) broadcast(webhook.Attempt) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ch != nil {
		close(a.ch)
		a.ch = nil
	}
}

// WaitForAttempts blocks until the account (any account when empty) has at
// least n recorded callback attempts, or ctx ends, and returns them.
func (s *Server) WaitForAttempts(ctx context.Context, account string, n int) ([]webhook.Attempt, error) {
	account = s.acct(account)
	for {
		ch := s.attemptSig.wait()
		if s.dispatcher.AttemptCount(account) >= n {
			return s.dispatcher.Attempts(account), nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return s.dispatcher.Attempts(account), ctx.Err()
		}
	}
}

// xmlReportRoot is the root element of a message's XML delivery reports, as
// the documents' XML examples name it: RcsWebhookDeliveryReports for RCS,
// DeliveryReports for SMS.
func xmlReportRoot(m *store.Message) string {
	if m.API == store.APISMSv2 || m.API == store.APISMSv3 {
		return "DeliveryReports"
	}
	return "RcsWebhookDeliveryReports"
}
