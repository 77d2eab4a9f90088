package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// ---- India DLT

func (w *World) dltScrubbingIs(ctx context.Context, mode string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetDLTMode(ctx, mode)
}

func (w *World) fallbackForIndia(pe, template string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	if w.draft.failover == nil {
		return fmt.Errorf("no SMS fallback drafted yet")
	}
	w.draft.failover.pe, w.draft.failover.template = pe, template
	return nil
}

func (w *World) fallbackCarries(ctx context.Context, pe, template string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	m, err := c.Message(ctx, w.messageID)
	if err != nil {
		return err
	}
	var f struct {
		IndiaDLT struct {
			PrincipalEntityID string `json:"principalEntityId"`
			ContentTemplateID string `json:"contentTemplateId"`
		} `json:"indiaDlt"`
	}
	if err := json.Unmarshal(m.Failover, &f); err != nil {
		return fmt.Errorf("the message has no SMS fallback: %s", m.Failover)
	}
	if diff := cmp.Diff([]string{pe, template}, []string{f.IndiaDLT.PrincipalEntityID, f.IndiaDLT.ContentTemplateID}); diff != "" {
		return fmt.Errorf("DLT ids on the fallback [PE template] (-want +got):\n%s", diff)
	}
	return nil
}

// ---- click tracking

func (w *World) clickTrackingURLIs(name string) error {
	w.trackingURL = w.sink.URL(w.ns, name)
	return nil
}

func (w *World) clickTrackingOn(domain string) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	t := map[string]any{"shortenUrl": true, "trackClicks": true}
	if w.trackingURL != "" {
		t["trackingUrl"] = w.trackingURL
	}
	if domain != "" {
		t["customDomain"] = domain
	}
	w.draft.tracking = t
	return nil
}

func (w *World) customDomainIs(ctx context.Context, domain, state string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	return c.SetCustomDomain(ctx, domain, state == "verified")
}

func (w *World) sentText(ctx context.Context) (string, []string, error) {
	c, err := w.control()
	if err != nil {
		return "", nil, err
	}
	m, err := c.Message(ctx, w.messageID)
	if err != nil {
		return "", nil, err
	}
	return m.Text, m.Warnings, nil
}

var anyURL = regexp.MustCompile(`(https?://)?[a-z0-9.-]+(:\d+)?/(t/)?[0-9A-Za-z]{8}\b`)

func (w *World) sentHasShortLink(ctx context.Context, domain, original string) error {
	text, _, err := w.sentText(ctx)
	if err != nil {
		return err
	}
	if strings.Contains(text, original) {
		return fmt.Errorf("the message was sent with %s itself, not a short link: %q", original, text)
	}
	link := anyURL.FindString(text)
	if link == "" {
		return fmt.Errorf("no short link in the message sent: %q", text)
	}
	if domain != "" && !strings.HasPrefix(link, domain) {
		return fmt.Errorf("short link %s is not on %s", link, domain)
	}
	w.shortLink = link
	return nil
}

func (w *World) userOpensShortLink(ctx context.Context) error {
	if w.shortLink == "" {
		return fmt.Errorf("no short link yet")
	}
	u := w.shortLink
	if !strings.HasPrefix(u, "http") {
		u = "http://" + u
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: w.http.Timeout}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	w.lastStatus, w.redirect = resp.StatusCode, resp.Header.Get("Location")
	return nil
}

func (w *World) itRedirectsTo(to string) error {
	if w.lastStatus != http.StatusFound || w.redirect != to {
		return fmt.Errorf("the short link answered %d to %q, want 302 to %q", w.lastStatus, w.redirect, to)
	}
	return nil
}

func (w *World) clickedArrives(ctx context.Context, name, url string) error {
	if err := w.settle(ctx); err != nil {
		return err
	}
	got, err := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool { return len(got) > 0 })
	if err != nil {
		return fmt.Errorf("no click notification at %q within %s", name, w.ReportTimeout)
	}
	var n map[string]any
	if err := json.Unmarshal(got[0].Body, &n); err != nil {
		return err
	}
	want := map[string]string{"notificationType": "CLICKED", "url": url, "messageId": w.messageID, "recipient": w.draft.to}
	have := map[string]string{}
	for k := range want {
		have[k] = str(n, k)
	}
	if diff := cmp.Diff(want, have); diff != "" {
		return fmt.Errorf("CLICKED notification (-want +got):\n%s", diff)
	}
	if str(n, "sendDateTime") == "" || n["recipientInfo"] == nil {
		return fmt.Errorf("CLICKED notification lacks sendDateTime or recipientInfo: %s", got[0].Body)
	}
	return nil
}

func (w *World) flaggedForDoubleWrapping(ctx context.Context) error {
	_, warnings, err := w.sentText(ctx)
	if err != nil {
		return err
	}
	for _, warn := range warnings {
		if strings.Contains(warn, "already a tracking link") {
			return nil
		}
	}
	return fmt.Errorf("no double-wrapping warning on the message; warnings: %q", warnings)
}
