package tracking

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func newTest(t *testing.T) *Shortener {
	n := 0
	s, err := New(func() string { n++; return "c" + strconv.Itoa(n) }, DefaultTrackerPatterns())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRewrite(t *testing.T) {
	t.Parallel()
	base := "http://sim.test/t"
	cases := []struct {
		name, text string
		opt        Options
		want       string
		warnings   int
	}{
		{"no shortening", "Go to https://example.com/a", Options{}, "Go to https://example.com/a", 0},
		{"default domain", "Go to https://example.com/a. Or http://example.org!", Options{Shorten: true}, "Go to http://sim.test/t/c1. Or http://sim.test/t/c2!", 0},
		{"remove protocol", "See https://example.com/x", Options{Shorten: true, RemoveProtocol: true}, "See sim.test/t/c1", 0},
		{"custom domain", "See https://example.com/x", Options{Shorten: true, CustomDomain: "Go.Brand.in"}, "See https://go.brand.in/c1", 0},
		{"already a tracker", "See https://bit.ly/abc and http://sim.test/t/zz", Options{Shorten: true}, "See http://sim.test/t/c1 and http://sim.test/t/c2", 2},
		{"text without URLs", "Hello", Options{Shorten: true}, "Hello", 0},
	}
	for _, c := range cases {
		s := newTest(t)
		got, links, warnings := s.Rewrite(c.text, base, c.opt, Link{Account: "a", MessageID: "m"})
		if got != c.want || len(warnings) != c.warnings {
			t.Errorf("%s: %q with %d warnings %q, want %q with %d", c.name, got, len(warnings), warnings, c.want, c.warnings)
		}
		for _, l := range links {
			if back, ok := s.Lookup(l.Code); !ok || back.URL == "" || !strings.Contains(c.text, back.URL) {
				t.Errorf("%s: link %+v does not resolve to a URL of the text", c.name, back)
			}
		}
	}
}

func TestClicksAndDomains(t *testing.T) {
	t.Parallel()
	s := newTest(t)
	_, links, _ := s.Rewrite("https://example.com", "http://x/t", Options{Shorten: true, TrackClicks: true, TrackingURL: "http://hook"}, Link{Account: "a", MessageID: "m"})
	s.Click(links[0].Code)
	l, ok := s.Click(links[0].Code)
	if !ok || l.Clicks != 2 || !l.TrackClicks || l.TrackingURL != "http://hook" {
		t.Fatalf("click: %+v", l)
	}
	if _, ok := s.Click("nope"); ok {
		t.Fatal("unknown code clicked")
	}
	if err := s.CheckDomain("a", "go.brand.in"); !errors.Is(err, ErrDomainNotVerified) {
		t.Fatalf("unregistered domain: %v", err)
	}
	s.SetDomain("a", "go.brand.in", false)
	if err := s.CheckDomain("a", "GO.BRAND.IN"); !errors.Is(err, ErrDomainNotVerified) || !strings.Contains(err.Error(), "not verified") {
		t.Fatalf("unverified domain: %v", err)
	}
	s.SetDomain("a", "go.brand.in", true)
	if err := s.CheckDomain("a", "go.brand.in"); err != nil {
		t.Fatalf("verified domain: %v", err)
	}
	if err := s.CheckDomain("b", "go.brand.in"); err == nil {
		t.Fatal("domains are per account")
	}
	if diff := cmp.Diff(map[string]bool{"go.brand.in": true}, s.Domains("a")); diff != "" {
		t.Fatal(diff)
	}
	s.Reset("a")
	if len(s.Links("a", "")) != 0 || len(s.Domains("a")) != 0 {
		t.Fatal("reset kept state")
	}
}
