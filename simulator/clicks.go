package simulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/tracking"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// ShortLink is a short link the simulator made and serves.
type ShortLink = tracking.Link

// trackingOptions applies Infobip's defaults to urlOptions / options.tracking:
// shortenUrl and trackClicks default to true, removeProtocol to false.
func trackingOptions(t *wire.Tracking) tracking.Options {
	return tracking.Options{
		Shorten: boolOr(t.ShortenURL, true), TrackClicks: boolOr(t.TrackClicks, true),
		RemoveProtocol: boolOr(t.RemoveProtocol, false), TrackingURL: t.TrackingURL, CustomDomain: t.CustomDomain,
	}
}

// trackingBase is where the simulator's short links live: the configured
// base, else /t on the host the request came to.
func (s *Server) trackingBase(req *store.Request) string {
	if s.cfg.trackingBase != "" {
		return strings.TrimRight(s.cfg.trackingBase, "/")
	}
	host := req.Host
	if host == "" {
		host = "localhost"
	}
	return "http://" + host + "/t"
}

// applyTracking rewrites the URLs of a message's texts into short links, or
// dooms the message when it names a custom domain that is not verified.
func (s *Server) applyTracking(m *store.Message) {
	if m.Tracking == nil || m.Refusal != nil || m.Status.Final() {
		return
	}
	m.Resubmit() // the copies Add handed out keep the text as it was sent; the extras written below are its own
	opt := trackingOptions(m.Tracking)
	if err := s.shortener.CheckDomain(m.Account, opt.CustomDomain); err != nil {
		m.Refusal = &store.Refusal{Status: wire.StatusFor(wire.StatusUndeliverableRejectedPlatform), Error: wire.NoError(), Reason: err.Error()}
		m.Warnings = append(m.Warnings, "the message fails: "+err.Error())
		return
	}
	base := s.trackingBase(m.Request)
	meta := tracking.Link{Account: m.Account, MessageID: m.MessageID, BulkID: m.BulkID, Recipient: m.Destination,
		CallbackData: m.CallbackData, EntityID: m.EntityID, AppID: m.ApplicationID, CreatedAt: m.AcceptedAt, Seq: m.Seq}
	rewrite := func(where, text string) string {
		out, links, warnings := s.shortener.Rewrite(text, base, opt, meta)
		for _, l := range links {
			m.Links = append(m.Links, l.Code)
			m.TrackedURLs = append(m.TrackedURLs, store.TrackedURL{Where: where, Original: l.URL, Rewritten: l.Short})
			s.keepLink(l)
		}
		m.Warnings = append(m.Warnings, warnings...)
		return out
	}
	before := len(m.Links)
	if m.Channel == store.RCS && len(m.Content) > 0 {
		// "All URLs in your RCS messages will be shortened": the text, card
		// and carousel titles and descriptions, and OPEN_URL suggestions.
		if content, text, ok := rewriteRCSContent(m.Content, rewrite); ok {
			m.Content = content
			if m.Text != "" {
				m.Text = text
			}
		}
	} else {
		m.Text = rewrite("text", m.Text)
	}
	if m.Channel == store.SMS && len(m.Links) > before {
		m.Parts = smsParts(m.Text, nil, "")
	}
	if m.Failover != nil {
		m.Failover.Text = rewrite("smsFailover.text", m.Failover.Text)
	}
}

