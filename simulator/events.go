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
	bulkID := s.ids.UUID("bulk") // drawn first, as ids are handed out in answer order
	var recs []EventRecord
	for _, ev := range req.Events {
		for _, d := range ev.Destinations {
			rec := s.newEventRecord(c, d.To, d.MessageID, now)
			rec.Type, rec.Sender, rec.SeenID = ev.Content.Type, ev.Sender, ev.Content.MessageID
			if ev.Content.Type == "SEEN" && !s.knownInbound(c.principal.Account, ev.Content.MessageID) {
				rec.Warning = "SEEN names " + ev.Content.MessageID + ", which is not an inbound message of this account"
			}
			recs = append(recs, rec)
		}
	}
	return s.acceptEvents(bulkID, recs)
}

// newEventRecord starts the record of one event to one destination, under
// the client's messageId or a fresh one. The RCS API and the Messages API
// share it.
func (s *Server) newEventRecord(c *call, to, messageID string, now time.Time) EventRecord {
	if messageID == "" {
		messageID = s.ids.UUID("event")
	}
	return EventRecord{Account: c.principal.Account, MessageID: messageID, Destination: normalizeNumber(to), At: now}
}

// acceptEvents keeps a request's events and answers as a send does: each
// destination pending, accepted.
func (s *Server) acceptEvents(bulkID string, recs []EventRecord) (int, any, error) {
	out := wire.SendResponse{BulkID: bulkID}
	for _, rec := range recs {
		out.Messages = append(out.Messages, wire.SentMessageInfo{MessageID: rec.MessageID,
			Status: destinationStatus(rec.Destination, wire.StatusPendingAccepted), Destination: rec.Destination})
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
