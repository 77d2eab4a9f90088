package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/bus"
	"github.com/jiocxsim/jiocxsim/simulator/internal/journal"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DefaultHeartbeat is how often the event stream sends a comment line so
// that proxies and clients keep an idle connection open.
const DefaultHeartbeat = 15 * time.Second

// observeConfig holds the options of the journal, the event stream and the
// metrics.
type observeConfig struct {
	journalEntries int
	journalBody    int
	eventRing      int
	eventBuffer    int
	heartbeat      time.Duration
}

func observeDefaults() observeConfig {
	return observeConfig{journalBody: DefaultJournalBodyBytes, heartbeat: DefaultHeartbeat}
}

// WithJournal sizes the request journal: how many requests it keeps across
// accounts (default 10,000; the oldest go first and are counted as dropped)
// and how many bytes of each request and answer body (default 4 KB).
func WithJournal(entries, bodyBytes int) Option {
	return func(cfg *config) error {
		if entries < 1 || bodyBytes < 0 {
			return errors.New("simulator: WithJournal needs at least one entry and a non-negative body size")
		}
		cfg.obs.journalEntries, cfg.obs.journalBody = entries, bodyBytes
		return nil
	}
}

// WithEventStream sizes the event stream: how many recent events are kept
// for Last-Event-ID replay (default 10,000), how many are buffered for each
// subscriber before events are dropped for it (default 1024), and the
// heartbeat interval in wall time (default 15 s).
func WithEventStream(ring, buffer int, heartbeat time.Duration) Option {
	return func(cfg *config) error {
		if ring < 1 || buffer < 1 || heartbeat <= 0 {
			return errors.New("simulator: WithEventStream needs a positive ring, buffer and heartbeat")
		}
		cfg.obs.eventRing, cfg.obs.eventBuffer, cfg.obs.heartbeat = ring, buffer, heartbeat
		return nil
	}
}

// observe builds the journal, the event bus and the metrics and connects
// them to the store and the dispatcher.
func (s *Server) observe() {
	s.journal = journal.New(s.cfg.obs.journalEntries, s.cfg.obs.journalBody)
	s.bus = bus.New(s.cfg.obs.eventRing, s.cfg.obs.eventBuffer)
	s.metrics = newMetrics(s)
	s.store.OnStep(s.messageChanged)
	s.dispatcher.OnAttempt(s.callbackAttempted)
}

// emit publishes one event. data becomes its JSON only when a subscriber
// reads it (see bus.Publish), so it must be a value nobody changes later:
// the payload types below hold strings and plain values, and slices or maps
// are the caller's own copies.
func (s *Server) emit(typ, account, messageID, to string, at time.Time, data any) {
	s.bus.Publish(wire.StreamEvent{Type: typ, At: wire.NewTime(at), Account: account, MessageID: messageID, To: to}, data)
}

type acceptedData struct {
	API     string      `json:"api"`
	Channel string      `json:"channel"`
	Sender  string      `json:"sender,omitempty"`
	BulkID  string      `json:"bulkId,omitempty"`
	Status  wire.Status `json:"status"`
}

type statusData struct {
	Channel string      `json:"channel"`
	Status  wire.Status `json:"status"`
	Error   wire.Error  `json:"error"`
	Note    string      `json:"note,omitempty"`
}

type reportData struct {
	Step    string      `json:"step"`
	Channel string      `json:"channel"`
	Status  wire.Status `json:"status"`
	Route   string      `json:"route"`
	URL     string      `json:"url,omitempty"`
}

// fallbackNote ends the note of the RCS step that hands a message to SMS.
const fallbackNote = "falling back to SMS"

// messageChanged turns a store change into events and counts.
func (s *Server) messageChanged(c store.Change) {
	m := c.Message
	if c.Added {
		s.metrics.accepted(m.API)
		s.emit(wire.EventMessageAccepted, m.Account, m.MessageID, m.Destination, m.AcceptedAt, acceptedData{
			API: m.API, Channel: m.Channel, Sender: m.Sender, BulkID: m.BulkID, Status: *m.Status,
		})
	}
	for _, st := range c.Steps {
		if strings.HasSuffix(st.Note, fallbackNote) {
			s.metrics.fallback()
		}
		s.emit(wire.EventMessageStatus, m.Account, m.MessageID, m.Destination, st.At,
			statusData{Channel: st.Channel, Status: deref(st.Status), Error: deref(st.Error), Note: st.Note})
	}
	for _, r := range c.Reports {
		s.emit(wire.EventReportQueued, m.Account, m.MessageID, m.Destination, r.At,
			reportData{Step: r.Step, Channel: r.Channel, Status: deref(r.Status), Route: r.Route, URL: r.URL})
	}
	if c.Finished {
		s.metrics.finished(*m.Status)
	}
}

