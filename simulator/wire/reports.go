package wire

// Price is what a message cost.
type Price struct {
	PricePerMessage float64 `json:"pricePerMessage"`
	Currency        string  `json:"currency"`
}

// RCSPrice is the RCS delivery-report price; TrafficType is set for the RCS
// leg only (an SMS fallback report has none).
type RCSPrice struct {
	TrafficType     string  `json:"trafficType,omitempty"`
	PricePerMessage float64 `json:"pricePerMessage"`
	Currency        string  `json:"currency"`
}

// SMSReportV2 is one result of the SMS v1/v2 delivery report (webhook and
// GET /sms/1/reports): it names the sender "from" and counts "smsCount".
type SMSReportV2 struct {
	BulkID              string `json:"bulkId,omitempty"`
	MessageID           string `json:"messageId"`
	To                  string `json:"to"`
	From                string `json:"from,omitempty"`
	SentAt              Time   `json:"sentAt"`
	DoneAt              Time   `json:"doneAt"`
	SMSCount            int    `json:"smsCount"`
	MCCMNC              string `json:"mccMnc,omitempty"`
	CallbackData        string `json:"callbackData,omitempty"`
	Price               *Price `json:"price,omitempty"`
	Status              Status `json:"status"`
	Error               Error  `json:"error"`
	EntityID            string `json:"entityId,omitempty"`
	ApplicationID       string `json:"applicationId,omitempty"`
	CampaignReferenceID string `json:"campaignReferenceId,omitempty"`
}

// SMSReportV3 is one result of the SMS v3 delivery report (webhook and
// GET /sms/3/reports): "sender", "messageCount" and a platform object.
type SMSReportV3 struct {
	BulkID              string    `json:"bulkId,omitempty"`
	MessageID           string    `json:"messageId"`
	To                  string    `json:"to"`
	Sender              string    `json:"sender,omitempty"`
	SentAt              Time      `json:"sentAt"`
	DoneAt              Time      `json:"doneAt"`
	MessageCount        int       `json:"messageCount"`
	MCCMNC              string    `json:"mccMnc,omitempty"`
	CallbackData        string    `json:"callbackData,omitempty"`
	Price               *Price    `json:"price,omitempty"`
	Status              Status    `json:"status"`
	Error               Error     `json:"error"`
	Platform            *Platform `json:"platform,omitempty"`
	CampaignReferenceID string    `json:"campaignReferenceId,omitempty"`
}

// RCSReport is one result of the RCS delivery-report webhook. Channel is set
// only when the message asked for a failover; the pull endpoint
// GET /rcs/2/reports omits Channel, InteractionType and the price's traffic type.
type RCSReport struct {
	BulkID              string    `json:"bulkId,omitempty"`
	Channel             string    `json:"channel,omitempty"`
	Price               *RCSPrice `json:"price,omitempty"`
	Status              Status    `json:"status"`
	Error               Error     `json:"error"`
	MessageID           string    `json:"messageId"`
	DoneAt              Time      `json:"doneAt"`
	InteractionType     string    `json:"interactionType,omitempty"`
	MessageCount        int       `json:"messageCount"`
	SentAt              Time      `json:"sentAt"`
	MCCMNC              string    `json:"mccMnc,omitempty"`
	CallbackData        string    `json:"callbackData,omitempty"`
	To                  string    `json:"to"`
	Sender              string    `json:"sender,omitempty"`
	Platform            *Platform `json:"platform,omitempty"`
	CampaignReferenceID string    `json:"campaignReferenceId,omitempty"`
}

// Reports is the body of every delivery-report POST and pull answer.
type Reports[T any] struct {
	Results []T `json:"results"`
}

// SeenReport is one result of the RCS seen-report webhook. From is the end
// user, To the sender (agent).
type SeenReport struct {
	MessageID           string `json:"messageId"`
	From                string `json:"from"`
	To                  string `json:"to"`
	SentAt              Time   `json:"sentAt"`
	SeenAt              Time   `json:"seenAt"`
	ApplicationID       string `json:"applicationId,omitempty"`
	EntityID            string `json:"entityId,omitempty"`
	CampaignReferenceID string `json:"campaignReferenceId,omitempty"`
}

// LogEntry is one result of GET /sms/3/logs and GET /rcs/2/logs.
type LogEntry struct {
	Sender              string    `json:"sender,omitempty"`
	Destination         string    `json:"destination"`
	BulkID              string    `json:"bulkId,omitempty"`
	MessageID           string    `json:"messageId"`
	SentAt              Time      `json:"sentAt"`
	DoneAt              Time      `json:"doneAt,omitzero"`
	MessageCount        int       `json:"messageCount"`
	Price               *Price    `json:"price,omitempty"`
	Status              Status    `json:"status"`
	Error               Error     `json:"error"`
	Platform            *Platform `json:"platform,omitempty"`
	Content             any       `json:"content,omitempty"`
	CampaignReferenceID string    `json:"campaignReferenceId,omitempty"`
	MCCMNC              string    `json:"mccMnc,omitempty"`
}

