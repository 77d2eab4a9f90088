package steps

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

// Timeouts of a scenario's waits, in real time.
const (
	// ReportTimeout bounds the wait for a callback: on a fake clock the
	// callback is already due, on a real clock it takes a leg's delay.
	defaultReportTimeout = 10 * time.Second
	// settleTime is how far a fake clock is moved before waiting for a report
	// that the number plan delivers within seconds (the slowest step is a
	// slow SMS, 2.3 s).
	settleTime = 5 * time.Second
	// quietPeriod is how long a scenario without a control plane listens to
	// be sure a callback does not come.
	quietPeriod = 3 * time.Second
	// maxRealWait is the longest "time passes" step a real clock waits out.
	maxRealWait = 30 * time.Second
)

// World is one scenario's state.
type World struct {
	target Target
	sink   *Sink
	ns     string
	ep     *Endpoint
	http   *http.Client
	// ReportTimeout is the longest a step waits for a callback.
	ReportTimeout time.Duration

	auth      string // Authorization header of the integration
	notifyURL string

	draft *draft

	// the last API exchange
	lastPath   string
	lastBody   []byte
	lastStatus int
	lastResp   []byte

	messageID  string // the message the scenario is about
	report     map[string]any
	reply      map[string]any
	secondKey  string
	capability map[string]string
	capWant    map[string]string

	trackingURL string
	shortLink   string
	redirect    string

	// skipped is set, with the reason, when the scenario was skipped for
	// what the target lacks.
	skipped    bool
	skipReason string
}

// skip records that the scenario cannot run here, and why.
func (w *World) skip(format string, args ...any) error {
	w.skipped = true
	w.skipReason = fmt.Sprintf(format, args...)
	return fmt.Errorf("%s: %w", w.skipReason, godog.ErrSkip)
}

type draft struct {
	channel        string // RCS or SMS
	from, to, text string
	content        map[string]any
	failover       *failover
	callbackData   string
	messageID      string
	validity       time.Duration
	triggered      bool
	intermediate   bool
	noNotify       bool
	tracking       map[string]any
}

type failover struct{ text, from, pe, template string }

func (f *failover) v1() map[string]any {
	m := map[string]any{"from": f.from, "text": f.text}
	if f.pe != "" {
		m["regional"] = map[string]any{"indiaDlt": f.dlt()}
	}
	return m
}

func (f *failover) v2() map[string]any {
	m := map[string]any{"sender": f.from, "text": f.text}
	if f.pe != "" {
		m["regional"] = map[string]any{"indiaDlt": f.dlt()}
	}
	return m
}

func (f *failover) dlt() map[string]any {
	d := map[string]any{"principalEntityId": f.pe}
	if f.template != "" {
		d["contentTemplateId"] = f.template
	}
	return d
}

func newWorld(t Target, s *Sink) *World {
	return &World{target: t, sink: s, http: &http.Client{Timeout: 60 * time.Second}, ReportTimeout: defaultReportTimeout}
}

// vars are the placeholders a want document may name.
func (w *World) vars() map[string]string { return map[string]string{"messageId": w.messageID} }

func (w *World) control() (*client.Client, error) {
	if w.ep.Control == nil {
		return nil, w.skip("needs the control plane, which %s does not have", w.ep.BaseURL)
	}
	return w.ep.Control, nil
}

