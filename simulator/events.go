package simulator

import (
	"net/http"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// EventRecord is one business-side event accepted by POST /rcs/1/events.
type EventRecord struct {
	Account     string    `json:"account"`
	MessageID   string    `json:"messageId"`
	Type        string    `json:"type"` // SEEN or TYPING_INDICATOR
	Sender      string    `json:"sender"`
	Destination string    `json:"destination"`
	SeenID      string    `json:"seenMessageId,omitempty"`
	At          time.Time `json:"at"`
	Warning     string    `json:"warning,omitempty"`
}

type eventLog struct {
	mu      sync.Mutex
	records []EventRecord
	dropped int
}

// maxLogRecords bounds the event and inbound logs; the oldest go first,
// counted in /_sim/limits.
const maxLogRecords = 100_000

func (l *eventLog) add(r ...EventRecord) {
	l.mu.Lock()
	l.records = append(l.records, r...)
	if over := len(l.records) - maxLogRecords; over > 0 {
		l.dropped += over
		l.records = append(l.records[:0:0], l.records[over:]...)
	}
	l.mu.Unlock()
}

func (l *eventLog) droppedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

func (l *eventLog) list(account string) []EventRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []EventRecord{}
	for _, r := range l.records {
		if account == "" || r.Account == account {
			out = append(out, r)
		}
	}
	return out
}

func (l *eventLog) reset(account string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	kept := l.records[:0]
	for _, r := range l.records {
		if account != "" && r.Account != account {
			kept = append(kept, r)
		}
	}
	l.records = kept
}

// Events lists the business-side events an account (all when empty) sent.
func (s *Server) Events(account string) []EventRecord {
	account = s.acct(account)
	return s.events.list(account)
}

// sendEvents serves POST /rcs/1/events: SEEN and TYPING_INDICATOR are
// validated, recorded and answered like a send.
func (s *Server) sendEvents(c *call) (int, any, error) {
	var req wire.EventRequest
	if err := s.decode(c, s.schemas.events, &req); err != nil {
		return 0, nil, err
	}
	now := s.clock.Now()
	out := wire.SendResponse{BulkID: s.ids.UUID("bulk")}
	var recs []EventRecord
	for _, ev := range req.Events {
		for _, d := range ev.Destinations {
			id := d.MessageID
			if id == "" {
				id = s.ids.UUID("event")
			}
			rec := EventRecord{Account: c.principal.Account, MessageID: id, Type: ev.Content.Type, Sender: ev.Sender,
				Destination: normalizeNumber(d.To), SeenID: ev.Content.MessageID, At: now}
			status := destinationStatus(rec.Destination, wire.StatusPendingAccepted)
			if ev.Content.Type == "SEEN" && !s.knownInbound(c.principal.Account, ev.Content.MessageID) {
				rec.Warning = "SEEN names " + ev.Content.MessageID + ", which is not an inbound message of this account"
			}
			recs = append(recs, rec)
			out.Messages = append(out.Messages, wire.SentMessageInfo{MessageID: id, Status: status, Destination: rec.Destination})
		}
	}
	s.events.add(recs...)
	return http.StatusOK, out, nil
}

func (s *Server) knownInbound(account, id string) bool {
	for _, r := range s.inboundLog.list(account) {
		if r.MessageID == id {
			return true
		}
	}
	return false
}