type attemptData struct {
	URL        string   `json:"url"`
	Kind       string   `json:"kind"`
	Attempt    int      `json:"attempt"`
	StatusCode int      `json:"statusCode"`
	Error      string   `json:"error,omitempty"`
	DurationMs int64    `json:"durationMs"`
	Outcome    string   `json:"outcome"`
	MessageIDs []string `json:"messageIds"`
	NextAt     string   `json:"nextAttemptAt,omitempty"`
}

func (s *Server) callbackAttempted(a webhook.Attempt) {
	s.metrics.attempt(a)
	d := attemptData{URL: a.URL, Kind: a.Kind, Attempt: a.Attempt, StatusCode: a.Status, Error: a.Error,
		DurationMs: s.callbackTimes.take(a.URL).Milliseconds(), Outcome: a.Outcome,
		// A copy: the event may be encoded long after the dispatcher is done
		// with the attempt, and the slice is the dispatcher's.
		MessageIDs: slices.Clone(a.MessageIDs)}
	if !a.NextAttemptAt.IsZero() {
		d.NextAt = wire.FormatTime(a.NextAttemptAt)
	}
	id := ""
	if len(a.MessageIDs) == 1 {
		id = a.MessageIDs[0]
	}
	s.emit(wire.EventCallbackAttempt, a.Account, id, "", s.clock.Now(), d)
}

func (s *Server) inboundReceived(rec *InboundRecord) {
	s.emit(wire.EventInboundReceived, rec.Account, rec.MessageID, rec.To, rec.ReceivedAt, map[string]any{
		"channel": rec.Channel, "from": rec.From, "type": rec.Message.Type, "text": rec.Message.Text,
		"pairedMessageId": rec.PairedMessageID, "route": rec.Route,
	})
}

func (s *Server) clicked(l ShortLink) {
	s.emit(wire.EventClick, l.Account, l.MessageID, l.Recipient, s.clock.Now(), map[string]any{
		"url": l.URL, "code": l.Code,
	})
}

// Subscribe returns a live feed of an account's events (every account's
// when empty), after replaying the kept events after seq after (0: none).
// Events carry their account's id; account may be that id or anything a Go
// caller names an account by (see AccountOf). The returned cancel ends it;
// Close ends every feed.
func (s *Server) Subscribe(account string, after uint64) (replay []wire.StreamEvent, live <-chan wire.StreamEvent, cancel func()) {
	sub, replay := s.bus.Subscribe(s.acct(account), after)
	return replay, sub.C, func() { s.bus.Cancel(sub) }
}

// ctlStream serves GET /_sim/events/stream as Server-Sent Events. It writes
// its own answer and returns 0 so the control wrapper writes nothing more.
func (s *Server) ctlStream(w http.ResponseWriter, r *http.Request, account string) (int, any) {
	var after uint64
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return http.StatusBadRequest, controlError{Error: "Last-Event-ID must be the seq of an event"}
		}
		after = n
	}
	rc := http.NewResponseController(w)
	sub, replay := s.bus.Subscribe(account, after)
	defer s.bus.Cancel(sub)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// A first comment line lets a client know the stream is open.
	fmt.Fprint(w, ": jiocxsim event stream\n\n")
	for _, e := range replay {
		writeEvent(w, e)
	}
	if rc.Flush() != nil {
		return 0, nil
	}
	// The heartbeat keeps the connection open through proxies: a wall-time
	// concern, so it runs on the real clock whatever clock the simulator uses.
	beat := make(chan struct{}, 1)
	var arm func()
	arm = func() {
		clock.Real{}.AfterFunc(s.cfg.obs.heartbeat, func() {
			select {
			case beat <- struct{}{}:
			default:
			}
		})
	}
	arm()
	for {
		select {
		case <-r.Context().Done():
			return 0, nil
		case <-beat:
			fmt.Fprint(w, ": heartbeat\n\n")
			arm()
		case e, ok := <-sub.C:
			if !ok {
				return 0, nil // the server is closing
			}
			writeEvent(w, e)
		drain:
			for {
				select {
				case e, ok := <-sub.C:
					if !ok {
						_ = rc.Flush()
						return 0, nil
					}
					writeEvent(w, e)
				default:
					break drain
				}
			}
		}
		if rc.Flush() != nil {
			return 0, nil
		}
	}
}

func writeEvent(w http.ResponseWriter, e wire.StreamEvent) {
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, b)
}

// deref reads an interned value of a message's history (zero when absent).
func deref[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}
