package wire

// RCS content types.
const (
	ContentText             = "TEXT"
	ContentFile             = "FILE"
	ContentCard             = "CARD"
	ContentCarousel         = "CAROUSEL"
	ContentProviderTemplate = "PROVIDER_TEMPLATE"
)

// RCSSendRequest is the body of POST /ott/rcs/1/message and one element of the
// bulk variant's messages array.
type RCSSendRequest struct {
	From                   string            `json:"from,omitempty"`
	To                     string            `json:"to"`
	ValidityPeriod         *int64            `json:"validityPeriod,omitempty"`
	ValidityPeriodTimeUnit string            `json:"validityPeriodTimeUnit,omitempty"`
	Content                RCSContent        `json:"content"`
	SMSFailover            *RCSv1SMSFailover `json:"smsFailover,omitempty"`
	NotifyURL              string            `json:"notifyUrl,omitempty"`
	CallbackData           string            `json:"callbackData,omitempty"`
	MessageID              string            `json:"messageId,omitempty"`
	EntityID               string            `json:"entityId,omitempty"`
	ApplicationID          string            `json:"applicationId,omitempty"`
}

// RCSBulkSendRequest is the body of POST /ott/rcs/1/message/bulk.
type RCSBulkSendRequest struct {
	Messages []RCSSendRequest `json:"messages"`
}

// RCSv1SMSFailover is the v1 smsFailover object.
type RCSv1SMSFailover struct {
	From                   string    `json:"from"`
	Text                   string    `json:"text"`
	ValidityPeriod         *int64    `json:"validityPeriod,omitempty"`
	ValidityPeriodTimeUnit string    `json:"validityPeriodTimeUnit,omitempty"`
	Regional               *Regional `json:"regional,omitempty"`
}

// Regional holds country-specific options.
type Regional struct {
	IndiaDLT   *IndiaDLT      `json:"indiaDlt,omitempty"`
	TurkeyIYS  map[string]any `json:"turkeyIys,omitempty"`
	SouthKorea map[string]any `json:"southKorea,omitempty"`
}

// IndiaDLT carries the DLT registration ids an Indian SMS must quote.
// TelemarketerID does not exist in the RCS v1 failover schema.
type IndiaDLT struct {
	PrincipalEntityID string `json:"principalEntityId"`
	ContentTemplateID string `json:"contentTemplateId,omitempty"`
	TelemarketerID    string `json:"telemarketerId,omitempty"`
}

// RCSContent is every RCS content type in one struct, told apart by Type.
type RCSContent struct {
	Type        string        `json:"type"`
	Text        string        `json:"text,omitempty"`
	File        *RCSResource  `json:"file,omitempty"`
	Thumbnail   *RCSResource  `json:"thumbnail,omitempty"`
	Orientation string        `json:"orientation,omitempty"`
	Alignment   string        `json:"alignment,omitempty"`
	Content     *CardContent  `json:"content,omitempty"`
	CardWidth   string        `json:"cardWidth,omitempty"`
	Contents    []CardContent `json:"contents,omitempty"`
	Suggestions []Suggestion  `json:"suggestions,omitempty"`
	TemplateID  string        `json:"templateId,omitempty"`
	Parameters  []Parameter   `json:"parameters,omitempty"`
}

// RCSResource is a file reference.
type RCSResource struct {
	URL string `json:"url"`
}

// CardContent is one card of a CARD or CAROUSEL.
type CardContent struct {
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Media       *CardMedia   `json:"media,omitempty"`
	Suggestions []Suggestion `json:"suggestions,omitempty"`
}

// CardMedia is a card's picture or video.
type CardMedia struct {
	File      *RCSResource `json:"file,omitempty"`
	Thumbnail *RCSResource `json:"thumbnail,omitempty"`
	Height    string       `json:"height,omitempty"`
}

// Parameter fills a PROVIDER_TEMPLATE placeholder.
type Parameter struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Suggestion types.
const (
	SuggestionReply               = "REPLY"
	SuggestionOpenURL             = "OPEN_URL"
	SuggestionDialPhone           = "DIAL_PHONE"
	SuggestionShowLocation        = "SHOW_LOCATION"
	SuggestionRequestLocation     = "REQUEST_LOCATION"
	SuggestionCreateCalendarEvent = "CREATE_CALENDAR_EVENT"
)

// Suggestion is every suggestion type in one struct, told apart by Type.
type Suggestion struct {
	Type            string   `json:"type"`
	Text            string   `json:"text"`
	PostbackData    string   `json:"postbackData"`
	URL             string   `json:"url,omitempty"`
	Application     string   `json:"application,omitempty"`
	WebviewViewMode string   `json:"webviewViewMode,omitempty"`
	PhoneNumber     string   `json:"phoneNumber,omitempty"`
	Latitude        *float64 `json:"latitude,omitempty"`
	Longitude       *float64 `json:"longitude,omitempty"`
	Label           string   `json:"label,omitempty"`
	StartTime       string   `json:"startTime,omitempty"`
	EndTime         string   `json:"endTime,omitempty"`
	Title           string   `json:"title,omitempty"`
	Description     string   `json:"description,omitempty"`
}

// RCSv1Response is the 200 body of the v1 sends.
type RCSv1Response struct {
	Messages []RCSv1ResponseMessage `json:"messages"`
}

// RCSv1ResponseMessage is one accepted v1 message.
type RCSv1ResponseMessage struct {
	To           string `json:"to"`
	MessageCount int    `json:"messageCount"`
	MessageID    string `json:"messageId"`
	Status       Status `json:"status"`
}

// RCSMessageRequest is the body of POST /rcs/2/messages.
type RCSMessageRequest struct {
	Messages []RCSMessage       `json:"messages"`
	Options  *RCSRequestOptions `json:"options,omitempty"`
}

