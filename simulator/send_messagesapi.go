package simulator

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/report"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Texts of the validate endpoint's answers, as Infobip's SDK tests quote them.
const (
	validateOKDescription  = "Request can be sent through '/messages' endpoint and should be accepted by our platform."
	validateOKAction       = "No action is required, but it is recommended to check and address any violations."
	validateBadDescription = "Request cannot be sent through '/messages' endpoint and would be rejected by our platform."
	validateBadAction      = "Check the violations and adjust the request."
)

// scopesMessagesAPI are the scopes of the Messages API's send, events and reports.
var scopesMessagesAPI = []string{"message:send", "messages-api:message:send", "messages-api:manage"}

// sendMessages serves POST /messages-api/1/messages: RCS and SMS messages,
// with an SMS failover for RCS, on the same lifecycle as the RCS and SMS APIs.
func (s *Server) sendMessages(c *call) (int, any, error) {
	var req wire.MessagesRequest
	if err := s.decode(c, s.schemas.messages, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	var opts wire.MessagesRequestOptions
	if req.Options != nil {
		opts = *req.Options
	}
	bulkID, sendAt := s.schedule(opts.Schedule)
	var msgs []*store.Message
	for _, one := range req.Messages {
		msgs = append(msgs, s.messagesAPIMessages(c, r, one, bulkID, sendAt, opts.Tracking)...)
	}
	if opts.Schedule != nil {
		applySpeedLimit(msgs, opts.Schedule.SendingSpeedLimit)
	}
	stored := s.submit(msgs...)
	out := wire.SendResponse{BulkID: bulkID, Messages: make([]wire.SentMessageInfo, len(stored))}
	for i, m := range stored {
		out.Messages[i] = wire.SentMessageInfo{MessageID: m.MessageID, Status: *m.Status, Destination: m.Destination}
	}
	return http.StatusOK, out, nil
}

// messagesAPIMessages builds one store message per destination of a
// Messages API message. RCS content is kept in the RCS API's shape (buttons
// as suggestions), so that suggestion taps pair with it like with any RCS
// message; SMS content is the text the channel shows.
func (s *Server) messagesAPIMessages(c *call, r *store.Request, one wire.MessagesMessage, bulkID string, sendAt time.Time, tracking *wire.Tracking) []*store.Message {
	var o wire.MessagesOptions
	if one.Options != nil {
		o = *one.Options
	}
	var dlt *wire.IndiaDLT
	if o.Regional != nil {
		dlt = o.Regional.IndiaDLT
	}
	var warnings []string
	var contentType, text string
	var content []byte
	parts := 1
	if one.Channel == wire.ChannelRCS {
		rc := rcsFromMessagesContent(one.Content)
		contentType, text, content = rc.Type, messagesBodyText(one.Content.Body), rawJSON(rc)
	} else {
		text = smsFromMessagesContent(one.Content)
		contentType, content = wire.ContentText, rawJSON(one.Content)
		parts = smsParts(text, nil, o.Transliteration)
		warnings = append(warnings, smsAdaptationWarnings(one.Content)...)
	}
	var failover *wire.MessagesFailover
	for i := range one.Failover {
		if one.Failover[i].Channel == wire.ChannelSMS {
			failover = &one.Failover[i]
		}
	}
	var out []*store.Message
	for _, d := range one.Destinations {
		to, id, smsTo := d.To, d.MessageID, ""
		for _, b := range d.ByChannel {
			switch b.Channel {
			case one.Channel:
				to = b.To
				if id == "" {
					id = b.MessageID
				}
			case wire.ChannelSMS:
				smsTo = b.To
			}
		}
		m := &store.Message{
			Submission: &store.Submission{
				Account:     c.principal.Account,
				API:         store.APIMessages,
				Channel:     one.Channel,
				MessageID:   id,
				BulkID:      bulkID,
				Sender:      one.Sender,
				Destination: to,
				ContentType: contentType,
				Text:        text,
				Content:     content,
				Parts:       parts,
				Notify:      true,
				Validity:    validityV2(o.ValidityPeriod),
				Extras:      store.WithExtras(store.Extras{SendAt: sendAt, Tracking: tracking, CampaignReferenceID: o.CampaignReferenceID}),
			},
			Warnings: append([]string(nil), warnings...),
		}
		applyPlatform(m, o.Platform)
		if m.MessageID == "" {
			m.MessageID = s.ids.UUID("msg")
		} else {
			m.ClientMessageID = true
		}
		if one.Channel == wire.ChannelSMS {
			m.DLT = dlt
		}
		if f := failover; f != nil {
			fc := one.Content
			if f.Content != nil {
				fc = *f.Content
			}
			m.Failover = &store.Failover{Sender: f.Sender, Text: smsFromMessagesContent(fc), Validity: m.Validity, DLT: dlt}
			if f.ValidityPeriod != nil {
				m.Failover.Validity = validityV2(f.ValidityPeriod)
			}
			if smsTo != "" && normalizeNumber(smsTo) != normalizeNumber(to) {
				m.Warnings = append(m.Warnings, "the SMS failover goes to "+normalizeNumber(to)+", the RCS destination: a different SMS destination ("+smsTo+") is not simulated")
			}
		}
		if w := one.Webhooks; w != nil {
			m.CallbackData = w.CallbackData
			if dw := w.Delivery; dw != nil {
				m.NotifyURL = dw.URL
				m.IntermediateReport = boolOr(dw.IntermediateReport, false)
				m.TriggeredFailoverReports = boolOr(dw.ReceiveTriggeredFailoverReports, false)
			}
			warnXML(m, w.ContentType)
			if w.Seen != nil {
				m.EditExtras().SeenURL = w.Seen.URL
			}
		}
		s.accept(m, r, wire.StatusPendingAccepted)
		out = append(out, m)
	}
	return out
}

// validateMessages serves POST /messages-api/1/messages/validate: the same
// checks as a send, answered with ValidationOkResponse or
// ValidationBadResponse; nothing is sent.
func (s *Server) validateMessages(c *call) (int, any, error) {
	var req wire.MessagesRequest
	err := s.decode(c, s.schemas.messages, &req)
	if err == nil {
		return http.StatusOK, wire.MessagesValidationOK{Description: validateOKDescription, Action: validateOKAction, SkippableViolations: []wire.Violation{}}, nil
	}
	var p *wire.Problem
	if !errors.As(err, &p) || p.HTTPStatus != http.StatusBadRequest {
		return 0, nil, err
	}
	return http.StatusBadRequest, wire.MessagesValidationBad{Description: validateBadDescription, Action: validateBadAction,
		Violations: p.Violations, SkippableViolations: []wire.Violation{}}, nil
}

// sendMessagesEvents serves POST /messages-api/1/events: typing indicators
// on RCS, validated, recorded with the RCS API's events and answered like a send.
func (s *Server) sendMessagesEvents(c *call) (int, any, error) {
	var req wire.MessagesEventRequest
	if err := s.decode(c, s.schemas.messagesEvents, &req); err != nil {
		return 0, nil, err
	}
	now := s.clock.Now()
	bulkID := s.ids.UUID("bulk")
	var recs []EventRecord
	for _, ev := range req.Events {
		for _, d := range ev.Destinations {
			rec := s.newEventRecord(c, d.To, d.MessageID, now)
			rec.Type, rec.Sender = ev.Event, ev.Sender
			recs = append(recs, rec)
		}
	}
	return s.acceptEvents(bulkID, recs)
}

// messagesReports serves GET /messages-api/1/reports: each report once,
// filtered by channel, bulkId, messageId, entityId, applicationId and
// campaignReferenceId.
func (s *Server) messagesReports(c *call) (int, any, error) {
	q := c.r.URL.Query()
	limit, err := limitParam(q)
	if err != nil {
		return 0, nil, err
	}
	channel := strings.ToUpper(q.Get("channel"))
	if channel != "" && channel != wire.ChannelRCS && channel != wire.ChannelSMS {
		// Other channels are valid but never have simulated reports.
		return http.StatusOK, wire.Reports[any]{Results: []any{}}, nil
	}
	f := pull.Filter{
		BulkID: q.Get("bulkId"), MessageID: q.Get("messageId"), EntityID: q.Get("entityId"),
		ApplicationID: q.Get("applicationId"), CampaignReferenceID: q.Get("campaignReferenceId"), Channel: channel,
	}
	entries, _ := s.pull.Take(c.principal.Account, string(report.FamilyMessages), f, limit, s.clock.Now(), ReportRetention)
	results := make([]any, len(entries))
	for i, e := range entries {
		results[i] = e.Body
	}
	return http.StatusOK, wire.Reports[any]{Results: results}, nil
}
