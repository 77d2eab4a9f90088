package steps

import (
	"context"
	"errors"
	"time"
)

// Integration is the system under test in integration mode: a team's own
// service that sends through the platform. The harness asks it to send, plays
// the platform (the simulator) and the users, and checks what the service
// sent and how it treated what came back. An adapter file (LoadAdapter)
// implements it for a service reached over HTTP or a command line; Go users
// can implement it directly and run their code in process.
type Integration interface {
	// Send asks the service to send one message. It returns once the
	// service has taken the request (it may send to the platform later).
	Send(ctx context.Context, m Outgoing) error
	// Config describes how the service is set up.
	Config() IntegrationConfig
}

// Outgoing is one message the harness asks the service to send.
type Outgoing struct {
	// Number is the destination, international format without '+'.
	Number string
	// Text is the RCS text; FallbackText the SMS fallback's text.
	Text, FallbackText string
	// Campaign is the service's own campaign name (IntegrationConfig.Campaigns).
	Campaign string
	// Link is a URL the message should carry; empty for none.
	Link string
}

// IntegrationConfig is what the harness needs to know about the service.
type IntegrationConfig struct {
	// APIKey is the key the service sends with: the account the harness
	// configures and watches.
	APIKey string
	// Agent is the RCS sender the service sends from.
	Agent string
	// FallbackSender is the SMS sender of its fallback; empty when the
	// service sends no fallback (the fallback requirements are then skipped).
	FallbackSender string
	// ReportURL and InboundURL are the service's delivery-report and inbound
	// (MO) endpoints; the harness sets them on the platform (the account's
	// report URL, and inbound forwarding as MO_OTT_MSISDN for Agent).
	ReportURL, InboundURL string
	// DLT is the registry the service's principal entity holds; the harness
	// loads it on the simulator in strict mode. Nil: the simulator's sample
	// registry.
	DLT *DLTRegistration
	// ClickTracking says the service turns provider click tracking on.
	ClickTracking bool
	// Sample is what the harness asks the service to send.
	Sample Outgoing
	// Campaigns names the service's campaigns: Default for plain messages,
	// Suggestions for one whose messages offer a suggestion to tap (empty:
	// the tap requirement is skipped).
	Campaigns struct{ Default, Suggestions string }
	// Limits are the service's retry manners and the harness's patience.
	Limits Limits
}

// DLTRegistration is the service's India DLT registration.
type DLTRegistration struct {
	PrincipalEntityID string
	Templates         []DLTTemplate
}

// DLTTemplate is one registered content template ({#var#} placeholders).
type DLTTemplate struct{ ID, Text string }

// Limits bound the retry requirement (GL-INT-10) and the waits.
type Limits struct {
	// MinRetryGap is the shortest acceptable wait between two attempts of a
	// send the platform refused (default 1 s).
	MinRetryGap time.Duration
	// MaxAttempts is the most attempts one send may take (default 5).
	MaxAttempts int
	// RetryWithin is how long the harness waits for the retry (default 30 s).
	RetryWithin time.Duration
	// QuietPeriod is how long the harness watches to be sure the service
	// sends nothing (after STOP; default 2 s).
	QuietPeriod time.Duration
}

// Prober is implemented by an Integration that can tell the harness its own
// view of a message, a user and the messages users sent it. Requirements
// that need a view the service does not offer are skipped, with the reason.
type Prober interface {
	// Probes lists the views offered: ProbeDelivered, ProbeChannel,
	// ProbeReports, ProbeOptedOut, ProbeTexts, ProbePostbacks.
	Probes() []string
	// Message is the service's view of the message it sent to number (the
	// platform's messageId too, for services that key by it).
	Message(ctx context.Context, number, messageID string) (MessageView, error)
	// User is the service's view of a user.
	User(ctx context.Context, number string) (UserView, error)
	// Inbound is what the service received from a user.
	Inbound(ctx context.Context, number string) (InboundView, error)
}

// Views a Prober may offer.
const (
	ProbeDelivered = "message.delivered"
	ProbeChannel   = "message.channel"
	ProbeReports   = "message.reports"
	ProbeOptedOut  = "user.optedOut"
	ProbeTexts     = "inbound.texts"
	ProbePostbacks = "inbound.postbacks"
)

// MessageView is the service's view of one message.
type MessageView struct {
	// Status is the service's own word for the state (for messages).
	Status string
	// Delivered says the service reads the message as delivered.
	Delivered bool
	// Channel is the channel the service says it was delivered over (RCS or SMS).
	Channel string
	// Reports is how many delivery reports the service counted for it.
	Reports int
}

// UserView is the service's view of a user.
type UserView struct{ OptedOut bool }

// InboundView is what a user sent the service.
type InboundView struct{ Texts, Postbacks []string }

// ErrNotFound is returned by a Prober that does not know the message or user.
var ErrNotFound = errors.New("the service does not know it")

func probes(i Integration) map[string]bool {
	out := map[string]bool{}
	if p, ok := i.(Prober); ok {
		for _, s := range p.Probes() {
			out[s] = true
		}
	}
	return out
}