// RCSMessage is one v2 message.
type RCSMessage struct {
	Sender       string             `json:"sender,omitempty"`
	Destinations []Destination      `json:"destinations"`
	Content      RCSContent         `json:"content"`
	Options      *RCSMessageOptions `json:"options,omitempty"`
	Webhooks     *RCSWebhooks       `json:"webhooks,omitempty"`
}

// Destination is one recipient.
type Destination struct {
	To        string `json:"to"`
	MessageID string `json:"messageId,omitempty"`
	NetworkID *int64 `json:"networkId,omitempty"`
}

// Platform carries CPaaS X ids.
type Platform struct {
	EntityID      string `json:"entityId,omitempty"`
	ApplicationID string `json:"applicationId,omitempty"`
}

// ValidityPeriod is the v2/v3 validity object; TimeUnit defaults to MINUTES.
type ValidityPeriod struct {
	Amount   int64  `json:"amount"`
	TimeUnit string `json:"timeUnit,omitempty"`
}

// DeliveryTimeWindow restricts sending to days and a UTC time range.
type DeliveryTimeWindow struct {
	Days []string   `json:"days"`
	From *TimeOfDay `json:"from,omitempty"`
	To   *TimeOfDay `json:"to,omitempty"`
}

// TimeOfDay is an hour and minute in UTC.
type TimeOfDay struct {
	Hour   int `json:"hour"`
	Minute int `json:"minute"`
}

// RCSMessageOptions are a v2 message's options.
type RCSMessageOptions struct {
	Platform            *Platform           `json:"platform,omitempty"`
	ValidityPeriod      *ValidityPeriod     `json:"validityPeriod,omitempty"`
	DeliveryTimeWindow  *DeliveryTimeWindow `json:"deliveryTimeWindow,omitempty"`
	CampaignReferenceID string              `json:"campaignReferenceId,omitempty"`
	SMSFailover         *RCSv2SMSFailover   `json:"smsFailover,omitempty"`
	MMSFailover         map[string]any      `json:"mmsFailover,omitempty"`
}

// RCSv2SMSFailover is the v2 options.smsFailover object.
type RCSv2SMSFailover struct {
	Sender         string          `json:"sender,omitempty"`
	Text           string          `json:"text"`
	ValidityPeriod *ValidityPeriod `json:"validityPeriod,omitempty"`
	Regional       *Regional       `json:"regional,omitempty"`
}

// RCSWebhooks are a v2 message's report settings.
type RCSWebhooks struct {
	Delivery     *DeliveryWebhook `json:"delivery,omitempty"`
	ContentType  string           `json:"contentType,omitempty"`
	CallbackData string           `json:"callbackData,omitempty"`
	Seen         *SeenWebhook     `json:"seen,omitempty"`
}

// DeliveryWebhook says where and how delivery reports go.
type DeliveryWebhook struct {
	URL                             string `json:"url,omitempty"`
	IntermediateReport              *bool  `json:"intermediateReport,omitempty"`
	Notify                          *bool  `json:"notify,omitempty"`
	ReceiveTriggeredFailoverReports *bool  `json:"receiveTriggeredFailoverReports,omitempty"`
}

// SeenWebhook says where seen reports go.
type SeenWebhook struct {
	URL string `json:"url,omitempty"`
}

// RCSRequestOptions are the v2 request-level options.
type RCSRequestOptions struct {
	Schedule        *Schedule        `json:"schedule,omitempty"`
	Tracking        *Tracking        `json:"tracking,omitempty"`
	MessageOrdering *MessageOrdering `json:"messageOrdering,omitempty"`
}

// Schedule names the bulk and when it goes out.
type Schedule struct {
	BulkID            string             `json:"bulkId,omitempty"`
	SendAt            string             `json:"sendAt,omitempty"`
	SendingSpeedLimit *SendingSpeedLimit `json:"sendingSpeedLimit,omitempty"`
}

// SendingSpeedLimit caps messages per time unit.
type SendingSpeedLimit struct {
	Amount   int64  `json:"amount"`
	TimeUnit string `json:"timeUnit,omitempty"`
}

// Tracking are provider URL shortening and click tracking options; also the
// v2 SMS urlOptions.
type Tracking struct {
	ShortenURL     *bool  `json:"shortenUrl,omitempty"`
	TrackClicks    *bool  `json:"trackClicks,omitempty"`
	TrackingURL    string `json:"trackingUrl,omitempty"`
	RemoveProtocol *bool  `json:"removeProtocol,omitempty"`
	CustomDomain   string `json:"customDomain,omitempty"`
}

// MessageOrdering asks the platform to keep the messages' order.
type MessageOrdering struct {
	RespectOrder  *bool `json:"respectOrder,omitempty"`
	StopOnFailure *bool `json:"stopOnFailure,omitempty"`
}

// SendResponse is the 200 body of /rcs/2/messages, /sms/2/text/advanced and
// /sms/3/messages.
type SendResponse struct {
	BulkID   string            `json:"bulkId,omitempty"`
	Messages []SentMessageInfo `json:"messages"`
}

// SentMessageInfo is one accepted message. To is set by the SMS v2 send,
// Destination by the v2 RCS and v3 SMS sends.
type SentMessageInfo struct {
	MessageID   string          `json:"messageId"`
	Status      Status          `json:"status"`
	To          string          `json:"to,omitempty"`
	Destination string          `json:"destination,omitempty"`
	SMSCount    *int            `json:"smsCount,omitempty"`
	Details     *MessageDetails `json:"details,omitempty"`
}

// MessageDetails carries the v3 SMS part count.
type MessageDetails struct {
	MessageCount int `json:"messageCount"`
}
