package wire

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestTimeFormat(t *testing.T) {
	t.Parallel()
	at := time.Date(2019, 11, 9, 16, 0, 0, 123456789, time.FixedZone("CET", 3600))
	b, err := json.Marshal(NewTime(at))
	if err != nil || string(b) != `"2019-11-09T15:00:00.123+0000"` {
		t.Fatalf("marshal: %s %v (want UTC, milliseconds, offset without a colon)", b, err)
	}
	var zero struct {
		T Time `json:"t"`
	}
	if b, _ := json.Marshal(zero); string(b) != `{"t":null}` {
		t.Fatalf("zero time: %s", b)
	}
	for _, s := range []string{"2019-11-09T16:00:00.123+0100", "2019-11-09T16:00:00.123+01:00", "2019-11-09T15:00:00.123Z"} {
		got, err := ParseTime(s)
		if err != nil || !got.Equal(at.Truncate(time.Millisecond)) {
			t.Errorf("ParseTime(%s) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseTime("09/11/2019"); err == nil {
		t.Error("a date in another format parsed")
	}
}

// TestCatalogue: every status and error constant the simulator uses has an
// entry, with the group Infobip gives it.
func TestCatalogue(t *testing.T) {
	t.Parallel()
	groups := map[int]string{GroupPending: "PENDING", GroupUndeliverable: "UNDELIVERABLE", GroupDelivered: "DELIVERED", GroupExpired: "EXPIRED", GroupRejected: "REJECTED"}
	for id := range statuses {
		s := StatusFor(id)
		if s.ID != id || s.Name == "" || s.Description == "" || groups[s.GroupID] != s.GroupName {
			t.Errorf("status %d: %+v", id, s)
		}
		if back, ok := LookupStatus(0, s.Name); !ok || back != s {
			t.Errorf("LookupStatus(%s) = %+v", s.Name, back)
		}
	}
	want := map[int][2]any{
		StatusDeliveredToHandset: {GroupDelivered, "DELIVERED_TO_HANDSET"}, StatusPendingEnroute: {GroupPending, "PENDING_ENROUTE"},
		StatusPendingAccepted: {GroupPending, "PENDING_ACCEPTED"}, StatusExpiredExpired: {GroupExpired, "EXPIRED_EXPIRED"},
		StatusUndeliverableRejectedOperator: {GroupUndeliverable, "UNDELIVERABLE_REJECTED_OPERATOR"}, StatusRejectedDND: {GroupRejected, "REJECTED_DND"},
	}
	for id, w := range want {
		s := StatusFor(id)
		if diff := cmp.Diff(w, [2]any{s.GroupID, s.Name}); diff != "" {
			t.Errorf("status %d (-want +got):\n%s", id, diff)
		}
	}
	for id := range errorCatalogue {
		e := ErrorFor(id)
		if e.ID != id || e.Name == "" || errorGroupNames[e.GroupID] != e.GroupName {
			t.Errorf("error %d: %+v", id, e)
		}
	}
	if e := ErrorFor(ErrUnknownUser); e.GroupID != 1 || e.GroupName != "HANDSET_ERRORS" || !e.Permanent || e.Description != "No matching user found (on platform or on provider)" {
		t.Errorf("7002 as in Infobip's example: %+v", e)
	}
	if (Status{GroupID: GroupDelivered, ID: StatusDeliveredToOperator}).Final() || !StatusFor(StatusRejectedDND).Final() {
		t.Error("DELIVERED_TO_OPERATOR is intermediate, REJECTED_DND final")
	}
}

func TestEnvelopes(t *testing.T) {
	t.Parallel()
	p := &Problem{HTTPStatus: 400, Violations: []Violation{{"content.text", "size must be between 1 and 1000"}, {"content.text", "must not be blank"}}}
	legacy, _ := json.Marshal(p.Render(Legacy))
	if string(legacy) != `{"requestError":{"serviceException":{"messageId":"BAD_REQUEST","text":"Bad request","validationErrors":{"content.text":["size must be between 1 and 1000","must not be blank"]}}}}` {
		t.Errorf("legacy 400: %s", legacy)
	}
	for status := range problemDefs {
		var body map[string]any
		b, _ := json.Marshal((&Problem{HTTPStatus: status}).Render(Modern))
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{"errorCode", "description", "action", "violations", "resources"} {
			if body[field] == nil {
				t.Errorf("modern %d lacks %s: %s", status, field, b)
			}
		}
	}
	unauthorized, _ := json.Marshal((&Problem{HTTPStatus: 401}).Render(Modern))
	if string(unauthorized) != `{"errorCode":"E401","description":"The request lacks valid authentication credentials for the requested resource.","action":"Check the resources and adjust authentication credentials.","violations":[],"resources":[{"name":"API Authentication","url":"https://www.infobip.com/docs/essentials/api-authentication"}]}` {
		t.Errorf("modern 401 is not Infobip's: %s", unauthorized)
	}
	if KnownProblem(418) || !KnownProblem(413) {
		t.Error("KnownProblem")
	}
}
