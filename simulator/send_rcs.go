package simulator

import (
	"time"

	"net/http"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// sendRCSv1 serves POST /ott/rcs/1/message.
func (s *Server) sendRCSv1(c *call) (int, any, error) {
	var req wire.RCSSendRequest
	if err := s.decode(c, s.schemas.rcsV1, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	m := s.rcsV1Message(c, r, req, "")
	stored := s.submit(m)
	return http.StatusOK, wire.RCSv1Response{Messages: []wire.RCSv1ResponseMessage{v1Info(stored[0])}}, nil
}

// sendRCSv1Bulk serves POST /ott/rcs/1/message/bulk.
func (s *Server) sendRCSv1Bulk(c *call) (int, any, error) {
	var req wire.RCSBulkSendRequest
	if err := s.decode(c, s.schemas.rcsV1Bulk, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	bulkID := s.ids.UUID("bulk")
	msgs := make([]*store.Message, len(req.Messages))
	for i, one := range req.Messages {
		msgs[i] = s.rcsV1Message(c, r, one, bulkID)
	}
	stored := s.submit(msgs...)
	infos := make([]wire.RCSv1ResponseMessage, len(stored))
	for i, m := range stored {
		infos[i] = v1Info(m)
	}
	if s.cfg.bulkArray {
		out := make([]wire.RCSv1Response, len(infos))
		for i, info := range infos {
			out[i] = wire.RCSv1Response{Messages: []wire.RCSv1ResponseMessage{info}}
		}
		return http.StatusOK, out, nil
	}
	return http.StatusOK, wire.RCSv1Response{Messages: infos}, nil
}

func v1Info(m *store.Message) wire.RCSv1ResponseMessage {
	return wire.RCSv1ResponseMessage{To: m.Destination, MessageCount: m.Parts, MessageID: m.MessageID, Status: *m.Status}
}

func (s *Server) rcsV1Message(c *call, r *store.Request, req wire.RCSSendRequest, bulkID string) *store.Message {
	m := &store.Message{
		Submission: &store.Submission{
			Account:      c.principal.Account,
			API:          store.APIRCSv1,
			Channel:      store.RCS,
			MessageID:    req.MessageID,
			BulkID:       bulkID,
			Sender:       req.From,
			Destination:  req.To,
			ContentType:  req.Content.Type,
			Text:         req.Content.Text,
			Content:      rawJSON(req.Content),
			Parts:        1,
			CallbackData: req.CallbackData,
			NotifyURL:    req.NotifyURL,
			Notify:       true,
			Validity:     validity(req.ValidityPeriod, req.ValidityPeriodTimeUnit),
			Extras:       store.WithExtras(store.Extras{EntityID: req.EntityID, ApplicationID: req.ApplicationID}),
		},
	}
	if m.MessageID == "" {
		m.MessageID = s.ids.UUID("rcs")
	} else {
		m.ClientMessageID = true
	}
	if f := req.SMSFailover; f != nil {
		m.Failover = &store.Failover{Sender: f.From, Text: f.Text, Validity: validity(f.ValidityPeriod, f.ValidityPeriodTimeUnit)}
		if f.Regional != nil {
			m.Failover.DLT = f.Regional.IndiaDLT
		}
	}
	s.accept(m, r, wire.StatusPendingEnroute)
	return m
}

// sendRCSv2 serves POST /rcs/2/messages.
func (s *Server) sendRCSv2(c *call) (int, any, error) {
	var req wire.RCSMessageRequest
	if err := s.decode(c, s.schemas.rcsV2, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	var opts wire.RCSRequestOptions
	if req.Options != nil {
		opts = *req.Options
	}
	bulkID, sendAt := s.schedule(opts.Schedule)
	var msgs []*store.Message
	for _, one := range req.Messages {
		content := rawJSON(one.Content) // shared by the message's destinations
		for _, d := range one.Destinations {
			m := &store.Message{
				Submission: &store.Submission{
					Account:     c.principal.Account,
					API:         store.APIRCSv2,
					Channel:     store.RCS,
					MessageID:   d.MessageID,
					BulkID:      bulkID,
					Sender:      one.Sender,
					Destination: d.To,
					ContentType: one.Content.Type,
					Text:        one.Content.Text,
					Content:     content,
					Parts:       1,
					Notify:      true,
					Validity:    store.Duration(DefaultValidity),
					Extras:      store.WithExtras(store.Extras{SendAt: sendAt, Tracking: opts.Tracking}),
				},
			}
			if m.MessageID == "" {
				m.MessageID = s.ids.UUID("rcs")
			} else {
				m.ClientMessageID = true
			}
			if o := one.Options; o != nil {
				m.Validity = validityV2(o.ValidityPeriod)
				if o.DeliveryTimeWindow != nil || o.CampaignReferenceID != "" {
					x := m.EditExtras()
					x.Window, x.CampaignReferenceID = o.DeliveryTimeWindow, o.CampaignReferenceID
				}
				applyPlatform(m, o.Platform)
				if f := o.SMSFailover; f != nil {
					m.Failover = &store.Failover{Sender: f.Sender, Text: f.Text, Validity: validityV2(f.ValidityPeriod)}
					if f.Regional != nil {
						m.Failover.DLT = f.Regional.IndiaDLT
					}
				}
				if o.MMSFailover != nil {
					m.Warnings = append(m.Warnings, "mmsFailover is accepted but not simulated: the RCS outcome is final")
				}
			}
			if w := one.Webhooks; w != nil {
				applyDelivery(m, w.CallbackData, w.Delivery)
				warnXML(m, w.ContentType)
				if w.Seen != nil {
					m.EditExtras().SeenURL = w.Seen.URL
				}
			}
			s.accept(m, r, wire.StatusPendingAccepted)
			msgs = append(msgs, m)
		}
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

// schedule returns the bulk id (the client's or a new one) and the send time.
func (s *Server) schedule(sc *wire.Schedule) (bulkID string, sendAt time.Time) {
	if sc != nil {
		bulkID = sc.BulkID
		if sc.SendAt != "" {
			if t, err := wire.ParseTime(sc.SendAt); err == nil {
				sendAt = t
			}
		}
	}
	if bulkID == "" {
		bulkID = s.ids.UUID("bulk")
	}
	return bulkID, sendAt
}
