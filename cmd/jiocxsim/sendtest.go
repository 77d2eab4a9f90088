package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// sendTestConfig is what the dashboard's Send Test dialog asks for.
type sendTestConfig struct {
	BaseURL, APIKey             string
	RCSSender, Phone, RCSText   string
	SMSSender, SMSText          string
	TemplateID, PrincipalEntity string
	India                       bool
	API                         string // v1 or v2
	Listen, CallbackURL         string
	Pull                        bool
	Timeout                     time.Duration
}

// report is the part of a delivery report the timeline shows.
type report struct {
	MessageID string `json:"messageId"`
	Channel   string `json:"channel"`
	Sender    string `json:"sender"`
	Status    struct {
		GroupName string `json:"groupName"`
		ID        int    `json:"id"`
		Name      string `json:"name"`
	} `json:"status"`
	Error struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	} `json:"error"`
}

func (r report) final() bool {
	return r.Status.GroupName != "PENDING" && r.Status.Name != "DELIVERED_TO_OPERATOR"
}

// sendTest does what the Send Test dialog does, prints the timeline and
// reports whether a leg was delivered.
func sendTest(ctx context.Context, cfg sendTestConfig, out io.Writer) (bool, error) {
	reports := make(chan report, 16)
	callback := ""
	if !cfg.Pull {
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			return false, fmt.Errorf("callback listener: %w (use --pull to read reports from the pull endpoint)", err)
		}
		srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var body struct {
				Results []report `json:"results"`
			}
			b, _ := io.ReadAll(io.LimitReader(r.Body, 4<<20))
			if json.Unmarshal(b, &body) == nil {
				for _, rep := range body.Results {
					select {
					case reports <- rep:
					default:
					}
				}
			}
		})}
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		callback = cfg.CallbackURL
		if callback == "" {
			callback = "http://" + ln.Addr().String()
		}
		callback = strings.TrimRight(callback, "/") + "/send-test"
	}

	path, body := sendTestRequest(cfg, callback)
	fmt.Fprintf(out, "send test: RCS from %s to %s through %s (%s API)", cfg.RCSSender, cfg.Phone, cfg.BaseURL, cfg.API)
	if cfg.SMSText != "" {
		fmt.Fprintf(out, ", SMS fallback from %s", cfg.SMSSender)
		if cfg.India {
			fmt.Fprintf(out, ", India DLT PE %s template %s", cfg.PrincipalEntity, cfg.TemplateID)
		}
	}
	if callback != "" {
		fmt.Fprintf(out, "\nreports to %s", callback)
	} else {
		fmt.Fprint(out, "\nreports pulled from GET /rcs/2/reports")
	}
	fmt.Fprintln(out)

	start := time.Now()
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(cfg.BaseURL, "/")+path, bytes.NewReader(b))
	if err != nil {
		return false, err
	}
	req.Header.Set("Authorization", "App "+cfg.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, err
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	line := func(what, text string) {
		fmt.Fprintf(out, "  +%6.3fs  %-9s %s\n", time.Since(start).Seconds(), what, text)
	}
	if resp.StatusCode != http.StatusOK {
		line("refused", fmt.Sprintf("HTTP %d %s", resp.StatusCode, strings.TrimSpace(string(answer))))
		return false, nil
	}
	var accepted struct {
		Messages []struct {
			MessageID string `json:"messageId"`
			Status    struct {
				ID   int    `json:"id"`
				Name string `json:"name"`
			} `json:"status"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(answer, &accepted); err != nil || len(accepted.Messages) == 0 {
		return false, fmt.Errorf("unexpected answer: %s", answer)
	}
	msg := accepted.Messages[0]
	line("accepted", fmt.Sprintf("%s (%d), messageId %s", msg.Status.Name, msg.Status.ID, msg.MessageID))

	if cfg.Pull {
		go pullReports(ctx, cfg, msg.MessageID, reports)
	}
	deadline := time.NewTimer(cfg.Timeout)
	defer deadline.Stop()
	sawRCS := false
	for {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-deadline.C:
			line("timeout", fmt.Sprintf("no final report within %s", cfg.Timeout))
			return false, nil
		case r := <-reports:
			if r.MessageID != msg.MessageID {
				continue
			}
			channel := r.Channel
			if channel == "" {
				// Pulled reports have no channel field: the SMS sender tells a
				// fallback report apart.
				channel = "RCS"
				if cfg.SMSText != "" && r.Sender == cfg.SMSSender && cfg.SMSSender != cfg.RCSSender {
					channel = "SMS"
				}
			}
			if channel == "RCS" && !r.final() {
				sawRCS = true
				line("RCS", fmt.Sprintf("not delivered: %s (%d); falling back to SMS", r.Error.Name, r.Error.ID))
				continue
			}
			if channel == "SMS" && !sawRCS {
				line("RCS", "not delivered; the SMS fallback was taken")
			}
			if !r.final() {
				line(channel, fmt.Sprintf("%s (%d)", r.Status.Name, r.Status.ID))
				continue
			}
			detail := fmt.Sprintf("%s (%d)", r.Status.Name, r.Status.ID)
			if r.Error.ID != 0 {
				detail += fmt.Sprintf(", %s (%d)", r.Error.Name, r.Error.ID)
			}
			if r.Sender != "" {
				detail += ", sender " + r.Sender
			}
			line(channel, detail)
			delivered := r.Status.GroupName == "DELIVERED"
			if delivered {
				fmt.Fprintf(out, "result: delivered over %s\n", channel)
			} else {
				fmt.Fprintf(out, "result: not delivered (%s)\n", r.Status.Name)
			}
			return delivered, nil
		}
	}
}

func sendTestRequest(cfg sendTestConfig, callback string) (string, any) {
	var dlt map[string]any
	if cfg.India {
		dlt = map[string]any{"principalEntityId": cfg.PrincipalEntity}
		if cfg.TemplateID != "" {
			dlt["contentTemplateId"] = cfg.TemplateID
		}
	}
	content := map[string]any{"type": "TEXT", "text": cfg.RCSText}
	if cfg.API == "v1" {
		m := map[string]any{"from": cfg.RCSSender, "to": cfg.Phone, "content": content, "callbackData": "jiocxsim send-test"}
		if callback != "" {
			m["notifyUrl"] = callback
		}
		if cfg.SMSText != "" {
			f := map[string]any{"from": cfg.SMSSender, "text": cfg.SMSText}
			if dlt != nil {
				f["regional"] = map[string]any{"indiaDlt": dlt}
			}
			m["smsFailover"] = f
		}
		return "/ott/rcs/1/message", m
	}
	delivery := map[string]any{"receiveTriggeredFailoverReports": true}
	if callback != "" {
		delivery["url"] = callback
	}
	m := map[string]any{"sender": cfg.RCSSender, "destinations": []any{map[string]any{"to": cfg.Phone}}, "content": content,
		"webhooks": map[string]any{"delivery": delivery, "callbackData": "jiocxsim send-test"}}
	if cfg.SMSText != "" {
		f := map[string]any{"sender": cfg.SMSSender, "text": cfg.SMSText}
		if dlt != nil {
			f["regional"] = map[string]any{"indiaDlt": dlt}
		}
		m["options"] = map[string]any{"smsFailover": f}
	}
	return "/rcs/2/messages", map[string]any{"messages": []any{m}}
}

// pullReports reads GET /rcs/2/reports for the message until ctx ends: the
// way to get reports when no listener is reachable from the platform.
func pullReports(ctx context.Context, cfg sendTestConfig, messageID string, out chan<- report) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(cfg.BaseURL, "/")+"/rcs/2/reports?messageId="+url.QueryEscape(messageID), nil)
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "App "+cfg.APIKey)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			var body struct {
				Results []report `json:"results"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			for _, r := range body.Results {
				out <- r
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func sendTestCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("send-test", stderr)
	var cfg sendTestConfig
	fs.StringVar(&cfg.BaseURL, "target", "http://localhost:8080", "base API URL (the simulator, or your JioCX base URL)")
	alias(fs, "url", "target")
	fs.StringVar(&cfg.APIKey, "api-key", "", "API key (required)")
	fs.StringVar(&cfg.RCSSender, "rcs-sender", "DemoAgent", "RCS sender (agent) id")
	cc := fs.String("country-code", "91", "country code of the phone number")
	phone := fs.String("phone", "", "phone number, with or without the country code: 9999100001, 919999100001, +91 99991 00001 (required)")
	fs.StringVar(&cfg.RCSText, "rcs-message", "Hello from the Send Test", "the RCS message")
	fs.StringVar(&cfg.SMSSender, "sms-sender", "DEMOSMS", "SMS fallback sender id (DLT header in India)")
	fs.StringVar(&cfg.SMSText, "sms-message", "", "SMS fallback message (empty: no fallback)")
	fs.StringVar(&cfg.TemplateID, "template-id", "", "DLT content template id of the fallback")
	fs.StringVar(&cfg.PrincipalEntity, "pe-id", "", "DLT principal entity id")
	fs.BoolVar(&cfg.India, "india", false, "enable for India: send the DLT ids with the fallback")
	fs.StringVar(&cfg.API, "api", "v1", "v1 (/ott/rcs/1/message) or v2 (/rcs/2/messages)")
	fs.StringVar(&cfg.Listen, "callback-listen", "127.0.0.1:0", "where the report listener listens")
	alias(fs, "listen", "callback-listen")
	fs.StringVar(&cfg.CallbackURL, "callback-url", "", "URL the platform reaches the listener at (default: http://<callback-listen>)")
	fs.BoolVar(&cfg.Pull, "pull", false, "no listener: pull reports from GET /rcs/2/reports")
	fs.DurationVar(&cfg.Timeout, "timeout", 30*time.Second, "how long to wait for the final report")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	switch {
	case cfg.APIKey == "" || *phone == "":
		fmt.Fprintln(stderr, "jiocxsim send-test: --api-key and --phone are required")
		return 2
	case cfg.API != "v1" && cfg.API != "v2":
		fmt.Fprintln(stderr, "jiocxsim send-test: --api must be v1 or v2")
		return 2
	case cfg.India && cfg.PrincipalEntity == "":
		fmt.Fprintln(stderr, "jiocxsim send-test: --india needs --pe-id (the Principal Entity ID)")
		return 2
	}
	var err error
	if cfg.Phone, err = normalizePhone(*cc, *phone); err != nil {
		fmt.Fprintln(stderr, "jiocxsim send-test: --phone:", err)
		return 2
	}
	delivered, err := sendTest(ctx, cfg, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim send-test:", err)
		return 1
	}
	if !delivered {
		return 1
	}
	return 0
}
