package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// runWatch prints a running simulator's event stream, one line per event,
// reconnecting (with Last-Event-ID, so nothing kept is missed) when the
// stream ends.
func runWatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("watch", stderr)
	url := fs.String("target", "http://localhost:8080", "base URL of the simulator")
	alias(fs, "url", "target")
	apiKey := fs.String("api-key", "", "watch this API key's account only (default: every account)")
	token := fs.String("control-token", "", "the simulator's control token, when it has one")
	colour := fs.String("color", "auto", "auto (when the output is a terminal), always or never")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	var paint bool
	switch *colour {
	case "auto":
		paint = isTerminal(stdout)
	case "always":
		paint = true
	case "never":
	default:
		fmt.Fprintf(stderr, "jiocxsim watch: --color must be auto, always or never, not %q\n", *colour)
		return 2
	}
	var opts []client.Option
	if *apiKey != "" {
		opts = append(opts, client.WithAPIKey(*apiKey))
	}
	if *token != "" {
		opts = append(opts, client.WithToken(*token))
	}
	c := client.New(*url, opts...)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var last uint64
	for failures := 0; ; {
		events, wait, err := c.Stream(ctx, last)
		if err == nil {
			failures = 0
			for e := range events {
				fmt.Fprintln(stdout, formatEvent(e, paint))
				last = e.Seq
			}
			err = wait()
		}
		if ctx.Err() != nil {
			return 0
		}
		var ce *client.Error
		if errors.As(err, &ce) {
			fmt.Fprintln(stderr, "jiocxsim watch:", err)
			return 1 // refused: retrying will not help
		}
		if failures++; failures > 30 {
			fmt.Fprintln(stderr, "jiocxsim watch: giving up:", err)
			return 1
		}
		select {
		case <-ctx.Done():
			return 0
		case <-time.After(time.Second):
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == ""
}

// Colours by what the event means: green went well, red went wrong, yellow
// waits or retries, cyan is input from users.
const (
	cReset  = "\x1b[0m"
	cGreen  = "\x1b[32m"
	cRed    = "\x1b[31m"
	cYellow = "\x1b[33m"
	cCyan   = "\x1b[36m"
	cDim    = "\x1b[2m"
)

// formatEvent renders one event on one line.
func formatEvent(e wire.StreamEvent, paint bool) string {
	var d struct {
		API, Channel, Note, URL, Kind, Outcome, Route, Step, From, Text string
		Status                                                          wire.Status
		StatusCode                                                      int
		Attempt                                                         int
		Error                                                           json.RawMessage
	}
	_ = json.Unmarshal(e.Data, &d)
	colour, what := "", ""
	switch e.Type {
	case wire.EventMessageAccepted:
		colour, what = cDim, fmt.Sprintf("%s via %s %s", d.Channel, d.API, d.Status.Name)
	case wire.EventMessageStatus:
		colour = statusColour(d.Status.GroupName)
		what = fmt.Sprintf("%s %s/%s", d.Channel, d.Status.GroupName, d.Status.Name)
		if d.Note != "" {
			what += " (" + d.Note + ")"
		}
	case wire.EventReportQueued:
		colour, what = cDim, fmt.Sprintf("%s report %s -> %s %s", d.Step, d.Status.Name, d.Route, d.URL)
	case wire.EventCallbackAttempt:
		colour = cGreen
		if d.Outcome != "delivered" {
			colour = cYellow
			if d.Outcome == "exhausted" {
				colour = cRed
			}
		}
		what = fmt.Sprintf("%s #%d %s HTTP %d %s", d.Kind, d.Attempt, d.URL, d.StatusCode, d.Outcome)
	case wire.EventInboundReceived:
		colour, what = cCyan, fmt.Sprintf("from %s %q", d.From, d.Text)
	case wire.EventClick:
		colour, what = cCyan, d.URL
	}
	line := fmt.Sprintf("%s %-16s %-10s %s %s", wire.FormatTime(e.At.Time), e.Type, short(e.Account), idTo(e), what)
	line = strings.TrimRight(line, " ")
	if paint && colour != "" {
		return colour + line + cReset
	}
	return line
}

func statusColour(group string) string {
	switch group {
	case "DELIVERED":
		return cGreen
	case "PENDING":
		return cYellow
	case "UNDELIVERABLE", "EXPIRED", "REJECTED":
		return cRed
	}
	return ""
}

func idTo(e wire.StreamEvent) string {
	s := e.MessageID
	if e.To != "" {
		s += " " + e.To
	}
	return s
}

// short keeps account names (API keys in open mode) from filling the line.
func short(s string) string {
	if len(s) > 10 {
		return s[:8] + ".."
	}
	return s
}
