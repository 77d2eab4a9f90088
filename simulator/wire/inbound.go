package wire

// Inbound (MO) formats a forwarding configuration can render.
const (
	FormatMOOTTMSISDN = "MO_OTT_MSISDN" // the RCS format CleverTap requires: Infobip's RCS inbound webhook
	FormatMORCSJSON   = "MO_RCS_JSON"   // the Resources API's RCS default: the same body
	FormatMOJSON2     = "MO_JSON_2"     // the default renderer for SMS
)

// InboundContent is the message a user sent: TEXT, FILE, SUGGESTION or LOCATION.
type InboundContent struct {
	Type         string   `json:"type"`
	Text         string   `json:"text,omitempty"`
	URL          string   `json:"url,omitempty"`
	Name         string   `json:"name,omitempty"`
	ContentType  string   `json:"contentType,omitempty"`
	Size         *int64   `json:"size,omitempty"`
	PostbackData string   `json:"postbackData,omitempty"`
	Latitude     *float64 `json:"latitude,omitempty"`
	Longitude    *float64 `json:"longitude,omitempty"`
}

// InboundPrice is the price of an inbound message.
type InboundPrice struct {
	TrafficType     string  `json:"trafficType,omitempty"`
	PricePerMessage float64 `json:"pricePerMessage"`
	Currency        string  `json:"currency"`
}

// RCSInbound is one result of Infobip's RCS inbound webhook
// (receive-inbound-rcs-messages, schema RcsInboundMessage) and, with
// interactionType EVENT and no rcsCount, of its inbound-events webhook
// (RcsInboundEvent). Both RCS renderers, MO_OTT_MSISDN and MO_RCS_JSON, emit
// it: Infobip's event format assignment names MO_OTT_MSISDN as the RCS
// channel's format whose payload is this webhook, and the Resources API
// names MO_RCS_JSON as the RCS forwarding default; no source shows a second
// RCS body.
type RCSInbound struct {
	CampaignReferenceID string `json:"campaignReferenceId,omitempty"`
	// From is not in the schema: only WithOTTSenderField(from|both) adds it,
	// for integrations written against the older Viber-style OTT shape.
	From            string         `json:"from,omitempty"`
	Sender          string         `json:"sender,omitempty"`
	To              string         `json:"to"`
	IntegrationType string         `json:"integrationType"`
	ReceivedAt      Time           `json:"receivedAt"`
	InteractionType string         `json:"interactionType"`
	RCSCount        *int           `json:"rcsCount,omitempty"` // messages only; events have none
	Keyword         string         `json:"keyword,omitempty"`
	MessageID       string         `json:"messageId"`
	PairedMessageID string         `json:"pairedMessageId,omitempty"`
	CallbackData    string         `json:"callbackData,omitempty"`
	Message         InboundContent `json:"message"`
	Price           RCSMOPrice     `json:"price"`
	Conversation    Conversation   `json:"conversation"`
	Platform        PlatformInfo   `json:"platform"`
}

// RCSMOPrice is an RCS inbound message's price. TrafficType is null for
// messages that are not charged (events), as the schema's description and
// the event example say.
type RCSMOPrice struct {
	TrafficType     *string `json:"trafficType"`
	PricePerMessage float64 `json:"pricePerMessage"`
	Currency        string  `json:"currency"`
}

// Conversation is RcsConversationInfo: whether the message can start a
// conversation, and the conversation's id when it belongs to one (null
// otherwise, as the schema's description and the TEXT example say).
type Conversation struct {
	CanInitiate bool    `json:"canInitiate"`
	ID          *string `json:"id"`
}

// PlatformInfo is RcsPlatformInfo: always present on an RCS inbound body,
// empty when the configuration set no platform.
type PlatformInfo struct {
	ApplicationID string `json:"applicationId,omitempty"`
	EntityID      string `json:"entityId,omitempty"`
}

// RCSInboundEvents is the body of the inbound-events webhook
// (RcsInboundEvents): the same counters as a message batch.
type RCSInboundEvents = InboundBatch[RCSInbound]

// TypingEvent is one RcsIsTypingEvent: the user is typing.
type TypingEvent struct {
	Sender        string    `json:"sender"`
	To            string    `json:"to"`
	ReceivedAt    Time      `json:"receivedAt"`
	Event         EventType `json:"event"`
	EntityID      string    `json:"entityId,omitempty"`
	ApplicationID string    `json:"applicationId,omitempty"`
}