// LogsResponse is the body of GET /sms/3/logs and GET /rcs/2/logs.
type LogsResponse struct {
	Results []LogEntry  `json:"results"`
	Cursor  *CursorPage `json:"cursor,omitempty"`
}

// CursorPage points at the next page of logs.
type CursorPage struct {
	Limit      int    `json:"limit"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// LogV1 is one result of the deprecated GET /sms/1/logs.
type LogV1 struct {
	BulkID              string `json:"bulkId,omitempty"`
	MessageID           string `json:"messageId"`
	To                  string `json:"to"`
	From                string `json:"from,omitempty"`
	Text                string `json:"text,omitempty"`
	SentAt              Time   `json:"sentAt"`
	DoneAt              Time   `json:"doneAt,omitzero"`
	SMSCount            int    `json:"smsCount"`
	MCCMNC              string `json:"mccMnc,omitempty"`
	Price               *Price `json:"price,omitempty"`
	Status              Status `json:"status"`
	Error               Error  `json:"error"`
	EntityID            string `json:"entityId,omitempty"`
	ApplicationID       string `json:"applicationId,omitempty"`
	CampaignReferenceID string `json:"campaignReferenceId,omitempty"`
}

// CapabilityQueryRequest is the body of POST /rcs/2/capability-check/query and
// (with NotifyURL) /notify.
type CapabilityQueryRequest struct {
	Sender            string             `json:"sender"`
	PhoneNumbers      []string           `json:"phoneNumbers"`
	NotifyURL         string             `json:"notifyUrl,omitempty"`
	NotifyContentType string             `json:"notifyContentType,omitempty"`
	Options           *CapabilityOptions `json:"options,omitempty"`
}

// CapabilityOptions carries the platform of a capability check.
type CapabilityOptions struct {
	Platform *Platform `json:"platform,omitempty"`
}

// CapabilityResult is one number's capability.
type CapabilityResult struct {
	BulkID      string `json:"bulkId,omitempty"`
	MessageID   string `json:"messageId"`
	PhoneNumber string `json:"phoneNumber"`
	Code        string `json:"code"`
}

// CapabilityQueryResponse is the 200 body of the sync check.
type CapabilityQueryResponse struct {
	CapabilityCheckResults []CapabilityResult `json:"capabilityCheckResults"`
	Options                *CapabilityOptions `json:"options,omitempty"`
}

// CapabilityRequestState is one number accepted by the async check.
type CapabilityRequestState struct {
	MessageID   string `json:"messageId"`
	PhoneNumber string `json:"phoneNumber"`
	Status      string `json:"status"`
}

// CapabilityNotifyResponse is the 200 body of the async check.
type CapabilityNotifyResponse struct {
	BulkID                       string                   `json:"bulkId"`
	CapabilityCheckRequestStates []CapabilityRequestState `json:"capabilityCheckRequestStates"`
}

// CapabilityNotification is the body POSTed per number by the async check.
type CapabilityNotification struct {
	CapabilityCheckResult CapabilityResult   `json:"capabilityCheckResult"`
	Options               *CapabilityOptions `json:"options,omitempty"`
}

// ClickNotification is the body posted to trackingUrl when a tracked short
// link is clicked. SendDateTime is the click time in epoch milliseconds.
type ClickNotification struct {
	NotificationType string           `json:"notificationType"`
	Recipient        string           `json:"recipient"`
	URL              string           `json:"url"`
	SendDateTime     int64            `json:"sendDateTime"`
	MessageID        string           `json:"messageId"`
	BulkID           string           `json:"bulkId,omitempty"`
	CallbackData     string           `json:"callbackData,omitempty"`
	RecipientInfo    *RecipientInfo   `json:"recipientInfo,omitempty"`
	GeoLocationInfo  *GeoLocationInfo `json:"geoLocationInfo,omitempty"`
	ApplicationID    string           `json:"applicationId,omitempty"`
	EntityID         string           `json:"entityId,omitempty"`
}

// RecipientInfo describes the device that clicked.
type RecipientInfo struct {
	DeviceType string `json:"deviceType,omitempty"`
	OS         string `json:"os,omitempty"`
	DeviceName string `json:"deviceName,omitempty"`
}

// GeoLocationInfo is where the click came from.
type GeoLocationInfo struct {
	CountryName string `json:"countryName,omitempty"`
	City        string `json:"city,omitempty"`
}
