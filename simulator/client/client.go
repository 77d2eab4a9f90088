// Package client is a typed Go client of the simulator's control plane
// (/_sim/). It speaks HTTP only, so the same code drives a simulator in
// this process, in a container or on another machine.
//
// Calls are scoped to one account by the Authorization header the client
// sends (the account's own API credentials), as the control plane expects.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// TokenHeader carries the control-plane token.
const TokenHeader = "X-Jiocxsim-Token"

// Client talks to one simulator.
type Client struct {
	base          string
	http          *http.Client
	authorization string
	token         string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client. Default: a client without timeout
// (long-polls carry their own).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithAPIKey scopes every call to the account of an API key (Authorization: App <key>).
func WithAPIKey(key string) Option { return func(c *Client) { c.authorization = "App " + key } }

// WithAuthorization scopes every call with a raw Authorization header value.
func WithAuthorization(v string) Option { return func(c *Client) { c.authorization = v } }

// WithToken sends the control-plane token.
func WithToken(t string) Option { return func(c *Client) { c.token = t } }

// New returns a client for the simulator at baseURL (http://host:port).
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), http: &http.Client{}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Error is a non-2xx answer of the control plane.
type Error struct {
	Status int
	Text   string
}

func (e *Error) Error() string { return fmt.Sprintf("control plane: HTTP %d: %s", e.Status, e.Text) }

// do sends a control request and decodes a 2xx answer into out.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, body, out any) error {
	u := c.base + "/_sim" + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.authorization != "" {
		req.Header.Set("Authorization", c.authorization)
	}
	if c.token != "" {
		req.Header.Set(TokenHeader, c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(b))
		}
		return &Error{Status: resp.StatusCode, Text: e.Error}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

// Event is one step of a message's life.
type Event struct {
	At      time.Time   `json:"at"`
	Channel string      `json:"channel"`
	Status  wire.Status `json:"status"`
	Error   wire.Error  `json:"error"`
	Note    string      `json:"note"`
}

// ReportLog is one report made about a message and where it went.
type ReportLog struct {
	Step        string      `json:"step"`
	Channel     string      `json:"channel"`
	Status      wire.Status `json:"status"`
	Error       wire.Error  `json:"error"`
	Route       string      `json:"route"`
	URL         string      `json:"url"`
	Delivered   bool        `json:"delivered"`
	DeliveredAt time.Time   `json:"deliveredAt"`
}

// Message is an accepted message as the control plane shows it.
type Message struct {
	Account      string          `json:"account"`
	API          string          `json:"api"`
	Channel      string          `json:"channel"`
	MessageID    string          `json:"messageId"`
	BulkID       string          `json:"bulkId"`
	Sender       string          `json:"sender"`
	Destination  string          `json:"destination"`
	ContentType  string          `json:"contentType"`
	Text         string          `json:"text"`
	Content      json.RawMessage `json:"content"`
	CallbackData string          `json:"callbackData"`
	Status       wire.Status     `json:"status"`
	Error        wire.Error      `json:"error"`
	FinalChannel string          `json:"finalChannel"`
	Failover     json.RawMessage `json:"smsFailover"`
	Links        []string        `json:"links"`
	Warnings     []string        `json:"warnings"`
	History      []Event         `json:"history"`
	Reports      []ReportLog     `json:"reports"`
}

// MessageQuery filters Messages; empty fields match everything.
type MessageQuery struct {
	Destination, Channel, Status, BulkID, MessageID string
	Limit                                           int
}

// Messages lists accepted messages, oldest first.
func (c *Client) Messages(ctx context.Context, mq MessageQuery) ([]Message, error) {
	q := url.Values{}
	for k, v := range map[string]string{"destination": mq.Destination, "channel": mq.Channel, "status": mq.Status, "bulkId": mq.BulkID, "messageId": mq.MessageID} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if mq.Limit > 0 {
		q.Set("limit", strconv.Itoa(mq.Limit))
	}
	var out struct {
		Messages []Message `json:"messages"`
	}
	err := c.do(ctx, http.MethodGet, "/messages", q, nil, &out)
	return out.Messages, err
}

