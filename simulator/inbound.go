package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/internal/smsenc"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Inbound message types a user can send.
const (
	MOText       = "TEXT"
	MOFile       = "FILE"
	MOLocation   = "LOCATION"
	MOSuggestion = "SUGGESTION"
	// MOTyping is not a message: the user is typing (an RcsIsTypingEvent).
	MOTyping = "TYPING_INDICATOR"
)

// familyInbox is the pull family of SMS inbound messages.
const familyInbox = "inbox"

// SenderField selects how the RCS inbound body names the end user: "sender"
// (the default, Infobip's RcsInboundMessage), "from" (the older Viber-style
// OTT shape, not in the RCS schema) or "both".
type SenderField string

// Sender field choices.
const (
	SenderFieldFrom   SenderField = "from"
	SenderFieldSender SenderField = "sender"
	SenderFieldBoth   SenderField = "both"
)

// InboundMessage is a user's action, injected with Server.Inbound or
// POST /_sim/inbound.
type InboundMessage = wire.InboundMessage

// InboundFile is an attachment a user sends.
type InboundFile = wire.InboundFile

// SuggestionChoice names a suggestion by its text or postback data.
type SuggestionChoice = wire.SuggestionChoice

// InboundRecord is an injected inbound message and where it went.
type InboundRecord struct {
	Seq             uint64              `json:"seq"`
	Account         string              `json:"account"`
	Channel         string              `json:"channel"`
	MessageID       string              `json:"messageId"`
	From            string              `json:"from"`
	To              string              `json:"to"`
	Message         wire.InboundContent `json:"message"`
	ReceivedAt      time.Time           `json:"receivedAt"`
	PairedMessageID string              `json:"pairedMessageId,omitempty"`
	CallbackData    string              `json:"callbackData,omitempty"`
	Keyword         string              `json:"keyword,omitempty"`
	// Conversation is what the RCS body says about the user's conversation
	// with the sender (nil for SMS and typing indicators).
	Conversation *wire.Conversation `json:"conversation,omitempty"`
	// Webhook names the documented webhook the body follows, e.g.
	// receive-inbound-rcs-messages or inbound-events-receive-inbound-rcs-events.
	Webhook string `json:"webhook,omitempty"`
	// Route is push (to URL in Format), pull (the SMS inbox) or none (no
	// forwarding configured: Warning says so).
	Route     string   `json:"route"`
	URL       string   `json:"url,omitempty"`
	Format    string   `json:"format,omitempty"`
	Delivered bool     `json:"delivered"`
	Effects   []string `json:"effects,omitempty"`
	Warning   string   `json:"warning,omitempty"`
	Body      any      `json:"body"`
}

type inboundLog struct {
	mu      sync.Mutex
	seq     uint64
	records []*InboundRecord
	dropped int
	// keep, when set (a durable server), is called under the lock with each
	// record added or changed.
	keep func(InboundRecord)
}

// add keeps a copy of r: the caller goes on to return r (POST /_sim/inbound
// answers with it) while markDelivered may update the kept record from a
// callback worker, so the two must not share memory.
func (l *inboundLog) add(r *InboundRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	r.Seq = l.seq
	kept := *r
	l.records = append(l.records, &kept)
	if l.keep != nil {
		l.keep(kept)
	}
	if over := len(l.records) - maxLogRecords; over > 0 {
		l.dropped += over
		l.records = append(l.records[:0:0], l.records[over:]...)
	}
}

func (l *inboundLog) droppedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

func (l *inboundLog) markDelivered(seq uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.records {
		if r.Seq == seq {
			r.Delivered = true
			if l.keep != nil {
				l.keep(*r)
			}
		}
	}
}

func (l *inboundLog) list(account string) []InboundRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []InboundRecord{}
	for _, r := range l.records {
		if account == "" || r.Account == account {
			out = append(out, *r)
		}
	}
	return out
}

