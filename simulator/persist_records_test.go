package simulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
)

// TestKeptPullShape: a waiting pull entry is written with the field names
// and order it had when the entry carried its keys itself, so databases
// written before still restore, and it reads back with the same keys.
func TestKeptPullShape(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(keptPull{Account: "a", At: time.Unix(0, 0).UTC(), Body: map[string]int{"x": 1}, ID: 7})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.Token()
	for dec.More() {
		tok, _ := dec.Token()
		names = append(names, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	wantNames := "Account Family BulkID MessageID EntityID ApplicationID CampaignReferenceID Channel At Body ID"
	if got := strings.Join(names, " "); got != wantNames {
		t.Errorf("a kept pull entry's fields are %q, want %q", got, wantNames)
	}

	// The shape restoreRecords reads it back with.
	var kept struct {
		keptPull
		Body json.RawMessage
	}
	old := `{"Account":"acc","Family":"sms/3","BulkID":"b","MessageID":"m","EntityID":"e","ApplicationID":"ap","CampaignReferenceID":"c","Channel":"SMS","At":"2026-01-01T00:00:00Z","Body":{"messageId":"m"},"ID":3}`
	if err := json.Unmarshal([]byte(old), &kept); err != nil {
		t.Fatal(err)
	}
	e := kept.entry(kept.Body)
	if body, _ := e.Body.(json.RawMessage); string(body) != `{"messageId":"m"}` || e.ID != 3 || e.Family != "sms/3" || !e.At.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("read back %+v", e)
	}
	want := pull.Keys{Account: "acc", BulkID: "b", MessageID: "m", EntityID: "e", ApplicationID: "ap", CampaignReferenceID: "c", Channel: "SMS"}
	if got := e.Keys.PullKeys(); got != want {
		t.Errorf("keys read back %+v, want %+v", got, want)
	}
}
