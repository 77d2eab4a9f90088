package sqlite

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

func open(t *testing.T, dir string) *DB {
	t.Helper()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func seqs(t *testing.T, d *DB) []uint64 {
	t.Helper()
	msgs, err := d.Messages()
	if err != nil {
		t.Fatal(err)
	}
	out := []uint64{}
	for _, m := range msgs {
		out = append(out, m.Seq)
	}
	return out
}

func TestMessagesStateAndPendingSurviveReopen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := open(t, dir)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d.Save(&store.Message{Seq: 1, Submission: &store.Submission{Account: "a", MessageID: "m1"}}, &store.Message{Seq: 2, Submission: &store.Submission{Account: "b", MessageID: "m2"}},
		&store.Message{Seq: 3, Submission: &store.Submission{Account: "a", MessageID: "m3", Validity: store.Duration(48 * time.Hour)}})
	d.Save(&store.Message{Seq: 1, Submission: &store.Submission{Account: "a", MessageID: "m1", Text: "updated"}})
	d.Forget([]uint64{2})
	d.SnapshotState(func() map[string]any { return map[string]any{"clock": at} })
	d.PutStep(store.PendingStep{ID: 7, Seq: 3, Kind: "sms-outcome", Due: at})
	d.PutStep(store.PendingStep{ID: 8, Seq: 3, Kind: "seen", Due: at})
	d.DoneStep(8)
	d.PutCallback(store.QueuedCallback{ID: 4, Account: "a", URL: "http://127.0.0.1:9/", Items: []json.RawMessage{json.RawMessage(`{"x":1}`)}, Attempts: 2, NextAttemptAt: at, InFlight: true})
	d.Sync()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d = open(t, dir)
	defer d.Close()
	msgs, err := d.Messages()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].Text != "updated" || time.Duration(msgs[1].Validity) != 48*time.Hour {
		t.Fatalf("messages %+v", msgs)
	}
	var got time.Time
	if ok, err := d.State("clock", &got); !ok || err != nil || !got.Equal(at) {
		t.Errorf("clock state %v %v %v", got, ok, err)
	}
	steps, cbs, err := d.Restore()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]store.PendingStep{{ID: 7, Seq: 3, Kind: "sms-outcome", Due: at}}, steps); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	if len(cbs) != 1 || cbs[0].Attempts != 2 || !cbs[0].InFlight || string(cbs[0].Items[0]) != `{"x":1}` {
		t.Errorf("callbacks %+v", cbs)
	}
}

func TestResetOneAccount(t *testing.T) {
	t.Parallel()
	d := open(t, t.TempDir())
	defer d.Close()
	d.Save(&store.Message{Seq: 1, Submission: &store.Submission{Account: "a"}}, &store.Message{Seq: 2, Submission: &store.Submission{Account: "b"}})
	d.Sync()
	d.Save(&store.Message{Seq: 3, Submission: &store.Submission{Account: "a"}}) // queued, then reset before its commit
	d.Reset("a")
	d.Save(&store.Message{Seq: 4, Submission: &store.Submission{Account: "a"}}) // after the reset: kept
	d.Sync()
	if diff := cmp.Diff([]uint64{2, 4}, seqs(t, d)); diff != "" {
		t.Errorf("after reset (-want +got):\n%s", diff)
	}
	if d.Size() == 0 {
		t.Error("size 0 with rows stored")
	}
}