// pass moves time: the fake clock through the control plane, or nothing to
// do on a real clock when d is zero.
func (w *World) pass(ctx context.Context, d time.Duration) error {
	if d == 0 {
		return nil
	}
	if !w.ep.FakeClock {
		// On a real clock a short wait is simply waited out; hours are not.
		if d <= maxRealWait {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return w.skip("moving time by %s needs a fake clock (--clock=fake)", d)
	}
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.Advance(ctx, d)
}

// settle lets the number plan's short delays run out before a wait.
func (w *World) settle(ctx context.Context) error {
	if w.ep.FakeClock && w.ep.Control != nil {
		return w.ep.Control.Advance(ctx, settleTime)
	}
	return nil
}

// ---- HTTP

func (w *World) call(ctx context.Context, method, path string, body []byte, authorization *string) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, w.ep.BaseURL+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	auth := w.auth
	if authorization != nil {
		auth = *authorization
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := w.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	w.lastPath, w.lastBody, w.lastStatus = path, body, resp.StatusCode
	w.lastResp, err = io.ReadAll(resp.Body)
	return err
}

func (w *World) postJSON(ctx context.Context, path string, v any, authorization *string) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return w.call(ctx, http.MethodPost, path, b, authorization)
}

// ---- set-up

func (w *World) anIntegrationWithItsOwnAPIKey() error {
	w.auth = "App " + w.ep.APIKey
	return nil
}

func (w *World) anIntegrationThatSignsIn(ctx context.Context, scheme string) error {
	if w.ep.Username == "" {
		return w.skip("no Basic credentials for this target (--username, --password)")
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(w.ep.Username+":"+w.ep.Password))
	switch scheme {
	case "Basic":
		w.auth = basic
	case "IBSSO":
		if err := w.postJSON(ctx, "/auth/1/session", map[string]string{"username": w.ep.Username, "password": w.ep.Password}, &basic); err != nil {
			return err
		}
		var s struct {
			Token string `json:"token"`
		}
		if err := json.Unmarshal(w.lastResp, &s); err != nil || s.Token == "" {
			return fmt.Errorf("POST /auth/1/session answered %d %s", w.lastStatus, w.lastResp)
		}
		w.auth = "IBSSO " + s.Token
	case "Bearer":
		form := url.Values{"client_id": {w.ep.Username}, "client_secret": {w.ep.Password}, "grant_type": {"client_credentials"}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.ep.BaseURL+"/auth/1/oauth2/token", strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := w.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var tok struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
		}
		b, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(b, &tok); err != nil || tok.AccessToken == "" {
			return fmt.Errorf("POST /auth/1/oauth2/token answered %d %s", resp.StatusCode, b)
		}
		w.auth = "Bearer " + tok.AccessToken
	}
	return nil
}

func (w *World) deliveryReportURLIs(name string) error {
	w.notifyURL = w.sink.URL(w.ns, name)
	return nil
}

func (w *World) accountDefaultURLIs(ctx context.Context, name string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetSettings(ctx, client.Settings{DeliveryReportURL: w.sink.URL(w.ns, name)})
}

func (w *World) endpointRefuses(name string, n, status int) error {
	w.sink.Refuse(w.ns, name, n, status)
	return nil
}

func (w *World) nextRequestsRateLimited(ctx context.Context, n int, path string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.InjectFault(ctx, client.Fault{Path: path, Status: http.StatusTooManyRequests, Count: n})
}

// ---- drafts

func (w *World) rcsDraft(from, to string, content map[string]any) {
	w.draft = &draft{channel: "RCS", from: from, to: to, content: content}
}

func (w *World) anRCSText(text, from, to string) error {
	w.rcsDraft(from, to, map[string]any{"type": "TEXT", "text": text})
	return nil
}

func (w *World) anRCSTextOfLength(n int, from, to string) error {
	return w.anRCSText(strings.Repeat("a", n), from, to)
}

func suggestionN(i int) map[string]any {
	return map[string]any{"type": "REPLY", "text": "Option " + strconv.Itoa(i+1), "postbackData": "option-" + strconv.Itoa(i+1)}
}

func (w *World) anRCSTextWithLongSuggestion(n int, from, to string) error {
	w.rcsDraft(from, to, map[string]any{"type": "TEXT", "text": "Pick", "suggestions": []any{
		map[string]any{"type": "REPLY", "text": strings.Repeat("s", n), "postbackData": "p"}}})
	return nil
}

