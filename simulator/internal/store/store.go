// Package store keeps every message the simulator accepted, per account, with
// the request it came in. It never touches the network: the lifecycle engine
// changes messages through Update, and readers get copies.
package store

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Channels.
const (
	RCS = "RCS"
	SMS = "SMS"
)

// API generations a message came through.
const (
	APIRCSv1 = "rcs/1"
	APIRCSv2 = "rcs/2"
	APISMSv2 = "sms/2"
	APISMSv3 = "sms/3"
	// APIMessages is the Messages API (/messages-api/1/messages), RCS or SMS.
	APIMessages = "messages-api/1"
)

// Request is the HTTP request a batch of messages arrived in. All messages of
// one request share it, so a bulk of 1000 keeps one copy of the body.
type Request struct {
	Host       string          `json:"host"`
	Method     string          `json:"method"`
	Path       string          `json:"path"`
	Body       json.RawMessage `json:"body"`
	ReceivedAt time.Time       `json:"receivedAt"`
}

// Failover is the SMS a failed RCS message falls back to.
type Failover struct {
	Sender   string         `json:"sender"`
	Text     string         `json:"text"`
	Validity Duration       `json:"validity"`
	DLT      *wire.IndiaDLT `json:"indiaDlt,omitempty"`
}

// Duration is a time.Duration that reads as "48h0m0s" in JSON.
type Duration time.Duration

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Refusal dooms a message at acceptance (an unverified custom domain): it is
// reported with Status and Error after the first leg's delay.
type Refusal struct {
	Status wire.Status `json:"status"`
	Error  wire.Error  `json:"error"`
	Reason string      `json:"reason"`
}

// Event is one step of a message's life. Status and Error point at values
// the store interns (Store.NewEvent): a message holds several events, and
// 500,000 messages each holding their own copies of the same few statuses
// was the largest share of the simulator's heap. They are never modified.
type Event struct {
	At      time.Time    `json:"at"`
	Channel string       `json:"channel"`
	Status  *wire.Status `json:"status"`
	Error   *wire.Error  `json:"error"`
	Note    string       `json:"note,omitempty"`
}

// ReportLog is one report made about a message and where it went.
type ReportLog struct {
	Step    string       `json:"step"` // final, intermediate, failover, seen
	Channel string       `json:"channel"`
	Status  *wire.Status `json:"status"` // interned, like Event's
	Error   *wire.Error  `json:"error"`
	At      time.Time    `json:"at"`
	// Route is push (to URL), pull (kept for the pull endpoint) or none.
	Route       string    `json:"route"`
	URL         string    `json:"url,omitempty"`
	Delivered   bool      `json:"delivered"`
	DeliveredAt time.Time `json:"deliveredAt,omitzero"`
}

// Message is one accepted message to one destination, normalised over the
// four send APIs.
type Message struct {
	Seq uint64 `json:"seq"`
	// Submission is what was accepted. Copies of a message share it, so it
	// must not change once the message is stored: a change replaces it
	// with a new one (see Resubmit).
	*Submission
	// Status and Error are the store's interned copies (see Store.Status):
	// never nil on a stored message, shared by every message in that state.
	Status *wire.Status `json:"status"`
	Error  *wire.Error  `json:"error"`
	// FinalChannel is the channel of the leg that ended the message (SMS after a fallback).
	FinalChannel string    `json:"finalChannel,omitempty"`
	DoneAt       time.Time `json:"doneAt,omitzero"`
	Warnings     []string  `json:"warnings,omitempty"`
	// History and Warnings are shared with the store and its other copies:
	// read them, append to them, but do not change their elements.
	History []Event     `json:"history"`
	Reports []ReportLog `json:"reports"`
}