func (l *inboundLog) reset(account string) {
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

// InboundError is a user action the simulator refuses (for example a tap on
// a suggestion the message did not offer).
type InboundError struct{ Reason string }

func (e *InboundError) Error() string { return e.Reason }

func inboundErr(format string, args ...any) error {
	return &InboundError{Reason: fmt.Sprintf(format, args...)}
}

// pairedMessage finds the latest RCS message the sender sent to the user, in
// the account (any account when empty).
func (s *Server) pairedMessage(account, sender, user string) (*store.Message, bool) {
	msgs := s.store.List(store.Filter{Account: account, Destination: user, Channel: store.RCS})
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Channel == store.RCS && msgs[i].Sender == sender {
			return msgs[i], true
		}
	}
	return nil, false
}

// offeredSuggestions lists every suggestion a message showed: its own, its
// card's and its carousel cards'.
func offeredSuggestions(m *store.Message) []wire.Suggestion {
	var c wire.RCSContent
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return nil
	}
	out := append([]wire.Suggestion(nil), c.Suggestions...)
	if c.Content != nil {
		out = append(out, c.Content.Suggestions...)
	}
	for _, card := range c.Contents {
		out = append(out, card.Suggestions...)
	}
	return out
}

// Inbound delivers a user's action as the platform would: paired with the
// latest message the sender sent the user, rendered in the format of the
// matching forwarding configuration and posted to its URL (SMS without one
// go to the inbox pull endpoint). A STOP blocks the sender for this user,
// a START unblocks it. account may be empty when the action answers a
// message, whose account is then used.
func (s *Server) Inbound(account string, in InboundMessage) (*InboundRecord, error) {
	account = s.acct(account)
	channel := strings.ToUpper(in.Channel)
	if channel == "" {
		channel = store.RCS
	}
	if channel != store.RCS && channel != store.SMS {
		return nil, inboundErr("channel must be RCS or SMS, not %q", in.Channel)
	}
	from := numberplan.Normalize(in.From)
	if !plausibleNumber.MatchString(from) {
		return nil, inboundErr("from must be the user's number in international format (8 to 15 digits), not %q", in.From)
	}
	if in.To == "" {
		return nil, inboundErr("to must name the RCS sender (agent) or SMS number the user writes to")
	}
	typ := strings.ToUpper(in.Type)
	if typ == "" {
		typ = MOText
	}
	if typ == MOTyping || typ == "TYPING" {
		return s.typing(account, channel, from, in.To)
	}
	var paired *store.Message
	if channel == store.RCS {
		if m, ok := s.pairedMessage(account, in.To, from); ok {
			paired = m
			account = m.Account
		}
	}
	if account == "" {
		return nil, inboundErr("no account: the sender %s sent %s nothing yet, so name the account (its Authorization or ?account=)", in.To, from)
	}

	content := wire.InboundContent{Type: typ}
	switch typ {
	case MOText:
		if strings.TrimSpace(in.Text) == "" {
			return nil, inboundErr("text must not be empty for a TEXT message")
		}
		content.Text = in.Text
	case MOFile:
		if channel == store.SMS || in.File == nil || in.File.URL == "" {
			return nil, inboundErr("a FILE needs file.url, and only RCS carries files")
		}
		size := in.File.Size
		content.URL, content.Name, content.ContentType, content.Size = in.File.URL, in.File.Name, in.File.ContentType, &size
		if content.Name == "" {
			content.Name = in.File.URL[strings.LastIndex(in.File.URL, "/")+1:]
		}
		if content.ContentType == "" {
			content.ContentType = "application/octet-stream"
		}
	case MOLocation:
		if channel == store.SMS || in.Latitude == nil || in.Longitude == nil {
			return nil, inboundErr("a LOCATION needs latitude and longitude, and only RCS carries locations")
		}
		if *in.Latitude < -90 || *in.Latitude > 90 || *in.Longitude < -180 || *in.Longitude > 180 {
			return nil, inboundErr("latitude must be within -90..90 and longitude within -180..180")
		}
		content.Latitude, content.Longitude = in.Latitude, in.Longitude
	case MOSuggestion:
		if channel == store.SMS || in.Suggestion == nil || (in.Suggestion.Text == "" && in.Suggestion.PostbackData == "") {
			return nil, inboundErr("a SUGGESTION tap needs suggestion.text or suggestion.postbackData, and only RCS has suggestions")
		}
		if paired == nil {
			return nil, inboundErr("a SUGGESTION tap answers a message, but %s sent %s no RCS message", in.To, from)
		}
		offered := offeredSuggestions(paired)
		var chosen *wire.Suggestion
		var names []string
		for i := range offered {
			sg := offered[i]
			names = append(names, fmt.Sprintf("%q/%q", sg.Text, sg.PostbackData))
			if (in.Suggestion.Text == "" || sg.Text == in.Suggestion.Text) && (in.Suggestion.PostbackData == "" || sg.PostbackData == in.Suggestion.PostbackData) && chosen == nil {
				chosen = &sg
			}
		}
		if chosen == nil {
			return nil, inboundErr("message %s did not offer the suggestion text=%q postbackData=%q; it offered [%s]",
				paired.MessageID, in.Suggestion.Text, in.Suggestion.PostbackData, strings.Join(names, ", "))
		}
		content.Text, content.PostbackData = chosen.Text, chosen.PostbackData
	default:
		return nil, inboundErr("type must be TEXT, FILE, LOCATION, SUGGESTION or TYPING_INDICATOR, not %q", in.Type)
	}

	now := s.clock.Now()
	rec := &InboundRecord{
		Account: account, Channel: channel, MessageID: s.ids.UUID("mo"), From: from, To: in.To,
		Message: content, ReceivedAt: now,
	}
	if paired != nil {
		rec.PairedMessageID, rec.CallbackData = paired.MessageID, paired.CallbackData
	}
	if channel == store.RCS && typ == MOText {
		switch {
		case s.keywords.IsStop(in.Text):
			s.subscribers.Block(inbound.Block{Account: account, Sender: in.To, User: from, Since: now, Reason: strings.ToUpper(strings.TrimSpace(in.Text))})
			rec.Effects = append(rec.Effects, "user blocked sender "+in.To)
		case s.keywords.IsStart(in.Text):
			if s.subscribers.Unblock(account, in.To, from) {
				rec.Effects = append(rec.Effects, "user unblocked sender "+in.To)
			}
		}
	}
	cfg, configured := s.inboundConfigs.Match(account, channel, in.To, content.Text)
	if configured && cfg.Keyword != nil && *cfg.Keyword != "" {
		rec.Keyword = strings.ToUpper(*cfg.Keyword)
	}
	var started *conversationStart
	if channel == store.RCS {
		conv, st := s.conversations.observe(account, in.To, from, paired, rec.MessageID, now, "conv-"+rec.MessageID)
		rec.Conversation, started = &conv, st
	}
	s.routeInbound(rec, cfg, configured)
	s.inboundReceived(rec)
	if started != nil {
		s.conversationStarted(rec, cfg, configured, *started)
	}
	return rec, nil
}

