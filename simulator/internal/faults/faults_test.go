package faults

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestThrottleWindow(t *testing.T) {
	t.Parallel()
	g := New(map[string]Limit{"/p": {Requests: 2, Window: time.Second}})
	t0 := time.Unix(0, 0)
	got := []int{
		g.Check("a", "GET", "/p", t0),
		g.Check("a", "GET", "/p", t0),
		g.Check("a", "GET", "/p", t0.Add(999*time.Millisecond)),
		g.Check("b", "GET", "/p", t0), // accounts have their own windows
		g.Check("a", "GET", "/p", t0.Add(time.Second)),
		g.Check("a", "GET", "/other", t0),
	}
	if diff := cmp.Diff([]int{0, 0, 429, 0, 0, 0}, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestInjectedFaultsCountDown(t *testing.T) {
	t.Parallel()
	g := New(nil)
	g.Inject(Fault{Account: "a", Path: "/send", Status: 429, Count: 2})
	g.Inject(Fault{Path: "/send", Method: "POST", Status: 500, Count: 1})
	t0 := time.Unix(0, 0)
	got := []int{
		g.Check("b", "POST", "/send", t0), // b: the all-accounts 500
		g.Check("a", "POST", "/send", t0),
		g.Check("a", "POST", "/send", t0),
		g.Check("a", "POST", "/send", t0), // both used up
	}
	if diff := cmp.Diff([]int{500, 429, 429, 0}, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if n := len(g.Faults("")); n != 0 {
		t.Fatalf("%d faults still armed", n)
	}
}
