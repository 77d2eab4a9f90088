package wire

// Inbound (MO) formats a forwarding configuration can render.
const (
	FormatMOOTTMSISDN = "MO_OTT_MSISDN" // the OTT renderer CleverTap requires for RCS
	FormatMORCSJSON   = "MO_RCS_JSON"   // the current default renderer for RCS
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

// MOOTTMSISDN is one result of the MO_OTT_MSISDN renderer: the end user is
// "from" (and, when configured, also "sender").
type MOOTTMSISDN struct {
	From            string         `json:"from,omitempty"`
	Sender          string         `json:"sender,omitempty"`
	To              string         `json:"to"`
	IntegrationType string         `json:"integrationType"`
	ReceivedAt      Time           `json:"receivedAt"`
	MessageID       string         `json:"messageId"`
	PairedMessageID string         `json:"pairedMessageId,omitempty"`
	CallbackData    string         `json:"callbackData,omitempty"`
	Keyword         string         `json:"keyword,omitempty"`
	Message         InboundContent `json:"message"`
	Price           InboundPrice   `json:"price"`
	EntityID        string         `json:"entityId,omitempty"`
	ApplicationID   string         `json:"applicationId,omitempty"`
}

// MORCSJSON is one result of the MO_RCS_JSON renderer (Infobip's documented
// RCS inbound webhook): the end user is "sender".
type MORCSJSON struct {
	Sender              string         `json:"sender"`
	To                  string         `json:"to"`
	IntegrationType     string         `json:"integrationType"`
	ReceivedAt          Time           `json:"receivedAt"`
	InteractionType     string         `json:"interactionType"`
	RCSCount            int            `json:"rcsCount"`
	Keyword             string         `json:"keyword,omitempty"`
	MessageID           string         `json:"messageId"`
	PairedMessageID     string         `json:"pairedMessageId,omitempty"`
	CallbackData        string         `json:"callbackData,omitempty"`
	CampaignReferenceID string         `json:"campaignReferenceId,omitempty"`
	Message             InboundContent `json:"message"`
	Price               InboundPrice   `json:"price"`
	Platform            *Platform      `json:"platform,omitempty"`
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
	ConfigurationKey string      `json:"configurationKey"`
	Channel          string      `json:"channel"`
	Resource         string      `json:"resource,omitempty"`
	Number           string      `json:"number,omitempty"`
	Keyword          *string     `json:"keyword"`
	Username         string      `json:"username,omitempty"`
	Platform         *Platform   `json:"platform,omitempty"`
	Forwarding       *Forwarding `json:"forwarding,omitempty"`
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