// Submission is the part of a message fixed at acceptance: what the client
// asked for, as the simulator normalised it. Reports render from it, so a
// report waiting to be pulled holds it rather than a rendered body.
type Submission struct {
	Account     string `json:"account"`
	API         string `json:"api"`
	Channel     string `json:"channel"` // the channel it was sent on
	MessageID   string `json:"messageId"`
	BulkID      string `json:"bulkId,omitempty"`
	Sender      string `json:"sender,omitempty"`
	Destination string `json:"destination"`
	// ContentType is the RCS content type (TEXT, FILE, CARD, CAROUSEL,
	// PROVIDER_TEMPLATE) or, for SMS, TEXT or BINARY.
	ContentType string          `json:"contentType"`
	Text        string          `json:"text,omitempty"`
	Content     json.RawMessage `json:"content,omitempty"`
	Parts       int             `json:"messageCount"`

	CallbackData             string `json:"callbackData,omitempty"`
	NotifyURL                string `json:"notifyUrl,omitempty"`
	Notify                   bool   `json:"notify"`
	IntermediateReport       bool   `json:"intermediateReport,omitempty"`
	TriggeredFailoverReports bool   `json:"receiveTriggeredFailoverReports,omitempty"`
	// ClientMessageID says the client chose the messageId.
	ClientMessageID bool `json:"clientMessageId,omitempty"`
	// XMLReports: the request asked for application/xml delivery reports.
	XMLReports bool     `json:"xmlReports,omitempty"`
	Validity   Duration `json:"validity"`
	// Extras hold what few messages ask for, kept apart so that the
	// submission of a plain message is 288 bytes instead of 448. Never nil
	// on a message the store holds (Add and Load point it at the shared
	// empty one): read its fields as the submission's own, but write them
	// only through EditExtras.
	*Extras
	Failover *Failover      `json:"smsFailover,omitempty"`
	DLT      *wire.IndiaDLT `json:"indiaDlt,omitempty"`

	Request    *Request  `json:"request"`
	AcceptedAt time.Time `json:"acceptedAt"`
}

// noExtras is the Extras of every submission that has none. It is shared,
// so it is never written through: EditExtras gives a submission its own.
var noExtras Extras

// extras are s's extras, the shared empty ones when it has none.
func (s *Submission) extras() *Extras {
	if s.Extras == nil {
		return &noExtras
	}
	return s.Extras
}

// EditExtras returns s's extras to fill in, first giving s extras of its
// own if it shares the empty ones. Only for a submission being built: one
// the store holds is never changed (see Message.Resubmit).
func (s *Submission) EditExtras() *Extras {
	if s.Extras == nil || s.Extras == &noExtras {
		s.Extras = &Extras{}
	}
	return s.Extras
}

// Plain gives s the shared empty extras if it has none (or only empty ones
// of its own), so that reading them never meets a nil pointer.
func (s *Submission) Plain() {
	if s.Extras == nil || s.Extras.empty() {
		s.Extras = &noExtras
	}
}

// SharedExtrasIntact says whether the empty extras that plain messages
// share are still empty. A write through a promoted field of a plain
// message (m.SeenURL = ... instead of m.EditExtras().SeenURL = ...) lands
// in them and shows in every message: the simulator's and the steps' tests
// check this after they have run.
func SharedExtrasIntact() bool { return noExtras.empty() }

// WithExtras returns x to be a submission's extras: the shared empty ones
// when x is empty, so that a plain message allocates none.
func WithExtras(x Extras) *Extras {
	if x.empty() {
		return &noExtras
	}
	return &x
}

func (x *Extras) empty() bool {
	return x.SeenURL == "" && x.Window == nil && x.SendAt.IsZero() && x.EntityID == "" && x.ApplicationID == "" &&
		x.CampaignReferenceID == "" && x.Tracking == nil && len(x.Links) == 0 && len(x.TrackedURLs) == 0 && x.Refusal == nil
}

// Extras are the parts of a submission few messages have.
type Extras struct {
	SeenURL string `json:"seenUrl,omitempty"`
	// Window is the delivery time window: the message waits for it.
	Window              *wire.DeliveryTimeWindow `json:"deliveryTimeWindow,omitempty"`
	SendAt              time.Time                `json:"sendAt,omitzero"`
	EntityID            string                   `json:"entityId,omitempty"`
	ApplicationID       string                   `json:"applicationId,omitempty"`
	CampaignReferenceID string                   `json:"campaignReferenceId,omitempty"`
	Tracking            *wire.Tracking           `json:"tracking,omitempty"`
	// Links are the short links the text was rewritten with (codes).
	Links []string `json:"links,omitempty"`
	// TrackedURLs pair each original URL with the short link that replaced
	// it, and say where in the message it was (text, card, suggestion, fallback).
	TrackedURLs []TrackedURL `json:"trackedUrls,omitempty"`
	Refusal     *Refusal     `json:"refusal,omitempty"`
}