// Message returns the latest message with an id.
func (c *Client) Message(ctx context.Context, id string) (Message, error) {
	var m Message
	err := c.do(ctx, http.MethodGet, "/messages/"+url.PathEscape(id), nil, nil, &m)
	return m, err
}

// Condition is what WaitFor waits for; all set fields must hold.
type Condition struct {
	Status          string // status name or group name
	Final           bool
	ReportDelivered bool
}

// WaitFor long-polls until the message satisfies cond, or timeout passes.
func (c *Client) WaitFor(ctx context.Context, id string, cond Condition, timeout time.Duration) (Message, error) {
	q := url.Values{"messageId": {id}, "timeout": {timeout.String()}}
	if cond.Status != "" {
		q.Set("status", cond.Status)
	}
	if cond.Final {
		q.Set("final", "true")
	}
	if cond.ReportDelivered {
		q.Set("reportDelivered", "true")
	}
	var m Message
	err := c.do(ctx, http.MethodGet, "/wait", q, nil, &m)
	return m, err
}

// Reset forgets the scoped account's state (everything when unscoped).
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/reset", nil, nil, nil)
}

// Advance moves a fake clock forward.
func (c *Client) Advance(ctx context.Context, d time.Duration) error {
	return c.do(ctx, http.MethodPost, "/clock/advance", url.Values{"by": {d.String()}}, nil, nil)
}

