package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

// sendPaths are the API paths a service may send a message through; a
// fault on "the service's next send" is armed on each.
var sendPaths = []string{"/ott/rcs/1/message", "/ott/rcs/1/message/bulk", "/rcs/2/messages", "/sms/2/text/advanced", "/sms/3/messages"}

// numbers hands out destination numbers of the test number plan, fresh for
// every scenario of a run, so the service's own store never mixes two
// scenarios' users.
type numbers struct {
	mu   sync.Mutex
	next int
}

// take returns the next number with the given RCS behaviour digit (0
// delivered, 1 no RCS) and SMS digit 0 (delivered).
func (n *numbers) take(rcs int) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.next = (n.next + 1) % 10000
	return fmt.Sprintf("919999%d0%04d", rcs, n.next)
}

// intWorld is one integration scenario's state.
type intWorld struct {
	integ   Integration
	cfg     IntegrationConfig
	probes  map[string]bool
	plat    *platform
	numbers *numbers

	user       string
	userRCS    bool
	sentBefore int // messages to the user at the platform before the last ask
	askedAt    time.Time
	faultAt    time.Time
	suggestion string // postback data of the suggestion the user tapped
	messageID  string

	skipped    bool
	skipReason string
}

func (w *intWorld) skip(format string, args ...any) error {
	w.skipped = true
	w.skipReason = fmt.Sprintf(format, args...)
	return fmt.Errorf("%s: %w", w.skipReason, godog.ErrSkip)
}

func (w *intWorld) needProbe(name, field string) error {
	if !w.probes[name] {
		return w.skip("the adapter has no %s probe (%s), so the service's own view cannot be checked", name, field)
	}
	return nil
}

// registerIntegration adds the integration vocabulary to a scenario.
func registerIntegration(sc *godog.ScenarioContext, integ Integration, plat *platform, nums *numbers) *intWorld {
	w := &intWorld{integ: integ, cfg: integ.Config(), probes: probes(integ), plat: plat, numbers: nums}
	sc.Before(func(ctx context.Context, _ *godog.Scenario) (context.Context, error) {
		w.skipped, w.skipReason = false, ""
		return ctx, w.prepare(ctx)
	})
	for _, d := range w.definitions() {
		sc.Step(d.pattern, d.fn)
	}
	return w
}

// prepare resets the service's account on the platform and configures it as
// the service expects: its report URL, inbound forwarding to its MO URL, and
// its DLT registration in strict mode.
func (w *intWorld) prepare(ctx context.Context) error {
	c := w.plat.control
	if err := c.Reset(ctx); err != nil {
		return fmt.Errorf("resetting the service's account on the platform: %w", err)
	}
	w.plat.mark(ctx)
	if err := c.SetSettings(ctx, client.Settings{DeliveryReportURL: w.cfg.ReportURL}); err != nil {
		return fmt.Errorf("setting the account's delivery report URL to the service's %s: %w", w.cfg.ReportURL, err)
	}
	if _, err := c.SetInboundConfig(ctx, client.InboundConfig{Channel: "RCS", Resource: w.cfg.Agent, URL: w.cfg.InboundURL, Format: "MO_OTT_MSISDN"}); err != nil {
		return fmt.Errorf("forwarding the agent's inbound messages to the service's %s: %w", w.cfg.InboundURL, err)
	}
	if err := c.SetDLTMode(ctx, "strict"); err != nil {
		return err
	}
	if d := w.cfg.DLT; d != nil {
		if err := c.SetDLTRegistry(ctx, dltRegistry(d, w.cfg.FallbackSender)); err != nil {
			return fmt.Errorf("loading the adapter's DLT registration on the platform: %w", err)
		}
	}
	w.plat.mark(ctx)
	return nil
}

