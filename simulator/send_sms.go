package simulator

import (
	"net/http"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/smsenc"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// sendSMSv2 serves POST /sms/2/text/advanced.
func (s *Server) sendSMSv2(c *call) (int, any, error) {
	var req wire.SMSAdvancedRequest
	if err := s.decode(c, s.schemas.smsV2, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	bulkID := clip(req.BulkID, maxBulkID)
	if bulkID == "" {
		bulkID = s.ids.Numeric("bulk")
	}
	var msgs []*store.Message
	for _, one := range req.Messages {
		content := rawJSON(map[string]any{"text": one.Text}) // shared by the message's destinations
		parts := smsParts(one.Text, one.Language, one.Transliteration)
		var sendAt time.Time
		if one.SendAt != "" {
			sendAt, _ = wire.ParseTime(one.SendAt)
		}
		for _, d := range one.Destinations {
			m := &store.Message{
				Submission: &store.Submission{
					Account:            c.principal.Account,
					API:                store.APISMSv2,
					Channel:            store.SMS,
					MessageID:          clip(d.MessageID, maxMessageID),
					BulkID:             bulkID,
					Sender:             one.From,
					Destination:        d.To,
					ContentType:        "TEXT",
					Text:               one.Text,
					Content:            content,
					Parts:              parts,
					CallbackData:       one.CallbackData,
					NotifyURL:          one.NotifyURL,
					Notify:             true,
					IntermediateReport: one.IntermediateReport,
					Validity:           validity(one.ValidityPeriod, "MINUTES"),
					Extras: store.WithExtras(store.Extras{SendAt: sendAt, EntityID: one.EntityID, ApplicationID: one.ApplicationID,
						CampaignReferenceID: one.CampaignReferenceID, Tracking: req.URLOptions, Window: one.DeliveryTimeWindow}),
				},
			}
			if m.Sender == "" {
				m.Sender = defaultSMSSender
			}
			if m.MessageID == "" {
				m.MessageID = s.ids.Numeric("sms")
			} else {
				m.ClientMessageID = true
			}
			if one.Regional != nil {
				m.DLT = one.Regional.IndiaDLT
			}
			warnXML(m, one.NotifyContentType)
			s.accept(m, r, wire.StatusPendingAccepted)
			msgs = append(msgs, m)
		}
	}
	applySpeedLimit(msgs, req.SendingSpeedLimit)
	stored := s.submit(msgs...)
	out := wire.SendResponse{BulkID: bulkID, Messages: make([]wire.SentMessageInfo, len(stored))}
	for i, m := range stored {
		info := wire.SentMessageInfo{MessageID: m.MessageID, Status: *m.Status, To: m.Destination}
		if req.IncludeSMSCountInResponse {
			n := m.Parts
			info.SMSCount = &n
		}
		out.Messages[i] = info
	}
	return http.StatusOK, out, nil
}

// sendSMSv3 serves POST /sms/3/messages.
func (s *Server) sendSMSv3(c *call) (int, any, error) {
	var req wire.SMSRequest
	if err := s.decode(c, s.schemas.smsV3, &req); err != nil {
		return 0, nil, err
	}
	r := s.newRequest(c)
	var opts wire.SMSRequestOptions
	if req.Options != nil {
		opts = *req.Options
	}
	bulkID, sendAt := s.schedule(opts.Schedule)
	var msgs []*store.Message
	for _, one := range req.Messages {
		content := rawJSON(one.Content) // shared by the message's destinations
		parts := 0
		if one.Content.Hex != "" {
			parts = binaryParts(one.Content.Hex)
		} else {
			parts = smsParts(one.Content.Text, one.Content.Language, one.Content.Transliteration)
		}
		for _, d := range one.Destinations {
			m := &store.Message{
				Submission: &store.Submission{
					Account:     c.principal.Account,
					API:         store.APISMSv3,
					Channel:     store.SMS,
					MessageID:   d.MessageID,
					BulkID:      bulkID,
					Sender:      one.Sender,
					Destination: d.To,
					ContentType: "TEXT",
					Text:        one.Content.Text,
					Content:     content,
					Parts:       parts,
					Notify:      true,
					Validity:    store.Duration(DefaultValidity),
					Extras:      store.WithExtras(store.Extras{SendAt: sendAt, Tracking: opts.Tracking}),
				},
			}
			if one.Content.Hex != "" {
				m.ContentType = "BINARY"
			}
			if m.Sender == "" {
				m.Sender = defaultSMSSender
			}
			if m.MessageID == "" {
				m.MessageID = s.ids.Numeric("sms")
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
				if o.Regional != nil {
					m.DLT = o.Regional.IndiaDLT
				}
			}
			if w := one.Webhooks; w != nil {
				applyDelivery(m, w.CallbackData, w.Delivery)
				warnXML(m, w.ContentType)
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
		info := wire.SentMessageInfo{MessageID: m.MessageID, Status: *m.Status, Destination: m.Destination}
		if opts.IncludeSMSCountInResponse {
			info.Details = &wire.MessageDetails{MessageCount: m.Parts}
		}
		out.Messages[i] = info
	}
	return http.StatusOK, out, nil
}

// preview serves POST /sms/1/preview: the raw count first (empty
// configuration), then one preview for the requested language and/or
// transliteration.
func (s *Server) preview(c *call) (int, any, error) {
	var req wire.PreviewRequest
	if err := s.decode(c, s.schemas.preview, &req); err != nil {
		return 0, nil, err
	}
	raw := smsenc.CountText(req.Text)
	out := wire.PreviewResponse{OriginalText: req.Text, Previews: []wire.Preview{{
		TextPreview: req.Text, MessageCount: raw.Parts, CharactersRemaining: raw.Remaining,
	}}}
	if req.LanguageCode != "" || (req.Transliteration != "" && req.Transliteration != "NONE") {
		text, n := smsenc.Preview(req.Text, smsenc.Options{LanguageCode: req.LanguageCode, Transliteration: req.Transliteration})
		p := wire.Preview{TextPreview: text, MessageCount: n.Parts, CharactersRemaining: n.Remaining}
		if req.LanguageCode != "" {
			p.Configuration.Language = &wire.PreviewLanguage{LanguageCode: req.LanguageCode}
		}
		p.Configuration.Transliteration = req.Transliteration
		out.Previews = append(out.Previews, p)
	}
	return http.StatusOK, out, nil
}
