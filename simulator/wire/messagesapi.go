package wire

// Shapes of Infobip's Messages API (/messages-api/1/...), as the official Go
// SDK v3.2.0's models/messagesapi (generated from Infobip's OpenAPI document)
// names them. Only the RCS and SMS channels are simulated.

// FormatMOMessagesAPIJSON is the inbound renderer of the Messages API: the
// webhook body is an IncomingMessage whose results are MO events.
const FormatMOMessagesAPIJSON = "MO_MESSAGES_API_JSON"

// Messages API channels the simulator sends on.
const (
	ChannelRCS = "RCS"
	ChannelSMS = "SMS"
)

// Messages API body types (MessageBodyType) the RCS and SMS channels take.
const (
	BodyText     = "TEXT"
	BodyImage    = "IMAGE"
	BodyVideo    = "VIDEO"
	BodyDocument = "DOCUMENT"
	BodyRichLink = "RICH_LINK"
	BodyCarousel = "CAROUSEL"
)

// MessagesRequest is the body of POST /messages-api/1/messages and
// /messages-api/1/messages/validate.
type MessagesRequest struct {
	Messages []MessagesMessage       `json:"messages"`
	Options  *MessagesRequestOptions `json:"options,omitempty"`
}

// MessagesRequestOptions are the request-wide options (DefaultMessageRequestOptions).
type MessagesRequestOptions struct {
	Schedule        *Schedule `json:"schedule,omitempty"`
	Tracking        *Tracking `json:"tracking,omitempty"`
	MessageOrdering *struct {
		RespectOrder  *bool `json:"respectOrder,omitempty"`
		StopOnFailure *bool `json:"stopOnFailure,omitempty"`
	} `json:"messageOrdering,omitempty"`
}

// MessagesMessage is one message (the Message variant of RequestMessagesInner).
type MessagesMessage struct {
	Channel      string                `json:"channel"`
	Sender       string                `json:"sender"`
	Destinations []MessagesDestination `json:"destinations"`
	Content      MessagesContent       `json:"content"`
	Options      *MessagesOptions      `json:"options,omitempty"`
	Webhooks     *MessagesWebhooks     `json:"webhooks,omitempty"`
	Failover     []MessagesFailover    `json:"failover,omitempty"`
}

// MessagesDestination is a ToDestination ({to, messageId}) or a
// ChannelsDestination ({messageId, byChannel}).
type MessagesDestination struct {
	To        string               `json:"to,omitempty"`
	MessageID string               `json:"messageId,omitempty"`
	ByChannel []ChannelDestination `json:"byChannel,omitempty"`
}

// ChannelDestination is the address of a destination on one channel.
type ChannelDestination struct {
	Channel   string `json:"channel"`
	To        string `json:"to"`
	MessageID string `json:"messageId,omitempty"`
}

// MessagesContent is MessageContent: a body and buttons (header, footer,
// confirmationBody and senderDisplayInfo belong to other channels).
type MessagesContent struct {
	Body    MessagesBody     `json:"body"`
	Buttons []MessagesButton `json:"buttons,omitempty"`
}

// MessagesBody is every body type RCS and SMS take, told apart by Type.
type MessagesBody struct {
	Type         string         `json:"type"`
	Text         string         `json:"text,omitempty"`
	URL          string         `json:"url,omitempty"`
	ThumbnailURL string         `json:"thumbnailUrl,omitempty"`
	Filename     string         `json:"filename,omitempty"`
	RedirectURL  string         `json:"redirectUrl,omitempty"`
	IsVideo      *bool          `json:"isVideo,omitempty"`
	ButtonText   string         `json:"buttonText,omitempty"`
	CardOptions  *CardOptions   `json:"cardOptions,omitempty"`
	Cards        []MessagesCard `json:"cards,omitempty"`
}

// CardOptions is MessageCardOptions.
type CardOptions struct {
	Orientation string `json:"orientation,omitempty"`
	Alignment   string `json:"alignment,omitempty"`
	Height      string `json:"height,omitempty"`
}