// Resubmit gives m a submission of its own to change, for the one change
// made after a message is stored (link tracking rewrites its text): the
// copies already handed out keep the submission they were given.
func (m *Message) Resubmit() *Submission {
	c := *m.Submission
	x := *m.Submission.extras()
	x.Links = slices.Clone(x.Links)
	x.TrackedURLs = slices.Clone(x.TrackedURLs)
	c.Extras = &x
	if m.Failover != nil {
		f := *m.Failover
		c.Failover = &f
	}
	m.Submission = &c
	return &c
}

// clone copies everything an Update may change, so a copy handed out never
// changes under its reader. The submission is shared (it is replaced, never
// changed). History and Warnings only ever grow by append, so a copy shares
// their arrays up to its length, with its capacity cut there: the stored
// message's later appends land beyond what the copy can see, and an append
// to the copy reallocates. Reports are copied: delivery marks them in place.
func (m *Message) clone() *Message {
	c := *m
	c.Warnings = m.Warnings[:len(m.Warnings):len(m.Warnings)]
	c.History = m.History[:len(m.History):len(m.History)]
	c.Reports = slices.Clone(m.Reports)
	return &c
}

// Filter selects messages. Empty fields match everything.
type Filter struct {
	Account     string
	Destination string // with or without a leading +
	Channel     string // RCS or SMS, matched against the sending and the final channel
	Status      string // a status name (DELIVERED_TO_HANDSET) or group name (DELIVERED)
	BulkID      string
	MessageID   string
	Limit       int // 0 means no limit
}

func (f Filter) match(m *Message) bool {
	if f.Account != "" && m.Account != f.Account {
		return false
	}
	if d := strings.TrimSpace(f.Destination); d != "" && strings.TrimPrefix(d, "+") != strings.TrimPrefix(m.Destination, "+") {
		return false
	}
	if f.Channel != "" && !strings.EqualFold(f.Channel, m.Channel) && !strings.EqualFold(f.Channel, m.FinalChannel) {
		return false
	}
	if f.Status != "" && !strings.EqualFold(f.Status, m.Status.Name) && !strings.EqualFold(f.Status, m.Status.GroupName) {
		return false
	}
	if f.BulkID != "" && f.BulkID != m.BulkID {
		return false
	}
	if f.MessageID != "" && f.MessageID != m.MessageID {
		return false
	}
	return true
}

// DefaultMaxMessages is how many messages a store keeps before it forgets the
// oldest: about 0.8 GB at the 1.6 KB a completed SMS holds (more for RCS
// with a fallback).
const DefaultMaxMessages = 500_000

// Store is safe for concurrent use.
type Store struct {
	mu   sync.RWMutex
	max  int // 0: DefaultMaxMessages
	seq  uint64
	all  []*Message // in acceptance order
	byID idIndex
	// onChange is called (outside the lock) after every Add and Update.
	onChange []func(m *Message)
	// onStep is called (outside the lock) with what an Add or Update changed.
	onStep  []func(Change)
	evicted uint64
	// After a scan that found too few messages it could forget (they were
	// still in their lifecycle), eviction waits for scanWait messages to
	// arrive or finish (counted in sinceScan) before it scans again:
	// without the wait, a campaign sent faster than its lifecycle ran made
	// every Add scan the whole store. Finishing counts so that the store
	// comes back to its cap when the campaign ends, not at the next send.
	scanWait, sinceScan int
	// starting holds the messages added by AddStarting and not yet
	// Started: not evictable however final (their first step is not
	// scheduled yet).
	starting map[uint64]struct{}

	backend Backend // nil: memory only
	maxAge  time.Duration
	now     func() time.Time
	gone    []uint64 // seqs evicted under the lock, for the backend
	// evictable says whether a message may be forgotten (nil: final ones).
	evictable func(m *Message) bool

	interned interned
}

