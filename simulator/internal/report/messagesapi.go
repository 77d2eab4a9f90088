package report

import (
	"strconv"

	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Messages API report events.
const (
	EventDelivery = "DELIVERY"
	EventSeen     = "SEEN"
)

// MessagesDelivery renders a Messages API DeliveryResult: the channel and
// sender are the reported leg's (SMS after a failover), and the same body is
// pushed and pulled.
func MessagesDelivery(r lifecycle.Report) wire.MessagesDeliveryResult {
	m := r.Message
	out := wire.MessagesDeliveryResult{
		Event: EventDelivery, Channel: r.Channel, Sender: r.Sender, Destination: m.Destination,
		SentAt: wire.NewTime(r.SentAt), DoneAt: wire.NewTime(r.DoneAt), BulkID: m.BulkID, MessageID: m.MessageID,
		CallbackData: m.CallbackData, MessageCount: r.Parts, Status: r.Status, Error: r.Error,
		Platform: platform(m), CampaignReferenceID: m.CampaignReferenceID,
	}
	if n, err := strconv.Atoi(MCCMNC(m.Destination)); err == nil {
		out.MCCMNC = &n // the Messages API carries mccMnc as a number
	}
	return out
}

// MessagesSeen renders a Messages API SeenResult.
func MessagesSeen(r lifecycle.Report) wire.MessagesSeenResult {
	m := r.Message
	return wire.MessagesSeenResult{
		Event: EventSeen, Channel: store.RCS, Sender: m.Sender, Destination: m.Destination,
		SentAt: wire.NewTime(r.SentAt), SeenAt: wire.NewTime(r.DoneAt), BulkID: m.BulkID, MessageID: m.MessageID,
		CallbackData: m.CallbackData, Platform: platform(m), CampaignReferenceID: m.CampaignReferenceID,
	}
}

// SeenBody renders a seen report for the message's API.
func SeenBody(r lifecycle.Report) any {
	if r.Message.API == store.APIMessages {
		return MessagesSeen(r)
	}
	return Seen(r)
}
