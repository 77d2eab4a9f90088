package simulator

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// InboundEventSettings are the RCS inbound events an account asks for, set
// with PUT /_sim/settings {"inboundEvents":{...}}. Infobip does not document
// which setting makes a suggestion tap an event rather than a message, so
// the simulator leaves every event off until the account turns it on.
type InboundEventSettings struct {
	// SuggestionsAsEvents sends suggestion taps to the inbound-events webhook
	// (interactionType EVENT) instead of as inbound messages.
	SuggestionsAsEvents bool `json:"suggestionsAsEvents"`
	// TypingIndicators forwards users' typing (POST /_sim/inbound
	// {"type":"TYPING_INDICATOR"}) as receive-rcs-typing-indicator-events.
	TypingIndicators bool `json:"typingIndicators"`
	// ConversationStarted sends receive-rcs-conversation-started-events when
	// a user's message opens a conversation.
	ConversationStarted bool `json:"conversationStarted"`
	// URL receives typing and conversation-started events; empty: the
	// sender's forwarding URL.
	URL string `json:"url,omitempty"`
}

// Webhooks of RCS events that are not user messages.
const (
	webhookRCSTyping              = "receive-rcs-typing-indicator-events"
	webhookRCSConversationStarted = "receive-rcs-conversation-started-events"
)

// ConversationWindow is how long a conversation lasts after it starts
// (Google RBM's 24-hour conversation; Infobip's example spans 24 hours too).
const ConversationWindow = 24 * time.Hour

func (s *Server) eventSettings(account string) InboundEventSettings {
	if v := s.settings.get(account).InboundEvents; v != nil {
		return *v
	}
	return InboundEventSettings{}
}

// conversationStart describes a conversation a user's message opened.
type conversationStart struct {
	MessageID string // the message whose billing became conversational
	Type      string // A2P when the user answered the agent, P2A when the user wrote first
	ID        string
	Start     time.Time
	End       time.Time
}

// conversations tracks the open conversation of each account, sender and
// user. It is safe for concurrent use.
type conversations struct {
	mu   sync.Mutex
	open map[[3]string]conversationStart
}

// observe returns what a user's message says about its conversation and,
// when the message opens one, the conversation it started. A message that
// opens a conversation can initiate it and does not belong to one yet (the
// spec's TEXT example: canInitiate true, id null); later messages in the
// window belong to it.
func (c *conversations) observe(account, sender, user string, paired *store.Message, moID string, now time.Time, newID string) (wire.Conversation, *conversationStart) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := [3]string{account, sender, user}
	if cur, ok := c.open[k]; ok && now.Before(cur.End) {
		id := cur.ID
		return wire.Conversation{CanInitiate: false, ID: &id}, nil
	}
	st := conversationStart{MessageID: moID, Type: "P2A", ID: newID, Start: now, End: now.Add(ConversationWindow)}
	if paired != nil {
		st.MessageID, st.Type = paired.MessageID, "A2P"
	}
	if c.open == nil {
		c.open = map[[3]string]conversationStart{}
	}
	c.open[k] = st
	return wire.Conversation{CanInitiate: true}, &st
}

func (c *conversations) reset(account string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.open {
		if account == "" || k[0] == account {
			delete(c.open, k)
		}
	}
}

// eventURL is where an account's typing and conversation events go.
func (s *Server) eventURL(account string, cfg inbound.Config, configured bool) string {
	if u := s.eventSettings(account).URL; u != "" {
		return u
	}
	if configured && cfg.Forwarding.Type == inbound.HTTPForward {
		return cfg.Forwarding.URL
	}
	return ""
}

