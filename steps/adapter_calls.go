package steps

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// adapterHTTP is the client of the adapter's calls to the service.
var adapterHTTP = &http.Client{Timeout: 30 * time.Second}

// Send implements Integration: the send template, rendered for m.
func (a *Adapter) Send(ctx context.Context, m Outgoing) error {
	d := templateData{Number: m.Number, Text: m.Text, FallbackText: m.FallbackText, Campaign: m.Campaign, Link: m.Link}
	if a.send == nil {
		args := make([]string, len(a.command))
		for i, t := range a.command {
			args[i] = a.render(t, d)
		}
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("send command %q failed: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
		}
		return nil
	}
	var body io.Reader
	if a.send.body != nil {
		body = strings.NewReader(a.render(a.send.body, d))
	}
	u := a.render(a.send.url, d)
	req, err := http.NewRequestWithContext(ctx, a.send.method, u, body)
	if err != nil {
		return fmt.Errorf("send request: %w", err)
	}
	for k, t := range a.send.headers {
		req.Header.Set(k, a.render(t, d))
	}
	resp, err := adapterHTTP.Do(req)
	if err != nil {
		return fmt.Errorf("the service's send endpoint %s %s does not answer: %w", a.send.method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("the service's send endpoint %s %s answered HTTP %d: %s", a.send.method, u, resp.StatusCode, bytes.TrimSpace(b))
	}
	return nil
}

// get runs a probe's GET and returns its JSON answer.
func (a *Adapter) get(ctx context.Context, p *probeTemplate, d templateData) (string, error) {
	u := a.render(p.url, d)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := adapterHTTP.Do(req)
	if err != nil {
		return "", fmt.Errorf("probe GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode == http.StatusNotFound {
		return "", fmt.Errorf("probe GET %s: %w (HTTP 404)", u, ErrNotFound)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("probe GET %s answered HTTP %d: %s", u, resp.StatusCode, bytes.TrimSpace(b))
	}
	if !gjson.ValidBytes(b) {
		return "", fmt.Errorf("probe GET %s did not answer JSON: %.200s", u, b)
	}
	return string(b), nil
}

// Message implements Prober.
func (a *Adapter) Message(ctx context.Context, number, messageID string) (MessageView, error) {
	if a.msgProbe == nil {
		return MessageView{}, fmt.Errorf("the adapter has no probe.message")
	}
	doc, err := a.get(ctx, a.msgProbe, templateData{Number: number, MessageID: messageID})
	if err != nil {
		return MessageView{}, err
	}
	v := MessageView{}
	if p, ok := a.msgProbe.paths["status"]; ok {
		v.Status = gjson.Get(doc, p).String()
	}
	for _, d := range a.msgProbe.delivered {
		v.Delivered = v.Delivered || strings.EqualFold(d, v.Status)
	}
	if p, ok := a.msgProbe.paths["channel"]; ok {
		v.Channel = strings.ToUpper(gjson.Get(doc, p).String())
	}
	if p, ok := a.msgProbe.paths["reports"]; ok {
		r := gjson.Get(doc, p)
		if r.IsArray() {
			v.Reports = len(r.Array())
		} else {
			v.Reports = int(r.Int())
		}
	}
	return v, nil
}

// User implements Prober.
func (a *Adapter) User(ctx context.Context, number string) (UserView, error) {
	if a.userProbe == nil {
		return UserView{}, fmt.Errorf("the adapter has no probe.user")
	}
	doc, err := a.get(ctx, a.userProbe, templateData{Number: number})
	if err != nil {
		return UserView{}, err
	}
	return UserView{OptedOut: gjson.Get(doc, a.userProbe.paths["optedOut"]).Bool()}, nil
}

// Inbound implements Prober.
func (a *Adapter) Inbound(ctx context.Context, number string) (InboundView, error) {
	if a.inProbe == nil {
		return InboundView{}, fmt.Errorf("the adapter has no probe.inbound")
	}
	doc, err := a.get(ctx, a.inProbe, templateData{Number: number})
	if err != nil {
		return InboundView{}, err
	}
	list := func(field string) []string {
		p, ok := a.inProbe.paths[field]
		if !ok {
			return nil
		}
		var out []string
		for _, r := range gjson.Get(doc, p).Array() {
			out = append(out, r.String())
		}
		return out
	}
	return InboundView{Texts: list("texts"), Postbacks: list("postbacks")}, nil
}
