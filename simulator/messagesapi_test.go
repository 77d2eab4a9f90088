package simulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// maMessage is a Messages API message with the given channel, destination
// and body; extra sets more properties.
func maMessage(channel, to string, body map[string]any, extra map[string]any) map[string]any {
	m := map[string]any{
		"channel": channel, "sender": map[string]string{"RCS": "DemoAgent", "SMS": "DEMOSMS"}[channel],
		"destinations": []any{map[string]any{"to": to}},
		"content":      map[string]any{"body": body},
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func maSend(t *testing.T, ts *simtest.Server, msgs ...map[string]any) wire.SendResponse {
	t.Helper()
	list := make([]any, len(msgs))
	for i, m := range msgs {
		list[i] = m
	}
	status, body := lcPost(t, ts, "/messages-api/1/messages", map[string]any{"messages": list})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, body)
	}
	var out wire.SendResponse
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// byChannel is a ChannelsDestination for RCS with an SMS failover.
func byChannel(id, to string) []any {
	return []any{map[string]any{"messageId": id, "byChannel": []any{
		map[string]any{"channel": "RCS", "to": to}, map[string]any{"channel": "SMS", "to": to}}}}
}

// TestMessagesAPISendsEveryRCSAndSMSBody sends each body type the two
// channels take and checks the answer and what the simulator stored: RCS
// content in the RCS API's shape, SMS as the adapted text.
func TestMessagesAPISendsEveryRCSAndSMSBody(t *testing.T) {
	t.Parallel()
	reply := map[string]any{"type": "REPLY", "text": "Yes", "postbackData": "yes"}
	cases := []struct {
		name, channel string
		body          map[string]any
		buttons       []any
		wantType      string
		wantText      string
		wantParts     int
	}{
		{"RCS text with buttons", "RCS", map[string]any{"type": "TEXT", "text": "Order shipped"}, []any{reply,
			map[string]any{"type": "OPEN_URL", "text": "Track", "url": "https://shop.example/t", "openIn": "WEBVIEW_HALF"},
			map[string]any{"type": "DIAL_PHONE", "text": "Call", "phoneNumber": "+919876543210"},
			map[string]any{"type": "SHOW_LOCATION", "text": "Store", "latitude": 19.07, "longitude": 72.87, "name": "Bandra"},
			map[string]any{"type": "REQUEST_LOCATION"},
			map[string]any{"type": "ADD_CALENDAR_EVENT", "text": "Remind", "startTime": "2026-02-01T10:00:00.000+0000", "endTime": "2026-02-01T11:00:00.000+0000", "title": "Pickup"},
		}, "TEXT", "Order shipped", 1},
		{"RCS image", "RCS", map[string]any{"type": "IMAGE", "url": "https://cdn.example/a.png", "text": "Look"}, nil, "FILE", "Look", 1},
		{"RCS video", "RCS", map[string]any{"type": "VIDEO", "url": "https://cdn.example/a.mp4", "thumbnailUrl": "https://cdn.example/a.png"}, nil, "FILE", "", 1},
		{"RCS document", "RCS", map[string]any{"type": "DOCUMENT", "url": "https://cdn.example/a.pdf", "filename": "a.pdf"}, nil, "FILE", "", 1},
		{"RCS rich link", "RCS", map[string]any{"type": "RICH_LINK", "text": "Sale", "url": "https://cdn.example/a.png", "redirectUrl": "https://shop.example", "buttonText": "Shop",
			"cardOptions": map[string]any{"orientation": "HORIZONTAL", "alignment": "RIGHT", "height": "TALL"}}, nil, "CARD", "Sale", 1},
		{"RCS carousel", "RCS", map[string]any{"type": "CAROUSEL", "cards": []any{
			map[string]any{"body": map[string]any{"title": "One", "text": "First", "url": "https://cdn.example/1.png"}, "buttons": []any{reply}},
			map[string]any{"body": map[string]any{"title": "Two"}},
		}}, nil, "CAROUSEL", "One First\nTwo", 1},
		{"SMS text", "SMS", map[string]any{"type": "TEXT", "text": strings.Repeat("a", 161)}, nil, "TEXT", strings.Repeat("a", 161), 2},
		{"SMS image adapted", "SMS", map[string]any{"type": "IMAGE", "url": "https://cdn.example/a.png", "text": "Look"}, []any{reply}, "TEXT", "Look\nhttps://cdn.example/a.png", 1},
		{"SMS rich link adapted", "SMS", map[string]any{"type": "RICH_LINK", "text": "Sale", "url": "https://cdn.example/a.png", "redirectUrl": "https://shop.example"}, nil, "TEXT", "Sale\nhttps://shop.example", 1},
	}
	ts := simtest.NewServer(t)
	var firstID string
	for _, c := range cases {
		msg := maMessage(c.channel, "+919999000001", c.body, map[string]any{"webhooks": map[string]any{"callbackData": c.name}})
		if c.buttons != nil {
			msg["content"].(map[string]any)["buttons"] = c.buttons
		}
		out := maSend(t, ts, msg)
		if len(out.Messages) != 1 || out.BulkID == "" {
			t.Fatalf("%s: answer %+v", c.name, out)
		}
		info := out.Messages[0]
		if info.Status.Name != "PENDING_ACCEPTED" || info.Destination != "919999000001" || info.MessageID == "" {
			t.Errorf("%s: message info %+v", c.name, info)
		}
		m, ok := ts.Sim.Message("", info.MessageID)
		if !ok {
			t.Fatalf("%s: not stored", c.name)
		}
		if firstID == "" {
			firstID = m.MessageID
		}
		got := []any{m.API, m.Channel, m.ContentType, m.Text, m.Parts, m.CallbackData, m.BulkID}
		want := []any{"messages-api/1", c.channel, c.wantType, c.wantText, c.wantParts, c.name, out.BulkID}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: stored (-want +got):\n%s", c.name, diff)
		}
	}
	// The buttons became the RCS API's suggestions, so a tap pairs with them.
	var rc wire.RCSContent
	m, _ := ts.Sim.Message("", firstID)
	if err := json.Unmarshal(m.Content, &rc); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, sg := range rc.Suggestions {
		types = append(types, sg.Type+":"+sg.PostbackData)
	}
	wantTypes := []string{"REPLY:yes", "OPEN_URL:Track", "DIAL_PHONE:Call", "SHOW_LOCATION:Store", "REQUEST_LOCATION:Share location", "CREATE_CALENDAR_EVENT:Remind"}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("suggestions (-want +got):\n%s", diff)
	}
	if rc.Suggestions[1].Application != "WEBVIEW" || rc.Suggestions[1].WebviewViewMode != "HALF" {
		t.Errorf("openIn WEBVIEW_HALF mapped to %+v", rc.Suggestions[1])
	}
}