// MessagesCard is one card of a CAROUSEL.
type MessagesCard struct {
	Body    MessagesCardBody `json:"body"`
	Buttons []MessagesButton `json:"buttons,omitempty"`
}

// MessagesCardBody is MessageCarouselCardBody.
type MessagesCardBody struct {
	Title        string       `json:"title,omitempty"`
	Text         string       `json:"text,omitempty"`
	URL          string       `json:"url,omitempty"`
	IsVideo      *bool        `json:"isVideo,omitempty"`
	ThumbnailURL string       `json:"thumbnailUrl,omitempty"`
	CardOptions  *CardOptions `json:"cardOptions,omitempty"`
}

// Messages API button types (MessageButtonType).
const (
	ButtonReply            = "REPLY"
	ButtonOpenURL          = "OPEN_URL"
	ButtonDialPhone        = "DIAL_PHONE"
	ButtonShowLocation     = "SHOW_LOCATION"
	ButtonRequestLocation  = "REQUEST_LOCATION"
	ButtonAddCalendarEvent = "ADD_CALENDAR_EVENT"
)

// MessagesButton is every button type in one struct, told apart by Type.
type MessagesButton struct {
	Type         string   `json:"type"`
	Text         string   `json:"text,omitempty"`
	PostbackData string   `json:"postbackData,omitempty"`
	URL          string   `json:"url,omitempty"`
	OpenIn       string   `json:"openIn,omitempty"`
	PhoneNumber  string   `json:"phoneNumber,omitempty"`
	Latitude     *float64 `json:"latitude,omitempty"`
	Longitude    *float64 `json:"longitude,omitempty"`
	Name         string   `json:"name,omitempty"`
	StartTime    string   `json:"startTime,omitempty"`
	EndTime      string   `json:"endTime,omitempty"`
	Title        string   `json:"title,omitempty"`
	Description  string   `json:"description,omitempty"`
}

// MessagesOptions is MessageOptions.
type MessagesOptions struct {
	Platform            *Platform         `json:"platform,omitempty"`
	ValidityPeriod      *ValidityPeriod   `json:"validityPeriod,omitempty"`
	AdaptationMode      *bool             `json:"adaptationMode,omitempty"`
	Regional            *MessagesRegional `json:"regional,omitempty"`
	CampaignReferenceID string            `json:"campaignReferenceId,omitempty"`
	Transliteration     string            `json:"transliteration,omitempty"`
	CorrelationData     string            `json:"correlationData,omitempty"`
	TrafficType         string            `json:"trafficType,omitempty"`
}

// MessagesRegional is RegionalOptions; the India DLT fields apply to the SMS
// channel (a direct SMS or an SMS failover).
type MessagesRegional struct {
	IndiaDLT *IndiaDLT `json:"indiaDlt,omitempty"`
}

// MessagesWebhooks is OttWebhooks.
type MessagesWebhooks struct {
	Delivery     *DeliveryWebhook `json:"delivery,omitempty"`
	ContentType  string           `json:"contentType,omitempty"`
	CallbackData string           `json:"callbackData,omitempty"`
	Seen         *struct {
		URL string `json:"url,omitempty"`
	} `json:"seen,omitempty"`
}

// MessagesFailover is one Failover step: the channel, its sender and
// optionally its own content and validity.
type MessagesFailover struct {
	Channel        string           `json:"channel"`
	Sender         string           `json:"sender"`
	Content        *MessagesContent `json:"content,omitempty"`
	ValidityPeriod *ValidityPeriod  `json:"validityPeriod,omitempty"`
}