func (w *World) anRCSTextWithSuggestions(n int, from, to string) error {
	w.rcsDraft(from, to, map[string]any{"type": "TEXT", "text": "Pick"})
	return w.messageOffersN(n)
}

func card(i int) map[string]any {
	return map[string]any{"title": "Card " + strconv.Itoa(i+1), "media": map[string]any{
		"file": map[string]any{"url": "https://example.test/card-" + strconv.Itoa(i+1) + ".png"}, "height": "MEDIUM"}}
}

func (w *World) anRCSCarousel(n int, from, to string) error {
	cards := make([]any, n)
	for i := range cards {
		cards[i] = card(i)
	}
	w.rcsDraft(from, to, map[string]any{"type": "CAROUSEL", "cardWidth": "MEDIUM", "contents": cards})
	return nil
}

func (w *World) anRCSCard(title, from, to string) error {
	c := card(0)
	c["title"] = title
	w.rcsDraft(from, to, map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT", "content": c})
	return nil
}

func (w *World) anRCSCardWithoutTitleOrMedia(from, to string) error {
	w.rcsDraft(from, to, map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT", "content": map[string]any{"description": "Nothing to show"}})
	return nil
}

func (w *World) anSMS(text, from, to string) error {
	w.draft = &draft{channel: "SMS", from: from, to: to, text: text}
	return nil
}

func (w *World) needDraft() error {
	if w.draft == nil {
		return fmt.Errorf("no message drafted yet: start with \"an RCS text ...\" or \"an SMS ...\"")
	}
	return nil
}

func (w *World) eachCardOffers(n int) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	cards, _ := w.draft.content["contents"].([]any)
	for _, c := range cards {
		s := make([]any, n)
		for i := range s {
			s[i] = suggestionN(i)
		}
		c.(map[string]any)["suggestions"] = s
	}
	return nil
}

func (w *World) messageOffersN(n int) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	s := make([]any, n)
	for i := range s {
		s[i] = suggestionN(i)
	}
	w.draft.content["suggestions"] = s
	return nil
}

func (w *World) messageOffersTable(table *godog.Table) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	rows, err := tableMaps(table)
	if err != nil {
		return err
	}
	var s []any
	for _, r := range rows {
		sg := map[string]any{}
		for k, v := range r {
			sg[k] = v
		}
		s = append(s, sg)
	}
	w.draft.content["suggestions"] = s
	return nil
}

func (w *World) anSMSFallback(text, from string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.failover = &failover{text: text, from: from}
	return nil
}

func (w *World) callbackData(v string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.callbackData = v
	return nil
}

func (w *World) clientMessageID(v string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.messageID = v
	return nil
}

func parseDuration(n int, unit string) time.Duration {
	switch strings.TrimSuffix(unit, "s") {
	case "hour":
		return time.Duration(n) * time.Hour
	case "minute":
		return time.Duration(n) * time.Minute
	}
	return time.Duration(n) * time.Second
}

func (w *World) validityPeriod(n int, unit string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.validity = parseDuration(n, unit)
	return nil
}

func (w *World) triggeredFailoverReports() error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.triggered = true
	return nil
}

func (w *World) intermediateReports() error {
	if w.draft == nil {
		w.draft = &draft{}
	}
	w.draft.intermediate = true
	return nil
}

func (w *World) reportsNotWanted() error {
	if err := w.needDraft(); err != nil {
		return err
	}
	w.draft.noNotify = true
	return nil
}

// ---- sending

