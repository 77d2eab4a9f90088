package main

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Ways to break the service, as integrations really break.
const (
	BreakForgetDLT       = "forget-dlt"       // the fallback carries no India DLT ids
	BreakIgnoreStop      = "ignore-stop"      // STOP does not opt the user out
	BreakReports500      = "reports-500"      // the report endpoint answers 500
	BreakCountDuplicates = "count-duplicates" // a report delivered twice counts twice
	BreakDropOn429       = "drop-on-429"      // a send refused with 429 is given up
	BreakOwnShortener    = "own-shortener"    // links wrapped in its own shortener, provider tracking on too
	BreakLongSuggestion  = "long-suggestion"  // a suggestion text over 25 characters
)

// AllBreaks lists every break.
var AllBreaks = []string{BreakForgetDLT, BreakIgnoreStop, BreakReports500, BreakCountDuplicates, BreakDropOn429, BreakOwnShortener, BreakLongSuggestion}

func known(b string) bool { return slices.Contains(AllBreaks, b) }

// Config configures the service.
type Config struct {
	Platform, APIKey, Agent, SMSSender string
	PrincipalEntity, Template          string
	Tracking                           bool
	RetryBase                          time.Duration
	Breaks                             []string
	// Client sends to the platform (default: 10-second timeout).
	Client *http.Client
}

// message is the service's record of one message it sent.
type message struct {
	To        string   `json:"to"`
	Campaign  string   `json:"campaign"`
	MessageID string   `json:"messageId,omitempty"`
	Status    string   `json:"status"` // QUEUED, SENT, DELIVERED, FAILED
	Channel   string   `json:"channel,omitempty"`
	Reports   int      `json:"reportCount"`
	Error     string   `json:"error,omitempty"`
	seen      []string // reports already counted: messageId/status/channel
}

type inboundMsg struct {
	Text         string `json:"text,omitempty"`
	PostbackData string `json:"postbackData,omitempty"`
	At           string `json:"receivedAt"`
}

// Service is the notifier: its HTTP API, its store, its platform client.
type Service struct {
	cfg Config
	mux *http.ServeMux
	wg  sync.WaitGroup

	mu       sync.Mutex
	messages []*message // oldest first
	optedOut map[string]bool
	inbound  map[string][]inboundMsg
	// early holds reports for message ids no send has learnt yet: the
	// platform may post a report before its answer to the send has been
	// read, and such a report must not be lost.
	early map[string][]dlrResult
}

// dlrResult is one entry of a delivery report's results.
type dlrResult struct {
	MessageID string `json:"messageId"`
	Channel   string `json:"channel"`
	Status    struct {
		GroupName string `json:"groupName"`
		Name      string `json:"name"`
	} `json:"status"`
}

// New returns the service.
func New(cfg Config) *Service {
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = time.Second
	}
	s := &Service{cfg: cfg, mux: http.NewServeMux(), optedOut: map[string]bool{}, inbound: map[string][]inboundMsg{}, early: map[string][]dlrResult{}}
	s.mux.HandleFunc("POST /campaigns", s.campaign)
	s.mux.HandleFunc("POST /dlr", s.dlr)
	s.mux.HandleFunc("POST /mo", s.mo)
	s.mux.HandleFunc("GET /messages", s.getMessage)
	s.mux.HandleFunc("GET /users/{number}", s.getUser)
	s.mux.HandleFunc("GET /inbound", s.getInbound)
	return s
}

func (s *Service) broken(b string) bool { return slices.Contains(s.cfg.Breaks, b) }

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Wait waits for the sends in flight.
func (s *Service) Wait() { s.wg.Wait() }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// campaign takes {to, text, fallbackText, campaign, link} and sends in the
// background, as a campaign tool does.
func (s *Service) campaign(w http.ResponseWriter, r *http.Request) {
	var req struct {
		To, Text, FallbackText, Campaign, Link string
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.To == "" || req.Text == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be {\"to\",\"text\",\"fallbackText\",\"campaign\",\"link\"}"})
		return
	}
	s.mu.Lock()
	if s.optedOut[req.To] {
		s.mu.Unlock()
		writeJSON(w, http.StatusConflict, map[string]string{"error": req.To + " opted out"})
		return
	}
	m := &message{To: req.To, Campaign: req.Campaign, Status: "QUEUED"}
	s.messages = append(s.messages, m)
	s.mu.Unlock()
	body := s.render(req.To, req.Text, req.FallbackText, req.Campaign, req.Link)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.send(m, body)
	}()
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "QUEUED"})
}

