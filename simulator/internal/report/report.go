// Package report renders lifecycle reports into the delivery-report bodies of
// each API generation, field for field: SMS v2 (from, smsCount), SMS v3
// (sender, messageCount, platform) and RCS (channel only when a failover was
// requested, sender, price with traffic type on the RCS leg).
package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Currency of every price the simulator reports.
const Currency = "INR"

// Prices per message part, in Currency. They are the simulator's own
// round figures, not JioCX's tariff.
const (
	PriceSMSPart   = 0.12
	PriceRCSBasic  = 0.10
	PriceRCSRich   = 0.20
	PriceRCSMedia  = 0.30
	basicTextLimit = 160
)

// Family is the pull endpoint a report belongs to.
type Family string

// Pull families.
const (
	FamilySMSv1 Family = "sms/1" // GET /sms/1/reports: messages sent with /sms/2/text/advanced
	FamilySMSv3 Family = "sms/3" // GET /sms/3/reports: messages sent with /sms/3/messages
	FamilyRCS   Family = "rcs/2" // GET /rcs/2/reports: RCS messages of both generations
	// FamilyMessages is GET /messages-api/1/reports: messages sent with the Messages API.
	FamilyMessages Family = "messages-api/1"
)

// FamilyOf says which pull endpoint serves a message's reports.
func FamilyOf(m *store.Message) Family {
	switch m.API {
	case store.APISMSv2:
		return FamilySMSv1
	case store.APISMSv3:
		return FamilySMSv3
	case store.APIMessages:
		return FamilyMessages
	}
	return FamilyRCS
}

// networks maps country codes to the network code the simulator reports for
// them: Jio for India, one large operator elsewhere (the values of Infobip's
// examples where they give one).
var networks = []struct{ prefix, mccMnc string }{
	{"91", "405857"}, {"44", "23415"}, {"41", "22801"}, {"385", "21901"}, {"1", "310260"},
	{"971", "42402"}, {"65", "52501"}, {"49", "26201"}, {"33", "20801"}, {"61", "50501"},
}

// MCCMNC is the network code the simulator reports for a number; empty for
// countries it has none for.
func MCCMNC(number string) string {
	for _, n := range networks {
		if strings.HasPrefix(number, n.prefix) {
			return n.mccMnc
		}
	}
	return ""
}

// TrafficType classifies RCS content for billing: a plain text up to 160
// characters without suggestions is BASIC, other text RICH, media RICH_MEDIA.
func TrafficType(m *store.Message) (traffic, interaction string, price float64) {
	switch m.ContentType {
	case wire.ContentFile, wire.ContentCard, wire.ContentCarousel:
		return "RICH_MEDIA", "RICH_MEDIA_MESSAGE", PriceRCSMedia
	}
	if m.ContentType == wire.ContentText && len([]rune(m.Text)) <= basicTextLimit && !strings.Contains(string(m.Content), `"suggestions"`) {
		return "BASIC", "BASIC_MESSAGE", PriceRCSBasic
	}
	return "RICH", "RICH_MESSAGE", PriceRCSRich
}

// charged reports whether a report carries a price: only delivered
// messages are charged (a failover's RCS step is not).
func charged(s wire.Status) bool { return s.GroupID == wire.GroupDelivered }

func platform(m *store.Message) *wire.Platform {
	if m.EntityID == "" && m.ApplicationID == "" {
		return nil
	}
	return &wire.Platform{EntityID: m.EntityID, ApplicationID: m.ApplicationID}
}

func smsPrice(r lifecycle.Report) *wire.Price {
	p := 0.0
	if charged(r.Status) {
		p = PriceSMSPart * float64(r.Parts)
	}
	return &wire.Price{PricePerMessage: p, Currency: Currency}
}

// SMSv2 renders the v1/v2 SMS report.
func SMSv2(r lifecycle.Report) wire.SMSReportV2 {
	m := r.Message
	return wire.SMSReportV2{
		BulkID: m.BulkID, MessageID: m.MessageID, To: m.Destination, From: r.Sender,
		SentAt: wire.NewTime(r.SentAt), DoneAt: wire.NewTime(r.DoneAt), SMSCount: r.Parts,
		MCCMNC: MCCMNC(m.Destination), CallbackData: m.CallbackData, Price: smsPrice(r),
		Status: r.Status, Error: r.Error,
		EntityID: m.EntityID, ApplicationID: m.ApplicationID, CampaignReferenceID: m.CampaignReferenceID,
	}
}

// SMSv3 renders the v3 SMS report.
func SMSv3(r lifecycle.Report) wire.SMSReportV3 {
	m := r.Message
	return wire.SMSReportV3{
		BulkID: m.BulkID, MessageID: m.MessageID, To: m.Destination, Sender: r.Sender,
		SentAt: wire.NewTime(r.SentAt), DoneAt: wire.NewTime(r.DoneAt), MessageCount: r.Parts,
		MCCMNC: MCCMNC(m.Destination), CallbackData: m.CallbackData, Price: smsPrice(r),
		Status: r.Status, Error: r.Error, Platform: platform(m), CampaignReferenceID: m.CampaignReferenceID,
	}
}

