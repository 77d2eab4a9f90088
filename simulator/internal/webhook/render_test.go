package webhook

import (
	"encoding/json"
	"testing"
)

// TestRenderJoinsResultsAsMarshalWould: the joined bodies are byte for byte
// what json.Marshal makes of the same results, for every shape, with
// results holding HTML characters, escapes and non-ASCII text.
func TestRenderJoinsResultsAsMarshalWould(t *testing.T) {
	values := []any{
		map[string]any{"messageId": "m1", "text": "<b>Tom & Jerry</b>", "n": 1},
		map[string]any{"messageId": "m2", "text": "नमस्ते \u2028 \"quoted\"", "list": []int{1, 2}},
		[]string{"a", "b"},
	}
	var items []Item
	var raws []json.RawMessage
	for _, v := range values {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, Item{Result: raw})
		raws = append(raws, raw)
	}
	type counted struct {
		Results             []json.RawMessage `json:"results"`
		MessageCount        int               `json:"messageCount"`
		PendingMessageCount int               `json:"pendingMessageCount"`
	}
	type events struct {
		Results           []json.RawMessage `json:"results"`
		EventCount        int               `json:"eventCount"`
		PendingEventCount int               `json:"pendingEventCount"`
	}
	for _, n := range []int{1, len(items)} {
		cases := []struct {
			shape Shape
			want  any
		}{
			{Results, struct {
				Results []json.RawMessage `json:"results"`
			}{raws[:n]}},
			{Inbound, counted{raws[:n], n, 0}},
			{Events, events{raws[:n], n, 0}},
		}
		for _, tc := range cases {
			batch := append([]Item(nil), items[:n]...)
			for i := range batch {
				batch[i].Shape = tc.shape
			}
			got, err := render(batch)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("shape %v, %d results:\n got %s\nwant %s", tc.shape, n, got, want)
			}
		}
	}
}
