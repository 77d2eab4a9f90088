package journal

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func ids(j wire.RequestJournal) []uint64 {
	out := []uint64{}
	for _, e := range j.Requests {
		out = append(out, e.ID)
	}
	return out
}

func TestRingDropsOldestAndCountsPerAccount(t *testing.T) {
	t.Parallel()
	j := New(3, DefaultBodyBytes)
	for i, acc := range []string{"a", "b", "a", "b", "b"} {
		j.Add(wire.RequestEntry{Account: acc, Status: 200 + i}, "")
	}
	if diff := cmp.Diff([]uint64{5, 4, 3}, ids(j.List(Filter{}))); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if got := j.List(Filter{Account: "a"}); got.Dropped != 1 || len(got.Requests) != 1 || got.Requests[0].ID != 3 {
		t.Errorf("account a: %+v", got)
	}
	if got := j.List(Filter{Account: "b"}).Dropped; got != 1 {
		t.Errorf("account b dropped %d, want 1", got)
	}
	if got := j.Dropped(); got != 2 {
		t.Errorf("total dropped %d, want 2", got)
	}
}

func TestFilters(t *testing.T) {
	t.Parallel()
	j := New(10, DefaultBodyBytes)
	j.Add(wire.RequestEntry{Account: "a", Method: "POST", Path: "/sms/3/messages", Status: 200}, "")
	j.Add(wire.RequestEntry{Account: "a", Method: "POST", Path: "/sms/3/messages", Status: 400}, "")
	j.Add(wire.RequestEntry{Account: "a", Method: "GET", Path: "/sms/3/reports", Status: 401}, "")
	j.Add(wire.RequestEntry{Account: "b", Method: "POST", Path: "/rcs/2/messages", Status: 400}, "")
	for _, tc := range []struct {
		f    Filter
		want []uint64
	}{
		{Filter{Account: "a", Status: "4xx"}, []uint64{3, 2}},
		{Filter{Status: "400"}, []uint64{4, 2}},
		{Filter{Path: "/sms/3/"}, []uint64{3, 2, 1}},
		{Filter{Method: "get"}, []uint64{3}},
		{Filter{Limit: 2}, []uint64{4, 3}},
	} {
		if diff := cmp.Diff(tc.want, ids(j.List(tc.f))); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tc.f, diff)
		}
	}
	for s, ok := range map[string]bool{"": true, "4xx": true, "404": true, "6xx": false, "abc": false, "99": false} {
		if ValidStatus(s) != ok {
			t.Errorf("ValidStatus(%q) = %v", s, !ok)
		}
	}
}

func TestResetOneAccountKeepsOthers(t *testing.T) {
	t.Parallel()
	j := New(3, DefaultBodyBytes)
	j.Add(wire.RequestEntry{Account: "a"}, "")
	j.Add(wire.RequestEntry{Account: "b"}, "")
	j.Add(wire.RequestEntry{Account: "a"}, "")
	j.Add(wire.RequestEntry{Account: "a"}, "") // drops the first a
	j.Reset("a")
	if diff := cmp.Diff([]uint64{2}, ids(j.List(Filter{}))); diff != "" {
		t.Errorf("after reset (-want +got):\n%s", diff)
	}
	if d := j.List(Filter{Account: "a"}).Dropped; d != 0 {
		t.Errorf("a's drops survived its reset: %d", d)
	}
	j.Add(wire.RequestEntry{Account: "c"}, "")
	j.Add(wire.RequestEntry{Account: "c"}, "")
	j.Add(wire.RequestEntry{Account: "c"}, "") // full again: drops b
	if got := j.List(Filter{Account: "b"}); got.Dropped != 1 || len(got.Requests) != 0 {
		t.Errorf("b after wrap: %+v", got)
	}
}

