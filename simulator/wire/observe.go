package wire

import "encoding/json"

// RequestEntry is one API request in the request journal (GET
// /_sim/requests): the simulator's own shape, shared by server and client.
type RequestEntry struct {
	// ID grows by one per journaled request, across accounts.
	ID       uint64 `json:"id"`
	At       Time   `json:"at"`
	Method   string `json:"method"`
	Path     string `json:"path"`
	Query    string `json:"query"`
	Status   int    `json:"status"`
	Duration int64  `json:"durationMs"`
	// Account is empty when the credentials named none.
	Account string `json:"account"`
	// RequestBody and ResponseBody are cut to the journal's body limit;
	// Truncated says that one of them was.
	RequestBody  string      `json:"requestBody"`
	ResponseBody string      `json:"responseBody"`
	Truncated    bool        `json:"truncated,omitempty"`
	Violations   []Violation `json:"violations"`
	MessageIDs   []string    `json:"messageIds"`
}

// RequestJournal is the answer of GET /_sim/requests: newest first, and how
// many of the scope's entries the journal's cap has dropped.
type RequestJournal struct {
	Requests []RequestEntry `json:"requests"`
	Dropped  uint64         `json:"dropped"`
}

// Event types of the event stream (GET /_sim/events/stream).
const (
	EventMessageAccepted = "message.accepted"
	EventMessageStatus   = "message.status"
	EventReportQueued    = "report.queued"
	EventCallbackAttempt = "callback.attempt"
	EventInboundReceived = "inbound.received"
	EventClick           = "click"
)

// StreamEvent is one thing that happened, as the event stream sends it in the data
// line of a Server-Sent Event (whose id is Seq and whose event is Type).
type StreamEvent struct {
	Seq       uint64 `json:"seq"`
	Type      string `json:"type"`
	At        Time   `json:"at"`
	Account   string `json:"account"`
	MessageID string `json:"messageId,omitempty"`
	To        string `json:"to,omitempty"`
	// Data is type-specific: see the README's event stream section.
	Data json.RawMessage `json:"data"`
}
