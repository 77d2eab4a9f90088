package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

// inbound sends a user's action to a running simulator: a reply, a tap on a
// suggestion, a location or a file, as if from the user's phone.
func inbound(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("inbound", stderr)
	base := fs.String("target", "http://localhost:8080", "base URL of the simulator")
	alias(fs, "url", "target")
	apiKey := fs.String("api-key", "", "API key of the account the user writes to (needed when the user answers no message)")
	token := fs.String("control-token", "", "control-plane token, when the simulator requires one")
	channel := fs.String("channel", "RCS", "RCS or SMS")
	from := fs.String("from", "", "the user's number, e.g. 919999000001 (required)")
	to := fs.String("to", "", "the RCS sender (agent) or SMS number the user writes to (required)")
	text := fs.String("text", "", "a text reply")
	postback := fs.String("postback", "", "tap the suggestion with this postback data")
	suggestion := fs.String("suggestion", "", "tap the suggestion with this text")
	fileURL := fs.String("file-url", "", "send a file at this URL")
	fileType := fs.String("file-type", "", "the file's content type")
	lat := fs.Float64("lat", math.NaN(), "send a location: latitude")
	lng := fs.Float64("lng", math.NaN(), "send a location: longitude")
	asJSON := fs.Bool("json", false, "print the full record as JSON")
	if code, ok := parseArgs(fs, args, stderr); !ok {
		return code
	}
	if *from == "" || *to == "" {
		fmt.Fprintln(stderr, "jiocxsim inbound: --from and --to are required")
		return 2
	}
	in := client.InboundMessage{Channel: strings.ToUpper(*channel), From: *from, To: *to, Type: "TEXT", Text: *text}
	switch {
	case *postback != "" || *suggestion != "":
		in.Type, in.Text = "SUGGESTION", ""
		in.Suggestion = &client.SuggestionChoice{Text: *suggestion, PostbackData: *postback}
	case *fileURL != "":
		in.Type, in.Text = "FILE", ""
		in.File = &client.InboundFile{URL: *fileURL, ContentType: *fileType}
	case !math.IsNaN(*lat) || !math.IsNaN(*lng):
		in.Type, in.Text = "LOCATION", ""
		in.Latitude, in.Longitude = lat, lng
	case *text == "":
		fmt.Fprintln(stderr, "jiocxsim inbound: say what the user sends: --text, --postback/--suggestion, --file-url or --lat/--lng")
		return 2
	}
	var opts []client.Option
	if *apiKey != "" {
		opts = append(opts, client.WithAPIKey(*apiKey))
	}
	if *token != "" {
		opts = append(opts, client.WithToken(*token))
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rec, err := client.New(*base, opts...).Inbound(ctx, in)
	if err != nil {
		fmt.Fprintln(stderr, "jiocxsim inbound:", err)
		if *apiKey == "" && strings.Contains(err.Error(), "no account") {
			fmt.Fprintf(stderr, "jiocxsim inbound: %s has sent %s nothing yet, so the simulator cannot tell which account the user writes to: pass --api-key KEY\n", *to, *from)
			return 2
		}
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rec)
		return 0
	}
	fmt.Fprintf(stdout, "%s %s from %s to %s (message %s)\n", rec.Channel, rec.Message.Type, rec.From, rec.To, rec.MessageID)
	if rec.PairedMessageID != "" {
		fmt.Fprintf(stdout, "  paired with %s (callbackData %q)\n", rec.PairedMessageID, rec.CallbackData)
	}
	switch rec.Route {
	case "push":
		fmt.Fprintf(stdout, "  forwarded to %s as %s\n", rec.URL, rec.Format)
	case "pull":
		fmt.Fprintln(stdout, "  kept for GET /sms/1/inbox/reports")
	default:
		fmt.Fprintln(stdout, "  not forwarded:", rec.Warning)
	}
	for _, e := range rec.Effects {
		fmt.Fprintln(stdout, "  "+e)
	}
	return 0
}