// RCSWebhook renders the RCS delivery report as pushed to a URL.
func RCSWebhook(r lifecycle.Report) wire.RCSReport {
	m := r.Message
	out := wire.RCSReport{
		BulkID: m.BulkID, Status: r.Status, Error: wire.InRCSDocument(r.Error), MessageID: m.MessageID,
		DoneAt: wire.NewTime(r.DoneAt), MessageCount: r.Parts, SentAt: wire.NewTime(r.SentAt),
		MCCMNC: MCCMNC(m.Destination), CallbackData: m.CallbackData, To: m.Destination, Sender: r.Sender,
		Platform: platform(m), CampaignReferenceID: m.CampaignReferenceID,
	}
	if m.Failover != nil {
		out.Channel = r.Channel
	}
	if r.Channel == store.SMS {
		out.Price = &wire.RCSPrice{PricePerMessage: smsPrice(r).PricePerMessage, Currency: Currency}
		return out
	}
	traffic, interaction, price := TrafficType(m)
	if !charged(r.Status) {
		price = 0
	}
	out.Price = &wire.RCSPrice{TrafficType: traffic, PricePerMessage: price, Currency: Currency}
	out.InteractionType = interaction
	return out
}

// RCSPull renders the RCS report as GET /rcs/2/reports returns it: without
// channel, interaction type and traffic type.
func RCSPull(r lifecycle.Report) wire.RCSReport {
	out := RCSWebhook(r)
	out.Channel, out.InteractionType = "", ""
	if out.Price != nil {
		out.Price.TrafficType = ""
	}
	return out
}

// Webhook renders the report body a URL receives for the message's API.
func Webhook(r lifecycle.Report) any {
	switch r.Message.API {
	case store.APISMSv2:
		return SMSv2(r)
	case store.APISMSv3:
		return SMSv3(r)
	case store.APIMessages:
		return MessagesDelivery(r)
	}
	return RCSWebhook(r)
}

// Pull renders the report as its pull endpoint returns it.
func Pull(r lifecycle.Report) any {
	switch r.Message.API {
	case store.APISMSv2:
		return SMSv2(r)
	case store.APISMSv3:
		return SMSv3(r)
	case store.APIMessages:
		return MessagesDelivery(r)
	}
	return RCSPull(r)
}

// Seen renders a seen report.
func Seen(r lifecycle.Report) wire.SeenReport {
	m := r.Message
	return wire.SeenReport{
		MessageID: m.MessageID, From: m.Destination, To: m.Sender,
		SentAt: wire.NewTime(r.SentAt), SeenAt: wire.NewTime(r.DoneAt),
		ApplicationID: m.ApplicationID, EntityID: m.EntityID, CampaignReferenceID: m.CampaignReferenceID,
	}
}

// Held is a report kept for its pull endpoint and rendered only when it is
// pulled (or written to a database). It holds the message's submission,
// which the message and its copies share, and the few facts of the leg: a
// fraction of the rendered body, which most reports never need because a
// load test does not pull them all.
type Held struct {
	sub     *store.Submission
	channel string
	status  *wire.Status
	err     *wire.Error
	sender  string
	parts   int
	sentAt  time.Time
	doneAt  time.Time
}

// Hold keeps r for pulling. status and err are r's, interned by the store,
// so that a million held reports share a handful of them.
func Hold(r lifecycle.Report, status *wire.Status, err *wire.Error) *Held {
	return &Held{sub: r.Message.Submission, channel: r.Channel, status: status, err: err,
		sender: r.Sender, parts: r.Parts, sentAt: r.SentAt, doneAt: r.DoneAt}
}

// PullKeys implements pull.Keyer: a held report's filter keys are its
// message's, read from the submission it shares.
func (h *Held) PullKeys() pull.Keys {
	return pull.Keys{Account: h.sub.Account, BulkID: h.sub.BulkID, MessageID: h.sub.MessageID,
		EntityID: h.sub.EntityID, ApplicationID: h.sub.ApplicationID,
		CampaignReferenceID: h.sub.CampaignReferenceID, Channel: h.channel}
}

// Report is the held report as the lifecycle made it, with the message
// reduced to its submission (all that reports render from).
func (h *Held) Report() lifecycle.Report {
	return lifecycle.Report{Message: &store.Message{Submission: h.sub}, Channel: h.channel,
		Status: *h.status, Error: *h.err, Sender: h.sender, Parts: h.parts, SentAt: h.sentAt, DoneAt: h.doneAt}
}

// MarshalJSON renders the report as its pull endpoint returns it. It does
// not escape HTML characters: the answer's encoder does not, and a caller
// that wants them escaped (json.Marshal) escapes what this returns.
func (h *Held) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Pull(h.Report())); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