// The ring grows as entries come (it is not allocated whole at start) and
// still keeps exactly the newest capacity entries once it wraps.
func TestRingGrowsThenWraps(t *testing.T) {
	t.Parallel()
	j := New(40, DefaultBodyBytes)
	for i := 1; i <= 100; i++ {
		j.Add(wire.RequestEntry{Account: "a"}, "")
		if want := min(i, 40); j.Len() != want {
			t.Fatalf("after %d adds: %d kept, want %d", i, j.Len(), want)
		}
	}
	got := ids(j.List(Filter{}))
	if len(got) != 40 || got[0] != 100 || got[39] != 61 {
		t.Errorf("kept %v, want 100 down to 61", got)
	}
	if d := j.Dropped(); d != 60 {
		t.Errorf("dropped %d, want 60", d)
	}
}

// An answer that fits is kept whole and read when listed; a longer one is
// cut, flagged and read at once from the whole answer. Either way a listing
// shows the same ids and violations.
func TestAnswersAreCutAndRead(t *testing.T) {
	t.Parallel()
	j := New(10, 100)
	sent := `{"messages":[{"messageId":"m-1","status":{}},{"messageId":"m-2"}]}`
	long := `{"bulkId":"b","messages":[{"messageId":"far-1"},{"messageId":"` + strings.Repeat("x", 80) + `"}]}`
	legacy := `{"requestError":{"serviceException":{"messageId":"BAD_REQUEST","validationErrors":{"to":["must not be null"],"content":["a","b"]}}}}`
	modern := `{"errorCode":"E400","violations":[{"property":"from","violation":"must not be blank"}]}`
	j.Add(wire.RequestEntry{Status: 200, RequestBody: "cut", Truncated: true}, sent)
	j.Add(wire.RequestEntry{Status: 200}, long)
	j.Add(wire.RequestEntry{Status: 400}, legacy)
	j.Add(wire.RequestEntry{Status: 400}, modern)
	j.Add(wire.RequestEntry{Status: 500}, "not json")
	got := j.List(Filter{}).Requests
	type view struct {
		Body       string
		Truncated  bool
		IDs        []string
		Violations []wire.Violation
	}
	var views []view
	for _, e := range got {
		views = append(views, view{e.ResponseBody, e.Truncated, e.MessageIDs, e.Violations})
	}
	want := []view{
		{"not json", false, []string{}, []wire.Violation{}},
		{modern, false, []string{}, []wire.Violation{{Property: "from", Violation: "must not be blank"}}},
		{legacy[:100], true, []string{}, []wire.Violation{
			{Property: "content", Violation: "a"}, {Property: "content", Violation: "b"}, {Property: "to", Violation: "must not be null"}}},
		{long[:100], true, []string{"far-1", strings.Repeat("x", 80)}, []wire.Violation{}},
		{sent, true, []string{"m-1", "m-2"}, []wire.Violation{}},
	}
	if diff := cmp.Diff(want, views); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	// A second listing reads the kept answers again, to the same result.
	if again := j.List(Filter{Limit: 1, Status: "2xx"}).Requests; len(again) != 1 || !cmp.Equal(again[0].MessageIDs, []string{"far-1", strings.Repeat("x", 80)}) {
		t.Errorf("second listing %+v", again)
	}
}

// Listings read kept answers outside the lock while requests are added.
func TestListWhileAdding(t *testing.T) {
	t.Parallel()
	j := New(50, 100)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 300 {
				j.Add(wire.RequestEntry{Account: "a", Status: 200}, `{"messageId":"`+strconv.Itoa(w*1000+i)+`"}`)
			}
		})
	}
	for range 50 {
		for _, e := range j.List(Filter{}).Requests {
			if len(e.MessageIDs) != 1 || !strings.Contains(e.ResponseBody, e.MessageIDs[0]) {
				t.Fatalf("entry %d: ids %v of %q", e.ID, e.MessageIDs, e.ResponseBody)
			}
		}
	}
	wg.Wait()
	if n := j.Len(); n != 50 {
		t.Errorf("kept %d, want 50", n)
	}
}