// render builds the RCS v2 request (POST /rcs/2/messages).
func (s *Service) render(to, text, fallback, campaign, link string) []byte {
	if link != "" {
		if s.broken(BreakOwnShortener) {
			sum := sha1.Sum([]byte(link))
			link = "https://bit.ly/" + hex.EncodeToString(sum[:])[:7]
		}
		text += " " + link
	}
	content := map[string]any{"type": "TEXT", "text": text}
	if campaign == "survey" {
		track := "Track order"
		if s.broken(BreakLongSuggestion) {
			track = "Track my order and see the delivery details"
		}
		content["suggestions"] = []map[string]any{
			{"type": "REPLY", "text": track, "postbackData": "track"},
			{"type": "REPLY", "text": "Talk to us", "postbackData": "agent"},
		}
	}
	opts := map[string]any{}
	if fallback != "" {
		fo := map[string]any{"sender": s.cfg.SMSSender, "text": fallback}
		if strings.HasPrefix(to, "91") && !s.broken(BreakForgetDLT) {
			fo["regional"] = map[string]any{"indiaDlt": map[string]any{"principalEntityId": s.cfg.PrincipalEntity, "contentTemplateId": s.cfg.Template}}
		}
		opts["smsFailover"] = fo
	}
	msg := map[string]any{"sender": s.cfg.Agent, "destinations": []map[string]any{{"to": to}}, "content": content}
	if len(opts) > 0 {
		msg["options"] = opts
	}
	req := map[string]any{"messages": []any{msg}}
	if s.cfg.Tracking && link != "" {
		// Tracking is a request option in RCS v2, for all its messages.
		req["options"] = map[string]any{"tracking": map[string]any{"shortenUrl": true, "trackClicks": true}}
	}
	b, _ := json.Marshal(req)
	return b
}

// send posts the request, retrying a 429 or 5xx with exponential back-off.
func (s *Service) send(m *message, body []byte) {
	wait := s.cfg.RetryBase
	for attempt := 1; ; attempt++ {
		status, resp, err := s.post(body)
		var out struct {
			Messages []struct {
				MessageID string `json:"messageId"`
			} `json:"messages"`
		}
		switch {
		case err == nil && status == http.StatusOK && json.Unmarshal(resp, &out) == nil && len(out.Messages) == 1:
			id := out.Messages[0].MessageID
			s.mu.Lock()
			m.MessageID, m.Status = id, "SENT"
			for _, res := range s.early[id] {
				s.apply(m, res)
			}
			delete(s.early, id)
			s.mu.Unlock()
			return
		case status == http.StatusTooManyRequests && s.broken(BreakDropOn429):
			s.fail(m, "rate limited")
			return
		case (err != nil || status == http.StatusTooManyRequests || status >= 500) && attempt < 5:
			time.Sleep(wait)
			wait *= 2
			continue
		}
		s.fail(m, fmt.Sprintf("HTTP %d %v: %s", status, err, resp))
		return
	}
}

func (s *Service) fail(m *message, why string) {
	log.Printf("notifier: send to %s failed: %s", m.To, why)
	s.mu.Lock()
	m.Status, m.Error = "FAILED", why
	s.mu.Unlock()
}

func (s *Service) post(body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, strings.TrimRight(s.cfg.Platform, "/")+"/rcs/2/messages", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "App "+s.cfg.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, nil
}

// dlr receives delivery reports. The platform delivers at least once: a
// report seen before (same message, status and channel) is acknowledged and
// not counted again. A report for a message id no send has learnt yet is
// kept until the send's answer names it.
func (s *Service) dlr(w http.ResponseWriter, r *http.Request) {
	if s.broken(BreakReports500) {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var body struct {
		Results []dlrResult `json:"results"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "not a delivery report", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, res := range body.Results {
		matched := false
		for _, m := range s.messages {
			if m.MessageID != "" && m.MessageID == res.MessageID {
				s.apply(m, res)
				matched = true
			}
		}
		if !matched && res.MessageID != "" {
			s.early[res.MessageID] = append(s.early[res.MessageID], res)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// apply counts one report against m unless it was seen before. s.mu is held.
func (s *Service) apply(m *message, res dlrResult) {
	key := res.MessageID + "/" + res.Status.Name + "/" + res.Channel
	if slices.Contains(m.seen, key) && !s.broken(BreakCountDuplicates) {
		return
	}
	m.seen = append(m.seen, key)
	m.Reports++
	m.Status, m.Channel = res.Status.GroupName, res.Channel
}

// mo receives users' messages (MO_OTT_MSISDN). STOP opts the user out,
// START back in.
func (s *Service) mo(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Results []struct {
			From, Sender string
			ReceivedAt   string `json:"receivedAt"`
			Message      struct {
				Type, Text   string
				PostbackData string `json:"postbackData"`
			} `json:"message"`
		} `json:"results"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "not an inbound message", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, res := range body.Results {
		user := res.Sender // the user is "sender" in Infobip's RCS inbound; older renderings use "from"
		if user == "" {
			user = res.From
		}
		s.inbound[user] = append(s.inbound[user], inboundMsg{Text: res.Message.Text, PostbackData: res.Message.PostbackData, At: res.ReceivedAt})
		switch strings.ToUpper(strings.TrimSpace(res.Message.Text)) {
		case "STOP", "UNSUBSCRIBE":
			if !s.broken(BreakIgnoreStop) {
				s.optedOut[user] = true
			}
		case "START":
			delete(s.optedOut, user)
		}
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Service) getMessage(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.messages) - 1; i >= 0; i-- {
		if m := s.messages[i]; m.To == to {
			writeJSON(w, http.StatusOK, m)
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "no message to " + to})
}

func (s *Service) getUser(w http.ResponseWriter, r *http.Request) {
	n := r.PathValue("number")
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"number": n, "optedOut": s.optedOut[n]})
}

func (s *Service) getInbound(w http.ResponseWriter, r *http.Request) {
	from := r.URL.Query().Get("from")
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.inbound[from]
	if list == nil {
		list = []inboundMsg{}
	}
	writeJSON(w, http.StatusOK, list)
}