func dltRegistry(d *DLTRegistration, header string) map[string]any {
	var templates []map[string]any
	for _, t := range d.Templates {
		templates = append(templates, map[string]any{"id": t.ID, "entityId": d.PrincipalEntityID, "headers": []string{header}, "type": "SERVICE_IMPLICIT", "text": t.Text})
	}
	return map[string]any{
		"entities":  []map[string]any{{"id": d.PrincipalEntityID, "name": "the service's principal entity"}},
		"headers":   []map[string]any{{"id": header, "entityId": d.PrincipalEntityID}},
		"templates": templates,
	}
}

func (w *intWorld) definitions() []definition {
	return []definition{
		{`^a user with RCS$`, func() { w.user, w.userRCS = w.numbers.take(0), true }},
		{`^a user without RCS$`, func() { w.user, w.userRCS = w.numbers.take(1), false }},
		{`^the platform answers the service's next (\d+) sends? with HTTP (\d+)$`, w.platformRefusesSends},
		{`^the platform delivers the next delivery report twice$`, w.reportTwice},

		{`^the service is asked to send the sample message to the user$`, w.askSample},
		{`^the service is asked to send the sample message to the user, and may refuse$`, w.askSampleMayRefuse},
		{`^the service is asked to send the sample message with its link to the user$`, w.askWithLink},
		{`^the service is asked to send the suggestion campaign to the user$`, w.askSuggestions},
		{`^the service is asked to send each kind of message to new users$`, w.askEveryKind},
		{`^the platform delivers the message and its report$`, w.deliver},
		{`^the user replies "([^"]*)"$`, w.userReplies},
		{`^the user taps the first suggestion$`, w.userTaps},

		{`^the platform receives an RCS message to the user from the service's agent$`, w.receivesFromAgent},
		{`^the platform receives another RCS message to the user$`, w.receivesAnother},
		{`^every RCS message to the user carries an SMS failover from the service's sender$`, w.carriesFailover},
		{`^the fallback carries the principal entity and a template registered for its text$`, w.fallbackDLT},
		{`^no request of the service was refused with a 4xx$`, w.no4xx},
		{`^the service answered every delivery report and reply with 2xx within the platform's timeout$`, w.answered2xx},
		{`^the platform posted the report twice$`, w.postedTwice},
		{`^the service counts one delivery report for the message$`, w.countsOne},
		{`^the service reads the message as delivered over SMS$`, w.readsSMS},
		{`^the service's view of the user, if it offers one, says opted (out|in)$`, w.optedView},
		{`^the service sends nothing more to the user$`, w.sendsNothing},
		{`^the service has received the reply "([^"]*)" from the user$`, w.receivedReply},
		{`^the service has received the tap from the user$`, w.receivedTap},
		{`^the platform receives the message within the retry window$`, w.receivesWithinRetry},
		{`^the service waited between attempts and did not exceed the attempt limit$`, w.retryManners},
		{`^the message has provider click tracking and no link another tracker wrapped$`, w.noDoubleWrap},
	}
}

// ---- set-up

func (w *intWorld) platformRefusesSends(ctx context.Context, n, status int) error {
	for _, p := range sendPaths {
		if err := w.plat.control.InjectFault(ctx, client.Fault{Path: p, Status: status, Count: n}); err != nil {
			return err
		}
	}
	w.faultAt = time.Now()
	return nil
}

func (w *intWorld) reportTwice(ctx context.Context) error {
	return w.plat.control.InjectCallbackFault(ctx, client.CallbackFault{Kind: "duplicate", URL: w.cfg.ReportURL})
}

// ---- asking the service

func (w *intWorld) sample() Outgoing {
	m := w.cfg.Sample
	m.Number, m.Link, m.Campaign = w.user, "", w.cfg.Campaigns.Default
	return m
}

func (w *intWorld) ask(ctx context.Context, m Outgoing) error {
	if w.user == "" {
		return fmt.Errorf("no user yet: start the scenario with \"a user with RCS\"")
	}
	msgs, err := w.messagesTo(ctx, w.user)
	if err != nil {
		return err
	}
	w.sentBefore, w.askedAt = len(msgs), time.Now()
	return w.integ.Send(ctx, m)
}

func (w *intWorld) askSample(ctx context.Context) error { return w.ask(ctx, w.sample()) }

