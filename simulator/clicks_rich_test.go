package simulator_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestTrackingReachesEveryURL: provider click tracking shortens the URLs of
// card and carousel texts, every OPEN_URL suggestion (the message's, a
// card's, a carousel card's) and the SMS fallback, as the spec's "Card
// message with URL tracking" example expects; the message record pairs each
// original URL with its short link, and each short link redirects to it.
func TestTrackingReachesEveryURL(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithTrackingBaseURL("http://sim.test/t"))
	openURL := func(u string) map[string]any {
		return map[string]any{"type": "OPEN_URL", "text": "Open", "postbackData": "open", "url": u}
	}
	card := map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT",
		"content": map[string]any{"title": "Sale", "description": "See https://shop.example/card?a=1&b=2",
			"suggestions": []any{openURL("https://shop.example/card-button")}},
		"suggestions": []any{openURL("https://shop.example/message-button")}}
	carousel := map[string]any{"type": "CAROUSEL", "cardWidth": "MEDIUM", "contents": []any{
		map[string]any{"title": "One", "description": "https://shop.example/one", "suggestions": []any{openURL("https://shop.example/one-button")}},
		map[string]any{"title": "Two https://shop.example/two"},
	}}
	for id, content := range map[string]map[string]any{"card": card, "carousel": carousel} {
		sendTracked(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
			"destinations": []any{map[string]any{"to": "919999000001", "messageId": id}}, "content": content,
			"options": map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Offer https://shop.example/sms"}}}},
			"options": map[string]any{"tracking": map[string]any{"shortenUrl": true, "trackClicks": true}}})
	}
	ts.Sim.Advance(time.Second)
	short := regexp.MustCompile(`^http://sim\.test/t/[A-Za-z0-9]+$`)
	type row struct{ Where, Original string }
	want := map[string][]row{}
	want["card"] = []row{
		{"content.description", "https://shop.example/card?a=1&b=2"},
		{"content.suggestions[0].url", "https://shop.example/card-button"},
		{"suggestions[0].url", "https://shop.example/message-button"},
		{"smsFailover.text", "https://shop.example/sms"},
	}
	want["carousel"] = []row{
		{"contents[0].description", "https://shop.example/one"},
		{"contents[0].suggestions[0].url", "https://shop.example/one-button"},
		{"contents[1].title", "https://shop.example/two"},
		{"smsFailover.text", "https://shop.example/sms"},
	}
	for id, rows := range want {
		m, ok := ts.Sim.Message("", id)
		if !ok {
			t.Fatalf("no message %s", id)
		}
		var got []row
		for _, u := range m.TrackedURLs {
			got = append(got, row{u.Where, u.Original})
			if !short.MatchString(u.Rewritten) {
				t.Errorf("%s: %s rewritten to %q", id, u.Where, u.Rewritten)
			}
			if !strings.Contains(string(m.Content)+m.Failover.Text, u.Rewritten) {
				t.Errorf("%s: the message does not carry %s", id, u.Rewritten)
			}
		}
		sort.Slice(got, func(i, j int) bool { return got[i].Where < got[j].Where })
		sort.Slice(rows, func(i, j int) bool { return rows[i].Where < rows[j].Where })
		if diff := cmp.Diff(rows, got); diff != "" {
			t.Errorf("%s tracked URLs (-want +got):\n%s", id, diff)
		}
		for _, orig := range rows {
			if strings.Contains(string(m.Content), orig.Original+`"`) {
				t.Errorf("%s still carries the original %s", id, orig.Original)
			}
		}
	}
	m, _ := ts.Sim.Message("", "card")
	code := m.TrackedURLs[0].Rewritten[strings.LastIndex(m.TrackedURLs[0].Rewritten, "/")+1:]
	resp, err := noRedirect().Get(ts.URL + "/t/" + code)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != m.TrackedURLs[0].Original {
		t.Fatalf("short link: %d to %q, want 302 to %q", resp.StatusCode, resp.Header.Get("Location"), m.TrackedURLs[0].Original)
	}
}