// body renders the draft for an API: v1 or v2 RCS, SMS v2 or v3.
func (w *World) body(api string) (string, any, error) {
	d := w.draft
	switch api {
	case "v1":
		m := map[string]any{"from": d.from, "to": d.to, "content": d.content}
		if w.notifyURL != "" {
			m["notifyUrl"] = w.notifyURL
		}
		if d.callbackData != "" {
			m["callbackData"] = d.callbackData
		}
		if d.messageID != "" {
			m["messageId"] = d.messageID
		}
		if d.validity > 0 {
			m["validityPeriod"], m["validityPeriodTimeUnit"] = int(d.validity/time.Second), "SECONDS"
		}
		if d.failover != nil {
			m["smsFailover"] = d.failover.v1()
		}
		return "/ott/rcs/1/message", m, nil
	case "v2":
		dest := map[string]any{"to": d.to}
		if d.messageID != "" {
			dest["messageId"] = d.messageID
		}
		m := map[string]any{"sender": d.from, "destinations": []any{dest}, "content": d.content}
		opts := map[string]any{}
		if d.validity > 0 {
			opts["validityPeriod"] = map[string]any{"amount": int(d.validity / time.Second), "timeUnit": "SECONDS"}
		}
		if d.failover != nil {
			opts["smsFailover"] = d.failover.v2()
		}
		if len(opts) > 0 {
			m["options"] = opts
		}
		m["webhooks"] = w.webhooks(d, true)
		req := map[string]any{"messages": []any{m}}
		if d.tracking != nil {
			req["options"] = map[string]any{"tracking": d.tracking}
		}
		return "/rcs/2/messages", req, nil
	case "SMS v2":
		dest := map[string]any{"to": d.to}
		if d.messageID != "" {
			dest["messageId"] = d.messageID
		}
		m := map[string]any{"from": d.from, "destinations": []any{dest}, "text": d.text}
		if w.notifyURL != "" {
			m["notifyUrl"] = w.notifyURL
		}
		if d.callbackData != "" {
			m["callbackData"] = d.callbackData
		}
		if d.intermediate {
			m["intermediateReport"] = true
		}
		req := map[string]any{"messages": []any{m}}
		if d.tracking != nil {
			req["urlOptions"] = d.tracking
		}
		return "/sms/2/text/advanced", req, nil
	case "SMS v3", "v3":
		dest := map[string]any{"to": d.to}
		if d.messageID != "" {
			dest["messageId"] = d.messageID
		}
		m := map[string]any{"sender": d.from, "destinations": []any{dest}, "content": map[string]any{"text": d.text}}
		m["webhooks"] = w.webhooks(d, false)
		req := map[string]any{"messages": []any{m}}
		if d.tracking != nil {
			req["options"] = map[string]any{"tracking": d.tracking}
		}
		return "/sms/3/messages", req, nil
	}
	return "", nil, fmt.Errorf("unknown API %q", api)
}

func (w *World) webhooks(d *draft, rcs bool) map[string]any {
	delivery := map[string]any{}
	if w.notifyURL != "" {
		delivery["url"] = w.notifyURL
	}
	if d.intermediate {
		delivery["intermediateReport"] = true
	}
	if d.noNotify {
		delivery["notify"] = false
	}
	if d.triggered && rcs {
		delivery["receiveTriggeredFailoverReports"] = true
	}
	hooks := map[string]any{}
	if len(delivery) > 0 {
		hooks["delivery"] = delivery
	}
	if d.callbackData != "" {
		hooks["callbackData"] = d.callbackData
	}
	return hooks
}

func (w *World) sendIt(ctx context.Context, api string) error {
	return w.send(ctx, api, nil)
}

func (w *World) sendItWithAuthorization(ctx context.Context, api, header string) error {
	return w.send(ctx, api, &header)
}

func (w *World) send(ctx context.Context, api string, authorization *string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	path, body, err := w.body(api)
	if err != nil {
		return err
	}
	if err := w.postJSON(ctx, path, body, authorization); err != nil {
		return err
	}
	w.messageID = ""
	if w.lastStatus == http.StatusOK {
		var resp struct {
			Messages []struct {
				MessageID string `json:"messageId"`
			} `json:"messages"`
		}
		if err := json.Unmarshal(w.lastResp, &resp); err == nil && len(resp.Messages) > 0 {
			w.messageID = resp.Messages[0].MessageID
		}
	}
	return nil
}

