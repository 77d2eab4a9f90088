package wire

// SMSAdvancedRequest is the body of POST /sms/2/text/advanced.
type SMSAdvancedRequest struct {
	BulkID                    string             `json:"bulkId,omitempty"`
	Messages                  []SMSTextMessage   `json:"messages"`
	SendingSpeedLimit         *SendingSpeedLimit `json:"sendingSpeedLimit,omitempty"`
	URLOptions                *Tracking          `json:"urlOptions,omitempty"`
	Tracking                  map[string]any     `json:"tracking,omitempty"`
	IncludeSMSCountInResponse bool               `json:"includeSmsCountInResponse,omitempty"`
}

// SMSTextMessage is one v2 SMS message.
type SMSTextMessage struct {
	CallbackData        string              `json:"callbackData,omitempty"`
	DeliveryTimeWindow  *DeliveryTimeWindow `json:"deliveryTimeWindow,omitempty"`
	Destinations        []Destination       `json:"destinations"`
	EntityID            string              `json:"entityId,omitempty"`
	ApplicationID       string              `json:"applicationId,omitempty"`
	Flash               bool                `json:"flash,omitempty"`
	From                string              `json:"from,omitempty"`
	IntermediateReport  bool                `json:"intermediateReport,omitempty"`
	Language            *Language           `json:"language,omitempty"`
	NotifyContentType   string              `json:"notifyContentType,omitempty"`
	NotifyURL           string              `json:"notifyUrl,omitempty"`
	Regional            *Regional           `json:"regional,omitempty"`
	SendAt              string              `json:"sendAt,omitempty"`
	Text                string              `json:"text,omitempty"`
	Transliteration     string              `json:"transliteration,omitempty"`
	ValidityPeriod      *int64              `json:"validityPeriod,omitempty"`
	CampaignReferenceID string              `json:"campaignReferenceId,omitempty"`
}

// Language selects national language shift tables.
type Language struct {
	LanguageCode string `json:"languageCode,omitempty"`
	SingleShift  bool   `json:"singleShift,omitempty"`
	LockingShift bool   `json:"lockingShift,omitempty"`
}

// SMSRequest is the body of POST /sms/3/messages.
type SMSRequest struct {
	Messages []SMSMessage       `json:"messages"`
	Options  *SMSRequestOptions `json:"options,omitempty"`
}

// SMSMessage is one v3 SMS message.
type SMSMessage struct {
	Sender       string             `json:"sender,omitempty"`
	Destinations []Destination      `json:"destinations"`
	Content      SMSContent         `json:"content"`
	Options      *SMSMessageOptions `json:"options,omitempty"`
	Webhooks     *SMSWebhooks       `json:"webhooks,omitempty"`
}

// SMSContent is textual (Text) or binary (Hex) content.
type SMSContent struct {
	Text            string    `json:"text,omitempty"`
	Transliteration string    `json:"transliteration,omitempty"`
	Language        *Language `json:"language,omitempty"`
	Hex             string    `json:"hex,omitempty"`
	DataCoding      *int64    `json:"dataCoding,omitempty"`
	EsmClass        *int64    `json:"esmClass,omitempty"`
}

// SMSMessageOptions are a v3 message's options.
type SMSMessageOptions struct {
	Platform            *Platform           `json:"platform,omitempty"`
	ValidityPeriod      *ValidityPeriod     `json:"validityPeriod,omitempty"`
	DeliveryTimeWindow  *DeliveryTimeWindow `json:"deliveryTimeWindow,omitempty"`
	CampaignReferenceID string              `json:"campaignReferenceId,omitempty"`
	Regional            *Regional           `json:"regional,omitempty"`
	Flash               bool                `json:"flash,omitempty"`
}

// SMSWebhooks are a v3 message's report settings.
type SMSWebhooks struct {
	Delivery     *DeliveryWebhook `json:"delivery,omitempty"`
	ContentType  string           `json:"contentType,omitempty"`
	CallbackData string           `json:"callbackData,omitempty"`
}

// SMSRequestOptions are the v3 request-level options.
type SMSRequestOptions struct {
	Schedule                  *Schedule      `json:"schedule,omitempty"`
	Tracking                  *Tracking      `json:"tracking,omitempty"`
	IncludeSMSCountInResponse bool           `json:"includeSmsCountInResponse,omitempty"`
	ConversionTracking        map[string]any `json:"conversionTracking,omitempty"`
}

// PreviewRequest is the body of POST /sms/1/preview.
type PreviewRequest struct {
	Text            string `json:"text"`
	LanguageCode    string `json:"languageCode,omitempty"`
	Transliteration string `json:"transliteration,omitempty"`
}

// PreviewResponse is the 200 body of POST /sms/1/preview.
type PreviewResponse struct {
	OriginalText string    `json:"originalText"`
	Previews     []Preview `json:"previews"`
}

// Preview is the text as it would be sent under one configuration.
type Preview struct {
	TextPreview         string               `json:"textPreview"`
	MessageCount        int                  `json:"messageCount"`
	CharactersRemaining int                  `json:"charactersRemaining"`
	Configuration       PreviewConfiguration `json:"configuration"`
}

// PreviewConfiguration is the language and transliteration of a preview; empty
// for the raw preview.
type PreviewConfiguration struct {
	Language        *PreviewLanguage `json:"language,omitempty"`
	Transliteration string           `json:"transliteration,omitempty"`
}

// PreviewLanguage names the language code of a preview.
type PreviewLanguage struct {
	LanguageCode string `json:"languageCode"`
}

// SessionRequest is the body of POST /auth/1/session.
type SessionRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Unsafe   bool   `json:"unsafe,omitempty"`
}

// SessionResponse is the 200 body of POST /auth/1/session.
type SessionResponse struct {
	Token string `json:"token"`
}

// TokenResponse is the 200 body of POST /auth/1/oauth2/token.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	TokenType   string `json:"token_type"`
}