// EventType is the {"type": ...} object of typing and conversation events.
type EventType struct {
	Type string `json:"type"`
}

// ConversationStarted is one RcsConversationStartedEvent: a message's
// billing became conversational.
type ConversationStarted struct {
	MessageID    string                  `json:"messageId"`
	TrafficType  string                  `json:"trafficType,omitempty"`
	Event        EventType               `json:"event"`
	Conversation ConversationStartedInfo `json:"conversation"`
	Platform     PlatformInfo            `json:"platform"`
}

// ConversationStartedInfo is RcsConversationStartedInfo.
type ConversationStartedInfo struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	StartTime Time   `json:"startTime"`
	EndTime   Time   `json:"endTime"`
}

// EventBatch is the body of the typing and conversation-started webhooks,
// which count events rather than messages.
type EventBatch[T any] struct {
	Results           []T `json:"results"`
	EventCount        int `json:"eventCount"`
	PendingEventCount int `json:"pendingEventCount"`
}

// MOJSON2 is one result of the MO_JSON_2 renderer (SMS inbound, webhook and
// GET /sms/1/inbox/reports).
type MOJSON2 struct {
	MessageID           string `json:"messageId"`
	From                string `json:"from"`
	To                  string `json:"to"`
	Text                string `json:"text"`
	CleanText           string `json:"cleanText"`
	Keyword             string `json:"keyword,omitempty"`
	ReceivedAt          Time   `json:"receivedAt"`
	SMSCount            int    `json:"smsCount"`
	Price               Price  `json:"price"`
	CallbackData        string `json:"callbackData,omitempty"`
	ApplicationID       string `json:"applicationId,omitempty"`
	EntityID            string `json:"entityId,omitempty"`
	CampaignReferenceID string `json:"campaignReferenceId,omitempty"`
}

// InboundBatch is the body of every inbound POST and of the inbox pull.
type InboundBatch[T any] struct {
	Results             []T `json:"results"`
	MessageCount        int `json:"messageCount"`
	PendingMessageCount int `json:"pendingMessageCount"`
}

// InboundConfigRequest is the body of POST
// /resource-management/1/inbound-message-configurations (the RCS and SMS
// variants: RCS names its sender in resource, SMS its number in number).
type InboundConfigRequest struct {
	Channel     string      `json:"channel"`
	Resource    string      `json:"resource,omitempty"`
	ResourceKey string      `json:"resourceKey,omitempty"`
	Number      string      `json:"number,omitempty"`
	NumberKey   string      `json:"numberKey,omitempty"`
	CountryCode string      `json:"countryCode,omitempty"`
	Keyword     *string     `json:"keyword,omitempty"`
	Username    string      `json:"username,omitempty"`
	Platform    *Platform   `json:"platform,omitempty"`
	Forwarding  *Forwarding `json:"forwarding,omitempty"`
}

// Forwarding is the MO action of a configuration.
type Forwarding struct {
	Type   string `json:"type"`
	URL    string `json:"url,omitempty"`
	Format string `json:"format,omitempty"`
}

// InboundConfig is a stored configuration as the API returns it.
type InboundConfig struct {
	ConfigurationKey string `json:"configurationKey"`
	Channel          string `json:"channel"`
	Resource         string `json:"resource,omitempty"`
	Number           string `json:"number,omitempty"`
	// Keyword is absent for a configuration that matches every message:
	// MoConfigurationResponse types it a string, so never null.
	Keyword    *string     `json:"keyword,omitempty"`
	Username   string      `json:"username,omitempty"`
	Platform   *Platform   `json:"platform,omitempty"`
	Forwarding *Forwarding `json:"forwarding,omitempty"`
}

// EventRequest is the body of POST /rcs/1/events.
type EventRequest struct {
	Events []Event `json:"events"`
}

// Event is one business-side event: SEEN (of a user's message) or TYPING_INDICATOR.
type Event struct {
	Sender       string        `json:"sender"`
	Destinations []Destination `json:"destinations"`
	Content      EventContent  `json:"content"`
	Options      *EventOptions `json:"options,omitempty"`
}

// EventContent is SEEN with the seen message's id, or TYPING_INDICATOR.
type EventContent struct {
	Type      string `json:"type"`
	MessageID string `json:"messageId,omitempty"`
}

// EventOptions are an event's options.
type EventOptions struct {
	Platform           *Platform           `json:"platform,omitempty"`
	DeliveryTimeWindow *DeliveryTimeWindow `json:"deliveryTimeWindow,omitempty"`
}