// Profile overrides the number plan for a number or a prefix.
type Profile struct {
	Number string `json:"number,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	RCS    int    `json:"rcs"`
	SMS    int    `json:"sms"`
	Note   string `json:"note,omitempty"`
}

// SetProfile adds or replaces a profile for the scoped account.
func (c *Client) SetProfile(ctx context.Context, p Profile) error {
	return c.do(ctx, http.MethodPut, "/numbers/profiles", nil, p, nil)
}

// Settings are per-account settings.
type Settings struct {
	DeliveryReportURL string `json:"deliveryReportUrl,omitempty"`
	SeenReportURL     string `json:"seenReportUrl,omitempty"`
}

// SetSettings replaces the scoped account's settings.
func (c *Client) SetSettings(ctx context.Context, s Settings) error {
	return c.do(ctx, http.MethodPut, "/settings", nil, s, nil)
}

// Attempt is one callback POST.
type Attempt struct {
	URL           string    `json:"url"`
	Kind          string    `json:"kind"`
	Attempt       int       `json:"attempt"`
	Status        int       `json:"status"`
	Error         string    `json:"error"`
	At            time.Time `json:"at"`
	Results       int       `json:"results"`
	MessageIDs    []string  `json:"messageIds"`
	Outcome       string    `json:"outcome"`
	NextAttemptAt time.Time `json:"nextAttemptAt"`
	// Body is the body as POSTed, cut to 4 KB (BodyTruncated then says so).
	Body          string `json:"body"`
	BodyTruncated bool   `json:"bodyTruncated"`
}

// Attempts returns the callback attempts, long-polling until there are at
// least atLeast of them (0: answer at once).
func (c *Client) Attempts(ctx context.Context, atLeast int, timeout time.Duration) ([]Attempt, error) {
	q := url.Values{"atLeast": {strconv.Itoa(atLeast)}, "timeout": {timeout.String()}}
	var out struct {
		Attempts []Attempt `json:"attempts"`
	}
	err := c.do(ctx, http.MethodGet, "/webhooks/attempts", q, nil, &out)
	return out.Attempts, err
}

// RedeliverFailed queues failed callback batches again: the one named id
// (the "id" GET /_sim/webhooks/failed lists), or every one when id is empty.
// It returns how many callbacks were queued.
func (c *Client) RedeliverFailed(ctx context.Context, id string) (int, error) {
	var q url.Values
	if id != "" {
		q = url.Values{"id": {id}}
	}
	var out struct {
		Queued int `json:"queued"`
	}
	err := c.do(ctx, http.MethodPost, "/webhooks/redeliver", q, nil, &out)
	return out.Queued, err
}

// InboundMessage is a user's action to inject.
type InboundMessage = wire.InboundMessage

// InboundFile is a user's attachment.
type InboundFile = wire.InboundFile

// SuggestionChoice names a tapped suggestion by text or postback data.
type SuggestionChoice = wire.SuggestionChoice

// InboundRecord is what became of an injected message.
type InboundRecord struct {
	Account         string              `json:"account"`
	Channel         string              `json:"channel"`
	MessageID       string              `json:"messageId"`
	From            string              `json:"from"`
	To              string              `json:"to"`
	Message         wire.InboundContent `json:"message"`
	PairedMessageID string              `json:"pairedMessageId"`
	CallbackData    string              `json:"callbackData"`
	Route           string              `json:"route"`
	URL             string              `json:"url"`
	Format          string              `json:"format"`
	Effects         []string            `json:"effects"`
	Warning         string              `json:"warning"`
	Body            json.RawMessage     `json:"body"`
}

// Inbound injects a user's action.
func (c *Client) Inbound(ctx context.Context, in InboundMessage) (InboundRecord, error) {
	var out InboundRecord
	err := c.do(ctx, http.MethodPost, "/inbound", nil, in, &out)
	return out, err
}

// InboundConfig is the control-plane shortcut for a forwarding configuration.
type InboundConfig struct {
	Channel  string `json:"channel"`
	Resource string `json:"resource,omitempty"`
	Number   string `json:"number,omitempty"`
	URL      string `json:"url,omitempty"`
	Format   string `json:"format,omitempty"`
}

// SetInboundConfig forwards an agent's (or number's) inbound messages to a URL.
func (c *Client) SetInboundConfig(ctx context.Context, cfg InboundConfig) (wire.InboundConfig, error) {
	var out wire.InboundConfig
	err := c.do(ctx, http.MethodPut, "/inbound/config", nil, cfg, &out)
	return out, err
}

// Block is a user who opted out of a sender.
type Block struct {
	Sender string    `json:"sender"`
	User   string    `json:"user"`
	Since  time.Time `json:"since"`
	Reason string    `json:"reason"`
}

// Blocks lists the scoped account's opt-outs.
func (c *Client) Blocks(ctx context.Context) ([]Block, error) {
	var out struct {
		Blocked []Block `json:"blocked"`
	}
	err := c.do(ctx, http.MethodGet, "/subscribers", nil, nil, &out)
	return out.Blocked, err
}

// Ready reports whether the simulator answers GET /readyz.
func (c *Client) Ready(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/readyz", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &Error{Status: resp.StatusCode, Text: "not ready"}
	}
	return nil
}

// Fault makes the next Count requests to Path answer Status (429 or 500).
type Fault struct {
	Method string `json:"method,omitempty"`
	Path   string `json:"path"`
	Status int    `json:"status"`
	Count  int    `json:"count"`
}

// InjectFault arms a fault for the scoped account.
func (c *Client) InjectFault(ctx context.Context, f Fault) error {
	return c.do(ctx, http.MethodPut, "/faults", nil, f, nil)
}

// SetDLTMode sets the scoped account's DLT scrubbing: strict, lenient or off.
func (c *Client) SetDLTMode(ctx context.Context, mode string) error {
	return c.do(ctx, http.MethodPut, "/dlt/mode", nil, map[string]string{"mode": mode}, nil)
}

// SetCustomDomain registers the scoped account's custom short domain.
func (c *Client) SetCustomDomain(ctx context.Context, domain string, verified bool) error {
	return c.do(ctx, http.MethodPut, "/tracking/domains", nil, map[string]any{"domain": domain, "verified": verified}, nil)
}

// SetSenderPhase puts an RCS sender of the scoped account in its testing
// phase ("testing", with these test numbers) or launches it ("launched").
func (c *Client) SetSenderPhase(ctx context.Context, sender, phase string, testNumbers []string) error {
	return c.do(ctx, http.MethodPut, "/senders", nil, map[string]any{"sender": sender, "phase": phase, "testNumbers": testNumbers}, nil)
}

// SetTemplateStatus records a provider's review of a sender's RCS template
// (every provider's when provider is empty): PENDING, APPROVED, REJECTED or
// SUSPENDED.
func (c *Client) SetTemplateStatus(ctx context.Context, sender, template, provider, status string) error {
	return c.do(ctx, http.MethodPut, "/templates", nil, map[string]string{"sender": sender, "template": template, "provider": provider, "status": status}, nil)
}