func (w *World) sendsSMS(ctx context.Context, text, from, to, api string) error {
	keep := w.draft
	if err := w.anSMS(text, from, to); err != nil {
		return err
	}
	if keep != nil {
		w.draft.intermediate = keep.intermediate
	}
	return w.sendIt(ctx, "SMS "+api)
}

func (w *World) retriesTheSMS(ctx context.Context) error {
	if w.lastPath == "" {
		return fmt.Errorf("nothing was sent yet")
	}
	if err := w.call(ctx, http.MethodPost, w.lastPath, w.lastBody, nil); err != nil {
		return err
	}
	return nil
}

func (w *World) sendsAnother(ctx context.Context, text, from, to string) error {
	w.rcsDraft(from, to, map[string]any{"type": "TEXT", "text": text})
	return w.sendIt(ctx, "v2")
}

func (w *World) sendsAnotherWithFallback(ctx context.Context, text, from, to, smsFrom string) error {
	w.rcsDraft(from, to, map[string]any{"type": "TEXT", "text": text})
	w.draft.failover = &failover{text: text + " (SMS)", from: smsFrom}
	return w.sendIt(ctx, "v2")
}

func (w *World) postsBody(ctx context.Context, path string, body *godog.DocString) error {
	return w.call(ctx, http.MethodPost, path, []byte(body.Content), nil)
}

func (w *World) postsHugeBody(ctx context.Context, mb int, path string) error {
	body := append([]byte(`{"text":"`), bytes.Repeat([]byte("a"), mb<<20)...)
	body = append(body, `"}`...)
	return w.call(ctx, http.MethodPost, path, body, nil)
}

// ---- time

func (w *World) timePasses(ctx context.Context, n int, unit string) error {
	return w.pass(ctx, parseDuration(n, unit))
}

func (w *World) waitMessage(ctx context.Context, cond client.Condition) (client.Message, error) {
	c, err := w.control()
	if err != nil {
		return client.Message{}, err
	}
	if err := w.settle(ctx); err != nil {
		return client.Message{}, err
	}
	return c.WaitFor(ctx, w.messageID, cond, w.ReportTimeout)
}

func (w *World) messageIsDelivered(ctx context.Context) error {
	m, err := w.waitMessage(ctx, client.Condition{Status: "DELIVERED_TO_HANDSET"})
	if err != nil {
		return fmt.Errorf("message %s not delivered: %w (status %s)", w.messageID, err, m.Status.Name)
	}
	return nil
}