// MessagesDeliveryResult is one DeliveryResult of a Messages API delivery
// report, pushed ({"results":[...]}) and pulled from GET /messages-api/1/reports.
type MessagesDeliveryResult struct {
	Event               string    `json:"event"`
	Channel             string    `json:"channel"`
	Sender              string    `json:"sender"`
	Destination         string    `json:"destination"`
	SentAt              Time      `json:"sentAt"`
	DoneAt              Time      `json:"doneAt"`
	BulkID              string    `json:"bulkId"`
	MessageID           string    `json:"messageId"`
	CallbackData        string    `json:"callbackData,omitempty"`
	MessageCount        int       `json:"messageCount"`
	Status              Status    `json:"status"`
	Error               Error     `json:"error"`
	Platform            *Platform `json:"platform,omitempty"`
	MCCMNC              *int      `json:"mccMnc,omitempty"`
	CampaignReferenceID string    `json:"campaignReferenceId,omitempty"`
}

// MessagesSeenResult is one SeenResult of a Messages API seen report.
type MessagesSeenResult struct {
	Event               string    `json:"event"`
	Channel             string    `json:"channel"`
	Sender              string    `json:"sender"`
	Destination         string    `json:"destination"`
	SentAt              Time      `json:"sentAt"`
	SeenAt              Time      `json:"seenAt"`
	BulkID              string    `json:"bulkId"`
	MessageID           string    `json:"messageId"`
	CallbackData        string    `json:"callbackData,omitempty"`
	Platform            *Platform `json:"platform,omitempty"`
	CampaignReferenceID string    `json:"campaignReferenceId,omitempty"`
}

// MessagesMOEvent is one MoEvent of the MO_MESSAGES_API_JSON renderer: the
// end user is the sender, the business sender or number the destination.
type MessagesMOEvent struct {
	Event               string              `json:"event"`
	Channel             string              `json:"channel"`
	Sender              string              `json:"sender"`
	Destination         string              `json:"destination"`
	Content             []MessagesMOContent `json:"content"`
	ReceivedAt          Time                `json:"receivedAt"`
	MessageID           string              `json:"messageId"`
	PairedMessageID     string              `json:"pairedMessageId,omitempty"`
	CallbackData        string              `json:"callbackData,omitempty"`
	MessageCount        int                 `json:"messageCount"`
	Platform            *Platform           `json:"platform,omitempty"`
	CampaignReferenceID string              `json:"campaignReferenceId,omitempty"`
}

// MessagesMOContent is one MoEventContent: TEXT (text, cleanText, keyword),
// FILE (url), BUTTON_REPLY (text, payload) or LOCATION (latitude, longitude).
type MessagesMOContent struct {
	Type      string   `json:"type"`
	Text      *string  `json:"text,omitempty"`
	CleanText *string  `json:"cleanText,omitempty"`
	Keyword   string   `json:"keyword,omitempty"`
	URL       string   `json:"url,omitempty"`
	Payload   string   `json:"payload,omitempty"`
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
}

// MessagesEventRequest is the body of POST /messages-api/1/events.
type MessagesEventRequest struct {
	Events []MessagesEvent `json:"events"`
}

// MessagesEvent is an OutboundTypingStartedEvent or OutboundTypingStoppedEvent.
type MessagesEvent struct {
	Event        string                `json:"event"`
	Channel      string                `json:"channel"`
	Sender       string                `json:"sender"`
	Destinations []MessagesDestination `json:"destinations"`
	Options      *struct {
		Platform       *Platform       `json:"platform,omitempty"`
		ValidityPeriod *ValidityPeriod `json:"validityPeriod,omitempty"`
	} `json:"options,omitempty"`
}

// MessagesValidationOK is the 200 body of POST /messages-api/1/messages/validate.
type MessagesValidationOK struct {
	Description         string      `json:"description"`
	Action              string      `json:"action"`
	SkippableViolations []Violation `json:"skippableViolations"`
}

// MessagesValidationBad is its 400 body.
type MessagesValidationBad struct {
	Description         string      `json:"description"`
	Action              string      `json:"action"`
	Violations          []Violation `json:"violations"`
	SkippableViolations []Violation `json:"skippableViolations"`
}