// rewriteRCSContent rewrites the URLs of an RCS content object and returns
// it re-encoded (ok is false when nothing changed) with its new top-level
// text. Media file URLs are not links the user follows, so they stay.
func rewriteRCSContent(raw json.RawMessage, rewrite func(where, text string) string) (json.RawMessage, string, bool) {
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		return raw, "", false
	}
	changed := false
	str := func(obj map[string]any, key, where string) {
		if v, ok := obj[key].(string); ok && v != "" {
			if out := rewrite(where, v); out != v {
				obj[key], changed = out, true
			}
		}
	}
	suggestions := func(obj map[string]any, where string) {
		list, _ := obj["suggestions"].([]any)
		for i, x := range list {
			sg, _ := x.(map[string]any)
			if sg != nil && sg["type"] == "OPEN_URL" {
				str(sg, "url", fmt.Sprintf("%ssuggestions[%d].url", where, i))
			}
		}
	}
	card := func(obj map[string]any, where string) {
		if obj == nil {
			return
		}
		str(obj, "title", where+"title")
		str(obj, "description", where+"description")
		suggestions(obj, where)
	}
	str(c, "text", "text")
	suggestions(c, "")
	if inner, ok := c["content"].(map[string]any); ok {
		card(inner, "content.")
	}
	if cards, ok := c["contents"].([]any); ok {
		for i, x := range cards {
			inner, _ := x.(map[string]any)
			card(inner, fmt.Sprintf("contents[%d].", i))
		}
	}
	if !changed {
		return raw, "", false
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep & in URLs as the client sent it
	if err := enc.Encode(c); err != nil {
		return raw, "", false
	}
	text, _ := c["text"].(string)
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), text, true
}

// Links lists the short links of an account (all when empty), of one
// message (all when empty).
func (s *Server) Links(account, messageID string) []ShortLink {
	account = s.acct(account)
	return s.shortener.Links(account, messageID)
}

// SetCustomDomain registers an account's custom short domain as verified or not.
func (s *Server) SetCustomDomain(account, domain string, verified bool) {
	account = s.acct(account)
	s.shortener.SetDomain(account, domain, verified)
}

// Click follows a short link as a user's tap would: it counts the click and,
// when the message tracks clicks and named a trackingUrl, posts the CLICKED
// notification there. It returns the link.
func (s *Server) Click(code string, device *wire.RecipientInfo, geo *wire.GeoLocationInfo) (ShortLink, error) {
	l, ok := s.shortener.Click(code)
	if !ok {
		return l, errors.New("simulator: no short link " + code)
	}
	s.clicked(l)
	s.keepLink(l)
	if l.Seq != 0 {
		s.store.Update(l.Seq, func(m *store.Message) {
			m.History = append(m.History, m.StatusEvent(s.clock.Now(), m.Channel, "link clicked: "+l.URL))
		})
	}
	if !l.TrackClicks || l.TrackingURL == "" {
		return l, nil
	}
	if device == nil {
		device = &wire.RecipientInfo{DeviceType: "Phone", OS: "Android 14", DeviceName: "Pixel 8"}
	}
	if geo == nil {
		geo = &wire.GeoLocationInfo{CountryName: "India", City: "Mumbai"}
	}
	body, err := json.Marshal(wire.ClickNotification{
		NotificationType: "CLICKED", Recipient: l.Recipient, URL: l.URL, SendDateTime: s.clock.Now().UnixMilli(),
		MessageID: l.MessageID, BulkID: l.BulkID, CallbackData: l.CallbackData,
		RecipientInfo: device, GeoLocationInfo: geo, ApplicationID: l.AppID, EntityID: l.EntityID,
	})
	if err != nil {
		return l, err
	}
	return l, s.dispatcher.Enqueue(webhook.Item{Account: l.Account, URL: l.TrackingURL, Kind: "click", Shape: webhook.Single, MessageID: l.MessageID, Result: body})
}

// followLink serves GET /t/{code}: a 302 to the original URL. A HEAD (link
// previews, crawlers) answers the same without counting as a click.
func (s *Server) followLink(w http.ResponseWriter, r *http.Request) {
	code := mux.Vars(r)["code"]
	if r.Method == http.MethodHead {
		l, ok := s.shortener.Lookup(code)
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		http.Redirect(w, r, l.URL, http.StatusFound)
		return
	}
	l, err := s.Click(code, nil, nil)
	if l.URL == "" {
		writeJSON(w, http.StatusNotFound, controlError{Error: "no short link " + code})
		return
	}
	if err != nil {
		s.log.Warn("click notification not queued", "code", code, "err", err)
	}
	http.Redirect(w, r, l.URL, http.StatusFound)
}