// messageIsFinal waits for a final status: through the control plane when
// there is one, else by reading the logs endpoint, a real API.
func (w *World) messageIsFinal(ctx context.Context) error {
	if w.ep.Control != nil {
		m, err := w.waitMessage(ctx, client.Condition{Final: true})
		if err != nil {
			return fmt.Errorf("message %s not final: %w (status %s)", w.messageID, err, m.Status.Name)
		}
		return nil
	}
	// The logs of the API family the message went through; a Messages API
	// message is in the logs of the channel that carried it, so both.
	paths := []string{"/rcs/2/logs"}
	switch {
	case strings.HasPrefix(w.lastPath, "/sms/"):
		paths = []string{"/sms/3/logs"}
	case strings.HasPrefix(w.lastPath, "/messages-api/"):
		paths = []string{"/sms/3/logs", "/rcs/2/logs"}
	}
	deadline := time.Now().Add(w.ReportTimeout)
	for time.Now().Before(deadline) {
		for _, path := range paths {
			if err := w.call(ctx, http.MethodGet, path+"?messageId="+url.QueryEscape(w.messageID), nil, nil); err != nil {
				return err
			}
			var logs struct {
				Results []struct {
					Status struct {
						GroupName string `json:"groupName"`
						Name      string `json:"name"`
					} `json:"status"`
				} `json:"results"`
			}
			if json.Unmarshal(w.lastResp, &logs) == nil && len(logs.Results) > 0 {
				s := logs.Results[0].Status
				if s.GroupName != "PENDING" && s.Name != "DELIVERED_TO_OPERATOR" {
					return nil
				}
			}
		}
		// The logs endpoints allow 120 requests a minute: poll every second,
		// and back off when throttled.
		wait := time.Second
		if w.lastStatus == http.StatusTooManyRequests {
			wait = 5 * time.Second
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	return fmt.Errorf("message %s did not reach a final status within %s", w.messageID, w.ReportTimeout)
}

// ---- answers

func (w *World) sendIsAccepted(status string) error {
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("POST %s answered HTTP %d, want 200:\n%s", w.lastPath, w.lastStatus, w.lastResp)
	}
	var resp struct {
		Messages []struct {
			Status struct {
				Name string `json:"name"`
			} `json:"status"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(w.lastResp, &resp); err != nil || len(resp.Messages) == 0 {
		return fmt.Errorf("answer has no messages: %s", w.lastResp)
	}
	if diff := cmp.Diff(status, resp.Messages[0].Status.Name); diff != "" {
		return fmt.Errorf("accepted status (-want +got):\n%s\nbody: %s", diff, w.lastResp)
	}
	return nil
}

func (w *World) requestRefused(code int, envelope, id string) error {
	if w.lastStatus != code {
		return fmt.Errorf("POST %s answered HTTP %d, want %d:\n%s", w.lastPath, w.lastStatus, code, w.lastResp)
	}
	var got string
	if envelope == "legacy" {
		var e struct {
			RequestError struct {
				ServiceException struct {
					MessageID string `json:"messageId"`
				} `json:"serviceException"`
			} `json:"requestError"`
		}
		if err := json.Unmarshal(w.lastResp, &e); err != nil {
			return fmt.Errorf("not the legacy envelope: %s", w.lastResp)
		}
		got = e.RequestError.ServiceException.MessageID
	} else {
		var e struct {
			ErrorCode   *string           `json:"errorCode"`
			Description *string           `json:"description"`
			Action      *string           `json:"action"`
			Violations  []json.RawMessage `json:"violations"`
			Resources   []json.RawMessage `json:"resources"`
		}
		if err := json.Unmarshal(w.lastResp, &e); err != nil || e.ErrorCode == nil || e.Description == nil || e.Action == nil || e.Violations == nil || e.Resources == nil {
			return fmt.Errorf("not the new envelope (errorCode, description, action, violations, resources are all required): %s", w.lastResp)
		}
		got = *e.ErrorCode
	}
	if diff := cmp.Diff(id, got); diff != "" {
		return fmt.Errorf("error id (-want +got):\n%s\nbody: %s", diff, w.lastResp)
	}
	return nil
}

// violations reads the violations of either envelope as property -> texts.
func (w *World) violations() map[string][]string {
	out := map[string][]string{}
	var legacy struct {
		RequestError struct {
			ServiceException struct {
				ValidationErrors map[string][]string `json:"validationErrors"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	if json.Unmarshal(w.lastResp, &legacy) == nil {
		for k, v := range legacy.RequestError.ServiceException.ValidationErrors {
			out[k] = append(out[k], v...)
		}
	}
	var modern struct {
		Violations []struct {
			Property  string `json:"property"`
			Violation string `json:"violation"`
		} `json:"violations"`
	}
	if json.Unmarshal(w.lastResp, &modern) == nil {
		for _, v := range modern.Violations {
			out[v.Property] = append(out[v.Property], v.Violation)
		}
	}
	return out
}

func (w *World) violationIs(property, text string) error {
	got := w.violations()
	for _, v := range got[property] {
		if v == text {
			return nil
		}
	}
	return fmt.Errorf("no violation %q on %q (-want +got):\n%s", text, property,
		cmp.Diff(map[string][]string{property: {text}}, got))
}