// interned holds one copy of each status and error events refer to. It has
// its own lock: events are made inside Update's function, under s.mu.
type interned struct {
	mu       sync.Mutex
	statuses map[wire.Status]*wire.Status
	errors   map[wire.Error]*wire.Error
}

// Status returns the store's one copy of v.
func (s *Store) Status(v wire.Status) *wire.Status {
	in := &s.interned
	in.mu.Lock()
	defer in.mu.Unlock()
	if p, ok := in.statuses[v]; ok {
		return p
	}
	if in.statuses == nil {
		in.statuses = map[wire.Status]*wire.Status{}
	}
	p := &v
	in.statuses[v] = p
	return p
}

// Error returns the store's one copy of v.
func (s *Store) Error(v wire.Error) *wire.Error {
	in := &s.interned
	in.mu.Lock()
	defer in.mu.Unlock()
	if p, ok := in.errors[v]; ok {
		return p
	}
	if in.errors == nil {
		in.errors = map[wire.Error]*wire.Error{}
	}
	p := &v
	in.errors[v] = p
	return p
}

// StatusEvent is an event in m's current status and error (already the
// store's interned copies, so no lookup is needed).
func (m *Message) StatusEvent(at time.Time, channel, note string) Event {
	return Event{At: at, Channel: channel, Status: m.Status, Error: m.Error, Note: note}
}

// SetStatus sets m's status and error to the store's copies of them.
func (s *Store) SetStatus(m *Message, status wire.Status, err wire.Error) {
	m.Status, m.Error = s.Status(status), s.Error(err)
}

// fillStatus gives a message stored without a status or error the zero
// ones, so that no reader meets a nil.
func (s *Store) fillStatus(m *Message) {
	if m.Status == nil {
		m.Status = s.Status(wire.Status{})
	}
	if m.Error == nil {
		m.Error = s.Error(wire.Error{})
	}
	if m.Submission != nil {
		m.Plain() // before the message is shared: no reader meets nil extras
	}
}

// NewEvent makes an event whose status and error are interned.
func (s *Store) NewEvent(at time.Time, channel string, status wire.Status, err wire.Error, note string) Event {
	return Event{At: at, Channel: channel, Status: s.Status(status), Error: s.Error(err), Note: note}
}

// Change is what one Add or Update did to a message: the steps and reports
// it appended and whether it made the message final.
type Change struct {
	Message  *Message // a copy, after the change
	Added    bool
	Steps    []Event
	Reports  []ReportLog
	Finished bool
}

// OnStep registers a function called with every change that appended steps
// or reports, finished a message, or added it.
func (s *Store) OnStep(f func(Change)) {
	s.mu.Lock()
	s.onStep = append(s.onStep, f)
	s.mu.Unlock()
}

// SetEvictable sets what may be evicted beyond the cap: the simulator says
// a message is evictable once final with no lifecycle step to come. It is
// called with the store locked, so it must not call back into the store.
func (s *Store) SetEvictable(f func(m *Message) bool) {
	s.mu.Lock()
	s.evictable = f
	s.mu.Unlock()
}

// New returns an empty store.
func New() *Store { return &Store{byID: newIDIndex(), starting: map[uint64]struct{}{}} }

// SetMax sets how many messages are kept; the oldest go first.
func (s *Store) SetMax(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.max = n
}

// OnChange registers a function called with a copy of every added or updated
// message; it must not call back into the store synchronously with a lock held.
func (s *Store) OnChange(f func(m *Message)) {
	s.mu.Lock()
	s.onChange = append(s.onChange, f)
	s.mu.Unlock()
}

// Add stores messages, assigning their Seq, and returns copies.
func (s *Store) Add(msgs ...*Message) []*Message { return s.add(false, msgs) }