func (s *Server) routeInbound(rec *InboundRecord, cfg inbound.Config, configured bool) {
	if usesMessagesAPIFormat(cfg, configured) {
		s.routeInboundMessagesAPI(rec, cfg)
		return
	}
	var platform *wire.Platform
	if configured {
		platform = cfg.Platform
	}
	if rec.Channel == store.SMS {
		body := s.renderMOJSON2(rec, platform)
		rec.Body = body
		if configured && cfg.Forwarding.Type == inbound.HTTPForward && cfg.Forwarding.URL != "" {
			rec.Route, rec.URL, rec.Format = routePush, cfg.Forwarding.URL, wire.FormatMOJSON2
			s.inboundLog.add(rec)
			s.pushInbound(rec, "inbound-sms", body)
			return
		}
		rec.Route = routePull
		s.inboundLog.add(rec)
		keys := &pull.Keys{Account: rec.Account, MessageID: rec.MessageID}
		if platform != nil {
			keys.EntityID, keys.ApplicationID = platform.EntityID, platform.ApplicationID
		}
		s.pull.Put(pull.Entry{Family: familyInbox, At: rec.ReceivedAt, Body: body, Keys: keys})
		return
	}
	if !configured || cfg.Forwarding.Type != inbound.HTTPForward || cfg.Forwarding.URL == "" {
		rec.Route = "none"
		rec.Warning = "no HTTP_FORWARD configuration for RCS sender " + rec.To + ": set one with POST /resource-management/1/inbound-message-configurations"
		rec.Body = s.renderRCSInbound(rec, platform)
		s.inboundLog.add(rec)
		return
	}
	format := cfg.Forwarding.Format
	var body any
	kind := "inbound-rcs"
	switch format {
	case wire.FormatMOOTTMSISDN, wire.FormatMORCSJSON, "":
		// Both formats are Infobip's RCS inbound webhook (see wire.RCSInbound).
		if format == "" {
			format = wire.FormatMORCSJSON
		}
		body = s.renderRCSInbound(rec, platform)
		if rec.Webhook == webhookRCSEvents {
			kind = "inbound-rcs-event"
		}
	default:
		// SetInboundConfig accepts only inboundFormats, so this is a format
		// added there without a renderer here.
		rec.Route, rec.Warning = "none", "no renderer for format "+format
		rec.Body = s.renderRCSInbound(rec, platform)
		s.inboundLog.add(rec)
		return
	}
	rec.Route, rec.URL, rec.Format, rec.Body = routePush, cfg.Forwarding.URL, format, body
	s.inboundLog.add(rec)
	s.pushInbound(rec, kind, body)
}

