package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestIDIndexKeepsRepeatsInOrder: an id that repeats lists its messages in
// acceptance order, and removing them brings the index back to one pointer
// and then to nothing.
func TestIDIndexKeepsRepeatsInOrder(t *testing.T) {
	t.Parallel()
	x := newIDIndex()
	mk := func(acct, id string) *Message { return &Message{Submission: &Submission{Account: acct, MessageID: id}} }
	a, b, c, other := mk("a", "x"), mk("b", "x"), mk("c", "x"), mk("a", "y")
	for _, m := range []*Message{a, other, b, c} {
		x.add(m)
	}
	accounts := func(id string) []string {
		var buf [1]*Message
		out := []string{}
		for _, m := range x.lookup(id, &buf) {
			out = append(out, m.Account)
		}
		return out
	}
	steps := []struct {
		remove *Message
		x, y   []string
	}{
		{nil, []string{"a", "b", "c"}, []string{"a"}},
		{b, []string{"a", "c"}, []string{"a"}},
		{a, []string{"c"}, []string{"a"}},
		{other, []string{"c"}, []string{}},
		{c, []string{}, []string{}},
	}
	for _, st := range steps {
		if st.remove != nil {
			x.remove(st.remove)
		}
		if diff := cmp.Diff(st.x, accounts("x")); diff != "" {
			t.Errorf("id x (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(st.y, accounts("y")); diff != "" {
			t.Errorf("id y (-want +got):\n%s", diff)
		}
	}
	if len(x.one) != 0 || len(x.more) != 0 {
		t.Errorf("index not empty after every message was removed: %d single, %d repeated", len(x.one), len(x.more))
	}
}
