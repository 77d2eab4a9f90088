package simulator

import (
	"encoding/json"

	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/smsenc"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Inbound messages rendered by MO_MESSAGES_API_JSON, the Messages API's
// inbound format, for RCS and SMS alike: an IncomingMessage whose results
// are MO events, the end user in sender and the business sender (RCS agent
// or SMS number) in destination.

// Messages API inbound event and content types.
const (
	moEvent            = "MO"
	moContentText      = "TEXT"
	moContentFile      = "FILE"
	moContentLocation  = "LOCATION"
	moContentButtonRep = "BUTTON_REPLY"
)

// usesMessagesAPIFormat reports whether a configuration forwards inbound
// messages to a URL in the Messages API's format.
func usesMessagesAPIFormat(cfg inbound.Config, configured bool) bool {
	return configured && cfg.Forwarding.Format == wire.FormatMOMessagesAPIJSON &&
		cfg.Forwarding.Type == inbound.HTTPForward && cfg.Forwarding.URL != ""
}

// routeInboundMessagesAPI posts an inbound message to the configuration's
// URL in MO_MESSAGES_API_JSON.
func (s *Server) routeInboundMessagesAPI(rec *InboundRecord, cfg inbound.Config) {
	body := s.renderMOMessagesAPI(rec, cfg.Platform)
	rec.Route, rec.URL, rec.Format, rec.Body = routePush, cfg.Forwarding.URL, wire.FormatMOMessagesAPIJSON, body
	s.inboundLog.add(rec)
	s.pushInboundResults(rec, "inbound-messages-api", body)
}

func (s *Server) renderMOMessagesAPI(rec *InboundRecord, p *wire.Platform) wire.MessagesMOEvent {
	out := wire.MessagesMOEvent{
		Event: moEvent, Channel: rec.Channel, Sender: rec.From, Destination: rec.To,
		ReceivedAt: wire.NewTime(rec.ReceivedAt), MessageID: rec.MessageID, PairedMessageID: rec.PairedMessageID,
		CallbackData: rec.CallbackData, MessageCount: 1, Platform: p,
	}
	c := rec.Message
	switch c.Type {
	case MOFile:
		out.Content = []wire.MessagesMOContent{{Type: moContentFile, URL: c.URL}}
	case MOLocation:
		out.Content = []wire.MessagesMOContent{{Type: moContentLocation, Latitude: c.Latitude, Longitude: c.Longitude}}
	case MOSuggestion:
		text := c.Text
		out.Content = []wire.MessagesMOContent{{Type: moContentButtonRep, Text: &text, Payload: c.PostbackData}}
	default:
		text, clean, keyword := c.Text, c.Text, ""
		if rec.Keyword != "" {
			_, clean = inbound.SplitKeyword(c.Text)
			keyword = rec.Keyword
		}
		out.Content = []wire.MessagesMOContent{{Type: moContentText, Text: &text, CleanText: &clean, Keyword: keyword}}
		if rec.Channel == store.SMS {
			out.MessageCount = smsenc.CountText(c.Text).Parts
		}
	}
	return out
}

// pushInboundResults queues an inbound body wrapped as {"results":[...]}:
// the Messages API's IncomingMessage carries no message counts.
func (s *Server) pushInboundResults(rec *InboundRecord, kind string, body any) {
	raw, err := json.Marshal(body)
	if err != nil {
		s.log.Error("render inbound", "err", err)
		return
	}
	if err := s.dispatcher.Enqueue(webhook.Item{
		Account: rec.Account, URL: rec.URL, Kind: kind, Shape: webhook.Results,
		MessageID: rec.MessageID, Result: raw, Ref: rec.Seq, Tag: -1,
	}); err != nil {
		s.log.Warn("inbound not queued: server closing", "messageId", rec.MessageID)
	}
}