// conversationStarted sends the conversation-started event of a message
// that opened a conversation, when the account asks for it.
func (s *Server) conversationStarted(rec *InboundRecord, cfg inbound.Config, configured bool, st conversationStart) {
	if !s.eventSettings(rec.Account).ConversationStarted {
		return
	}
	url := s.eventURL(rec.Account, cfg, configured)
	if url == "" {
		rec.Effects = append(rec.Effects, "conversation "+st.ID+" started; no URL for its event")
		return
	}
	ev := wire.ConversationStarted{
		MessageID: st.MessageID, Event: wire.EventType{Type: "CONVERSATION_STARTED"},
		Conversation: wire.ConversationStartedInfo{Type: st.Type, ID: st.ID, StartTime: wire.NewTime(st.Start), EndTime: wire.NewTime(st.End)},
	}
	if st.Type == "A2P" {
		// The example's A2P conversation is billed as A2P_CONVERSATION; the
		// spec names no traffic type for a user-initiated one.
		ev.TrafficType = "A2P_CONVERSATION"
	}
	if configured && cfg.Platform != nil {
		ev.Platform = wire.PlatformInfo{ApplicationID: cfg.Platform.ApplicationID, EntityID: cfg.Platform.EntityID}
	}
	rec.Effects = append(rec.Effects, "conversation "+st.ID+" started ("+webhookRCSConversationStarted+" to "+url+")")
	s.enqueueEvent(rec.Account, url, "inbound-conversation-started", st.MessageID, ev)
}

// typing forwards a user's typing indicator, when the account asks for it.
func (s *Server) typing(account, channel, from, to string) (*InboundRecord, error) {
	if channel != store.RCS {
		return nil, inboundErr("typing indicators exist on RCS only")
	}
	if account == "" {
		if m, ok := s.pairedMessage("", to, from); ok {
			account = m.Account
		}
	}
	if account == "" {
		return nil, inboundErr("no account: the sender %s sent %s nothing yet, so name the account (its Authorization or ?account=)", to, from)
	}
	now := s.clock.Now()
	rec := &InboundRecord{Account: account, Channel: channel, MessageID: s.ids.UUID("typing"), From: from, To: to,
		Message: wire.InboundContent{Type: MOTyping}, ReceivedAt: now, Webhook: webhookRCSTyping}
	cfg, configured := s.inboundConfigs.Match(account, channel, to, "")
	ev := wire.TypingEvent{Sender: from, To: to, ReceivedAt: wire.NewTime(now), Event: wire.EventType{Type: MOTyping}}
	if configured && cfg.Platform != nil {
		ev.EntityID, ev.ApplicationID = cfg.Platform.EntityID, cfg.Platform.ApplicationID
	}
	rec.Body = ev
	url := s.eventURL(account, cfg, configured)
	switch {
	case !s.eventSettings(account).TypingIndicators:
		rec.Route, rec.Warning = "none", "typing indicators are off for this account: PUT /_sim/settings {\"inboundEvents\":{\"typingIndicators\":true}}"
	case url == "":
		rec.Route, rec.Warning = "none", "no HTTP_FORWARD configuration for RCS sender "+to+" and no inboundEvents.url"
	default:
		rec.Route, rec.URL = routePush, url
	}
	s.inboundLog.add(rec)
	if rec.Route == routePush {
		s.enqueueEvent(account, url, "inbound-typing", "", ev, rec.Seq)
	}
	return rec, nil
}

// enqueueEvent queues one result of an event webhook ({results, eventCount,
// pendingEventCount}). ref, when given, is the inbound record to mark
// delivered.
func (s *Server) enqueueEvent(account, url, kind, messageID string, result any, ref ...uint64) {
	raw, err := json.Marshal(result)
	if err != nil {
		s.log.Error("render event", "kind", kind, "err", err)
		return
	}
	it := webhook.Item{Account: account, URL: url, Kind: kind, Shape: webhook.Events, MessageID: messageID, Result: raw, Tag: -1}
	if len(ref) > 0 {
		it.Ref = ref[0]
	}
	if err := s.dispatcher.Enqueue(it); err != nil {
		s.log.Warn("event not queued: server closing", "kind", kind)
	}
}
