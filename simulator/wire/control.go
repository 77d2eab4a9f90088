package wire

// InboundMessage is a user's action injected through the simulator's control
// plane (POST /_sim/inbound): the simulator's own API, shared here by the
// server and its client.
type InboundMessage struct {
	// Channel is RCS (the default) or SMS.
	Channel string `json:"channel,omitempty"`
	// From is the user's number.
	From string `json:"from"`
	// To is the RCS sender (agent) or the SMS number the user writes to.
	To string `json:"to"`
	// Type is TEXT (the default), FILE, LOCATION, SUGGESTION, or TYPING_INDICATOR
	// (the user is typing: an RCS typing event, not a message).
	Type string `json:"type,omitempty"`
	Text string `json:"text,omitempty"`
	// File is the user's attachment (FILE).
	File *InboundFile `json:"file,omitempty"`
	// Latitude and Longitude are the user's location (LOCATION).
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
	// Suggestion picks the tapped suggestion (SUGGESTION) by its text or its
	// postback data, among those of the message it answers.
	Suggestion *SuggestionChoice `json:"suggestion,omitempty"`
}

// InboundFile is an attachment a user sends.
type InboundFile struct {
	URL         string `json:"url"`
	Name        string `json:"name,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	Size        int64  `json:"size,omitempty"`
}

// SuggestionChoice names a suggestion by its text or postback data.
type SuggestionChoice struct {
	Text         string `json:"text,omitempty"`
	PostbackData string `json:"postbackData,omitempty"`
}