func (s *Server) pushInbound(rec *InboundRecord, kind string, body any) {
	raw, err := json.Marshal(body)
	if err != nil {
		s.log.Error("render inbound", "err", err)
		return
	}
	if err := s.handOff(webhook.Item{
		Account: rec.Account, URL: rec.URL, Kind: kind, Shape: webhook.Inbound,
		MessageID: rec.MessageID, Result: raw, Ref: rec.Seq, Tag: -1, LaneKey: rec.From,
	}); err != nil {
		s.log.Warn("inbound not queued: server closing", "messageId", rec.MessageID)
	}
}

// Webhooks an RCS user action follows (the RCS document's webhook names).
const (
	webhookRCSMessages = "receive-inbound-rcs-messages"
	webhookRCSEvents   = "inbound-events-receive-inbound-rcs-events"
)

// rcsInteraction is a user message's interactionType and price.trafficType:
// a FILE is a SINGLE message, as the spec's FILE example shows; the rest
// (text, location, suggestion replies) are BASIC.
func rcsInteraction(contentType string) (interaction, traffic string) {
	if contentType == MOFile {
		return "SINGLE_MESSAGE", "SINGLE"
	}
	return "BASIC_MESSAGE", "BASIC"
}

// renderRCSInbound renders rec as Infobip's RcsInboundMessage, or as an
// RcsInboundEvent when rec is a suggestion tap the account takes as an event.
// It sets rec.Webhook to the webhook the body follows.
func (s *Server) renderRCSInbound(rec *InboundRecord, p *wire.Platform) wire.RCSInbound {
	out := wire.RCSInbound{
		To: rec.To, IntegrationType: store.RCS, ReceivedAt: wire.NewTime(rec.ReceivedAt),
		MessageID: rec.MessageID, PairedMessageID: rec.PairedMessageID, CallbackData: rec.CallbackData,
		Keyword: rec.Keyword, Message: rec.Message,
		Price: wire.RCSMOPrice{PricePerMessage: 0, Currency: report.Currency},
	}
	switch s.cfg.senderField {
	case SenderFieldFrom:
		out.From = rec.From
	case SenderFieldBoth:
		out.From, out.Sender = rec.From, rec.From
	default:
		out.Sender = rec.From
	}
	if rec.Conversation != nil {
		out.Conversation = *rec.Conversation
	} else {
		out.Conversation = wire.Conversation{CanInitiate: true}
	}
	if p != nil {
		out.Platform = wire.PlatformInfo{ApplicationID: p.ApplicationID, EntityID: p.EntityID}
	}
	if rec.Message.Type == MOSuggestion && s.eventSettings(rec.Account).SuggestionsAsEvents {
		// An event is not charged: no rcsCount, a null traffic type.
		out.InteractionType, rec.Webhook = "EVENT", webhookRCSEvents
		return out
	}
	interaction, traffic := rcsInteraction(rec.Message.Type)
	one := 1
	out.InteractionType, out.RCSCount, out.Price.TrafficType, rec.Webhook = interaction, &one, &traffic, webhookRCSMessages
	return out
}