func (s *Store) add(starting bool, msgs []*Message) []*Message {
	out := make([]*Message, len(msgs))
	s.mu.Lock()
	s.sinceScan += len(msgs)
	for i, m := range msgs {
		s.fillStatus(m)
		s.seq++
		m.Seq = s.seq
		if starting {
			s.starting[m.Seq] = struct{}{}
		}
		s.all = append(s.all, m)
		s.byID.add(m)
		out[i] = m.clone()
	}
	s.evictLocked()
	if be := s.backend; be != nil {
		// Under the lock, like Update's, so the backend sees every message's
		// changes in the order they were made.
		s.forgetGoneLocked()
		be.Save(out...)
	}
	hooks, steps := s.onChange, s.onStep
	s.mu.Unlock()
	for _, h := range hooks {
		for _, m := range out {
			h(m)
		}
	}
	for _, h := range steps {
		for _, m := range out {
			h(Change{Message: m, Added: true, Steps: m.History, Reports: m.Reports, Finished: !m.DoneAt.IsZero()})
		}
	}
	return out
}

// AddStarting is Add for messages whose lifecycle starts after they are
// stored: they are kept from eviction until Started, so that a message
// final at acceptance (whose report is still to be made) is not forgotten
// in the moment between.
func (s *Store) AddStarting(msgs ...*Message) []*Message {
	return s.add(true, msgs)
}

// Started releases messages added by AddStarting to eviction.
func (s *Store) Started(seqs ...uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, seq := range seqs {
		delete(s.starting, seq)
	}
}

// Update applies f to the stored message with the given Seq and returns a copy
// of the result; false when no such message exists (for example after Reset).
func (s *Store) Update(seq uint64, f func(m *Message)) (*Message, bool) {
	s.mu.Lock()
	m := s.findLocked(seq)
	if m == nil {
		s.mu.Unlock()
		return nil, false
	}
	nh, nr, done := len(m.History), len(m.Reports), !m.DoneAt.IsZero()
	f(m)
	out := m.clone()
	hooks, steps, be := s.onChange, s.onStep, s.backend
	if be != nil {
		// Saved under the lock so that two updates of one message reach the
		// backend in the order they were made.
		be.Save(out)
	}
	if !done && !out.DoneAt.IsZero() && len(s.all) > s.maxOrDefault() {
		// A campaign sent faster than its lifecycle ran left the store over
		// its cap; the messages finishing now let it come back.
		s.sinceScan++
		s.evictLocked()
		s.forgetGoneLocked()
	}
	s.mu.Unlock()
	for _, h := range hooks {
		h(out)
	}
	if len(steps) > 0 && (len(out.History) > nh || len(out.Reports) > nr || (!done && !out.DoneAt.IsZero())) {
		c := Change{Message: out, Finished: !done && !out.DoneAt.IsZero()}
		if len(out.History) > nh {
			c.Steps = out.History[nh:]
		}
		if len(out.Reports) > nr {
			c.Reports = out.Reports[nr:]
		}
		for _, h := range steps {
			h(c)
		}
	}
	return out, true
}

// evictLocked forgets the oldest evictable messages beyond the cap, a tenth
// of the cap at a time so that eviction is rare. A message still in its
// lifecycle is never evicted: while too many are, the store holds more than
// the cap rather than lose a report.
func (s *Store) evictLocked() {
	limit := s.maxOrDefault()
	// The wait holds back the cap only: messages past their age go at once.
	waiting := s.scanWait > 0 && s.sinceScan < s.scanWait
	n := 0
	if len(s.all) > limit && !waiting {
		n = min(len(s.all)-limit+limit/10, len(s.all))
	}
	if s.maxAge > 0 && s.now != nil {
		cut := s.now().Add(-s.maxAge)
		for n < len(s.all) && s.all[n].AcceptedAt.Before(cut) {
			n++
		}
	}
	if n == 0 {
		return
	}
	evictable := s.evictable
	if evictable == nil {
		evictable = func(m *Message) bool { return m.Status.Final() }
	}
	// Compact in place, oldest first: kept messages move down over the
	// forgotten ones, and once n are forgotten the rest moves in one copy.
	kept := 0
	for i, m := range s.all {
		if n == 0 {
			kept += copy(s.all[kept:], s.all[i:])
			break
		}
		if _, ok := s.starting[m.Seq]; ok || !evictable(m) {
			s.all[kept] = m
			kept++
			continue
		}
		n--
		s.forgetLocked(m)
	}
	clear(s.all[kept:])
	s.all = s.all[:kept]
	s.scanWait, s.sinceScan = 0, 0
	if n > 0 {
		s.scanWait = max(limit/10, 1)
	}
}