func (w *intWorld) askSampleMayRefuse(ctx context.Context) error {
	_ = w.ask(ctx, w.sample()) // refusing to send to an opted-out user is right
	return nil
}

func (w *intWorld) askWithLink(ctx context.Context) error {
	if !w.cfg.ClickTracking {
		return w.skip("the adapter says the service does not turn provider click tracking on (clickTracking: true)")
	}
	m := w.sample()
	m.Link = w.cfg.Sample.Link
	return w.ask(ctx, m)
}

func (w *intWorld) askSuggestions(ctx context.Context) error {
	if w.cfg.Campaigns.Suggestions == "" {
		return w.skip("the adapter names no campaign whose messages offer a suggestion (campaigns.suggestions)")
	}
	m := w.sample()
	m.Campaign = w.cfg.Campaigns.Suggestions
	return w.ask(ctx, m)
}

// askEveryKind sends what the service can send, each to a new user: the
// sample to a user with and one without RCS, the suggestion campaign and
// the link, so every request shape the service makes is in the journal.
func (w *intWorld) askEveryKind(ctx context.Context) error {
	kinds := []Outgoing{w.cfg.Sample, w.cfg.Sample}
	kinds[0].Number, kinds[1].Number = w.numbers.take(0), w.numbers.take(1)
	kinds[0].Campaign, kinds[1].Campaign = w.cfg.Campaigns.Default, w.cfg.Campaigns.Default
	kinds[0].Link, kinds[1].Link = "", ""
	if w.cfg.Campaigns.Suggestions != "" {
		m := w.cfg.Sample
		m.Number, m.Campaign, m.Link = w.numbers.take(0), w.cfg.Campaigns.Suggestions, ""
		kinds = append(kinds, m)
	}
	if w.cfg.Sample.Link != "" {
		m := w.cfg.Sample
		m.Number, m.Campaign = w.numbers.take(0), w.cfg.Campaigns.Default
		kinds = append(kinds, m)
	}
	for _, m := range kinds {
		if err := w.integ.Send(ctx, m); err != nil {
			return err
		}
	}
	// Wait until the service has made a request for each (sends may be
	// asynchronous), or the retry window passes.
	deadline := time.Now().Add(w.cfg.Limits.RetryWithin)
	for time.Now().Before(deadline) {
		got, err := w.plat.journal(ctx)
		if err != nil {
			return err
		}
		n := 0
		for _, m := range kinds {
			for _, e := range got {
				if strings.Contains(e.RequestBody, m.Number) {
					n++
					break
				}
			}
		}
		if n == len(kinds) {
			return nil
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			return err
		}
	}
	return nil // no4xx names what is missing
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ---- the platform's side

func (w *intWorld) messagesTo(ctx context.Context, number string) ([]client.Message, error) {
	return w.plat.control.Messages(ctx, client.MessageQuery{Destination: number})
}

// awaitMessage waits (in real time: the service sends when it sends) for the
// platform to hold more than `before` messages to the user.
func (w *intWorld) awaitMessage(ctx context.Context, within time.Duration) (client.Message, error) {
	deadline := time.Now().Add(within)
	for {
		msgs, err := w.messagesTo(ctx, w.user)
		if err != nil {
			return client.Message{}, err
		}
		if len(msgs) > w.sentBefore {
			m := msgs[len(msgs)-1]
			w.messageID = m.MessageID
			return m, nil
		}
		if time.Now().After(deadline) {
			return client.Message{}, fmt.Errorf("the service sent no message to %s within %s of being asked%s", w.user, within, w.refusalsFor(ctx, w.user))
		}
		if err := sleep(ctx, 25*time.Millisecond); err != nil {
			return client.Message{}, err
		}
	}
}

// refusalsFor names the service's refused requests about a number, to say
// why no message was accepted.
func (w *intWorld) refusalsFor(ctx context.Context, number string) string {
	got, err := w.plat.journal(ctx)
	if err != nil {
		return ""
	}
	var out []string
	for _, e := range got {
		if e.Status >= 400 && strings.Contains(e.RequestBody, number) {
			out = append(out, describeRefusal(e))
		}
	}
	if len(out) == 0 {
		return " (the platform received no request about it)"
	}
	return "; the platform refused: " + strings.Join(out, "; ")
}

func describeRefusal(e Exchange) string {
	s := fmt.Sprintf("%s %s answered %d", e.Method, e.Path, e.Status)
	var vs []string
	for _, v := range e.Violations {
		vs = append(vs, v.Property+" "+v.Violation)
	}
	if len(vs) > 0 {
		return s + " (" + strings.Join(vs, ", ") + ")"
	}
	var env struct {
		Description  string `json:"description"`
		RequestError struct {
			ServiceException struct {
				Text string `json:"text"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	if json.Unmarshal([]byte(e.ResponseBody), &env) == nil {
		if d := env.Description + env.RequestError.ServiceException.Text; d != "" {
			return s + ": " + d
		}
	}
	if len(e.ResponseBody) > 200 {
		return s + ": " + e.ResponseBody[:200]
	}
	return s + ": " + e.ResponseBody
}

// deliver lets the platform deliver the message and post its reports.
func (w *intWorld) deliver(ctx context.Context) error {
	m, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return err
	}
	if w.plat.fake {
		// Legs take at most a few seconds; a duplicate follows a second later.
		for i := 0; i < 3; i++ {
			if err := w.plat.control.Advance(ctx, 5*time.Second); err != nil {
				return err
			}
		}
		return nil
	}
	_, err = w.plat.control.WaitFor(ctx, m.MessageID, client.Condition{Final: true, ReportDelivered: true}, 30*time.Second)
	return err
}

func (w *intWorld) inbound(ctx context.Context, in client.InboundMessage) error {
	in.From, in.To = w.user, w.cfg.Agent
	if w.plat.fake {
		if err := w.plat.control.Advance(ctx, 5*time.Second); err != nil {
			return err
		}
	}
	if _, err := w.plat.control.Inbound(ctx, in); err != nil {
		return err
	}
	if w.plat.fake {
		return w.plat.control.Advance(ctx, time.Second)
	}
	return sleep(ctx, time.Second)
}

func (w *intWorld) userReplies(ctx context.Context, text string) error {
	return w.inbound(ctx, client.InboundMessage{Text: text})
}

func (w *intWorld) userTaps(ctx context.Context) error {
	m, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return err
	}
	var content struct {
		Suggestions []struct {
			Text         string `json:"text"`
			PostbackData string `json:"postbackData"`
		} `json:"suggestions"`
	}
	_ = json.Unmarshal(m.Content, &content)
	if len(content.Suggestions) == 0 {
		return fmt.Errorf("the %s campaign's message offers no suggestion to tap: %s", w.cfg.Campaigns.Suggestions, m.Content)
	}
	w.suggestion = content.Suggestions[0].PostbackData
	return w.inbound(ctx, client.InboundMessage{Type: "SUGGESTION", Suggestion: &client.SuggestionChoice{PostbackData: w.suggestion}})
}

// ---- checks

func (w *intWorld) receivesFromAgent(ctx context.Context) error {
	m, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return err
	}
	if m.Channel != "RCS" {
		return fmt.Errorf("the service sent %s over %s, want RCS", m.MessageID, m.Channel)
	}
	if m.Sender != w.cfg.Agent {
		return fmt.Errorf("the service sent from %q, want its configured agent %q", m.Sender, w.cfg.Agent)
	}
	return nil
}

func (w *intWorld) receivesAnother(ctx context.Context) error { return w.receivesFromAgent(ctx) }

type sentFailover struct {
	Sender   string `json:"sender"`
	Text     string `json:"text"`
	IndiaDLT *struct {
		PrincipalEntityID string `json:"principalEntityId"`
		ContentTemplateID string `json:"contentTemplateId"`
	} `json:"indiaDlt"`
}

func (w *intWorld) failover(m client.Message) (*sentFailover, error) {
	if len(m.Failover) == 0 || string(m.Failover) == "null" {
		return nil, fmt.Errorf("the RCS message %s to %s carries no SMS failover, though the service is configured with one (sender %s)", m.MessageID, m.Destination, w.cfg.FallbackSender)
	}
	var f sentFailover
	if err := json.Unmarshal(m.Failover, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

func (w *intWorld) carriesFailover(ctx context.Context) error {
	if w.cfg.FallbackSender == "" {
		return w.skip("the adapter configures no SMS fallback (fallback.sender)")
	}
	if _, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin); err != nil {
		return err
	}
	msgs, err := w.messagesTo(ctx, w.user)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if m.Channel != "RCS" {
			continue
		}
		f, err := w.failover(m)
		if err != nil {
			return err
		}
		if f.Sender != w.cfg.FallbackSender || strings.TrimSpace(f.Text) == "" {
			return fmt.Errorf("the SMS failover of %s is from %q with text %q, want sender %q and a text", m.MessageID, f.Sender, f.Text, w.cfg.FallbackSender)
		}
	}
	return nil
}

func (w *intWorld) fallbackDLT(ctx context.Context) error {
	if w.cfg.FallbackSender == "" {
		return w.skip("the adapter configures no SMS fallback (fallback.sender)")
	}
	m, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return err
	}
	f, err := w.failover(m)
	if err != nil {
		return err
	}
	if f.IndiaDLT == nil || f.IndiaDLT.PrincipalEntityID == "" || f.IndiaDLT.ContentTemplateID == "" {
		return fmt.Errorf("the SMS failover to the Indian number %s carries no India DLT principal entity and content template id (regional.indiaDlt): the operator will reject it", w.user)
	}
	// The simulator scrubs the fallback against the registration (strict):
	// deliver, and it says whether the ids fit the text.
	if err := w.deliver(ctx); err != nil {
		return err
	}
	got, err := w.plat.control.Message(ctx, m.MessageID)
	if err != nil {
		return err
	}
	if got.Status.GroupName != "DELIVERED" || got.FinalChannel != "SMS" {
		return fmt.Errorf("the fallback with principal entity %s and template %s was not delivered over SMS: %s / %s (the DLT scrubbing refused it: the template is not registered for this entity, header and text)",
			f.IndiaDLT.PrincipalEntityID, f.IndiaDLT.ContentTemplateID, got.Status.Name, got.Error.Name)
	}
	return nil
}

func (w *intWorld) no4xx(ctx context.Context) error {
	got, err := w.plat.journal(ctx)
	if err == errNoJournal {
		return w.skip("%s", err)
	}
	if err != nil {
		return err
	}
	var bad []string
	for i := len(got) - 1; i >= 0; i-- {
		e := got[i]
		if e.Status >= 400 && e.Status < 500 {
			if e.Status == http.StatusTooManyRequests {
				bad = append(bad, describeRefusal(e)+" (over the platform's throttle)")
				continue
			}
			bad = append(bad, describeRefusal(e))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("the platform refused %d of the service's %d requests:\n  %s", len(bad), len(got), strings.Join(bad, "\n  "))
	}
	if len(got) == 0 {
		return fmt.Errorf("the service made no request to the platform")
	}
	return nil
}

func (w *intWorld) answered2xx(ctx context.Context) error {
	attempts, err := w.plat.control.Attempts(ctx, 0, time.Second)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, a := range attempts {
		kind := "delivery report"
		if strings.HasPrefix(a.Kind, "inbound") {
			kind = "reply"
		}
		if a.URL != w.cfg.ReportURL && a.URL != w.cfg.InboundURL {
			continue
		}
		seen[kind]++
		if a.Error != "" || a.Status < 200 || a.Status > 299 {
			why := fmt.Sprintf("HTTP %d", a.Status)
			if a.Error != "" {
				why = a.Error
			}
			return fmt.Errorf("the service answered a %s POST to %s with %s (attempt %d); the platform retries it and the service's view falls behind", kind, a.URL, why, a.Attempt)
		}
	}
	for _, kind := range []string{"delivery report", "reply"} {
		if seen[kind] == 0 {
			return fmt.Errorf("the platform posted no %s to the service (report URL %s, inbound URL %s)", kind, w.cfg.ReportURL, w.cfg.InboundURL)
		}
	}
	if w.plat.callbackTimes != nil {
		for _, u := range []string{w.cfg.ReportURL, w.cfg.InboundURL} {
			for _, d := range w.plat.callbackTimes(u) {
				if d >= PlatformTimeout {
					return fmt.Errorf("the service took %s to answer a POST to %s; the platform gives up after %s", d.Round(time.Millisecond), u, PlatformTimeout)
				}
			}
		}
	}
	return nil
}

func (w *intWorld) postedTwice(ctx context.Context) error {
	attempts, err := w.plat.control.Attempts(ctx, 0, time.Second)
	if err != nil {
		return err
	}
	n := 0
	for _, a := range attempts {
		for _, id := range a.MessageIDs {
			if id != w.messageID || a.URL != w.cfg.ReportURL {
				continue
			}
			if a.Outcome == "delivered" {
				n++
			} else if n < 2 {
				return fmt.Errorf("the service refused the report of %s (HTTP %d), so the platform could not deliver it twice: answer reports with 2xx", w.messageID, a.Status)
			}
		}
	}
	if n < 2 {
		return fmt.Errorf("the platform delivered the report of %s %d times, want 2 (the duplicate fault did not fire)", w.messageID, n)
	}
	return nil
}

func (w *intWorld) view(ctx context.Context) (MessageView, error) {
	p := w.integ.(Prober)
	v, err := p.Message(ctx, w.user, w.messageID)
	if err != nil {
		return v, fmt.Errorf("asking the service about its message to %s: %w", w.user, err)
	}
	return v, nil
}

func (w *intWorld) countsOne(ctx context.Context) error {
	if err := w.needProbe(ProbeReports, "probe.message.reports"); err != nil {
		return err
	}
	v, err := w.view(ctx)
	if err != nil {
		return err
	}
	if v.Reports != 1 {
		return fmt.Errorf("the service counts %d delivery reports for %s, which the platform reported once and delivered twice: a report delivered twice must count once (deduplicate by messageId and status)", v.Reports, w.messageID)
	}
	return nil
}

func (w *intWorld) readsSMS(ctx context.Context) error {
	if w.cfg.FallbackSender == "" {
		return w.skip("the adapter configures no SMS fallback (fallback.sender)")
	}
	if err := w.needProbe(ProbeDelivered, "probe.message.status and delivered"); err != nil {
		return err
	}
	if err := w.needProbe(ProbeChannel, "probe.message.channel"); err != nil {
		return err
	}
	sent, err := w.plat.control.Message(ctx, w.messageID)
	if err != nil {
		return err
	}
	if sent.Status.GroupName != "DELIVERED" || sent.FinalChannel != "SMS" {
		return fmt.Errorf("the platform did not deliver the fallback of %s: %s / %s over %s, so there was no SMS delivery report to read", w.messageID, sent.Status.Name, sent.Error.Name, sent.FinalChannel)
	}
	v, err := w.view(ctx)
	if err != nil {
		return err
	}
	if !v.Delivered || v.Channel != "SMS" {
		return fmt.Errorf("the platform reported %s delivered over SMS (the fallback); the service reads it as status %q over %q", w.messageID, v.Status, v.Channel)
	}
	return nil
}

func (w *intWorld) optedView(ctx context.Context, state string) error {
	if !w.probes[ProbeOptedOut] {
		return nil // the sends below are the requirement; the view is extra
	}
	v, err := w.integ.(Prober).User(ctx, w.user)
	if err != nil {
		return fmt.Errorf("asking the service about user %s: %w", w.user, err)
	}
	if v.OptedOut != (state == "out") {
		return fmt.Errorf("after the user's %s the service reads %s as optedOut=%v", map[string]string{"out": "STOP", "in": "START"}[state], w.user, v.OptedOut)
	}
	return nil
}

func (w *intWorld) sendsNothing(ctx context.Context) error {
	if err := sleep(ctx, w.cfg.Limits.QuietPeriod); err != nil {
		return err
	}
	msgs, err := w.messagesTo(ctx, w.user)
	if err != nil {
		return err
	}
	if len(msgs) > w.sentBefore {
		m := msgs[len(msgs)-1]
		return fmt.Errorf("the user replied STOP, yet the service sent %s to %s from %s: after STOP it must send nothing more to that user from that agent", m.MessageID, w.user, m.Sender)
	}
	return nil
}

func (w *intWorld) inboundView(ctx context.Context, name, field string) (InboundView, error) {
	if err := w.needProbe(name, field); err != nil {
		return InboundView{}, err
	}
	v, err := w.integ.(Prober).Inbound(ctx, w.user)
	if err != nil {
		return v, fmt.Errorf("asking the service what %s sent it: %w", w.user, err)
	}
	return v, nil
}

func (w *intWorld) receivedReply(ctx context.Context, text string) error {
	v, err := w.inboundView(ctx, ProbeTexts, "probe.inbound.texts")
	if err != nil {
		return err
	}
	for _, t := range v.Texts {
		if t == text {
			return nil
		}
	}
	return fmt.Errorf("the platform forwarded the reply %q from %s to %s; the service has the texts %q", text, w.user, w.cfg.InboundURL, v.Texts)
}

func (w *intWorld) receivedTap(ctx context.Context) error {
	v, err := w.inboundView(ctx, ProbePostbacks, "probe.inbound.postbacks")
	if err != nil {
		return err
	}
	for _, p := range v.Postbacks {
		if p == w.suggestion {
			return nil
		}
	}
	return fmt.Errorf("the platform forwarded a tap with postback data %q from %s; the service has the postbacks %q", w.suggestion, w.user, v.Postbacks)
}

func (w *intWorld) receivesWithinRetry(ctx context.Context) error {
	_, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return fmt.Errorf("after the platform refused the send, %w: a refused send must be retried later, not dropped", err)
	}
	return nil
}

func (w *intWorld) retryManners(ctx context.Context) error {
	got, err := w.plat.journal(ctx)
	if err == errNoJournal {
		return w.skip("%s", err)
	}
	if err != nil {
		return err
	}
	var at []time.Time
	for i := len(got) - 1; i >= 0; i-- {
		if strings.Contains(got[i].RequestBody, w.user) {
			at = append(at, got[i].At)
		}
	}
	if len(at) > w.cfg.Limits.MaxAttempts {
		return fmt.Errorf("the service sent %d requests for one message to %s, more than %d: that is hammering a platform that asked it to slow down", len(at), w.user, w.cfg.Limits.MaxAttempts)
	}
	if !w.plat.realTimes {
		return nil // the gaps are in the platform's fake time: only the count tells
	}
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < w.cfg.Limits.MinRetryGap {
			return fmt.Errorf("the service retried the send to %s %s after it was refused; wait at least %s (limits.minRetryGap) and back off", w.user, gap.Round(time.Millisecond), w.cfg.Limits.MinRetryGap)
		}
	}
	return nil
}

func (w *intWorld) noDoubleWrap(ctx context.Context) error {
	m, err := w.awaitMessage(ctx, w.cfg.Limits.RetryWithin)
	if err != nil {
		return err
	}
	for _, warn := range m.Warnings {
		if strings.Contains(warn, "already a tracking link") {
			return fmt.Errorf("the message %s carries a link another tracker already wrapped, and provider click tracking wraps it again: %s (send the original link and let the provider track it)", m.MessageID, warn)
		}
	}
	full, err := w.plat.control.Message(ctx, m.MessageID)
	if err != nil {
		return err
	}
	if len(full.Links) == 0 {
		return fmt.Errorf("the adapter says provider click tracking is on, but the message %s has no tracked link (text %q)", m.MessageID, full.Text)
	}
	return nil
}