func (s *Server) renderMOJSON2(rec *InboundRecord, p *wire.Platform) wire.MOJSON2 {
	// keyword and cleanText come from the matched configuration's keyword;
	// without one the whole text is clean.
	keyword, clean := "", rec.Message.Text
	if rec.Keyword != "" {
		_, clean = inbound.SplitKeyword(rec.Message.Text)
		keyword = rec.Keyword
	}
	out := wire.MOJSON2{
		MessageID: rec.MessageID, From: rec.From, To: rec.To, Text: rec.Message.Text, CleanText: clean,
		Keyword: keyword, ReceivedAt: wire.NewTime(rec.ReceivedAt), SMSCount: smsenc.CountText(rec.Message.Text).Parts,
		Price: wire.Price{PricePerMessage: 0, Currency: report.Currency}, CallbackData: rec.CallbackData,
	}
	if p != nil {
		out.EntityID, out.ApplicationID = p.EntityID, p.ApplicationID
	}
	return out
}

// InboundRecords lists the injected inbound messages of an account (all when empty).
func (s *Server) InboundRecords(account string) []InboundRecord {
	account = s.acct(account)
	return s.inboundLog.list(account)
}

// Blocks lists the users who opted out of a sender, per account (all when empty).
func (s *Server) Blocks(account string) []inbound.Block {
	account = s.acct(account)
	return s.subscribers.List(account)
}

// BlockUser records that user blocked sender, as a STOP would.
func (s *Server) BlockUser(account, sender, user string) {
	account = s.acct(account)
	s.subscribers.Block(inbound.Block{Account: account, Sender: sender, User: numberplan.Normalize(user), Since: s.clock.Now(), Reason: "control"})
}

// UnblockUser makes the user reachable by the sender again, as a START would.
func (s *Server) UnblockUser(account, sender, user string) bool {
	account = s.acct(account)
	return s.subscribers.Unblock(account, sender, numberplan.Normalize(user))
}

// autoReply plays the R=5 user: the message is seen, then answered "YES".
// Both are lifecycle steps (kept across a restart by a durable simulator).
func (s *Server) autoReply(m *store.Message, b numberplan.Behavior) {
	if b.RCS != numberplan.RCSReplies {
		return
	}
	s.engine.Schedule(m.Seq, s.cfg.delays.Seen, stepSeen)
}

// Steps of the R=5 user, run by the lifecycle engine.
const (
	stepSeen      = "seen"
	stepAutoReply = "auto-reply"
)

// userSeen is the R=5 user reading the message.
func (s *Server) userSeen(seq uint64) {
	cur, ok := s.store.Update(seq, func(m *store.Message) {
		m.History = append(m.History, m.StatusEvent(s.clock.Now(), store.RCS, "seen by the user"))
	})
	if !ok {
		return
	}
	s.route(seenReport(cur, s.clock.Now()))
	s.engine.Schedule(seq, s.cfg.delays.Seen, stepAutoReply)
}

// userReplies is the R=5 user answering "YES".
func (s *Server) userReplies(seq uint64) {
	cur, ok := s.store.BySeq(seq)
	if !ok {
		return
	}
	if _, err := s.Inbound(cur.Account, InboundMessage{From: cur.Destination, To: cur.Sender, Text: "YES"}); err != nil {
		s.log.Warn("automatic reply", "messageId", cur.MessageID, "err", err)
	}
}

// errAccountNeeded is returned by control operations that act on one account.
var errAccountNeeded = errors.New("this operation belongs to an account: send its Authorization or ?account=")

// seenReport is the lifecycle report of the user seeing an RCS message.
func seenReport(m *store.Message, at time.Time) lifecycle.Report {
	return lifecycle.Report{Step: lifecycle.StepSeen, Message: m, Channel: store.RCS, Status: *m.Status, Error: *m.Error,
		Sender: m.Sender, Parts: m.Parts, SentAt: m.AcceptedAt, DoneAt: at}
}