func (s *Store) maxOrDefault() int {
	if s.max <= 0 {
		return DefaultMaxMessages
	}
	return s.max
}

// forgetGoneLocked tells the backend which messages eviction forgot.
func (s *Store) forgetGoneLocked() {
	if s.backend != nil && len(s.gone) > 0 {
		s.backend.Forget(s.gone)
		s.gone = nil
	}
}

// forgetLocked drops an evicted message from the id index, counts it, and
// notes it for the backend.
func (s *Store) forgetLocked(m *Message) {
	s.evicted++
	if s.backend != nil {
		s.gone = append(s.gone, m.Seq)
	}
	s.byID.remove(m)
}

func (s *Store) findLocked(seq uint64) *Message {
	i := sort.Search(len(s.all), func(i int) bool { return s.all[i].Seq >= seq })
	if i < len(s.all) && s.all[i].Seq == seq {
		return s.all[i]
	}
	return nil
}

// BySeq returns a copy of one message.
func (s *Store) BySeq(seq uint64) (*Message, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m := s.findLocked(seq)
	if m == nil {
		return nil, false
	}
	return m.clone(), true
}

// Get returns the latest message with that messageId in the account (any
// account when account is empty).
func (s *Store) Get(account, messageID string) (*Message, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var buf [1]*Message
	list := s.byID.lookup(messageID, &buf)
	for i := len(list) - 1; i >= 0; i-- {
		if account == "" || list[i].Account == account {
			return list[i].clone(), true
		}
	}
	return nil, false
}

// List returns copies of the matching messages in acceptance order.
func (s *Store) List(f Filter) []*Message {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*Message
	if f.MessageID != "" {
		var buf [1]*Message
		for _, m := range s.byID.lookup(f.MessageID, &buf) {
			if f.match(m) {
				out = append(out, m.clone())
				if f.Limit > 0 && len(out) == f.Limit {
					break
				}
			}
		}
		return out
	}
	for _, m := range s.all {
		if f.match(m) {
			out = append(out, m.clone())
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
		}
	}
	return out
}

// Evicted counts the messages forgotten to stay within the cap.
func (s *Store) Evicted() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.evicted
}

// InFlight counts the stored messages that are not final yet: each has a
// lifecycle step pending.
func (s *Store) InFlight() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, m := range s.all {
		if m.DoneAt.IsZero() {
			n++
		}
	}
	return n
}

// Count returns how many messages are stored.
func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.all)
}

// Reset forgets the messages of one account, or of all accounts when account
// is empty, and returns how many were removed.
func (s *Store) Reset(account string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scanWait, s.sinceScan = 0, 0
	if s.backend != nil {
		s.backend.Reset(account)
	}
	if account == "" {
		n := len(s.all)
		s.all = nil
		s.byID = newIDIndex()
		return n
	}
	kept := s.all[:0]
	removed := 0
	for _, m := range s.all {
		if m.Account == account {
			removed++
			continue
		}
		kept = append(kept, m)
	}
	for i := len(kept); i < len(s.all); i++ {
		s.all[i] = nil
	}
	s.all = kept
	s.byID = newIDIndex()
	for _, m := range s.all {
		s.byID.add(m)
	}
	return removed
}

// TrackedURL is one URL provider click tracking rewrote.
type TrackedURL struct {
	Where     string `json:"where"` // e.g. text, content.description, contents[1].suggestions[0].url, smsFailover.text
	Original  string `json:"original"`
	Rewritten string `json:"rewritten"`
}
